import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { createSession, isSameOrigin, safeEqual, SESSION_TTL_MS } from '../auth'
import { field } from '../form-input'
import { COOKIE, readAdminToken, refuseCrossSite, requireSession } from './access'
import type { AdminEnv } from './context'
import { isLoopbackHost } from '../../pipeline/fetch/url-safety'
import { AdminLogin, AdminOff } from '../../../templates/admin-login'

/** Logging in (token → session cookie) and out. */
export const sessionRoutes = new Hono<AdminEnv>()

sessionRoutes.post('/admin/login', async (c) => {
  const token = readAdminToken(c.env)
  if (!token) return c.html(AdminOff(), 503)
  // Login CSRF: a foreign site must not log a browser into its own session.
  if (!isSameOrigin(c.req.url, c.req.header('Origin'), c.req.header('Referer'))) return refuseCrossSite(c)
  const form = await c.req.parseBody()
  if (!(await safeEqual(field(form, 'token').trim(), token))) {
    return c.html(AdminLogin({ error: 'That is not the admin token.' }), 401)
  }
  const url = new URL(c.req.url)
  setCookie(c, COOKIE, await createSession(token, c.get('options').now()), {
    httpOnly: true,
    // Browsers drop Secure cookies on plain http, so local dev on localhost goes without.
    secure: !(url.protocol === 'http:' && isLoopbackHost(url.hostname)),
    sameSite: 'Strict',
    path: '/admin',
    maxAge: SESSION_TTL_MS / 1000,
  })
  return c.redirect('/admin', 303)
})

sessionRoutes.post('/admin/logout', requireSession, (c) => {
  deleteCookie(c, COOKIE, { path: '/admin' })
  return c.redirect('/admin', 303)
})
