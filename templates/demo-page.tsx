import type { RunSummary } from '../src/pipeline/run/run-report'
import { DEMO_STEPS } from '../src/site/demo/demo-articles'
import { demoPaths, secondShowPaths } from '../src/site/demo/demo-documents'
import { DEMO_SECOND_SUBJECT } from '../src/site/demo/demo-second-show'
import { describeDemoRun, type DemoRunOutcome } from '../src/site/demo/demo-run'
import { Layout } from './layout'
import { RunReportList } from './run-report'

/** The demo news documents the cron reads (the demo's sources). */
const DOCUMENTS = [
  { path: demoPaths.feed(), label: 'RSS feed' },
  { path: demoPaths.overview(), label: '"Everything we know" page' },
]

export interface DemoPageProps {
  step: number
  lastStep: number
  /** The origin this page is served from, for the copy-paste commands. */
  origin: string
  /** What the last "Run the cron now" did, when the page is its answer. */
  outcome?: DemoRunOutcome | null
  /** The newest run reports of the demo's subject (demo URLs already on the served origin). */
  runs?: RunSummary[]
  /** The demo's second show is followed already (a subject). */
  secondShowFollowed?: boolean
}

/** `/demo`: what the demo is, where it stands, what the last run did, and buttons to move it along. */
export function DemoPage(props: DemoPageProps) {
  const { step, lastStep, origin, outcome } = props
  // What `wrangler dev --test-scheduled` answers: the schedule in wrangler.toml, run now.
  const runCron = `curl "${origin}/__scheduled?cron=0+7+*+*+1,4"`
  const atEnd = step >= lastStep
  const now = DEMO_STEPS[step]
  return (
    <Layout title="Demo | Season Watch" demo>
      <h1>Offline demo</h1>
      <p class="lead">
        A made-up news site, served by this Worker, publishes one article per step. Most of what arrives must stay quiet;
        only real news should send an email. Advance a step, run the cron, and compare with what the step expects.
      </p>

      {outcome ? (
        <div class={`notice${outcome.kind === 'skipped' ? ' notice-warn' : ''}`} role="status" id="run-outcome">
          <p style="margin:0">
            <strong>Run finished.</strong> {describeDemoRun(outcome)}
          </p>
          <p style="margin:.35rem 0 0">
            {outcome.kind === 'sent' && outcome.recipients !== 0 ? (
              <>
                <a href="/outbox">See the email in the outbox</a> · <a href="/">See the fact sheet</a>
              </>
            ) : (
              <a href="/">See the fact sheet</a>
            )}
          </p>
        </div>
      ) : null}

      <section aria-labelledby="demo-step-h">
        <h2 id="demo-step-h">
          Step {step} of {lastStep}
        </h2>
        {now ? (
          <p>
            <strong>{now.arrives}</strong>
            <br />
            <span class="hint">Expected: {now.expect}</span>
          </p>
        ) : null}
        <div class="actions">
          <form method="post" action="/demo/run">
            <button type="submit">Run the cron now</button>
          </form>
          <form method="post" action="/demo/advance">
            <button type="submit" disabled={atEnd} aria-describedby={atEnd ? 'demo-at-end' : undefined}>
              {atEnd ? 'Last step reached' : `Advance to step ${step + 1}`}
            </button>
          </form>
          <form method="post" action="/demo/reset" class="push">
            <button type="submit" class="button-secondary">
              Reset the demo
            </button>
          </form>
        </div>
        {atEnd ? (
          <p class="hint" id="demo-at-end">
            That was the last step. Reset to start again from a silent baseline.
          </p>
        ) : null}
        <p class="hint">
          To see the emails, <a href="/">subscribe on the home page</a> first and confirm from the{' '}
          <a href="/outbox">outbox</a>; nothing is really sent. Reset clears the facts and history, not the subscribers.
        </p>
      </section>

      <section aria-labelledby="demo-runs-h">
        <h2 id="demo-runs-h">Why it sent, or did not</h2>
        <p class="hint">
          Each run keeps a short report: the documents it read, the claims it found, and for each finding why it was or
          was not sent. The newest is open.
        </p>
        <RunReportList reports={props.runs ?? []} id="demo-runs" empty="No runs yet: press “Run the cron now”." />
      </section>

      <section aria-labelledby="demo-steps-h">
        <h2 id="demo-steps-h">All the steps</h2>
        <ol class="steps" start={0}>
          {DEMO_STEPS.map((s, i) => (
            <li aria-current={i === step ? 'step' : undefined}>
              {i === step ? <strong>{s.arrives}</strong> : s.arrives}
              <span class="expect">Expected: {s.expect}</span>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="demo-docs-h">
        <h2 id="demo-docs-h">The demo news</h2>
        <ul>
          {DOCUMENTS.map((doc) => (
            <li>
              <a href={doc.path}>{doc.label}</a> (<code>{origin + doc.path}</code>)
            </li>
          ))}
        </ul>
        <SecondShow followed={props.secondShowFollowed ?? false} />
      </section>

      <section aria-labelledby="demo-cli-h">
        <h2 id="demo-cli-h">From a terminal</h2>
        <pre>
          <code>
            {`curl -X POST ${origin}/demo/advance   # next step
${runCron}   # run the cron
curl ${origin}/api/changes   # what was recorded`}
          </code>
        </pre>
      </section>
    </Layout>
  )
}

/**
 * The second show Demo TV News covers, on the same steps: not followed until someone adds it, in
 * the admin (as a maintainer would) or with this button.
 */
function SecondShow(props: { followed: boolean }) {
  const s = DEMO_SECOND_SUBJECT
  const title = `${s.show} Season ${s.season}`
  return (
    <div id="demo-second-show">
      <h3>A second show to follow</h3>
      <p>
        The same site also covers <strong>{title}</strong> (<a href={secondShowPaths.feed()}>its feed</a>,{' '}
        <a href={secondShowPaths.overview()}>its “everything we know” page</a>), on the same steps.
      </p>
      {props.followed ? (
        <p>
          It is followed: see <a href={`/s/${s.slug}/`}>its page</a>. Subscribe to both on the <a href="/">home page</a>,
          choosing “only the release date and trailers” for one, and walk the steps.
        </p>
      ) : (
        <>
          <p>
            To follow several seasons, add it as a subject in <a href="/admin">the admin</a> (docs/demo.md lists its slug and
            sources), or here in one press:
          </p>
          <form method="post" action="/demo/follow-second-show">
            <button type="submit">Follow {title} too</button>
          </form>
        </>
      )}
    </div>
  )
}
