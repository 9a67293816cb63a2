import { Hono, type Context } from 'hono'
import { workersKv } from '../../store/kv'
import { isDemoMode, readPublicUrl } from '../../worker/config'
import { resetAllState, runAllNow } from '../../worker/run-now'
import { serveDemoDocument } from '../demo/demo-documents'
import { LAST_DEMO_STEP, readDemoStep, writeDemoStep } from '../demo/demo-step'
import { DemoPage } from '../../../templates/demo-page'

/**
 * The offline demo (DEMO_MODE only; 404 otherwise): demo news documents whose content depends
 * on a step counter in KV, and buttons (POST) to advance, reset and run the cron.
 */
export const demoRoutes = new Hono<{ Bindings: Env }>()

// Outside demo mode none of this exists, not even the index page (`/demo/*` matches `/demo` too).
demoRoutes.use('/demo/*', async (c, next) => (isDemoMode(c.env) ? next() : c.notFound()))

/** Browsers (forms) get a redirect back to /demo; curl and scripts get JSON. */
function reply(c: Context<{ Bindings: Env }>, body: Record<string, unknown>) {
  return (c.req.header('Accept') ?? '').includes('text/html') ? c.redirect('/demo', 303) : c.json(body)
}

demoRoutes.get('/demo', async (c) => {
  const step = await readDemoStep(workersKv(c.env.STATE))
  c.header('Cache-Control', 'no-store')
  return c.html(DemoPage({ step, lastStep: LAST_DEMO_STEP, publicUrl: readPublicUrl(c.env) }))
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

/** Runs every active subject now, in this request (the code each runs-Queue message runs). */
demoRoutes.post('/demo/run', async (c) => {
  const runs = await runAllNow(c.env, 'demo')
  const first = runs[0]?.report
  return reply(c, {
    skipped: first?.skipped ?? true,
    baseline: first?.baseline ?? false,
    changes: first?.changes.filter((ch) => ch.material).length ?? 0,
    failed: first?.failed ?? [],
    subjects: runs.map(({ slug, report }) => ({ slug, ran: report !== null && !report.skipped, material: report?.changes.filter((ch) => ch.material).length ?? 0 })),
  })
})

// The news documents themselves: feed, "everything we know" page, articles.
demoRoutes.get('/demo/*', async (c) => {
  const step = await readDemoStep(workersKv(c.env.STATE))
  const res = await serveDemoDocument(c.req.path, step, readPublicUrl(c.env), c.req.header('If-None-Match') ?? null)
  return res ?? c.notFound()
})
