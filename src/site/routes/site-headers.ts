import type { Context } from 'hono'
import { cors } from 'hono/cors'
import { isDemoMode } from '../../worker/config'

/** Headers and caching shared by every public page and JSON route. */

export type Ctx = Context<{ Bindings: Env }>

export const API_CACHE = 'public, max-age=300'
const PAGE_CACHE = 'public, max-age=60'

// No script may run on these pages; inline styles only. Turnstile's origin is allowed for the
// subscribe form the pages carry.
const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https: data:',
  'script-src https://challenges.cloudflare.com',
  'frame-src https://challenges.cloudflare.com',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

/** The cache header for this response: in the demo, state changes at the press of a button, so nothing is cached. */
export const cacheFor = (c: Ctx, cache: string) => (isDemoMode(c.env) ? 'no-store' : cache)

/** Headers of every public HTML page. */
export function setPageHeaders(c: Ctx) {
  c.header('Cache-Control', cacheFor(c, PAGE_CACHE))
  c.header('Content-Security-Policy', CSP)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin')
}

/**
 * CORS for the public read endpoints only (admin APIs under /api must never get it). The
 * allowed request headers are named, so a preflight never approves `Authorization`.
 */
export const apiCors = cors({ origin: '*', allowMethods: ['GET', 'OPTIONS'], allowHeaders: ['Accept'], maxAge: 86_400 })
