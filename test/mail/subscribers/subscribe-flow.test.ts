import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import { signLinkToken } from '../../../src/mail/subscribers/link-token'
import { TURNSTILE_TEST_SECRETS } from '../../../src/mail/subscribers/turnstile'
import { queue } from '../../../src/worker/queue'
import { fakeSiteverify } from './fake-siteverify'
import { call, clearTables, FIRST, form, makeApp, nextIp, rowFor, seasonsOf, SIGNING_KEY, testEnv } from './helpers'

const app = makeApp()

/** Runs the Queue consumer over the given jobs (no RESEND_API_KEY: the outbox). */
async function consume(e: Env, jobs: EmailJob[]) {
  const batch = createMessageBatch<EmailJob>(
    'season-watch-email',
    jobs.map((body, i) => ({ id: `m${i}-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 1, body })),
  )
  const ctx = createExecutionContext()
  await queue(batch as MessageBatch<unknown>, e, ctx)
  return getQueueResult(batch, ctx)
}

async function outboxFor(to: string) {
  const { results } = await env.DB.prepare('SELECT * FROM outbox WHERE to_addr = ?1 ORDER BY id').bind(to).all<{ subject: string; text: string; html: string; kind: string; headers_json: string }>()
  return results
}

function linkIn(text: string, path: string): string {
  const m = new RegExp(`https?://\\S+${path.replace('/', '\\/')}\\?token=\\S+`).exec(text)
  if (!m) throw new Error(`no ${path} link in:\n${text}`)
  return m[0]
}

beforeEach(clearTables)

describe('subscribing with double opt-in', () => {
  it('subscribe → confirmation email → GET shows a button and changes nothing → POST confirms', async () => {
    const e = testEnv()
    const res = await call(app, e, '/subscribe', form({ email: '  Fan@Example.COM ', website: '' }, nextIp()))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Check your inbox')
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'")

    const row = await rowFor('fan@example.com')
    expect(row).toMatchObject({ status: 'pending', confirm_sends: 1 })
    // A form that names no season (an older one, a script) follows the first subject, everything.
    expect(e.EMAIL_QUEUE.jobs).toEqual([{ kind: 'confirm', subscriberId: row!.id, sendNo: 1, seasons: `${FIRST}_a` }])

    const result = await consume(e, e.EMAIL_QUEUE.jobs)
    expect(result.explicitAcks).toHaveLength(1)
    const [mail] = await outboxFor('fan@example.com')
    expect(mail).toMatchObject({ kind: 'confirm', subject: 'Confirm your Season Watch subscription' })
    const confirmUrl = linkIn(mail!.text, '/confirm')
    expect(mail!.html).toContain(confirmUrl.replace(/&/g, '&amp;'))

    // A mail scanner following the link: a page with a button, no state change.
    const page = await call(app, e, confirmUrl.replace('http://localhost:8787', ''))
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<form method="post" action="/confirm">')
    expect((await rowFor('fan@example.com'))!.status).toBe('pending')

    const token = new URL(confirmUrl).searchParams.get('token')!
    const done = await call(app, e, '/confirm', form({ token }))
    expect(done.status).toBe(200)
    expect(await done.text()).toContain('You’re subscribed')
    expect((await rowFor('fan@example.com'))!.status).toBe('active')
    expect(await seasonsOf(row!.id)).toEqual({ [FIRST]: 'all' })
    // Pressing again is harmless.
    expect((await call(app, e, '/confirm', form({ token }))).status).toBe(200)
  })

  it('answers the same whether the address is new, pending or active, and sends nothing extra', async () => {
    const e = testEnv()
    const bodies: string[] = []
    for (let i = 0; i < 3; i++) {
      const res = await call(app, e, '/subscribe', form({ email: 'same@example.com' }, nextIp()))
      expect(res.status).toBe(200)
      bodies.push(await res.text())
    }
    await env.DB.prepare("UPDATE subscribers SET status = 'active', confirmed_at = ?1 WHERE email = 'same@example.com'").bind(new Date().toISOString()).run()
    const active = await call(app, e, '/subscribe', form({ email: 'same@example.com' }, nextIp()))
    bodies.push(await active.text())
    expect(new Set(bodies).size).toBe(1)
    // Only the first request queued a confirmation (re-sends are limited to one per 10 minutes).
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(1)

    const json = await call(app, e, '/subscribe', { ...form({ email: 'same@example.com' }, nextIp()), headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' } })
    expect(json.status).toBe(202)
    expect(await json.json()).toEqual({ ok: true, message: expect.stringContaining('If this address can be subscribed') })
  })

  it('limits re-sending a pending confirmation: 10 minutes apart, 5 in all', async () => {
    let now = new Date('2026-02-01T10:00:00Z')
    const clocked = makeApp({ now: () => now })
    const e = testEnv()
    for (let i = 0; i < 8; i++) {
      await call(clocked, e, '/subscribe', form({ email: 'again@example.com' }, nextIp()))
      now = new Date(now.getTime() + 11 * 60_000)
    }
    expect(e.EMAIL_QUEUE.jobs.map((j) => (j.kind === 'confirm' ? j.sendNo : 0))).toEqual([1, 2, 3, 4, 5])
    // Only the newest confirmation is sent; an older queued one is skipped.
    await consume(e, e.EMAIL_QUEUE.jobs)
    expect(await outboxFor('again@example.com')).toHaveLength(1)
  })

  it('rejects bad input with a clear message and status, never a 500', async () => {
    const e = testEnv()
    const bad = await call(app, e, '/subscribe', form({ email: 'not-an-address' }, nextIp()))
    expect(bad.status).toBe(400)
    const html = await bad.text()
    expect(html).toContain('does not look like an email address')
    expect(html).toContain('value="not-an-address"')

    const long = await call(app, e, '/subscribe', form({ email: `${'a'.repeat(250)}@example.com` }, nextIp()))
    expect(long.status).toBe(400)
    expect(await long.text()).toContain('longer than 254')

    const huge = await call(app, e, '/subscribe', form({ email: 'x@example.com', pad: 'x'.repeat(20_000) }, nextIp()))
    expect(huge.status).toBe(413)

    const missing = await call(app, e, '/subscribe', form({}, nextIp()))
    expect(missing.status).toBe(400)

    const hostile = await call(app, e, '/subscribe', form({ email: '"><script>alert(1)</script>@x' }, nextIp()))
    expect(hostile.status).toBe(400)
    expect(await hostile.text()).not.toContain('<script>alert(1)')

    const injected = await call(app, e, '/subscribe', form({ email: 'a@example.com\r\nBcc: b@example.com' }, nextIp()))
    expect(injected.status).toBe(400)

    const json = await call(app, e, '/subscribe', { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'cf-connecting-ip': nextIp() }, body: '{"email": 5}' })
    expect(json.status).toBe(400)
    expect(await json.json()).toMatchObject({ ok: false })
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(0)
  })

  it('fills nothing for a bot that fills the honeypot, but answers like for a person', async () => {
    const e = testEnv()
    const res = await call(app, e, '/subscribe', form({ email: 'bot@example.com', website: 'http://spam.example' }, nextIp()))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Check your inbox')
    expect(await rowFor('bot@example.com')).toBeNull()
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(0)
  })

  it('rate-limits one IP with the Workers rate limiting binding', async () => {
    const e = testEnv()
    const ip = '192.0.2.77'
    const statuses: number[] = []
    for (let i = 0; i < 7; i++) statuses.push((await call(app, e, '/subscribe', form({ email: `r${i}@example.com` }, ip))).status)
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200])
    expect(statuses.slice(5)).toEqual([429, 429])
    const limited = await call(app, e, '/subscribe', form({ email: 'r9@example.com' }, ip))
    expect(limited.headers.get('retry-after')).toBe('60')
    expect(await limited.text()).toContain('Too many attempts')
    // Another IP is unaffected.
    expect((await call(app, e, '/subscribe', form({ email: 'other@example.com' }, nextIp()))).status).toBe(200)
  })

  it('checks Turnstile when TURNSTILE_SECRET_KEY is set (documented test secrets, fake siteverify)', async () => {
    const fake = fakeSiteverify()
    const withTurnstile = makeApp({ fetch: fake.fetch })
    const pass = testEnv({ TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRETS.pass, TURNSTILE_SITE_KEY: '1x00000000000000000000AA' })
    const fail = testEnv({ TURNSTILE_SECRET_KEY: TURNSTILE_TEST_SECRETS.fail, TURNSTILE_SITE_KEY: '2x00000000000000000000AB' })

    const page = await call(withTurnstile, pass, '/subscribe')
    const html = await page.text()
    expect(html).toContain('class="cf-turnstile" data-sitekey="1x00000000000000000000AA"')
    expect(page.headers.get('content-security-policy')).toContain('script-src https://challenges.cloudflare.com')

    // A form too large to read is drawn again with its widget, so the next try can pass.
    const huge = await call(withTurnstile, pass, '/subscribe', form({ email: 'human@example.com', pad: 'x'.repeat(20_000) }, nextIp()))
    expect(huge.status).toBe(413)
    expect(await huge.text()).toContain('class="cf-turnstile" data-sitekey="1x00000000000000000000AA"')
    expect(huge.headers.get('content-security-policy')).toContain('script-src https://challenges.cloudflare.com')

    const ok = await call(withTurnstile, pass, '/subscribe', form({ email: 'human@example.com', 'cf-turnstile-response': 'XXXX.DUMMY.TOKEN.XXXX' }, nextIp()))
    expect(ok.status).toBe(200)
    expect(await rowFor('human@example.com')).not.toBeNull()

    const noToken = await call(withTurnstile, pass, '/subscribe', form({ email: 'lazy@example.com' }, nextIp()))
    expect(noToken.status).toBe(403)
    expect(await noToken.text()).toContain('complete the check')

    const rejected = await call(withTurnstile, fail, '/subscribe', form({ email: 'robot@example.com', 'cf-turnstile-response': 'XXXX.DUMMY.TOKEN.XXXX' }, nextIp()))
    expect(rejected.status).toBe(403)
    expect(await rowFor('robot@example.com')).toBeNull()
    expect(await rowFor('lazy@example.com')).toBeNull()
    expect(fake.calls.map((c) => c.secret)).toEqual([TURNSTILE_TEST_SECRETS.pass, TURNSTILE_TEST_SECRETS.fail])
  })

  it('shows a clear page for forged, expired and wrong-purpose confirm links', async () => {
    const e = testEnv()
    await call(app, e, '/subscribe', form({ email: 'late@example.com' }, nextIp()))
    const id = (await rowFor('late@example.com'))!.id
    const forged = await signLinkToken('not-the-key', 'confirm', id, Math.floor(Date.now() / 1000) + 3600)
    const expired = await signLinkToken(SIGNING_KEY, 'confirm', id, Math.floor(Date.now() / 1000) - 1)
    const unsubToken = await signLinkToken(SIGNING_KEY, 'unsubscribe', id, null)
    for (const [token, text] of [
      [forged, 'not valid'],
      [expired, 'expired'],
      [unsubToken, 'not valid'],
      ['garbage', 'not valid'],
    ] as const) {
      const get = await call(app, e, `/confirm?token=${encodeURIComponent(token)}`)
      expect(get.status).toBe(400)
      expect(await get.text()).toContain(text)
      const post = await call(app, e, '/confirm', form({ token }))
      expect(post.status).toBe(400)
    }
    expect((await rowFor('late@example.com'))!.status).toBe('pending')
  })

  it('deletes what the retention policy no longer needs', async () => {
    const old = '2025-01-01T00:00:00.000Z'
    const recent = new Date(Date.now() - 86_400_000).toISOString()
    await env.DB.batch([
      env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at) VALUES ('stale@example.com', 'pending', ?1, ?1)").bind(old),
      env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at) VALUES ('fresh@example.com', 'pending', ?1, ?1)").bind(recent),
      env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, left_at) VALUES (NULL, 'unsubscribed', ?1, ?1, ?1)").bind(old),
      env.DB.prepare("INSERT INTO subscribers (email, suppress_hash, status, created_at, updated_at, left_at) VALUES (NULL, 'h', 'bounced', ?1, ?1, ?2)").bind(old, recent),
      env.DB.prepare("INSERT INTO outbox (dedupe_key, kind, to_addr, subject, text, html, headers_json, created_at) VALUES ('old', 'confirm', 'x@example.com', 's', 't', 'h', '{}', ?1)").bind(old),
    ])
    await call(app, testEnv(), '/subscribe', form({ email: 'trigger@example.com' }, nextIp()))
    const left = await env.DB.prepare('SELECT email, status FROM subscribers ORDER BY id').all<{ email: string | null; status: string }>()
    expect(left.results).toEqual([
      { email: 'fresh@example.com', status: 'pending' },
      { email: null, status: 'bounced' },
      { email: 'trigger@example.com', status: 'pending' },
    ])
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM outbox').first('n')).toBe(0)
  })

  it('fails clearly (503) when SIGNING_KEY is missing outside the demo', async () => {
    const e = testEnv({ SIGNING_KEY: undefined })
    const res = await call(app, e, '/subscribe', form({ email: 'x@example.com' }, nextIp()))
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('unavailable')
  })
})
