import { Layout, seasonNav } from './layout'

/** A season on the follow page: its name and where its pages live (`/s/<slug>`, or '' for the single-subject URLs). */
export interface FollowSeason {
  title: string
  base: string
}

/**
 * `/follow`: the ways to keep up, for fans first (email, a feed reader) and developers last (the
 * JSON API). The nav links here rather than to raw XML and JSON. One feed per season.
 */
export function FollowPage(props: { seasons: FollowSeason[]; origin: string; demo?: boolean }) {
  const several = props.seasons.length > 1
  const only = props.seasons[0] ?? { title: 'the season', base: '' }
  const named = several ? 'the seasons we follow' : only.title
  const firstFeed = `${props.origin}${only.base}/feed.xml`
  return (
    <Layout
      title="Follow | Season Watch"
      description={`Ways to hear about changes to ${named}: email, a feed reader, or JSON.`}
      demo={props.demo ?? false}
      nav={several ? [{ href: '/', label: 'All seasons' }, { href: '/follow', label: 'Follow' }] : seasonNav(only.base, false)}
    >
      <h1>Follow the updates</h1>
      <p class="lead">Three ways to hear when a fact about {named} materially changes. None of them sends rumours.</p>

      <section aria-labelledby="follow-email-h">
        <h2 id="follow-email-h">By email</h2>
        <p>
          The simplest: <a href="/subscribe">subscribe with your address</a>
          {several ? ', choosing the seasons and what to hear about for each' : ''}. You get one email per real change,
          with the evidence and sources, and every email has a one-click unsubscribe.
        </p>
      </section>

      <section aria-labelledby="follow-feed-h">
        <h2 id="follow-feed-h">In a feed reader</h2>
        <p>
          A feed reader is an app or website that collects updates from the sites you follow, with no account on each
          site and no email. Many are free, and some browsers and mail apps have one built in. Add{' '}
          {several ? 'the address of each season you want' : 'this address'} to yours:
        </p>
        {several ? (
          <ul id="feeds">
            {props.seasons.map((s) => (
              <li>
                {s.title}: <code>{`${props.origin}${s.base}/feed.xml`}</code>
              </li>
            ))}
          </ul>
        ) : (
          <pre>
            <code>{firstFeed}</code>
          </pre>
        )}
        <p class="hint">
          The feed is in Atom format, which every feed reader understands. Opened directly in a browser it shows as raw
          XML; that is expected: <a href={`${only.base}/feed.xml`}>see {several ? 'the first one' : 'the feed itself'}</a>.
        </p>
      </section>

      <section aria-labelledby="follow-api-h">
        <h2 id="follow-api-h">For developers: JSON</h2>
        <p>Read-only endpoints, free to use from any site (CORS is open), cached for five minutes:</p>
        <ul>
          <li>
            <a href="/api/subjects">
              <code>/api/subjects</code>
            </a>
            : every season followed, with its slug, stage and latest change.
          </li>
          <li>
            <a href={`${only.base}/api/facts`}>
              <code>{several ? '/s/<slug>/api/facts' : `${only.base}/api/facts`}</code>
            </a>
            : the current facts, each with its certainty, as-of date and sources (<code>facts</code> is{' '}
            <code>null</code> before the first check).
          </li>
          <li>
            <a href={`${only.base}/api/changes`}>
              <code>{several ? '/s/<slug>/api/changes?page=1' : `${only.base}/api/changes?page=1`}</code>
            </a>
            : every material change, newest first, 20 per page, with <code>page</code>, <code>pages</code> and{' '}
            <code>total</code>.
          </li>
        </ul>
        <pre>
          <code>{`curl ${props.origin}${only.base}/api/facts`}</code>
        </pre>
      </section>
    </Layout>
  )
}
