import { env } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { MIN_TOKEN_LENGTH } from '../../src/admin/auth'
import { setLogSink } from '../../src/core/log'
import { makeAdmin, ORIGIN, TOKEN } from './helpers'

/** The real bindings, the real ADMIN_LIMITER included (helpers.adminEnv lifts it). */
const realEnv = (vars: Record<string, string> = {}) => ({ ...env, DEMO_MODE: 'false', ADMIN_TOKEN: TOKEN, ...vars }) as Env
const app = makeAdmin()
const bearer = (token: string, ip: string) => ({ headers: { Authorization: `Bearer ${token}`, 'cf-connecting-ip': ip } })
const loginWith = (token: string, ip: string, e = realEnv()) =>
  app.request('/admin/login', { method: 'POST', headers: { Origin: ORIGIN, 'cf-connecting-ip': ip }, body: new URLSearchParams({ token }) }, e)

afterEach(() => vi.restoreAllMocks())

describe('the admin token', () => {
  it(`turns the admin off with a clear message when it is shorter than ${MIN_TOKEN_LENGTH} characters`, async () => {
    const short = 'x'.repeat(MIN_TOKEN_LENGTH - 1)
    const e = realEnv({ ADMIN_TOKEN: short })
    const api = await app.request('/api/sources', bearer(short, '198.51.100.1'), e)
    expect(api.status).toBe(503)
    const body = (await api.json()) as { error: string }
    expect(body.error).toMatch(/ADMIN_TOKEN is 31 characters long; use a random token of at least 32/)
    for (const res of [await app.request('/admin', {}, e), await loginWith(short, '198.51.100.1', e)]) {
      expect(res.status).toBe(503)
      const html = await res.text()
      expect(html).toMatch(/at least 32/)
      expect(html).not.toContain(short)
    }
    expect((await app.request('/api/sources', bearer('y'.repeat(MIN_TOKEN_LENGTH), '198.51.100.1'), realEnv({ ADMIN_TOKEN: 'y'.repeat(MIN_TOKEN_LENGTH) }))).status).toBe(200)
  })
})

describe('wrong credentials', () => {
  it('are logged without the token, and past the limit lock the IP out, right token or not', async () => {
    const events: Record<string, unknown>[] = []
    const previous = setLogSink((e) => events.push(e))
    const ip = '203.0.113.7'
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await app.request('/api/sources', bearer(`guess-${i}-${TOKEN}`, ip), realEnv())).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401))
    expect(statuses[10]).toBe(429)
    // Locked out: the right token is not even checked.
    const right = await app.request('/api/sources', bearer(TOKEN, ip), realEnv())
    expect(right.status).toBe(429)
    expect(right.headers.get('Retry-After')).toBe('900')
    expect(await right.json()).toEqual({ error: expect.stringMatching(/Too many wrong admin credentials/) })
    // Another address is not affected.
    expect((await app.request('/api/sources', bearer(TOKEN, '203.0.113.8'), realEnv())).status).toBe(200)

    setLogSink(previous)
    const logged = events.filter((e) => e.event === 'admin.auth-failed')
    expect(logged).toHaveLength(11)
    expect(logged[0]).toMatchObject({ level: 'warn', via: 'api', reason: 'wrong token', ip, path: '/api/sources', lockedOut: false })
    expect(logged[10]).toMatchObject({ lockedOut: true })
    expect(JSON.stringify(logged)).not.toContain('guess-')
    expect(JSON.stringify(logged)).not.toContain(TOKEN)
  })

  it('on the login form count too, and a locked-out IP cannot log in', async () => {
    const ip = '203.0.113.9'
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) statuses.push((await loginWith(`nope-${i}`, ip)).status)
    expect(statuses).toEqual([...Array(10).fill(401), 429])
    const right = await loginWith(TOKEN, ip)
    expect(right.status).toBe(429)
    expect(right.headers.get('set-cookie')).toBeNull()
    expect(await right.text()).toMatch(/try again in 15 minutes/)
    expect((await loginWith(TOKEN, '203.0.113.10')).status).toBe(303)
  })
})

describe('logout', () => {
  it('ends the session on the server: the old cookie no longer opens the admin', async () => {
    const e = realEnv()
    const session = async () => {
      const res = await loginWith(TOKEN, '192.0.2.50', e)
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
      const page = await app.request('/admin', { headers: { Cookie: cookie } }, e)
      expect(page.status).toBe(200)
      return { cookie, csrf: /name="_csrf" value="([0-9a-f]+)"/.exec(await page.text())?.[1] ?? '' }
    }
    const mine = await session()
    const other = await session()
    const out = await app.request('/admin/logout', { method: 'POST', headers: { Cookie: mine.cookie, Origin: ORIGIN }, body: new URLSearchParams({ _csrf: mine.csrf }) }, e)
    expect(out.status).toBe(303)
    expect(out.headers.get('set-cookie')).toMatch(/sw_admin=;.*Max-Age=0/)
    // A copy of the cookie kept after logout is dead, and so is every other open session.
    for (const s of [mine, other]) {
      const res = await app.request('/admin', { headers: { Cookie: s.cookie } }, e)
      expect(res.status).toBe(401)
      expect(await res.text()).toContain('name="token"')
    }
    // Logging in again works.
    await session()
  })
})
