import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { ConfigError, readEmailConfig } from '../delivery/email-config'
import { verifyLinkToken } from '../subscribers/link-token'
import { readFields, setPageHeaders } from '../subscribers/page-headers'
import { findSubscriberById, unsubscribe } from '../subscribers/subscriber-store'
import { LinkProblemPage } from '../../../templates/confirm-page'
import { AlreadyUnsubscribedPage, UnsubscribedPage, UnsubscribePage } from '../../../templates/unsubscribe-page'
import { logEvent } from '../../core/log'

const BAD_LINK = {
  title: 'This unsubscribe link is not valid',
  message: 'The link is incomplete or was changed. Copy the whole link from the email.',
}

/**
 * Leaving. The link in the email body opens a page with a button (`GET /unsubscribe`, then
 * `POST /unsubscribe`); mail clients use the `List-Unsubscribe` URL with
 * `List-Unsubscribe=One-Click` (RFC 8058): `POST /unsubscribe/one-click` unsubscribes and
 * answers 200 with no page interaction. Both stop all further email at once.
 */
export function createUnsubscribeRoutes(deps: { now?: () => Date } = {}) {
  const app = new Hono<{ Bindings: Env }>()
  const now = deps.now ?? (() => new Date())
  const limit = bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.text('Request too large.', 413) })

  app.onError((err, c) => {
    if (err instanceof ConfigError) {
      logEvent({ event: 'unsubscribe.config', level: 'error', error: err.message })
      return c.text('Unsubscribing is temporarily unavailable.', 503)
    }
    throw err
  })

  const showPage = async (c: import('hono').Context<{ Bindings: Env }>) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const token = c.req.query('token') ?? ''
    const check = await verifyLinkToken(config.signingKey, 'unsubscribe', token, now())
    if (!check.ok) return c.html(LinkProblemPage(BAD_LINK), 400)
    // Reopening the link after leaving: say so, rather than offer the button again. (A left
    // subscriber's row keeps its status for 30 days, then goes; either way there is no one to
    // unsubscribe.)
    const subscriber = await findSubscriberById(c.env.DB, check.subscriberId)
    if (!subscriber || (subscriber.status !== 'active' && subscriber.status !== 'pending')) return c.html(AlreadyUnsubscribedPage())
    return c.html(UnsubscribePage({ token }))
  }
  app.get('/unsubscribe', showPage)
  // A person who opens the List-Unsubscribe URL in a browser gets the same button.
  app.get('/unsubscribe/one-click', showPage)

  app.post('/unsubscribe', limit, async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const fields = await readFields(c)
    const check = await verifyLinkToken(config.signingKey, 'unsubscribe', fields.token, now())
    if (!check.ok) return c.html(LinkProblemPage(BAD_LINK), 400)
    const changed = await unsubscribe(c.env.DB, check.subscriberId, 'user', now())
    logEvent({ event: 'unsubscribe', via: 'page', subscriberId: check.subscriberId, changed })
    return c.html(UnsubscribedPage())
  })

  app.post('/unsubscribe/one-click', limit, async (c) => {
    const config = readEmailConfig(c.env)
    c.header('Cache-Control', 'no-store')
    // RFC 8058: the token is in the URL; the body is `List-Unsubscribe=One-Click`, and is not
    // required here (some providers send it differently; the signed token is the authority).
    const check = await verifyLinkToken(config.signingKey, 'unsubscribe', c.req.query('token'), now())
    if (!check.ok) return c.text('Invalid unsubscribe link.', 400)
    const changed = await unsubscribe(c.env.DB, check.subscriberId, 'one-click', now())
    logEvent({ event: 'unsubscribe', via: 'one-click', subscriberId: check.subscriberId, changed })
    return c.text('Unsubscribed.', 200)
  })

  return app
}
