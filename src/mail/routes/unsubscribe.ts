import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { ConfigError, readEmailConfig } from '../delivery/email-config'
import { SLUG_PATTERN } from '../subscribers/choices'
import { verifyLinkToken } from '../subscribers/link-token'
import { readFields, setPageHeaders } from '../subscribers/page-headers'
import { findSubscriberById, unsubscribe, type LeaveReason } from '../subscribers/subscriber-store'
import { leaveSeason, listSubscriptions } from '../subscribers/subscription-store'
import { getSubject } from '../../store/subject-store'
import { seasonTitle } from '../../site/format'
import { LinkProblemPage } from '../../../templates/confirm-page'
import { AlreadyUnsubscribedPage, LeftSeasonPage, UnsubscribedPage, UnsubscribePage } from '../../../templates/unsubscribe-page'
import { logEvent } from '../../core/log'

const BAD_LINK = {
  title: 'This unsubscribe link is not valid',
  message: 'The link is incomplete or was changed. Copy the whole link from the email.',
}

const leaveField = z.enum(['season', 'all']).catch('season')

type Ctx = Context<{ Bindings: Env }>

/** A checked unsubscribe link: whose, and the season it leaves (null: an older link, for everything). */
type LinkCheck = { ok: true; subscriberId: number; slug: string | null } | { ok: false }

async function checkLink(key: string, token: unknown, now: Date): Promise<LinkCheck> {
  const check = await verifyLinkToken(key, 'unsubscribe', token, now)
  if (!check.ok || (check.scope !== '' && !SLUG_PATTERN.test(check.scope))) return { ok: false }
  return { ok: true, subscriberId: check.subscriberId, slug: check.scope || null }
}

/**
 * Leaving. The link in an update email is for the season that email is about: it opens a page
 * with two buttons (`GET /unsubscribe`, then `POST /unsubscribe`): leave that season, or leave
 * everything. Mail clients use the `List-Unsubscribe` URL with `List-Unsubscribe=One-Click`
 * (RFC 8058): `POST /unsubscribe/one-click` leaves that season only and answers 200 with no page
 * interaction. Leaving the last season erases the address, exactly like leaving everything.
 * Links from before seasons were chosen carry no season: they leave everything.
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

  const showPage = async (c: Ctx) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const token = c.req.query('token') ?? ''
    const check = await checkLink(config.signingKey, token, now())
    if (!check.ok) return c.html(LinkProblemPage(BAD_LINK), 400)
    // Reopening the link after leaving: say so, rather than offer the button again. (A left
    // subscriber's row keeps its status for 30 days, then goes; either way there is no one to
    // unsubscribe.)
    const subscriber = await findSubscriberById(c.env.DB, check.subscriberId)
    if (!subscriber || (subscriber.status !== 'active' && subscriber.status !== 'pending')) return c.html(AlreadyUnsubscribedPage())
    if (!check.slug) return c.html(UnsubscribePage({ token, season: null, following: true }))
    const subscriptions = await listSubscriptions(c.env.DB, check.subscriberId)
    const season = subscriptions.find((s) => s.slug === check.slug) ?? (await getSubject(c.env.DB, check.slug))
    return c.html(
      UnsubscribePage({
        token,
        season: season ? seasonTitle(season) : 'this season',
        following: subscriptions.some((s) => s.slug === check.slug),
      }),
    )
  }
  app.get('/unsubscribe', showPage)
  // A person who opens the List-Unsubscribe URL in a browser gets the same buttons.
  app.get('/unsubscribe/one-click', showPage)

  /** Leaves one season, or everything; returns what happened. */
  const leave = async (c: Ctx, check: Extract<LinkCheck, { ok: true }>, what: 'season' | 'all', reason: LeaveReason) => {
    if (what === 'all' || !check.slug) {
      const changed = await unsubscribe(c.env.DB, check.subscriberId, reason, now())
      logEvent({ event: 'unsubscribe', via: reason, what: 'all', subscriberId: check.subscriberId, changed })
      return { erased: true, subscriptions: [] }
    }
    const subject = await getSubject(c.env.DB, check.slug)
    const result = await leaveSeason(c.env.DB, check.subscriberId, check.slug, reason, now())
    logEvent({ event: 'unsubscribe', via: reason, what: 'season', subject: check.slug, subscriberId: check.subscriberId, changed: result.left, erased: result.erased })
    return { ...result, title: subject ? seasonTitle(subject) : 'that season' }
  }

  app.post('/unsubscribe', limit, async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const fields = await readFields(c)
    const check = await checkLink(config.signingKey, fields.token, now())
    if (!check.ok) return c.html(LinkProblemPage(BAD_LINK), 400)
    const result = await leave(c, check, leaveField.parse(fields.leave), 'user')
    if (result.erased) return c.html(UnsubscribedPage())
    return c.html(LeftSeasonPage({ title: 'title' in result ? result.title : 'that season', remaining: result.subscriptions.map((s) => ({ title: seasonTitle(s), choice: s.choice })) }))
  })

  app.post('/unsubscribe/one-click', limit, async (c) => {
    const config = readEmailConfig(c.env)
    c.header('Cache-Control', 'no-store')
    // RFC 8058: the token is in the URL; the body is `List-Unsubscribe=One-Click`, and is not
    // required here (some providers send it differently; the signed token is the authority).
    const check = await checkLink(config.signingKey, c.req.query('token'), now())
    if (!check.ok) return c.text('Invalid unsubscribe link.', 400)
    await leave(c, check, 'season', 'one-click')
    return c.text('Unsubscribed.', 200)
  })

  return app
}
