/**
 * Who may use the admin: the bearer token for the JSON API, the session cookie (plus same-origin
 * and CSRF checks on every state-changing form) for the page. Every call into `../auth` sits here
 * and in `session.ts`.
 *
 * - The admin is off (503) without an ADMIN_TOKEN, or with one shorter than 32 characters.
 * - Every wrong credential (bearer token or login) is logged, never the token, and counted per
 *   IP by the `ADMIN_LIMITER` rate limiting binding. Past the limit the IP is locked out for
 *   {@link LOCKOUT_MS} (D1): every admin credential from it gets 429 unchecked, so a right guess
 *   cannot be told from a wrong one.
 * - A session's MAC includes the server's session epoch; logout bumps it (`session.ts`), so a
 *   logged-out cookie is dead on the server, not only cleared in the browser.
 */
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { hashIp, lockOut, LOCKOUT_MS, readAccessState, readSessionEpoch } from '../access-store'
import { checkBearer, csrfFor, describeAdminOff, fingerprintToken, isSameOrigin, readAdminToken, verifyCsrf, verifySession, type AdminToken } from '../auth'
import { field } from '../form-input'
import type { AdminEnv, C } from './context'
import { logEvent } from '../../core/log'
import { clientIp } from '../../mail/subscribers/page-headers'
import { AdminLogin, AdminMessage, AdminOff } from '../../../templates/admin-login'

/** The session cookie's name. */
export const COOKIE = 'sw_admin'

const RETRY_AFTER = String(LOCKOUT_MS / 1000)
const LOCKED_MESSAGE = 'Too many wrong admin credentials from this address; try again in 15 minutes.'

/** The admin token as configured for this request's environment. */
export function adminToken(c: C): AdminToken {
  return readAdminToken((c.env as Env & { ADMIN_TOKEN?: unknown }).ADMIN_TOKEN)
}

/** The client's IP and its hash, whether it is locked out, and the session epoch. */
export async function readAccess(c: C) {
  const ip = clientIp(c)
  const ipHash = await hashIp(ip)
  return { ip, ipHash, ...(await readAccessState(c.env.DB, ipHash, c.get('options').now())) }
}

/**
 * Logs a wrong credential (never the token) and counts it for the IP. Returns true when the IP
 * has now gone over the limit and is locked out.
 */
export async function recordAuthFailure(c: C, access: { ip: string; ipHash: string }, via: 'api' | 'login', reason: string): Promise<boolean> {
  const now = c.get('options').now()
  const limiter = c.env.ADMIN_LIMITER as RateLimit | undefined
  const limited = limiter ? !(await limiter.limit({ key: `admin-auth:${access.ip}` })).success : false
  if (limited) await lockOut(c.env.DB, access.ipHash, new Date(now.getTime() + LOCKOUT_MS), now)
  logEvent({ event: 'admin.auth-failed', level: 'warn', via, reason, ip: access.ip, path: c.req.path, method: c.req.method, lockedOut: limited })
  return limited
}

/** The JSON API's gate: `Authorization: Bearer <ADMIN_TOKEN>`, checked unless the IP is locked out. */
export const requireBearer: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const admin = adminToken(c)
  if (admin.state !== 'on') return c.json({ error: describeAdminOff(admin) }, 503)
  const access = await readAccess(c)
  if (access.lockedUntil !== null) return lockedJson(c)
  const header = c.req.header('Authorization')
  if (!(await checkBearer(header, admin.token))) {
    const reason = header ? (/^Bearer\s/i.test(header) ? 'wrong token' : 'not a bearer header') : 'no token'
    if (await recordAuthFailure(c, access, 'api', reason)) return lockedJson(c)
    c.header('WWW-Authenticate', 'Bearer realm="season-watch-admin"')
    return c.json({ error: 'Missing or wrong bearer token.' }, 401)
  }
  c.set('actor', await fingerprintToken(admin.token))
  await next()
}

/**
 * The page's gate: a live session (right MAC, current epoch, not expired), and for anything but
 * GET the site's own origin and the session's CSRF token. Sets the actor, the CSRF token the
 * forms carry and the parsed form.
 */
export const requireSession: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const admin = adminToken(c)
  if (admin.state !== 'on') return adminOffPage(c, admin)
  const session = getCookie(c, COOKIE) ?? ''
  if (!(await verifySession(session, admin.token, c.get('options').now(), await readSessionEpoch(c.env.DB)))) {
    const error = c.req.method === 'GET' ? null : 'Your session has ended; log in again.'
    return c.html(AdminLogin({ error }), 401)
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    if (!isSameOrigin(c.req.url, c.req.header('Origin'), c.req.header('Referer'))) return refuseCrossSite(c)
    const form = await c.req.parseBody()
    if (!(await verifyCsrf(field(form, '_csrf'), session, admin.token))) {
      return c.html(AdminMessage({ title: 'Refused', message: 'The form is out of date or came from elsewhere; reload the admin page and try again.' }), 403)
    }
    c.set('form', form)
  }
  c.set('csrf', await csrfFor(session, admin.token))
  c.set('actor', await fingerprintToken(admin.token))
  await next()
}

/** The page's 503: how to turn the admin on, or why the configured token is refused. */
export function adminOffPage(c: C, admin: Exclude<AdminToken, { state: 'on' }>) {
  return c.html(admin.state === 'off' ? AdminOff() : AdminMessage({ title: 'Off', message: describeAdminOff(admin) }), 503)
}

/** The page's 429 for a locked-out IP. */
export function lockedPage(c: C) {
  c.header('Retry-After', RETRY_AFTER)
  return c.html(AdminMessage({ title: 'Locked out', message: LOCKED_MESSAGE }), 429)
}

function lockedJson(c: C) {
  c.header('Retry-After', RETRY_AFTER)
  return c.json({ error: LOCKED_MESSAGE }, 429)
}

export function refuseCrossSite(c: C) {
  return c.html(AdminMessage({ title: 'Refused', message: 'Cross-site request refused.' }), 403)
}
