import type { ErrorHandler } from 'hono'
import { ConfigError } from '../delivery/email-config'
import { setPageHeaders } from '../subscribers/page-headers'
import { LinkProblemPage } from '../../../templates/confirm-page'
import { logEvent } from '../../core/log'

/**
 * A sub-app's error handler for a deploy missing a secret it cannot work without
 * (`ConfigError`, e.g. no SIGNING_KEY): logged, and a 503 page titled `title`. Anything else
 * goes on to the app's own error handling.
 */
export function configErrorPage(event: string, title: string): ErrorHandler<{ Bindings: Env }> {
  return (err, c) => {
    if (!(err instanceof ConfigError)) throw err
    logEvent({ event, level: 'error', error: err.message })
    setPageHeaders(c)
    return c.html(LinkProblemPage({ title, message: 'Please try again later.' }), 503)
  }
}
