import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readEmailConfig } from '../delivery/email-config'
import type { SeasonChoice } from '../subscribers/choices'
import { MANAGE_TOKEN_VALID_FOR, verifyLinkToken } from '../subscribers/link-token'
import { readFields, setPageHeaders } from '../subscribers/page-headers'
import { readRequestedSeasons } from '../subscribers/requested-seasons'
import { findSubscriberById, unsubscribe } from '../subscribers/subscriber-store'
import { listSubscriptions, setSubscriptions, type Subscription } from '../subscribers/subscription-store'
import { listSubjects, type SubjectRecord } from '../../store/subject-store'
import { seasonTitle } from '../../site/format'
import { LinkProblemPage } from '../../../templates/confirm-page'
import { ManagePage, type ManageSeason } from '../../../templates/manage-page'
import { AlreadyUnsubscribedPage, UnsubscribedPage } from '../../../templates/unsubscribe-page'
import { logEvent } from '../../core/log'
import { configErrorPage } from './config-error'

const LINK_PROBLEM = {
  invalid: {
    title: 'This manage link is not valid',
    message: 'The link is incomplete or was changed. Copy the whole link from the email. To leave a season, the unsubscribe link in any of its emails always works.',
  },
  expired: {
    title: 'This manage link has expired',
    message: `Manage links work for ${MANAGE_TOKEN_VALID_FOR} after the email that carried them. Use the link in a newer email. To leave a season, use the unsubscribe link in any of its emails (it does not expire); to add a season or change what you hear about, subscribe again with the same address and confirm.`,
  },
} as const

type Ctx = Context<{ Bindings: Env }>

/**
 * The seasons the page offers: every active subject, plus paused ones the person follows (kept,
 * marked paused: they can be left or kept, not newly joined). Each with the person's choice.
 */
function seasonsToShow(subjects: SubjectRecord[], following: Subscription[]): ManageSeason[] {
  const followed = new Map(following.map((s) => [s.slug, s.choice]))
  return subjects
    .filter((s) => s.status === 'active' || followed.has(s.slug))
    .map((s) => ({ slug: s.slug, title: seasonTitle(s), paused: s.status !== 'active', choice: followed.get(s.slug) ?? null }))
}

/**
 * `/manage?token=…`, the signed link in every update email: see and change which seasons you
 * follow and what you hear about each, with no login. GET shows (and changes nothing: mail
 * scanners open links); POST saves, and is safe against cross-site forgery because it must
 * carry the signed token itself, which another site cannot know. Manage tokens expire (see
 * `MANAGE_TOKEN_TTL_SECONDS`); a forged or expired one gets a 400 page saying what to do instead.
 */
export function createManageRoutes(deps: { now?: () => Date } = {}) {
  const app = new Hono<{ Bindings: Env }>()
  const now = deps.now ?? (() => new Date())

  app.onError(configErrorPage('manage.config', 'Managing subscriptions is unavailable'))

  /** The token's subscriber, if the token is good and they still follow something; else the page to answer with. */
  const open = async (c: Ctx, token: unknown): Promise<{ id: number } | Response> => {
    const config = readEmailConfig(c.env)
    const check = await verifyLinkToken(config.signingKey, 'manage', token, now())
    if (!check.ok) return c.html(LinkProblemPage(check.reason === 'expired' ? LINK_PROBLEM.expired : LINK_PROBLEM.invalid), 400)
    const subscriber = await findSubscriberById(c.env.DB, check.subscriberId)
    if (!subscriber || subscriber.status !== 'active') return c.html(AlreadyUnsubscribedPage())
    return { id: check.subscriberId }
  }

  /** The seasons `id` is offered, as stored now (two D1 reads). */
  const readOffer = async (c: Ctx, id: number) => {
    const [subjects, following] = await Promise.all([listSubjects(c.env.DB), listSubscriptions(c.env.DB, id)])
    return seasonsToShow(subjects, following)
  }

  /** The page; `offered` when this request has read it already. */
  const render = async (c: Ctx, id: number, token: string, extra: { saved?: boolean; error?: string; picked?: SeasonChoice[]; offered?: ManageSeason[] } = {}, status: 200 | 400 = 200) => {
    let seasons = extra.offered ?? (await readOffer(c, id))
    // After an error, show what was ticked, not what is stored.
    if (extra.picked) {
      const picked = new Map(extra.picked.map((s) => [s.slug, s.choice]))
      seasons = seasons.map((s) => ({ ...s, choice: picked.get(s.slug) ?? null }))
    }
    return c.html(ManagePage({ token, seasons, saved: extra.saved ?? false, error: extra.error ?? null, demo: readEmailConfig(c.env).demoMode }), status)
  }

  app.get('/manage', async (c) => {
    setPageHeaders(c)
    const token = c.req.query('token') ?? ''
    const who = await open(c, token)
    if (who instanceof Response) return who
    return render(c, who.id, token)
  })

  app.post('/manage', bodyLimit({ maxSize: 8 * 1024, onError: (c) => c.text('Request too large.', 413) }), async (c) => {
    setPageHeaders(c)
    const fields = await readFields(c)
    const token = typeof fields.token === 'string' ? fields.token : ''
    const who = await open(c, token)
    if (who instanceof Response) return who

    if (fields.action === 'leave-all') {
      const changed = await unsubscribe(c.env.DB, who.id, 'user', now())
      logEvent({ event: 'unsubscribe', via: 'manage', what: 'all', subscriberId: who.id, changed })
      return c.html(UnsubscribedPage())
    }
    if (fields.season === undefined) {
      return render(c, who.id, token, { error: 'Tick at least one season. To stop every email, press “Unsubscribe from everything”.', picked: [] }, 400)
    }
    const requested = readRequestedSeasons(fields)
    if (!requested.ok || requested.value.kind !== 'listed') {
      return render(c, who.id, token, { error: requested.ok ? 'Tick at least one season.' : requested.error, picked: [] }, 400)
    }
    const picked = requested.value.seasons
    // Only seasons the page offered: active ones, or paused ones already followed.
    const offered = await readOffer(c, who.id)
    if (picked.some((s) => !offered.some((o) => o.slug === s.slug))) {
      return render(c, who.id, token, { error: 'One of those seasons is not followed here any more. Choose again from the list.', picked, offered }, 400)
    }
    const result = await setSubscriptions(c.env.DB, who.id, picked, now())
    logEvent({ event: 'manage.saved', subscriberId: who.id, seasons: result.subscriptions.length, erased: result.erased })
    if (result.erased) return c.html(UnsubscribedPage())
    return render(c, who.id, token, { saved: true })
  })

  return app
}
