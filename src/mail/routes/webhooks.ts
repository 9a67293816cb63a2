import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readEmailConfig } from '../delivery/email-config'
import { hashAddress } from '../subscribers/address-hash'
import { markAddress } from '../subscribers/subscriber-store'
import { readWebhookEvent } from '../subscribers/webhook-event'
import { verifyWebhook } from '../subscribers/webhook-signature'
import { logEvent } from '../../core/log'

/**
 * `POST /webhooks/resend`: Resend's delivery events. The signature is checked over the raw
 * body before anything is parsed; bounced addresses are suppressed for good, complaining
 * ones unsubscribed. Both stop receiving mail immediately (the consumer re-reads status).
 */
export function createWebhookRoutes(deps: { now?: () => Date } = {}) {
  const app = new Hono<{ Bindings: Env }>()
  const now = deps.now ?? (() => new Date())

  app.post('/webhooks/resend', bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.json({ ok: false, error: 'too large' }, 413) }), async (c) => {
    const config = readEmailConfig(c.env)
    if (!config.webhookSecret) return c.json({ ok: false, error: 'webhook secret not configured' }, 503)
    const raw = await c.req.text()
    const check = await verifyWebhook(
      config.webhookSecret,
      { id: c.req.header('svix-id') ?? null, timestamp: c.req.header('svix-timestamp') ?? null, signature: c.req.header('svix-signature') ?? null },
      raw,
      now(),
    )
    if (!check.ok) {
      logEvent({ event: 'webhook.rejected', level: 'warn', reason: check.reason })
      return c.json({ ok: false, error: check.reason }, 401)
    }
    const action = readWebhookEvent(raw)
    if (!action) return c.json({ ok: false, error: 'malformed event' }, 400)
    if (action.kind === 'ignore') return c.json({ ok: true, ignored: action.type })
    let changed = 0
    for (const address of action.addresses) {
      changed += await markAddress(c.env.DB, address, action.kind, await hashAddress(config.signingKey, address), now())
    }
    logEvent({ event: 'webhook', kind: action.kind, emailId: action.emailId, addresses: action.addresses.length, changed })
    return c.json({ ok: true, changed })
  })

  return app
}
