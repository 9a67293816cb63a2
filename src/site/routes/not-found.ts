import type { NotFoundHandler } from 'hono'
import { isDemoMode } from '../../worker/config'
import { NotFoundPage } from '../../../templates/message-page'

/**
 * Every unknown URL: a page with the site's chrome and a way back for people, a small JSON
 * error for API clients (`/api/…` or `Accept: application/json`).
 */
export const notFound: NotFoundHandler<{ Bindings: Env }> = (c) => {
  const wantsJson = c.req.path.startsWith('/api/') || (c.req.header('Accept') ?? '').includes('application/json')
  if (wantsJson) return c.json({ error: 'not found' }, 404)
  c.header('Cache-Control', 'no-store')
  c.header('X-Content-Type-Options', 'nosniff')
  return c.html(NotFoundPage({ demo: c.env ? isDemoMode(c.env) : false }), 404)
}
