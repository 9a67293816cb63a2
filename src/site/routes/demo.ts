import { Hono, type Context } from 'hono'
import { readEditionRecipients } from '../../mail/delivery/edition-store'
import { listRunReports } from '../../pipeline/run/run-report-store'
import { workersKv } from '../../store/kv'
import { firstSubject } from '../../store/subject-store'
import { isDemoMode, servedOrigin } from '../../worker/config'
import { resetAllState, runAllNow } from '../../worker/run-now'
import { readFirstSubjectView } from '../read-public-view'
import { serveDemoDocument } from '../demo/demo-documents'
import { rebaseDemoUrls } from '../demo/demo-origin'
import { parseOutcomeQuery, summarizeDemoRun, toOutcomeQuery } from '../demo/demo-run'
import { LAST_DEMO_STEP, readDemoStep, writeDemoStep } from '../demo/demo-step'
import { DemoPage } from '../../../templates/demo-page'
import { describeFinding } from '../../../templates/run-report'
import { findingLine } from '../../pipeline/facts/explain-findings'

/**
 * The offline demo (DEMO_MODE only; 404 otherwise): demo news documents whose content depends
 * on a step counter in KV, and buttons (POST) to advance, reset and run the cron.
 */
export const demoRoutes = new Hono<{ Bindings: Env }>()

type Ctx = Context<{ Bindings: Env }>

// Outside demo mode none of this exists, not even the index page (`/demo/*` matches `/demo` too).
demoRoutes.use('/demo/*', async (c, next) => (isDemoMode(c.env) ? next() : c.notFound()))

/** Browsers (forms) get a redirect back to /demo (with `query`); curl and scripts get JSON. */
function reply(c: Ctx, body: Record<string, unknown>, query = '') {
  return (c.req.header('Accept') ?? '').includes('text/html') ? c.redirect(query ? `/demo?${query}` : '/demo', 303) : c.json(body)
}

/** Run reports the demo page shows: the newest few of the first subject's (the one the demo news is about). */
const DEMO_REPORTS_SHOWN = 3

demoRoutes.get('/demo', async (c) => {
  const [step, first] = await Promise.all([readDemoStep(workersKv(c.env.STATE)), firstSubject(c.env.DB)])
  const origin = servedOrigin(c.env, c.req.url)
  const runs = first ? (await listRunReports(c.env.DB, first.slug, DEMO_REPORTS_SHOWN)).map((r) => rebaseDemoUrls(r.summary, origin)) : []
  c.header('Cache-Control', 'no-store')
  return c.html(DemoPage({ step, lastStep: LAST_DEMO_STEP, origin, outcome: parseOutcomeQuery(c.req.query()), runs }))
})

demoRoutes.post('/demo/advance', async (c) => {
  const kv = workersKv(c.env.STATE)
  const step = await writeDemoStep(kv, (await readDemoStep(kv)) + 1)
  return reply(c, { step, lastStep: LAST_DEMO_STEP })
})

/** Back to step 0 with no pipeline state (every subject's), so the next run is a fresh silent baseline. */
demoRoutes.post('/demo/reset', async (c) => {
  await writeDemoStep(workersKv(c.env.STATE), 0)
  const cleared = await resetAllState(c.env)
  return reply(c, { step: 0, lastStep: LAST_DEMO_STEP, cleared })
})

/**
 * Runs every active subject now, in this request (the code each runs-Queue message runs), and
 * says what the first subject's run did (the one the demo news is about).
 */
demoRoutes.post('/demo/run', async (c) => {
  const runs = await runAllNow(c.env, 'demo')
  const first = runs[0]?.report
  const report = first ?? { skipped: true, baseline: false, changes: [], failed: [] }
  // The edition just recorded is the newest history entry; D1 knows whom it was planned for.
  const material = report.changes.some((ch) => ch.material)
  const edition = material ? (await readFirstSubjectView(c.env, workersKv(c.env.STATE))).view?.history[0]?.id : undefined
  const outcome = summarizeDemoRun(report, edition ? await readEditionRecipients(c.env.DB, edition) : null)
  return reply(
    c,
    {
      skipped: report.skipped,
      baseline: report.baseline,
      changes: outcome.material,
      recorded: outcome.recorded,
      recipients: outcome.recipients,
      failed: report.failed,
      // Why each finding was or was not sent ("Stage: Filming: sent: confirmed by Netflix").
      why: (first?.summary?.findings ?? []).map((f) => `${describeFinding(f)}: ${findingLine(f)}`),
      subjects: runs.map(({ slug, report: r }) => ({ slug, ran: r !== null && !r.skipped, material: r?.changes.filter((ch) => ch.material).length ?? 0 })),
    },
    toOutcomeQuery(outcome),
  )
})

// The news documents themselves: feed, "everything we know" page, articles.
demoRoutes.get('/demo/*', async (c) => {
  const step = await readDemoStep(workersKv(c.env.STATE))
  const res = await serveDemoDocument(c.req.path, step, servedOrigin(c.env, c.req.url), c.req.header('If-None-Match') ?? null)
  return res ?? c.notFound()
})
