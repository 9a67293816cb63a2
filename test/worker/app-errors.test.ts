import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import { createApp } from '../../src/app'
import { DATABASE_NOT_SET_UP } from '../../src/worker/app-errors'
import { signLinkToken } from '../../src/mail/subscribers/link-token'
import { isMissingTableError } from '../../src/store/d1-errors'

/** The real D1, but every table name points at one that does not exist: a database never migrated. */
function unmigrated(db: D1Database): D1Database {
  const TABLES = /\b(subscribers|subscriptions|subjects|editions|edition_batches|outbox|admin_state|admin_lockouts|webhook_events|run_lock)\b/g
  return new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => target.prepare(sql.replace(TABLES, '$1_never_created'))
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

const TOKEN = 'app-errors-admin-token-0123456789abcdef'
const SIGNING_KEY = 'app-errors-signing-key-0123456789abcdef'

describe('a database without its tables', () => {
  const app = createApp()
  const e = { ...env, DB: unmigrated(env.DB), SIGNING_KEY, ADMIN_TOKEN: TOKEN, DEMO_MODE: 'false' } as unknown as Env

  it('is recognised from the D1 error itself', async () => {
    const err = await unmigrated(env.DB).prepare('SELECT 1 FROM subscribers').first().catch((x: unknown) => x)
    expect(isMissingTableError(err)).toBe(true)
    expect(isMissingTableError(new Error('UNIQUE constraint failed'))).toBe(false)
  })

  it('answers 503 with a clear message, JSON for the API, not a bare 500', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const api = await app.request('/api/sources', { headers: { Authorization: `Bearer ${TOKEN}`, 'cf-connecting-ip': '192.0.2.9' } }, e)
    expect(api.status).toBe(503)
    expect(await api.json()).toEqual({ error: DATABASE_NOT_SET_UP })
    // Valid links, so the request reaches the database.
    const confirmToken = await signLinkToken(SIGNING_KEY, 'confirm', 7, Math.floor(Date.now() / 1000) + 3600)
    const confirm = await app.request('/confirm', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ token: confirmToken }).toString() }, e)
    expect(confirm.status).toBe(503)
    expect(await confirm.text()).toBe(DATABASE_NOT_SET_UP)
    const unsubscribe = await app.request(`/unsubscribe/one-click?token=${await signLinkToken(SIGNING_KEY, 'unsubscribe', 7, null)}`, { method: 'POST' }, e)
    expect(unsubscribe.status).toBe(503)
    const page = await app.request('/admin', {}, e)
    expect(page.status).toBe(503)
    expect(await page.text()).toMatch(/database has no tables.*migrations apply/)
    vi.restoreAllMocks()
  })

  it('answers 503 to a sign-up, whose work runs after the response, instead of 200 and losing it', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const ctx = createExecutionContext()
    const res = await app.request(
      '/subscribe',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '192.0.2.10' }, body: new URLSearchParams({ email: 'late@example.com' }).toString() },
      e,
      ctx,
    )
    await waitOnExecutionContext(ctx)
    expect(res.status).toBe(503)
    expect(await res.text()).toBe(DATABASE_NOT_SET_UP)
    const json = await app.request(
      '/subscribe',
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'cf-connecting-ip': '192.0.2.11' }, body: JSON.stringify({ email: 'late@example.com' }) },
      e,
      createExecutionContext(),
    )
    expect(json.status).toBe(503)
    expect(await json.json()).toEqual({ error: DATABASE_NOT_SET_UP })
    vi.restoreAllMocks()
  })
})
