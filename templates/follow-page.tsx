import { Layout } from './layout'

/**
 * `/follow`: the ways to keep up, for fans first (email, a feed reader) and developers last (the
 * JSON API). The nav links here rather than to raw XML and JSON.
 */
export function FollowPage(props: { show: string; season: number; origin: string; demo?: boolean }) {
  const title = `${props.show} Season ${props.season}`
  const feedUrl = `${props.origin}/feed.xml`
  return (
    <Layout title={`Follow ${title} | Season Watch`} description={`Ways to hear about changes to ${title}: email, a feed reader, or JSON.`} demo={props.demo ?? false}>
      <h1>Follow the updates</h1>
      <p class="lead">Three ways to hear when a fact about {title} materially changes. None of them sends rumours.</p>

      <section aria-labelledby="follow-email-h">
        <h2 id="follow-email-h">By email</h2>
        <p>
          The simplest: <a href="/subscribe">subscribe with your address</a>. You get one email per real change, with the
          evidence and sources, and every email has a one-click unsubscribe.
        </p>
      </section>

      <section aria-labelledby="follow-feed-h">
        <h2 id="follow-feed-h">In a feed reader</h2>
        <p>
          A feed reader is an app or website that collects updates from the sites you follow, with no account on each
          site and no email. Many are free, and some browsers and mail apps have one built in. Add this address to yours:
        </p>
        <pre>
          <code>{feedUrl}</code>
        </pre>
        <p class="hint">
          The feed is in Atom format, which every feed reader understands. Opened directly in a browser it shows as raw
          XML; that is expected: <a href="/feed.xml">see the feed itself</a>.
        </p>
      </section>

      <section aria-labelledby="follow-api-h">
        <h2 id="follow-api-h">For developers: JSON</h2>
        <p>Two read-only endpoints, free to use from any site (CORS is open), cached for five minutes:</p>
        <ul>
          <li>
            <a href="/api/facts">
              <code>/api/facts</code>
            </a>
            : the current facts, each with its certainty, as-of date and sources (<code>facts</code> is{' '}
            <code>null</code> before the first check).
          </li>
          <li>
            <a href="/api/changes">
              <code>/api/changes?page=1</code>
            </a>
            : every material change, newest first, 20 per page, with <code>page</code>, <code>pages</code> and{' '}
            <code>total</code>.
          </li>
        </ul>
        <pre>
          <code>{`curl ${props.origin}/api/facts`}</code>
        </pre>
      </section>
    </Layout>
  )
}
