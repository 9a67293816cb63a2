import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { hashAddress } from '../../../src/mail/subscribers/address-hash'
import { signLinkToken } from '../../../src/mail/subscribers/link-token'
import { signWebhook } from '../../../src/mail/subscribers/webhook-signature'
import { call, clearTables, form, makeApp, nextIp, seedActive, SIGNING_KEY, testEnv, WEBHOOK_SECRET } from './helpers'

const app = makeApp()

async function statusOf(id: number) {
  return env.DB.prepare('SELECT status, email, reason, suppress_hash FROM subscribers WHERE id = ?1').bind(id).first<{ status: string; email: string | null; reason: string | null; suppress_hash: string | null }>()
}

async function webhook(e: Env, payload: unknown, opts: { at?: Date; secret?: string; tamper?: boolean } = {}) {
  const body = JSON.stringify(payload)
  const ts = Math.floor((opts.at ?? new Date()).getTime() / 1000)
  // Each delivery has its own message id, as Svix sends them (a replay reuses one).
  const id = `msg_${crypto.randomUUID()}`
  const signature = await signWebhook(opts.secret ?? WEBHOOK_SECRET, id, ts, body)
  return call(app, e, '/webhooks/resend', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': signature },
    body: opts.tamper ? body.replace('bounced', 'delivered') : body,
  })
}

beforeEach(clearTables)

describe('unsubscribing', () => {
  it('the body link shows a button (GET changes nothing); the button unsubscribes and erases the address', async () => {
    const [id] = await seedActive(1, { prefix: 'leaver' })
    const token = await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null)
    const e = testEnv()
    const page = await call(app, e, `/unsubscribe?token=${token}`)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('<form method="post" action="/unsubscribe">')
    expect(page.headers.get('referrer-policy')).toBe('no-referrer')
    expect((await statusOf(id!))!.status).toBe('active')

    const done = await call(app, e, '/unsubscribe', form({ token }))
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('You’re unsubscribed')
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null, reason: 'user' })
    // Idempotent.
    expect((await call(app, e, '/unsubscribe', form({ token }))).status).toBe(200)
  })

  it('RFC 8058 one-click: POST unsubscribes and answers 200 with no page interaction', async () => {
    const [id] = await seedActive(1, { prefix: 'oneclick' })
    const token = await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null)
    // Opened in a browser instead, the same URL shows the button.
    const before = await call(app, testEnv(), `/unsubscribe/one-click?token=${token}`)
    expect(await before.text()).toContain('action="/unsubscribe"')
    const res = await call(app, testEnv(), `/unsubscribe/one-click?token=${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    })
    expect(res.status).toBe(200)
    expect(await statusOf(id!)).toMatchObject({ status: 'unsubscribed', email: null, reason: 'one-click' })
    // Opened again afterwards, it says so instead of offering the button again.
    for (const path of ['/unsubscribe/one-click', '/unsubscribe']) {
      const again = await call(app, testEnv(), `${path}?token=${token}`)
      expect(again.status).toBe(200)
      const page = await again.text()
      expect(page).toContain('You are already unsubscribed')
      expect(page).not.toContain('action="/unsubscribe"')
    }
  })

  it('a forged token gets a clear 400, not a 500, and changes nothing', async () => {
    const [id] = await seedActive(1, { prefix: 'safe' })
    const forged = await signLinkToken('wrong-key', 'unsubscribe', id!, null)
    const e = testEnv()
    expect((await call(app, e, `/unsubscribe?token=${forged}`)).status).toBe(400)
    const page = await call(app, e, '/unsubscribe', form({ token: forged }))
    expect(page.status).toBe(400)
    expect(await page.text()).toContain('not valid')
    expect((await call(app, e, `/unsubscribe/one-click?token=${forged}`, { method: 'POST' })).status).toBe(400)
    expect((await call(app, e, '/unsubscribe/one-click', { method: 'POST' })).status).toBe(400)
    expect((await statusOf(id!))!.status).toBe('active')
  })

  it('after leaving, the same address can subscribe again (double opt-in again)', async () => {
    const [id] = await seedActive(1, { prefix: 'back' })
    const e = testEnv()
    await call(app, e, `/unsubscribe/one-click?token=${await signLinkToken(SIGNING_KEY, 'unsubscribe', id!, null)}`, { method: 'POST' })
    await call(app, e, '/subscribe', form({ email: 'back0@example.com' }, nextIp()))
    const row = await env.DB.prepare("SELECT id, status FROM subscribers WHERE email = 'back0@example.com'").first<{ id: number; status: string }>()
    expect(row).toMatchObject({ status: 'pending' })
    expect(row!.id).not.toBe(id)
  })
})

describe('Resend webhooks', () => {
  it('a verified email.bounced suppresses the address for good; email.complained unsubscribes', async () => {
    const [a, b] = await seedActive(2, { prefix: 'hook' })
    const e = testEnv()
    const bounced = await webhook(e, { type: 'email.bounced', created_at: new Date().toISOString(), data: { email_id: 'em_1', to: ['hook0@example.com'] } })
    expect(bounced.status).toBe(200)
    expect(await bounced.json()).toEqual({ ok: true, changed: 1 })
    expect(await statusOf(a!)).toMatchObject({ status: 'bounced', email: null, suppress_hash: await hashAddress(SIGNING_KEY, 'hook0@example.com') })

    const complained = await webhook(e, { type: 'email.complained', data: { to: 'Reader <HOOK1@example.com>' } })
    expect(complained.status).toBe(200)
    expect(await statusOf(b!)).toMatchObject({ status: 'unsubscribed', email: null, reason: 'complaint' })

    // A bounced address that tries to subscribe again gets the usual answer, and nothing happens.
    const again = await call(app, e, '/subscribe', form({ email: 'hook0@example.com' }, nextIp()))
    expect(again.status).toBe(200)
    expect(await env.DB.prepare("SELECT 1 FROM subscribers WHERE email = 'hook0@example.com'").first()).toBeNull()
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(0)

    const other = await webhook(e, { type: 'email.delivered', data: { to: ['x@example.com'] } })
    expect(await other.json()).toEqual({ ok: true, ignored: 'email.delivered' })
  })

  it('rejects unsigned, tampered, stale or wrongly signed webhooks', async () => {
    const [id] = await seedActive(1, { prefix: 'victim' })
    const e = testEnv()
    const payload = { type: 'email.bounced', data: { to: ['victim0@example.com'] } }
    expect((await webhook(e, payload, { tamper: true })).status).toBe(401)
    expect((await webhook(e, payload, { at: new Date(Date.now() - 10 * 60_000) })).status).toBe(401)
    expect((await webhook(e, payload, { secret: 'whsec_d3Jvbmctd3Jvbmctd3Jvbmc=' })).status).toBe(401)
    expect((await call(app, e, '/webhooks/resend', { method: 'POST', body: JSON.stringify(payload) })).status).toBe(401)
    expect((await statusOf(id!))!.status).toBe('active')
    // Not configured: refuse rather than trust.
    expect((await webhook(testEnv({ RESEND_WEBHOOK_SECRET: undefined }), payload)).status).toBe(503)
  })
})

describe('the local outbox page', () => {
  it('exists only in demo mode, and opens an email’s HTML under a sandboxing CSP', async () => {
    await env.DB.prepare(
      `INSERT INTO outbox (dedupe_key, kind, to_addr, subject, text, html, headers_json, created_at)
       VALUES ('k1', 'update', 'o@example.com', 'Subj <b>x</b>', 'plain <i>', '<html><body><a href="https://x.example">x</a></body></html>', '{"List-Unsubscribe":"<https://x>"}', '2026-01-01T00:00:00Z')`,
    ).run()
    expect((await call(app, testEnv(), '/outbox')).status).toBe(404)
    expect((await call(app, testEnv(), '/outbox/1/html')).status).toBe(404)

    const demo = testEnv({ DEMO_MODE: 'true' })
    const list = await call(app, demo, '/outbox?to=O@example.com')
    expect(list.status).toBe(200)
    const listHtml = await list.text()
    expect(listHtml).toContain('Subj &lt;b&gt;x&lt;/b&gt;')
    const id = /href="\/outbox\/(\d+)"/.exec(listHtml)![1]
    const one = await call(app, demo, `/outbox/${id}`)
    expect(await one.text()).toContain('plain &lt;i&gt;')
    const raw = await call(app, demo, `/outbox/${id}/html`)
    expect(raw.headers.get('content-security-policy')).toMatch(/^sandbox /)
    expect(await raw.text()).toContain('<a href="https://x.example">')
    expect((await call(app, demo, '/outbox/999999')).status).toBe(404)
    expect((await call(app, demo, '/outbox/abc')).status).toBe(404)
  })
})
