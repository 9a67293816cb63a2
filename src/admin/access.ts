/**
 * Who may use the admin, as Hono middleware and handlers the routes mount: the bearer check of
 * the JSON API, the page's login, session check (with CSRF and same-origin) and logout.
 *
 * - The admin is off (503) without an ADMIN_TOKEN, or with one shorter than 32 characters.
 * - Every wrong credential (bearer token or login) is logged, without the token, and counted per
 *   IP by the `ADMIN_LIMITER` rate limiting binding. Past the limit the IP is locked out for
 *   {@link LOCKOUT_MS} (D1): every admin credential from it gets 429 without being checked, so a
 *   right guess cannot be told from a wrong one.
 * - A session's MAC includes the server's session epoch; logout bumps it, so the cookie is dead
 *   on the server, not only cleared in the browser.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { clientIp } from '../mail/subscribers/page-headers'
import { isLoopbackHost } from '../pipeline/fetch/url-safety'
import { AdminLogin, AdminMessage, AdminOff } from '../../templates/admin-login'
import { bumpSessionEpoch, hashIp, lockOut, LOCKOUT_MS, readAccessState, readSessionEpoch } from './access-store'
import {
  checkBearer,
  createSession,
  csrfFor,
  describeAdminOff,
  fingerprintToken,
  isSameOrigin,
  readAdminToken,
  safeEqual,
  SESSION_TTL_MS,
  verifyCsrf,
  verifySession,
  type AdminToken,
} from './auth'
import { field, type FormBody } from './form-input'

/** What the access middleware sets for the routes after it. */
export type AccessVariables = { actor: string; csrf: string; form: FormBody }
type AccessEnv = { Bindings: Env; Variables: AccessVariables }
type C = Context<AccessEnv>

/** The session cookie's name. */
export const SESSION_COOKIE = 'sw_admin'

const RETRY_AFTER = String(LOCKOUT_MS / 1000)
const LOCKED_MESSAGE = 'Too many wrong admin credentials from this address; try again in 15 minutes.'

/** The admin token as configured for this request's environment. */
function adminToken(c: C): AdminToken {
  return readAdminToken((c.env as Env & { ADMIN_TOKEN?: unknown }).ADMIN_TOKEN)
}

/** The client's IP, its hash and whether it is locked out; also the session epoch. */
async function readAccess(c: C, now: Date) {
  const ip = clientIp(c)
  const ipHash = await hashIp(ip)
  const state = await readAccessState(c.env.DB, ipHash, now)
  return { ip, ipHash, ...state }
}

/**
 * Logs a wrong credential (never the token) and counts it for the IP. Returns true when the IP
 * has now gone over the limit and is locked out.
 */
async function recordFailure(c: C, access: { ip: string; ipHash: string }, via: 'api' | 'login', reason: string, now: Date): Promise<boolean> {
  const limiter = c.env.ADMIN_LIMITER as RateLimit | undefined
  const limited = limiter ? !(await limiter.limit({ key: `admin-auth:${access.ip}` })).success : false
  if (limited) await lockOut(c.env.DB, access.ipHash, new Date(now.getTime() + LOCKOUT_MS), now)
  console.warn({ event: 'admin.auth-failed', via, reason, ip: access.ip, path: c.req.path, method: c.req.method, lockedOut: limited })
  return limited
}

/** The JSON API's gate: `Authorization: Bearer <ADMIN_TOKEN>`, checked unless the IP is locked out. */
export function requireBearer(now: () => Date): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    const admin = adminToken(c)
    if (admin.state !== 'on') return c.json({ error: describeAdminOff(admin) }, 503)
    const t = now()
    const access = await readAccess(c, t)
    if (access.lockedUntil !== null) {
      c.header('Retry-After', RETRY_AFTER)
      return c.json({ error: LOCKED_MESSAGE }, 429)
    }
    const header = c.req.header('Authorization')
    if (!(await checkBearer(header, admin.token))) {
      const reason = header ? (/^Bearer\s/i.test(header) ? 'wrong token' : 'not a bearer header') : 'no token'
      if (await recordFailure(c, access, 'api', reason, t)) {
        c.header('Retry-After', RETRY_AFTER)
        return c.json({ error: LOCKED_MESSAGE }, 429)
      }
      c.header('WWW-Authenticate', 'Bearer realm="season-watch-admin"')
      return c.json({ error: 'Missing or wrong bearer token.' }, 401)
    }
    c.set('actor', await fingerprintToken(admin.token))
    await next()
  }
}

/** `POST /admin/login`: the token from the form → a session cookie (epoch-bound). */
export function login(now: () => Date) {
  return async (c: C) => {
    const admin = adminToken(c)
    if (admin.state !== 'on') return adminOffPage(c, admin)
    // Login CSRF: a foreign site must not log a browser into its own session.
    if (!isSameOrigin(c.req.url, c.req.header('Origin'), c.req.header('Referer'))) return refuseCrossSite(c)
    const t = now()
    const access = await readAccess(c, t)
    if (access.lockedUntil !== null) return locked(c)
    const form = await c.req.parseBody()
    if (!(await safeEqual(field(form, 'token').trim(), admin.token))) {
      if (await recordFailure(c, access, 'login', 'wrong token', t)) return locked(c)
      return c.html(AdminLogin({ error: 'That is not the admin token.' }), 401)
    }
    const url = new URL(c.req.url)
    setCookie(c, SESSION_COOKIE, await createSession(admin.token, t, access.sessionEpoch), {
      httpOnly: true,
      // Browsers drop Secure cookies on plain http, so local dev on localhost goes without.
      secure: !(url.protocol === 'http:' && isLoopbackHost(url.hostname)),
      sameSite: 'Strict',
      path: '/admin',
      maxAge: SESSION_TTL_MS / 1000,
    })
    return c.redirect('/admin', 303)
  }
}

/**
 * The page's gate for everything under `/admin/`: a live session (right MAC, current epoch, not
 * expired), and for every change the same origin and the session's CSRF token.
 */
export function requireSession(now: () => Date): MiddlewareHandler<AccessEnv> {
  return async (c, next) => {
    const admin = adminToken(c)
    if (admin.state !== 'on') return adminOffPage(c, admin)
    const session = getCookie(c, SESSION_COOKIE) ?? ''
    if (!(await verifySession(session, admin.token, now(), await readSessionEpoch(c.env.DB)))) {
      const error = c.req.method === 'GET' ? null : 'Your session has ended; log in again.'
      return c.html(AdminLogin({ error }), 401)
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!isSameOrigin(c.req.url, c.req.header('Origin'), c.req.header('Referer'))) return refuseCrossSite(c)
      const form = await c.req.parseBody()
      if (!(await verifyCsrf(field(form, '_csrf'), session, admin.token))) {
        return c.html(
          AdminMessage({ title: 'Refused', message: 'The form is out of date or came from elsewhere; reload the admin page and try again.' }),
          403,
        )
      }
      c.set('form', form)
    }
    c.set('csrf', await csrfFor(session, admin.token))
    c.set('actor', await fingerprintToken(admin.token))
    await next()
  }
}

/** `POST /admin/logout` (behind {@link requireSession}): ends every session on the server, clears the cookie. */
export async function logout(c: C) {
  await bumpSessionEpoch(c.env.DB)
  deleteCookie(c, SESSION_COOKIE, { path: '/admin' })
  return c.redirect('/admin', 303)
}

/** The page's 503: how to turn the admin on, or why the configured token is refused. */
function adminOffPage(c: C, admin: Exclude<AdminToken, { state: 'on' }>) {
  return c.html(admin.state === 'off' ? AdminOff() : AdminMessage({ title: 'Off', message: describeAdminOff(admin) }), 503)
}

function locked(c: C) {
  c.header('Retry-After', RETRY_AFTER)
  return c.html(AdminMessage({ title: 'Locked out', message: LOCKED_MESSAGE }), 429)
}

function refuseCrossSite(c: C) {
  return c.html(AdminMessage({ title: 'Refused', message: 'Cross-site request refused.' }), 403)
}
