import type { PublicView } from '../src/core/public-view'
import { formatTime } from '../src/site/format'
import { FactSheet } from './fact-sheet'
import { HistoryList } from './history-list'
import { Layout } from './layout'
import { SubscribeForm } from './subscribe-form'

export interface HomePageProps {
  show: string
  season: number
  view: PublicView | null
  /** How many of the newest editions to show (the rest are on /history). */
  recent: number
  /** Turnstile site key; the widget shows only when one is configured. */
  turnstileSiteKey?: string | null
}

/** `/`: where the season stands, how to subscribe, and what changed lately. */
export function HomePage(props: HomePageProps) {
  const { view } = props
  const title = `${props.show} Season ${props.season}`
  const history = view?.history ?? []
  return (
    <Layout title={`${title}: where it stands | Season Watch`} description={`The current facts about ${title}, with sources, and a history of every change.`}>
      <h1>{title}: where it stands</h1>
      {view ? (
        <p class="lead">
          Last changed <time datetime={view.updatedAt}>{formatTime(view.updatedAt)}</time>. Each fact shows how sure it is and
          where it comes from.
        </p>
      ) : null}

      <section aria-labelledby="facts-h">
        <h2 id="facts-h">Current facts</h2>
        {view ? <FactSheet facts={view.facts} /> : <p class="empty">No facts yet — the first run hasn't happened.</p>}
      </section>

      <section aria-labelledby="subscribe-h">
        <h2 id="subscribe-h">Get an email when something changes</h2>
        <SubscribeForm turnstileSiteKey={props.turnstileSiteKey ?? null} />
      </section>

      <section aria-labelledby="recent-h">
        <h2 id="recent-h">Recent changes</h2>
        <HistoryList entries={history.slice(0, props.recent)} />
        {history.length > 0 ? (
          <p>
            <a href="/history">Full history</a> · <a href="/feed.xml">Atom feed</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}
