import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { claimWebhookEvent, WEBHOOK_ID_RETENTION_MS } from '../../../src/mail/subscribers/webhook-events'
import { signWebhook } from '../../../src/mail/subscribers/webhook-signature'
import { call, clearTables, makeApp, seedActive, testEnv, WEBHOOK_SECRET } from './helpers'

const app = makeApp()

/** One signed delivery: a Svix retry re-signs the same id with a new timestamp. */
async function deliver(e: Env, id: string, payload: unknown) {
  const body = JSON.stringify(payload)
  const ts = Math.floor(Date.now() / 1000)
  const signature = await signWebhook(WEBHOOK_SECRET, id, ts, body)
  return call(app, e, '/webhooks/resend', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': signature },
    body,
  })
}

const statusOf = (id: number) => env.DB.prepare('SELECT status FROM subscribers WHERE id = ?1').bind(id).first<{ status: string }>()

beforeEach(async () => {
  await clearTables()
  await env.DB.prepare('DELETE FROM webhook_events').run()
})

describe('Resend webhook replays (same svix-id)', () => {
  it('are acknowledged and not applied twice', async () => {
    const [id] = await seedActive(1, { prefix: 'replay' })
    const complaint = { type: 'email.complained', data: { to: ['replay0@example.com'] } }
    const first = await deliver(testEnv(), 'msg_replayed', complaint)
    expect(await first.json()).toEqual({ ok: true, changed: 1 })
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed' })

    // The reader subscribes again; the replayed complaint must not unsubscribe them a second time.
    const [again] = await seedActive(1, { prefix: 'replay' })
    const replay = await deliver(testEnv(), 'msg_replayed', complaint)
    expect(replay.status).toBe(200)
    expect(await replay.json()).toEqual({ ok: true, duplicate: true })
    expect(await statusOf(again!)).toMatchObject({ status: 'active' })
  })

  it('are applied when the first delivery failed half-way (the claim is given back)', async () => {
    const [id] = await seedActive(1, { prefix: 'flaky' })
    const failing = new Proxy(env.DB, {
      get(target, key) {
        if (key === 'prepare') return (sql: string) => (/^\s*UPDATE subscribers/.test(sql) ? { bind: () => ({ run: async () => Promise.reject(new Error('D1 is down')) }) } : target.prepare(sql))
        const value = Reflect.get(target, key, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const bounce = { type: 'email.bounced', data: { to: ['flaky0@example.com'] } }
    const down = await deliver(testEnv({ DB: failing }), 'msg_flaky', bounce).catch(() => null)
    expect(down === null || down.status >= 500).toBe(true)
    expect(await statusOf(id!)).toMatchObject({ status: 'active' })
    const retry = await deliver(testEnv(), 'msg_flaky', bounce)
    expect(await retry.json()).toEqual({ ok: true, changed: 1 })
    expect(await statusOf(id!)).toMatchObject({ status: 'bounced' })
    vi.restoreAllMocks()
  })

  it('are remembered for the retention, then forgotten', async () => {
    const t = new Date('2026-03-01T00:00:00Z')
    expect(await claimWebhookEvent(env.DB, 'msg_old', t)).toBe(true)
    expect(await claimWebhookEvent(env.DB, 'msg_old', new Date(t.getTime() + WEBHOOK_ID_RETENTION_MS - 1000))).toBe(false)
    expect(await claimWebhookEvent(env.DB, 'msg_old', new Date(t.getTime() + WEBHOOK_ID_RETENTION_MS + 1000))).toBe(true)
  })
})
