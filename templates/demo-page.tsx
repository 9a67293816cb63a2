import { demoPaths } from '../src/site/demo/demo-documents'
import { Layout } from './layout'

const STEP_TEXT = [
  'Baseline: the renewal is known and fans speculate about the cast. The first run records this silently.',
  'Netflix announces that filming has begun, with two returning actors (a material change).',
  'Netflix announces that filming has wrapped (a material change).',
]

/** The demo news documents the cron reads (the demo's sources). */
const DOCUMENTS = [
  { path: demoPaths.feed(), label: 'RSS feed' },
  { path: demoPaths.overview(), label: '"Everything we know" page' },
]

/** `/demo`: what the demo is, where it stands, and buttons to move it along. */
export function DemoPage(props: { step: number; lastStep: number; publicUrl: string }) {
  const { step, lastStep, publicUrl } = props
  // What `wrangler dev --test-scheduled` answers: the schedule in wrangler.toml, run now.
  const runCron = `curl "${publicUrl}/__scheduled?cron=0+7+*+*+1,4"`
  return (
    <Layout title="Demo | Season Watch">
      <h1>Offline demo</h1>
      <p class="lead">
        The cron reads demo news served by this Worker instead of real sites. Advance the demo, run the cron, and watch
        the <a href="/">fact sheet</a> and <a href="/history">history</a> change.
      </p>

      <section aria-labelledby="demo-step-h">
        <h2 id="demo-step-h">
          Step {step} of {lastStep}
        </h2>
        <ol start={0}>
          {STEP_TEXT.map((text, i) => (
            <li aria-current={i === step ? 'step' : undefined}>{i === step ? <strong>{text}</strong> : text}</li>
          ))}
        </ol>
        <div class="subscribe-row">
          <form method="post" action="/demo/run">
            <button type="submit">Run the cron now</button>
          </form>
          <form method="post" action="/demo/advance">
            <button type="submit" disabled={step >= lastStep}>
              Advance to the next step
            </button>
          </form>
          <form method="post" action="/demo/reset">
            <button type="submit">Reset the demo</button>
          </form>
        </div>
      </section>

      <section aria-labelledby="demo-docs-h">
        <h2 id="demo-docs-h">The demo news</h2>
        <ul>
          {DOCUMENTS.map((doc) => (
            <li>
              <a href={doc.path}>{doc.label}</a> (source <code>{publicUrl + doc.path}</code>)
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="demo-cli-h">
        <h2 id="demo-cli-h">From a terminal</h2>
        <pre>
          <code>
            {`${runCron}   # run the cron
curl -X POST ${publicUrl}/demo/advance             # next step
${runCron}   # run again
curl ${publicUrl}/api/changes                       # the change`}
          </code>
        </pre>
      </section>
    </Layout>
  )
}
