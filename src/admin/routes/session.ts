import { Hono } from 'hono'
import { deleteCookie, setCookie } from 'hono/cookie'
import { bumpSessionEpoch } from '../access-store'
import { createSession, isSameOrigin, safeEqual, SESSION_TTL_MS } from '../auth'
import { field } from '../form-input'
import { adminOffPage, adminToken, COOKIE, lockedPage, readAccess, recordAuthFailure, refuseCrossSite, requireSession } from './access'
import type { AdminEnv } from './context'
import { isLoopbackHost } from '../../pipeline/fetch/url-safety'
import { AdminLogin } from '../../../templates/admin-login'

/** Logging in (token → session cookie, bound to the session epoch) and out (ends it on the server). */
export const sessionRoutes = new Hono<AdminEnv>()

sessionRoutes.post('/admin/login', async (c) => {
  const admin = adminToken(c)
  if (admin.state !== 'on') return adminOffPage(c, admin)
  // Login CSRF: a foreign site must not log a browser into its own session.
  if (!isSameOrigin(c.req.url, c.req.header('Origin'), c.req.header('Referer'))) return refuseCrossSite(c)
  const access = await readAccess(c)
  if (access.lockedUntil !== null) return lockedPage(c)
  const form = await c.req.parseBody()
  if (!(await safeEqual(field(form, 'token').trim(), admin.token))) {
    if (await recordAuthFailure(c, access, 'login', 'wrong token')) return lockedPage(c)
    return c.html(AdminLogin({ error: 'That is not the admin token.' }), 401)
  }
  const url = new URL(c.req.url)
  setCookie(c, COOKIE, await createSession(admin.token, c.get('options').now(), access.sessionEpoch), {
    httpOnly: true,
    // Browsers drop Secure cookies on plain http, so local dev on localhost goes without.
    secure: !(url.protocol === 'http:' && isLoopbackHost(url.hostname)),
    sameSite: 'Strict',
    path: '/admin',
    maxAge: SESSION_TTL_MS / 1000,
  })
  return c.redirect('/admin', 303)
})

// Logout ends every open session: the epoch in their MACs is no longer the current one.
sessionRoutes.post('/admin/logout', requireSession, async (c) => {
  await bumpSessionEpoch(c.env.DB)
  deleteCookie(c, COOKIE, { path: '/admin' })
  return c.redirect('/admin', 303)
})
