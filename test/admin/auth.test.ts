import { describe, expect, it } from 'vitest'
import {
  checkBearer,
  createSession,
  csrfFor,
  fingerprintToken,
  isSameOrigin,
  safeEqual,
  SESSION_TTL_MS,
  verifyCsrf,
  verifySession,
} from '../../src/admin/auth'

const TOKEN = 'a-long-random-admin-token'
const now = new Date('2026-03-01T10:00:00Z')

describe('safeEqual and checkBearer', () => {
  it('compares whole values of any length', async () => {
    expect(await safeEqual('abc', 'abc')).toBe(true)
    expect(await safeEqual('abc', 'abd')).toBe(false)
    expect(await safeEqual('abc', 'abcd')).toBe(false)
    expect(await safeEqual('', 'abc')).toBe(false)
  })

  it('accepts only the right bearer token', async () => {
    expect(await checkBearer(`Bearer ${TOKEN}`, TOKEN)).toBe(true)
    expect(await checkBearer(`bearer ${TOKEN}`, TOKEN)).toBe(true)
    expect(await checkBearer(`Bearer ${TOKEN}x`, TOKEN)).toBe(false)
    expect(await checkBearer(TOKEN, TOKEN)).toBe(false)
    expect(await checkBearer(`Basic ${TOKEN}`, TOKEN)).toBe(false)
    expect(await checkBearer(undefined, TOKEN)).toBe(false)
  })
})

describe('sessions', () => {
  it('never contain the token, and verify until they expire', async () => {
    const s = await createSession(TOKEN, now)
    expect(s).not.toContain(TOKEN)
    expect(await verifySession(s, TOKEN, now)).toBe(true)
    expect(await verifySession(s, TOKEN, new Date(now.getTime() + SESSION_TTL_MS - 1))).toBe(true)
    expect(await verifySession(s, TOKEN, new Date(now.getTime() + SESSION_TTL_MS + 1))).toBe(false)
    expect(await verifySession(s, TOKEN, new Date(now.getTime() - 60_000))).toBe(false)
  })

  it('die when the token rotates and cannot be forged', async () => {
    const s = await createSession(TOKEN, now)
    expect(await verifySession(s, 'another-token', now)).toBe(false)
    const [issued, mac] = s.split('.')
    expect(await verifySession(`${Number(issued) + 1000}.${mac}`, TOKEN, now)).toBe(false)
    expect(await verifySession(TOKEN, TOKEN, now)).toBe(false)
    expect(await verifySession(undefined, TOKEN, now)).toBe(false)
  })

  it('bind the CSRF token to the session', async () => {
    const a = await createSession(TOKEN, now)
    const b = await createSession(TOKEN, new Date(now.getTime() + 1))
    const csrf = await csrfFor(a, TOKEN)
    expect(await verifyCsrf(csrf, a, TOKEN)).toBe(true)
    expect(await verifyCsrf(csrf, b, TOKEN)).toBe(false)
    expect(await verifyCsrf('', a, TOKEN)).toBe(false)
    expect(await verifyCsrf(undefined, a, TOKEN)).toBe(false)
  })
})

describe('fingerprintToken', () => {
  it('is short, stable and does not reveal the token', async () => {
    const f = await fingerprintToken(TOKEN)
    expect(f).toMatch(/^token:[0-9a-f]{8}$/)
    expect(await fingerprintToken(TOKEN)).toBe(f)
    expect(await fingerprintToken('other')).not.toBe(f)
  })
})

describe('isSameOrigin', () => {
  const url = 'https://watch.example/admin/sources'
  it('trusts Origin first, then Referer, and refuses when neither is there', () => {
    expect(isSameOrigin(url, 'https://watch.example', undefined)).toBe(true)
    expect(isSameOrigin(url, 'https://evil.example', 'https://watch.example/admin')).toBe(false)
    expect(isSameOrigin(url, 'null', undefined)).toBe(false)
    expect(isSameOrigin(url, undefined, 'https://watch.example/admin')).toBe(true)
    expect(isSameOrigin(url, undefined, 'https://watch.example.evil.example/')).toBe(false)
    expect(isSameOrigin(url, undefined, 'garbage')).toBe(false)
    expect(isSameOrigin(url, undefined, undefined)).toBe(false)
  })
})
