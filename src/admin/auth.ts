/**
 * Admin authentication primitives over WebCrypto. Pure functions of their inputs (plus the
 * clock the caller passes), so routes stay thin and tests need no server.
 *
 * - The API takes `Authorization: Bearer <ADMIN_TOKEN>`.
 * - The token must be at least {@link MIN_TOKEN_LENGTH} characters, or the admin stays off.
 * - The page logs in once and gets a session cookie: `<issuedAt>.<HMAC(token, label+issuedAt+epoch)>`.
 *   It never holds the token, expires on its own, dies when the token rotates, and dies on the
 *   server when a logout bumps the session epoch (kept in D1, see `access-store.ts`).
 * - Each form carries a CSRF token: HMAC(token, label+session), bound to that session.
 */

import { hmacSign, toHex } from '../mail/subscribers/hmac'

/** The shortest ADMIN_TOKEN the admin accepts: a guessable token would make the admin anyone's. */
export const MIN_TOKEN_LENGTH = 32

/** Whether the admin is on, and with which token. */
export type AdminToken = { state: 'off' } | { state: 'weak'; length: number } | { state: 'on'; token: string }

/** Reads the ADMIN_TOKEN setting: unset is off, shorter than {@link MIN_TOKEN_LENGTH} is refused. */
export function readAdminToken(value: unknown): AdminToken {
  const token = typeof value === 'string' ? value.trim() : ''
  if (token === '') return { state: 'off' }
  if (token.length < MIN_TOKEN_LENGTH) return { state: 'weak', length: token.length }
  return { state: 'on', token }
}

/** Why the admin is not available, in one sentence for the page and the API (never the token). */
export function describeAdminOff(admin: Exclude<AdminToken, { state: 'on' }>): string {
  if (admin.state === 'off') return 'The admin is off: no ADMIN_TOKEN is configured.'
  return `The admin is off: ADMIN_TOKEN is ${admin.length} characters long; use a random token of at least ${MIN_TOKEN_LENGTH} (openssl rand -hex 32).`
}

/** How long a page session lasts. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000

const SESSION_LABEL = 'season-watch/admin-session/v1/'
const CSRF_LABEL = 'season-watch/admin-csrf/v1/'
const FINGERPRINT_LABEL = 'season-watch/admin-fingerprint/v1'

const encoder = new TextEncoder()

/** HMAC-SHA-256 of `message` under `key`, as lowercase hex. */
async function hmacHex(key: string, message: string): Promise<string> {
  return toHex(await hmacSign(key, message))
}

/**
 * Compares two secrets in constant time. `a` is MACed under a fresh random key and WebCrypto's
 * verify checks that MAC against `b`: the compared values have the same length whatever was
 * typed, and verify compares without an early exit.
 */
export async function safeEqual(a: string, b: string): Promise<boolean> {
  const key = (await crypto.subtle.generateKey({ name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])) as CryptoKey
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(a))
  return crypto.subtle.verify('HMAC', key, mac, encoder.encode(b))
}

/** Checks an `Authorization` header against the configured token. */
export async function checkBearer(header: string | undefined | null, token: string): Promise<boolean> {
  const m = /^Bearer[ ]+(\S+)\s*$/i.exec(header ?? '')
  // Still run the comparison on a miss, so a malformed header costs the same as a wrong one.
  return (await safeEqual(m?.[1] ?? '', token)) && m !== null
}

/**
 * A new session value for the cookie, derived from the token (never the token itself) and the
 * server's current session epoch.
 */
export async function createSession(token: string, now: Date, epoch = 0): Promise<string> {
  const issued = String(now.getTime())
  return `${issued}.${await hmacHex(token, `${SESSION_LABEL}${issued}/${epoch}`)}`
}

/**
 * True when the cookie value was made with this token in the current session epoch (no logout
 * since) and has not expired.
 */
export async function verifySession(value: string | undefined, token: string, now: Date, epoch = 0): Promise<boolean> {
  const m = /^(\d{1,15})\.([0-9a-f]{64})$/.exec(value ?? '')
  if (!m) return false
  const issued = Number(m[1])
  const age = now.getTime() - issued
  if (age < 0 || age > SESSION_TTL_MS) return false
  return safeEqual(m[2]!, await hmacHex(token, `${SESSION_LABEL}${m[1]}/${epoch}`))
}

/** The CSRF token that every form of this session must send back. */
export function csrfFor(session: string, token: string): Promise<string> {
  return hmacHex(token, CSRF_LABEL + session)
}

/** True when `sent` is the CSRF token of this session. */
export async function verifyCsrf(sent: string | undefined, session: string, token: string): Promise<boolean> {
  return safeEqual(sent ?? '', await csrfFor(session, token))
}

/**
 * A short, stable name for the token in the audit log: enough to tell a rotated token apart,
 * useless for guessing it.
 */
export async function fingerprintToken(token: string): Promise<string> {
  return `token:${(await hmacHex(token, FINGERPRINT_LABEL)).slice(0, 8)}`
}

/**
 * Same-origin check for state-changing page requests (defence in depth on top of the CSRF
 * token and SameSite=Strict): `Origin` must match, or, when a browser omits it, `Referer`.
 */
export function isSameOrigin(requestUrl: string, origin: string | undefined, referer: string | undefined): boolean {
  const own = new URL(requestUrl).origin
  if (origin) return origin === own
  if (!referer) return false
  try {
    return new URL(referer).origin === own
  } catch {
    return false
  }
}
