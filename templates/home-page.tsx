import type { PublicView } from '../src/core/public-view'
import { happenedOn } from '../src/site/describe-fact'
import { formatDay, formatTime } from '../src/site/format'
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
  /** The offline demo is running (DEMO_MODE): point at its controls and outbox. */
  demo?: boolean
}

/** `/`: where the season stands, how to subscribe, and what changed lately. */
export function HomePage(props: HomePageProps) {
  const { view, demo = false } = props
  const title = `${props.show} Season ${props.season}`
  const history = view?.history ?? []
  const latest = history[0]
  const happened = latest ? happenedOn(latest) : null
  return (
    <Layout
      title={`${title}: where it stands | Season Watch`}
      description={`The current facts about ${title}, with sources, and a history of every change.`}
      demo={demo}
    >
      <h1>{title}: where it stands</h1>
      {demo ? (
        <p class="notice notice-warn">
          This is the offline demo: the news comes from a made-up news site served by this Worker. Move it along and run
          the cron on the <a href="/demo">demo page</a>; emails are not sent but kept in the <a href="/outbox">outbox</a>.
        </p>
      ) : null}
      {latest ? (
        <p class="lead">
          Last changed{' '}
          {happened ? (
            <>
              <time datetime={happened}>{formatDay(happened)}</time> (detected{' '}
              <time datetime={latest.at}>{formatTime(latest.at)}</time>)
            </>
          ) : (
            <time datetime={latest.at}>{formatTime(latest.at)}</time>
          )}
          . Each fact shows how sure it is and where it comes from.
        </p>
      ) : view ? (
        <p class="lead">No material change since the first check. Each fact shows how sure it is and where it comes from.</p>
      ) : null}

      <section aria-labelledby="facts-h">
        <h2 id="facts-h">Current facts</h2>
        {view ? <FactSheet facts={view.facts} /> : <NoFactsYet demo={demo} />}
      </section>

      <section aria-labelledby="subscribe-h">
        <h2 id="subscribe-h">Get an email when something changes</h2>
        <SubscribeForm turnstileSiteKey={props.turnstileSiteKey ?? null} />
        {demo ? (
          <p class="hint">
            In the demo, the confirmation email and every update land in the <a href="/outbox">outbox</a>.
          </p>
        ) : null}
      </section>

      <section aria-labelledby="recent-h">
        <h2 id="recent-h">Recent changes</h2>
        <HistoryList entries={history.slice(0, props.recent)} />
        {history.length > 0 ? (
          <p>
            <a href="/history">Full history</a> · <a href="/follow">Follow the updates</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}

/** Before the first run: say so, and how to start one. */
function NoFactsYet(props: { demo: boolean }) {
  return (
    <div class="empty">
      <p style="margin-top:0">No facts yet: the first check has not run.</p>
      {props.demo ? (
        <p style="margin-bottom:0">
          Start it on the <a href="/demo">demo page</a> with <strong>Run the cron now</strong>. The first run records a
          silent baseline; the news after it is what gets emailed.
        </p>
      ) : (
        <p style="margin-bottom:0">
          It runs on a schedule; maintainers can start the first run at once: see “The first run” in the
          README.
        </p>
      )}
    </div>
  )
}
