import { Layout } from './layout'

/** A short page for errors and notices (404, bad page number). */
export function MessagePage(props: { title: string; message: string }) {
  return (
    <Layout title={`${props.title} | Season Watch`}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Back to the facts</a>
      </p>
    </Layout>
  )
}
