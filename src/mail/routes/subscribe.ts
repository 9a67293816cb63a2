import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { readEmailConfig } from '../delivery/email-config'
import { decodeChoices, type SeasonChoice } from '../subscribers/choices'
import { emailAddressSchema } from '../subscribers/email-address'
import { CONFIRM_TOKEN_VALID_FOR, verifyLinkToken, type TokenCheck } from '../subscribers/link-token'
import { clientIp, readFields, setPageHeaders, wantsJson } from '../subscribers/page-headers'
import { requestSubscription } from '../subscribers/request-subscription'
import { formSeasons, readRequestedSeasons, resolveRequestedSeasons, type RequestedSeasons } from '../subscribers/requested-seasons'
import { confirmSubscriber, purgeExpired } from '../subscribers/subscriber-store'
import { verifyTurnstile } from '../subscribers/turnstile'
import { requireTables } from '../../store/d1-errors'
import { listSubjects } from '../../store/subject-store'
import { ensureSubjects } from '../../worker/migrate-layout'
import { CheckInboxPage, ConfirmedPage, ConfirmPage, LinkProblemPage, TooManyPage } from '../../../templates/confirm-page'
import { SubscribePage } from '../../../templates/subscribe-form'
import { configErrorPage } from './config-error'
import { createManageRoutes } from './manage'
import { createOutboxRoutes } from './outbox'
import { createUnsubscribeRoutes } from './unsubscribe'
import { createWebhookRoutes } from './webhooks'
import { logEvent } from '../../core/log'
import { seasonTitle } from '../../site/format'

/** What the subscription routes take from outside, injectable for tests. */
export interface SubscribeRouteDeps {
  /** fetch for Turnstile's siteverify (tests pass a fake; it is unreachable offline). */
  fetch?: typeof fetch
  now?: () => Date
}

/** The tables the deferred part of a sign-up writes or reads. */
const SUBSCRIBE_TABLES = ['subjects', 'subscribers', 'subscriptions'] as const

const CHECK_INBOX_MESSAGE = 'If this address can be subscribed, we have sent it a link to confirm.'

const tokenField = z.object({ token: z.string().max(2000) })

const TOKEN_PROBLEM = {
  expired: { title: 'This link has expired', message: `Confirmation links work for ${CONFIRM_TOKEN_VALID_FOR}. Subscribe again to get a new one.` },
  invalid: { title: 'This link is not valid', message: 'The link is incomplete or was changed. Copy the whole link from the email, or subscribe again.' },
  used: { title: 'This link is no longer valid', message: 'This subscription was ended. Subscribe again to get a new link.' },
  gone: { title: 'Those seasons are no longer followed', message: 'The seasons this link was for were removed or paused since, so there is nothing to confirm. Subscribe again to choose from the seasons followed now.' },
} as const

type ConfirmCheck = { ok: true; subscriberId: number; seasons: SeasonChoice[] } | { ok: false; reason: Extract<TokenCheck, { ok: false }>['reason'] }

/** Checks a confirm token and reads the seasons it carries. */
async function checkConfirmToken(key: string, token: unknown, now: Date): Promise<ConfirmCheck> {
  const check = await verifyLinkToken(key, 'confirm', token, now)
  if (!check.ok) return check
  const seasons = decodeChoices(check.scope)
  return seasons ? { ok: true, subscriberId: check.subscriberId, seasons } : { ok: false, reason: 'malformed' }
}

/** The page for a confirm link that failed its check. */
const tokenProblem = (reason: Extract<TokenCheck, { ok: false }>['reason']) => LinkProblemPage(reason === 'expired' ? TOKEN_PROBLEM.expired : TOKEN_PROBLEM.invalid)

type Ctx = Context<{ Bindings: Env }>

/** The seasons the form offers now (one D1 read). */
async function seasonsOnOffer(c: Ctx) {
  return formSeasons(await listSubjects(c.env.DB))
}

/**
 * Subscribing with double opt-in: the form (`POST /subscribe`), the confirmation page
 * (`GET /confirm`, a button) and the confirmation itself (`POST /confirm`). Also mounts
 * unsubscribe, manage, the Resend webhook and the local outbox.
 */
export function createSubscribeRoutes(deps: SubscribeRouteDeps = {}) {
  const app = new Hono<{ Bindings: Env }>()
  const now = deps.now ?? (() => new Date())

  app.onError(configErrorPage('subscribe.config', 'Subscriptions are unavailable'))

  app.get('/subscribe', async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c, { turnstile: Boolean(config.turnstileSiteKey) })
    const seasons = await seasonsOnOffer(c)
    const only = seasons.length === 1 ? [{ slug: seasons[0]!.slug, choice: 'all' as const }] : []
    return c.html(SubscribePage({ seasons, selected: only, turnstileSiteKey: config.turnstileSiteKey, demo: config.demoMode }))
  })

  app.post(
    '/subscribe',
    bodyLimit({
      maxSize: 8 * 1024,
      onError: async (c) => {
        // The form drawn again keeps its Turnstile widget, or the next try would be refused for lacking it.
        const config = readEmailConfig(c.env)
        setPageHeaders(c, { turnstile: Boolean(config.turnstileSiteKey) })
        if (wantsJson(c)) return c.json({ ok: false, error: 'Request too large.' }, 413)
        return c.html(SubscribePage({ seasons: await seasonsOnOffer(c), error: 'That request was too large.', turnstileSiteKey: config.turnstileSiteKey, demo: config.demoMode }), 413)
      },
    }),
    async (c) => {
      const config = readEmailConfig(c.env)
      const json = wantsJson(c)
      setPageHeaders(c, { turnstile: Boolean(config.turnstileSiteKey) })
      const fail = async (status: 400 | 403 | 429, error: string, email?: string, seasons?: RequestedSeasons) => {
        if (status === 429) c.header('Retry-After', '60')
        if (json) return c.json({ ok: false, error }, status)
        if (status === 429) return c.html(TooManyPage(), status)
        // Drawing the form again reads the subject list: the same for every address, so it tells nothing.
        const selected = seasons?.kind === 'listed' ? seasons.seasons : []
        return c.html(SubscribePage({ seasons: await seasonsOnOffer(c), selected, error, email: email ?? '', turnstileSiteKey: config.turnstileSiteKey, demo: config.demoMode }), status)
      }
      const ok = () => (json ? c.json({ ok: true, message: CHECK_INBOX_MESSAGE }, 202) : c.html(CheckInboxPage({ demo: config.demoMode }), 200))

      const limiter = c.env.SUBSCRIBE_LIMITER as RateLimit | undefined
      if (limiter && !(await limiter.limit({ key: `subscribe:${clientIp(c)}` })).success) return fail(429, 'Too many attempts. Please wait a minute.')

      if (!isFormOrJson(c.req.header('content-type'))) {
        const error = 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.'
        return json ? c.json({ ok: false, error }, 415) : c.html(SubscribePage({ seasons: await seasonsOnOffer(c), error, turnstileSiteKey: config.turnstileSiteKey, demo: config.demoMode }), 415)
      }
      const fields = await readFields(c)
      // Honeypot: bots fill every field. Answer exactly as for a real request, do nothing.
      if (typeof fields.website === 'string' ? fields.website !== '' : fields.website !== undefined) {
        logEvent({ event: 'subscribe.honeypot' })
        return ok()
      }
      const requested = readRequestedSeasons(fields)
      const email = emailAddressSchema.safeParse(fields.email)
      if (!email.success) {
        const typed = typeof fields.email === 'string' ? fields.email.slice(0, 254) : ''
        return fail(400, email.error.issues[0]?.message ?? 'Enter a valid email address.', typed, requested.ok ? requested.value : undefined)
      }
      if (!requested.ok) return fail(400, requested.error, email.data)
      if (config.turnstileSecret) {
        const token = typeof fields['cf-turnstile-response'] === 'string' ? fields['cf-turnstile-response'] : null
        const check = await verifyTurnstile(config.turnstileSecret, token, c.req.header('cf-connecting-ip') ?? null, deps.fetch ?? fetch)
        if (!check.ok) {
          logEvent({ event: 'subscribe.turnstile', codes: check.codes })
          return fail(403, 'Please complete the check that you are human, then press Subscribe.', email.data, requested.value)
        }
      }

      // The answer must not tell an address's state, by content or by time: everything that
      // depends on the state (D1 reads and writes, the confirmation email) runs after the response.
      // Only the tables' presence is checked first (the same for every address): a database that
      // was never migrated answers 503 rather than 200 for a sign-up it would lose.
      await requireTables(c.env.DB, SUBSCRIBE_TABLES)
      await defer(c, subscribeLater(c.env, config.signingKey, email.data, requested.value, now()))
      return ok()
    },
  )

  app.get('/confirm', async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const token = c.req.query('token') ?? ''
    const check = await checkConfirmToken(config.signingKey, token, now())
    if (!check.ok) return c.html(tokenProblem(check.reason), 400)
    return c.html(ConfirmPage({ token, seasons: await describeSeasons(c, check.seasons) }))
  })

  app.post('/confirm', bodyLimit({ maxSize: 8 * 1024, onError: (c) => c.text('Request too large.', 413) }), async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const form = tokenField.safeParse(await readFields(c))
    const check = form.success ? await checkConfirmToken(config.signingKey, form.data.token, now()) : ({ ok: false, reason: 'malformed' } as const)
    if (!check.ok) return c.html(tokenProblem(check.reason), 400)
    const result = await confirmSubscriber(c.env.DB, check.subscriberId, check.seasons, now())
    if (result.status !== 'active') {
      // Erased just now because none of the link's seasons is followed any more, or left before.
      const reason = check.seasons.length > 0 && result.subscriptions.length === 0 ? TOKEN_PROBLEM.gone : TOKEN_PROBLEM.used
      return c.html(LinkProblemPage(reason), 400)
    }
    logEvent({ event: 'subscribe.confirmed', subscriberId: check.subscriberId, seasons: check.seasons.length })
    const following = result.subscriptions.map((s) => ({ title: seasonTitle(s), choice: s.choice }))
    return c.html(ConfirmedPage({ demo: config.demoMode, following }))
  })

  app.route('/', createUnsubscribeRoutes(deps))
  app.route('/', createManageRoutes(deps))
  app.route('/', createWebhookRoutes(deps))
  app.route('/', createOutboxRoutes())
  return app
}

/** True for the body types the form and its JSON twin send. */
function isFormOrJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'application/json'
}

/** The seasons a confirm link carries, by name (skipping any removed since), for its page. */
async function describeSeasons(c: Ctx, seasons: SeasonChoice[]) {
  if (seasons.length === 0) return []
  const subjects = new Map((await listSubjects(c.env.DB)).map((s) => [s.slug, s]))
  return seasons.flatMap((s) => {
    const subject = subjects.get(s.slug)
    return subject ? [{ title: seasonTitle(subject), choice: s.choice }] : []
  })
}

/**
 * The state-dependent part of a subscribe request, run after the response: which of the asked
 * seasons are open, the decision (new, pending, active, bounced), the confirmation email, and
 * the retention sweep. Logged, never thrown.
 */
export async function subscribeLater(env: Env, signingKey: string, email: string, requested: RequestedSeasons, now: Date): Promise<void> {
  try {
    // A new install has no subject in D1 until its first cron or admin visit: seed it first, so the
    // season the form offered (the first one) can be followed.
    let open = await listSubjects(env.DB, { status: 'active' })
    if (open.length === 0) {
      await ensureSubjects(env, now)
      open = await listSubjects(env.DB, { status: 'active' })
    }
    const seasons = resolveRequestedSeasons(requested, open)
    const decision = await requestSubscription(env.DB, signingKey, email, seasons, now)
    if (decision.action === 'send-confirmation') await env.EMAIL_QUEUE.send(decision.job)
    // Logged without the address; the decision reason never reaches the response.
    logEvent({ event: 'subscribe', action: decision.action, reason: decision.reason, seasons: seasons.length })
  } catch (err) {
    logEvent({ event: 'subscribe.error', level: 'error', error: String(err) })
  }
  await purgeExpired(env.DB, now).catch((err: unknown) => logEvent({ event: 'purge.error', level: 'error', error: String(err) }))
}

/** Runs `work` after the response (waitUntil); without an ExecutionContext (a bare script), before it. */
async function defer(c: Context, work: Promise<void>): Promise<void> {
  let ctx: Pick<ExecutionContext, 'waitUntil'> | null = null
  try {
    ctx = c.executionCtx
  } catch {
    // app.request() in a script has no ExecutionContext
  }
  if (ctx) ctx.waitUntil(work)
  else await work
}

/** The routes as the app mounts them. */
export const subscribeRoutes = createSubscribeRoutes()
