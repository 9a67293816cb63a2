import { Layout } from './layout'

/** A short page for errors and notices (404, bad page number): the site's chrome and a way back. */
export function MessagePage(props: { title: string; message: string; demo?: boolean }) {
  return (
    <Layout title={`${props.title} | Season Watch`} demo={props.demo ?? false}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        <a href="/">Back to the facts</a> · <a href="/history">History of changes</a>
      </p>
    </Layout>
  )
}

/** The page for any URL that does not exist. */
export function NotFoundPage(props: { demo?: boolean }) {
  return MessagePage({
    title: 'Page not found',
    message: 'There is nothing at this address. It may have moved, or the link may be incomplete.',
    demo: props.demo ?? false,
  })
}
