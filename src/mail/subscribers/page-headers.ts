import type { Context } from 'hono'

const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com'

/**
 * Headers for the subscription pages: a strict CSP (no scripts, except Cloudflare's Turnstile
 * when the widget is on the page), no caching and no referrer, because confirm and
 * unsubscribe URLs carry a token that must not leak to other sites or shared caches.
 */
export function setPageHeaders(c: Context, opts: { turnstile?: boolean } = {}): void {
  const script = opts.turnstile ? `script-src ${TURNSTILE_ORIGIN}; frame-src ${TURNSTILE_ORIGIN}; connect-src ${TURNSTILE_ORIGIN}` : "script-src 'none'"
  c.header(
    'Content-Security-Policy',
    `default-src 'none'; ${script}; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  )
  c.header('Cache-Control', 'no-store')
  c.header('Referrer-Policy', 'no-referrer')
  c.header('X-Robots-Tag', 'noindex')
  c.header('X-Content-Type-Options', 'nosniff')
}

/** The visitor's IP as Cloudflare reports it (the rate-limit key). */
export function clientIp(c: Context): string {
  return c.req.header('cf-connecting-ip') ?? 'unknown'
}

/**
 * Form or JSON body as a plain record; anything unreadable is an empty record. A form field sent
 * more than once (the season tick boxes) is an array of its values.
 */
export async function readFields(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? ''
  try {
    if (type.includes('application/json')) {
      const json: unknown = await c.req.json()
      return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {}
    }
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      return (await c.req.parseBody({ all: true })) as Record<string, unknown>
    }
  } catch {
    // fall through: treated as an empty submission
  }
  return {}
}

/** True when the client asked for JSON rather than a page. */
export function wantsJson(c: Context): boolean {
  const accept = c.req.header('accept') ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}
