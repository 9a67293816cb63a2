import { Layout } from './layout'

/** A short page for errors and notices (404, bad page number): the site's chrome and a way back. */
export function MessagePage(props: { title: string; message: string; demo?: boolean; links?: { href: string; label: string }[] }) {
  const links = props.links ?? [
    { href: '/', label: 'Back to the facts' },
    { href: '/history', label: 'History of changes' },
  ]
  return (
    <Layout title={`${props.title} | Season Watch`} demo={props.demo ?? false}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <p>
        {links.map((l, i) => (
          <>
            {i > 0 ? ' · ' : ''}
            <a href={l.href}>{l.label}</a>
          </>
        ))}
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
