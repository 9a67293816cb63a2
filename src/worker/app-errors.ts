import type { Context } from 'hono'
import { logEvent } from '../core/log'
import { isMissingTableError } from '../store/d1-errors'

/** What an operator must do when the database has no tables. */
export const DATABASE_NOT_SET_UP =
  'The service is not set up yet: its database has no tables. Apply the D1 migrations (npx wrangler d1 migrations apply DB --remote) and try again.'

/**
 * The app's last-resort error handler: a database without its tables gets 503 with a clear
 * message (JSON for API clients), anything else the usual bare 500. Both are logged.
 */
export function handleAppError(err: Error, c: Context): Response {
  if (isMissingTableError(err)) {
    logEvent({ event: 'db.not-set-up', level: 'error', path: c.req.path, error: err.message })
    c.header('Retry-After', '300')
    const json = c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json')
    return json ? c.json({ error: DATABASE_NOT_SET_UP }, 503) : c.text(DATABASE_NOT_SET_UP, 503)
  }
  logEvent({ event: 'http.error', level: 'error', path: c.req.path, error: String(err.stack ?? err) })
  return c.text('Internal Server Error', 500)
}
