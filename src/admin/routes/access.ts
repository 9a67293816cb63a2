/**
 * Who may use the admin: the bearer token for the JSON API, the session cookie (plus same-origin
 * and CSRF checks on every state-changing form) for the page. Every call into `../auth` sits here.
 */
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { checkBearer, csrfFor, fingerprintToken, isSameOrigin, verifyCsrf, verifySession } from '../auth'
import { field } from '../form-input'
import type { AdminEnv, C } from './context'
import { AdminLogin, AdminMessage, AdminOff } from '../../../templates/admin-login'

/** The session cookie's name. */
export const COOKIE = 'sw_admin'

/** The configured admin token, or null when the admin is off. */
export function readAdminToken(env: Env): string | null {
  const token = (env as Env & { ADMIN_TOKEN?: unknown }).ADMIN_TOKEN
  return typeof token === 'string' && token.trim() !== '' ? token.trim() : null
}

/** The JSON API's gate: `Authorization: Bearer <ADMIN_TOKEN>`; 503 while the admin is off. */
export const requireBearer: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const token = readAdminToken(c.env)
  if (!token) return c.json({ error: 'The admin is off: no ADMIN_TOKEN is configured.' }, 503)
  if (!(await checkBearer(c.req.header('Authorization'), token))) {
    c.header('WWW-Authenticate', 'Bearer realm="season-watch-admin"')
    return c.json({ error: 'Missing or wrong bearer token.' }, 401)
  }
  c.set('actor', await fingerprintToken(token))
  await next()
}

/**
 * The page's gate: a valid session, and for anything but GET the site's own origin and the
 * session's CSRF token. Sets the actor, the CSRF token the forms carry and the parsed form.
 */
export const requireSession: MiddlewareHandler<AdminEnv> = async (c, next) => {
  const token = readAdminToken(c.env)
  if (!token) return c.html(AdminOff(), 503)
  const session = getCookie(c, COOKIE) ?? ''
  if (!(await verifySession(session, token, c.get('options').now()))) {
    const error = c.req.method === 'GET' ? null : 'Your session has ended; log in again.'
    return c.html(AdminLogin({ error }), 401)
  }
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    if (!isSameOrigin(c.req.url, c.req.header('Origin'), c.req.header('Referer'))) return refuseCrossSite(c)
    const form = await c.req.parseBody()
    if (!(await verifyCsrf(field(form, '_csrf'), session, token))) {
      return c.html(AdminMessage({ title: 'Refused', message: 'The form is out of date or came from elsewhere; reload the admin page and try again.' }), 403)
    }
    c.set('form', form)
  }
  c.set('csrf', await csrfFor(session, token))
  c.set('actor', await fingerprintToken(token))
  await next()
}

export function refuseCrossSite(c: C) {
  return c.html(AdminMessage({ title: 'Refused', message: 'Cross-site request refused.' }), 403)
}
