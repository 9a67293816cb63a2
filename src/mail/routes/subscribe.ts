import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import { ConfigError, readEmailConfig } from '../delivery/email-config'
import { emailAddressSchema } from '../subscribers/email-address'
import { CONFIRM_TOKEN_VALID_FOR, verifyLinkToken, type TokenCheck } from '../subscribers/link-token'
import { clientIp, readFields, setPageHeaders, wantsJson } from '../subscribers/page-headers'
import { requestSubscription } from '../subscribers/request-subscription'
import { confirmSubscriber, purgeExpired } from '../subscribers/subscriber-store'
import { verifyTurnstile } from '../subscribers/turnstile'
import { CheckInboxPage, ConfirmedPage, ConfirmPage, LinkProblemPage, TooManyPage } from '../../../templates/confirm-page'
import { SubscribePage } from '../../../templates/subscribe-form'
import { createOutboxRoutes } from './outbox'
import { createUnsubscribeRoutes } from './unsubscribe'
import { createWebhookRoutes } from './webhooks'
import { logEvent } from '../../core/log'

/** What the subscription routes take from outside, injectable for tests. */
export interface SubscribeRouteDeps {
  /** fetch for Turnstile's siteverify (tests pass a fake; it is unreachable offline). */
  fetch?: typeof fetch
  now?: () => Date
}

const CHECK_INBOX_MESSAGE = 'If this address can be subscribed, we have sent it a link to confirm.'

const tokenField = z.object({ token: z.string().max(200) })

const TOKEN_PROBLEM = {
  expired: { title: 'This link has expired', message: `Confirmation links work for ${CONFIRM_TOKEN_VALID_FOR}. Subscribe again to get a new one.` },
  invalid: { title: 'This link is not valid', message: 'The link is incomplete or was changed. Copy the whole link from the email, or subscribe again.' },
  used: { title: 'This link is no longer valid', message: 'This subscription was ended. Subscribe again to get a new link.' },
} as const

/** The page for a confirm link that failed its check. */
const tokenProblem = (reason: Extract<TokenCheck, { ok: false }>['reason']) => LinkProblemPage(reason === 'expired' ? TOKEN_PROBLEM.expired : TOKEN_PROBLEM.invalid)

/**
 * Subscribing with double opt-in: the form (`POST /subscribe`), the confirmation page
 * (`GET /confirm`, a button) and the confirmation itself (`POST /confirm`). Also mounts
 * unsubscribe, the Resend webhook and the local outbox.
 */
export function createSubscribeRoutes(deps: SubscribeRouteDeps = {}) {
  const app = new Hono<{ Bindings: Env }>()
  const now = deps.now ?? (() => new Date())

  app.onError((err, c) => {
    if (err instanceof ConfigError) {
      logEvent({ event: 'subscribe.config', level: 'error', error: err.message })
      setPageHeaders(c)
      return c.html(LinkProblemPage({ title: 'Subscriptions are unavailable', message: 'Please try again later.' }), 503)
    }
    throw err
  })

  app.get('/subscribe', (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c, { turnstile: Boolean(config.turnstileSiteKey) })
    return c.html(SubscribePage({ turnstileSiteKey: config.turnstileSiteKey }))
  })

  app.post(
    '/subscribe',
    bodyLimit({
      maxSize: 8 * 1024,
      onError: (c) => {
        setPageHeaders(c)
        return wantsJson(c) ? c.json({ ok: false, error: 'Request too large.' }, 413) : c.html(SubscribePage({ error: 'That request was too large.' }), 413)
      },
    }),
    async (c) => {
      const config = readEmailConfig(c.env)
      const json = wantsJson(c)
      setPageHeaders(c, { turnstile: Boolean(config.turnstileSiteKey) })
      const fail = (status: 400 | 403 | 429, error: string, email?: string) => {
        if (status === 429) c.header('Retry-After', '60')
        if (json) return c.json({ ok: false, error }, status)
        return c.html(status === 429 ? TooManyPage() : SubscribePage({ error, email: email ?? '', turnstileSiteKey: config.turnstileSiteKey }), status)
      }
      const ok = () => (json ? c.json({ ok: true, message: CHECK_INBOX_MESSAGE }, 202) : c.html(CheckInboxPage({ demo: config.demoMode }), 200))

      const limiter = c.env.SUBSCRIBE_LIMITER as RateLimit | undefined
      if (limiter && !(await limiter.limit({ key: `subscribe:${clientIp(c)}` })).success) return fail(429, 'Too many attempts. Please wait a minute.')

      if (!isFormOrJson(c.req.header('content-type'))) {
        const error = 'Send the form as application/x-www-form-urlencoded, multipart/form-data or application/json.'
        return json ? c.json({ ok: false, error }, 415) : c.html(SubscribePage({ error, turnstileSiteKey: config.turnstileSiteKey }), 415)
      }
      const fields = await readFields(c)
      // Honeypot: bots fill every field. Answer exactly as for a real request, do nothing.
      if (typeof fields.website === 'string' ? fields.website !== '' : fields.website !== undefined) {
        logEvent({ event: 'subscribe.honeypot' })
        return ok()
      }
      const email = emailAddressSchema.safeParse(fields.email)
      if (!email.success) {
        const typed = typeof fields.email === 'string' ? fields.email.slice(0, 254) : ''
        return fail(400, email.error.issues[0]?.message ?? 'Enter a valid email address.', typed)
      }
      if (config.turnstileSecret) {
        const token = typeof fields['cf-turnstile-response'] === 'string' ? fields['cf-turnstile-response'] : null
        const check = await verifyTurnstile(config.turnstileSecret, token, c.req.header('cf-connecting-ip') ?? null, deps.fetch ?? fetch)
        if (!check.ok) {
          logEvent({ event: 'subscribe.turnstile', codes: check.codes })
          return fail(403, 'Please complete the check that you are human, then press Subscribe.', email.data)
        }
      }

      // The answer must not tell an address's state, by content or by time: everything that
      // depends on the state (D1 reads and writes, the confirmation email) runs after the response.
      const t = now()
      await defer(c, subscribeLater(c.env, config.signingKey, email.data, t))
      return ok()
    },
  )

  app.get('/confirm', async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const token = c.req.query('token') ?? ''
    const check = await verifyLinkToken(config.signingKey, 'confirm', token, now())
    if (!check.ok) return c.html(tokenProblem(check.reason), 400)
    return c.html(ConfirmPage({ token }))
  })

  app.post('/confirm', bodyLimit({ maxSize: 4 * 1024, onError: (c) => c.text('Request too large.', 413) }), async (c) => {
    const config = readEmailConfig(c.env)
    setPageHeaders(c)
    const form = tokenField.safeParse(await readFields(c))
    const check = form.success ? await verifyLinkToken(config.signingKey, 'confirm', form.data.token, now()) : ({ ok: false, reason: 'malformed' } as const)
    if (!check.ok) return c.html(tokenProblem(check.reason), 400)
    const status = await confirmSubscriber(c.env.DB, check.subscriberId, now())
    if (status !== 'active') return c.html(LinkProblemPage(TOKEN_PROBLEM.used), 400)
    logEvent({ event: 'subscribe.confirmed', subscriberId: check.subscriberId })
    return c.html(ConfirmedPage({ demo: config.demoMode }))
  })

  app.route('/', createUnsubscribeRoutes(deps))
  app.route('/', createWebhookRoutes(deps))
  app.route('/', createOutboxRoutes())
  return app
}

/** True for the body types the form and its JSON twin send. */
function isFormOrJson(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase()
  return type === 'application/x-www-form-urlencoded' || type === 'multipart/form-data' || type === 'application/json'
}

/**
 * The state-dependent part of a subscribe request, run after the response: decide (new, pending,
 * active, bounced), queue the confirmation email, purge expired rows. Logged, never thrown.
 */
export async function subscribeLater(env: Env, signingKey: string, email: string, now: Date): Promise<void> {
  try {
    const decision = await requestSubscription(env.DB, signingKey, email, now)
    if (decision.action === 'send-confirmation') await env.EMAIL_QUEUE.send(decision.job)
    // Logged without the address; the decision reason never reaches the response.
    logEvent({ event: 'subscribe', action: decision.action, reason: decision.reason })
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
