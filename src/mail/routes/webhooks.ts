import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readEmailConfig } from '../delivery/email-config'
import { hashAddress } from '../subscribers/address-hash'
import { markAddress } from '../subscribers/subscriber-store'
import { readWebhookEvent } from '../subscribers/webhook-event'
import { claimWebhookEvent, releaseWebhookEvent } from '../subscribers/webhook-events'
import { verifyWebhook } from '../subscribers/webhook-signature'
import { logEvent } from '../../core/log'

/**
 * `POST /webhooks/resend`: Resend's delivery events. The signature is checked over the raw
 * body before anything is parsed; bounced addresses are suppressed for good, complaining
 * ones unsubscribed. Both stop receiving mail immediately (the consumer re-reads status). Each
 * message id (`svix-id`) is applied once: a replay is acknowledged and ignored.
 */
export function createWebhookRoutes(deps: { now?: () => Date } = {}) {
  const app = new Hono<{ Bindings: Env }>()
  const now = deps.now ?? (() => new Date())

  app.post('/webhooks/resend', bodyLimit({ maxSize: 256 * 1024, onError: (c) => c.json({ ok: false, error: 'too large' }, 413) }), async (c) => {
    const config = readEmailConfig(c.env)
    if (!config.webhookSecret) return c.json({ ok: false, error: 'webhook secret not configured' }, 503)
    const raw = await c.req.text()
    const svixId = c.req.header('svix-id') ?? null
    const check = await verifyWebhook(
      config.webhookSecret,
      { id: svixId, timestamp: c.req.header('svix-timestamp') ?? null, signature: c.req.header('svix-signature') ?? null },
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
    // A replayed delivery (same svix-id) is acknowledged and not applied again.
    if (!(await claimWebhookEvent(c.env.DB, svixId!, now()))) {
      logEvent({ event: 'webhook.duplicate', kind: action.kind, emailId: action.emailId })
      return c.json({ ok: true, duplicate: true })
    }
    let changed = 0
    try {
      for (const address of action.addresses) {
        changed += await markAddress(c.env.DB, address, action.kind, await hashAddress(config.signingKey, address), now())
      }
    } catch (err) {
      // Not applied: give the id back so Svix's retry applies it.
      await releaseWebhookEvent(c.env.DB, svixId!).catch(() => {})
      throw err
    }
    logEvent({ event: 'webhook', kind: action.kind, emailId: action.emailId, addresses: action.addresses.length, changed })
    return c.json({ ok: true, changed })
  })

  return app
}
