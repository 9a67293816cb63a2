import type { PublicView } from '../src/core/public-view'
import type { SeasonChoice } from '../src/mail/subscribers/choices'
import { describeStage, happenedOn } from '../src/site/describe-fact'
import type { SeasonGlance } from '../src/site/season-glance'
import { formatDay, formatTime, seasonTitle } from '../src/site/format'
import { FactSheet } from './fact-sheet'
import { HistoryList } from './history-list'
import { Layout, seasonNav } from './layout'
import { SubscribeForm, type FormSeason } from './subscribe-form'

/** A followed season as the public pages need it. */
export interface SeasonRef {
  slug: string
  show: string
  season: number
  status: 'active' | 'paused'
}

export interface HomePageProps {
  subject: SeasonRef
  /** Where this season's pages live: `/s/<slug>`, or '' for the first season's single-subject URLs. */
  base: string
  /** More than one season is followed (the header then links to all of them). */
  several: boolean
  view: PublicView | null
  /** How many of the newest editions to show (the rest are on the history page). */
  recent: number
  /** The seasons the subscribe form offers, and which are ticked. */
  form: { seasons: FormSeason[]; selected: SeasonChoice[] }
  /** The `.ics` of the confirmed premiere, when there is one. */
  calendarUrl?: string | null
  /** Turnstile site key; the widget shows only when one is configured. */
  turnstileSiteKey?: string | null
  /** The offline demo is running (DEMO_MODE): point at its controls and outbox. */
  demo?: boolean
}

/** One season's page (`/s/<slug>/`, and `/` while one season is followed): where it stands, how to subscribe, what changed lately. */
export function HomePage(props: HomePageProps) {
  const { view, demo = false, base } = props
  const title = seasonTitle(props.subject)
  const history = view?.history ?? []
  const latest = history[0]
  const happened = latest ? happenedOn(latest) : null
  return (
    <Layout
      title={`${title}: where it stands | Season Watch`}
      description={`The current facts about ${title}, with sources, and a history of every change.`}
      demo={demo}
      nav={seasonNav(base, props.several)}
      feed={`${base}/feed.xml`}
    >
      <h1>{title}: where it stands</h1>
      {demo ? <DemoNotice /> : null}
      {props.subject.status === 'paused' ? (
        <p class="notice notice-warn" id="paused-notice">
          Season Watch is not checking {title} for now. The facts below are as of the last check.
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
        {view ? <FactSheet facts={view.facts} calendarUrl={props.calendarUrl ?? null} /> : <NoFactsYet demo={demo} />}
      </section>

      <section aria-labelledby="subscribe-h">
        <h2 id="subscribe-h">Get an email when something changes</h2>
        <SubscribeForm seasons={props.form.seasons} selected={props.form.selected} turnstileSiteKey={props.turnstileSiteKey ?? null} />
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
            <a href={`${base}/history`}>Full history</a> · <a href="/follow">Follow the updates</a>
          </p>
        ) : null}
      </section>
    </Layout>
  )
}

/** One season in the list on `/`: its glance (stage, latest change) decides what is shown. */
export interface SeasonSummary {
  subject: SeasonRef
  glance: SeasonGlance | null
}

/** `/` while several seasons are followed: each with its stage and latest change, then the subscribe form. */
export function SeasonsPage(props: { seasons: SeasonSummary[]; form: { seasons: FormSeason[]; selected: SeasonChoice[] }; turnstileSiteKey?: string | null; demo?: boolean }) {
  const demo = props.demo ?? false
  return (
    <Layout
      title="The seasons we follow | Season Watch"
      description="Where each followed season stands, with sources, and an email when a fact materially changes."
      demo={demo}
      nav={[
        { href: '/', label: 'All seasons' },
        { href: '/follow', label: 'Follow' },
      ]}
    >
      <h1>The seasons we follow</h1>
      {demo ? <DemoNotice /> : null}
      <p class="lead">Each season’s facts come with how sure they are and where they come from. Pick one for the details.</p>
      <ul class="season-cards" id="seasons">
        {props.seasons.map(({ subject, glance }) => {
          const latest = glance?.latest
          const happened = latest?.happened ?? null
          const base = `/s/${encodeURIComponent(subject.slug)}`
          return (
            <li id={`season-card-${subject.slug}`} data-status={subject.status}>
              <h3>
                <a href={`${base}/`}>{seasonTitle(subject)}</a>
                {subject.status === 'paused' ? <span class="detected"> (paused: not checked for now)</span> : null}
              </h3>
              <p class="meta">
                <span>Stage: {glance?.stage ? describeStage(glance.stage) : 'not known yet'}</span>
              </p>
              <p class="season-latest">
                {latest ? (
                  <>
                    Latest change: {latest.summary}{' '}
                    <span class="detected">
                      (<time datetime={happened ?? latest.at}>{happened ? formatDay(happened) : formatTime(latest.at)}</time>)
                    </span>
                  </>
                ) : glance ? (
                  'No material change since the first check.'
                ) : (
                  'Not checked yet.'
                )}
              </p>
            </li>
          )
        })}
      </ul>

      <section aria-labelledby="subscribe-h">
        <h2 id="subscribe-h">Get an email when something changes</h2>
        <SubscribeForm seasons={props.form.seasons} selected={props.form.selected} turnstileSiteKey={props.turnstileSiteKey ?? null} />
      </section>
    </Layout>
  )
}

function DemoNotice() {
  return (
    <p class="notice notice-warn">
      This is the offline demo: the news comes from a made-up news site served by this Worker. Move it along and run the
      cron on the <a href="/demo">demo page</a>; emails are not sent but kept in the <a href="/outbox">outbox</a>.
    </p>
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
