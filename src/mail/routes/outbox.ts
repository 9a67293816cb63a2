import { Hono, type MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { readEmailConfig } from '../delivery/email-config'
import { listOutbox, readOutboxEntry } from '../delivery/outbox-store'
import { setPageHeaders } from '../subscribers/page-headers'
import { OutboxEmailPage, OutboxListPage } from '../../../templates/email-outbox-page'

const listQuery = z.object({ to: z.string().max(254).optional() })
const idParam = z.coerce.number().int().positive()

/**
 * `/outbox`: the emails written instead of sent, so the whole flow can be tried offline.
 * Only in the demo (`DEMO_MODE=true`): everywhere else these routes do not exist (404).
 */
export function createOutboxRoutes() {
  const app = new Hono<{ Bindings: Env }>()

  const demoOnly: MiddlewareHandler<{ Bindings: Env }> = async (c, next) => (readEmailConfig(c.env).demoMode ? next() : c.notFound())
  app.use('/outbox', demoOnly)
  app.use('/outbox/*', demoOnly)

  app.get('/outbox', async (c) => {
    setPageHeaders(c)
    const q = listQuery.safeParse(c.req.query())
    const to = q.success ? q.data.to?.trim().toLowerCase() || undefined : undefined
    const entries = await listOutbox(c.env.DB, { to, limit: 100 })
    if ((c.req.header('accept') ?? '').includes('application/json')) return c.json({ entries })
    return c.html(OutboxListPage({ entries, to }))
  })

  app.get('/outbox/:id', async (c) => {
    setPageHeaders(c)
    const id = idParam.safeParse(c.req.param('id'))
    const entry = id.success ? await readOutboxEntry(c.env.DB, id.data) : null
    if (!entry) return c.notFound()
    return c.html(OutboxEmailPage({ entry }))
  })

  app.get('/outbox/:id/html', async (c) => {
    const id = idParam.safeParse(c.req.param('id'))
    const entry = id.success ? await readOutboxEntry(c.env.DB, id.data) : null
    if (!entry) return c.notFound()
    // The email's own HTML, as a mail client would show it: no scripts, no network, and a
    // sandbox so even a rendering bug could not act as this origin.
    c.header('Content-Security-Policy', "sandbox allow-top-navigation-by-user-activation allow-popups; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    c.header('Cache-Control', 'no-store')
    c.header('Referrer-Policy', 'no-referrer')
    c.header('X-Content-Type-Options', 'nosniff')
    return c.html(entry.html)
  })

  return app
}
