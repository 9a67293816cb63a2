import type { MailSender, OutgoingEmail, RateState, SendOutcome } from './mail-types'
import { backoffSeconds } from './retry-delay'
import { emailPersonalizer } from '../render/render-email'
import { decodeChoices } from '../subscribers/choices'
import { CONFIRM_TOKEN_TTL_SECONDS, CONFIRM_TOKEN_VALID_FOR, MANAGE_TOKEN_TTL_SECONDS, MANAGE_TOKEN_VALID_FOR, signLinkToken } from '../subscribers/link-token'
import { confirmEmailSubject, ConfirmEmailHtml, confirmEmailText } from '../../../templates/email-confirm'
import type { EditionRecord, EditionStore, Recipient } from './edition-store'
import type { RenderedEmail } from './notifier'
import type { AlertStore } from './alert-store'
import { emailJobSchema, idempotencyKeyFor, type EmailJob } from './email-job'

/** Everything the consumer needs, injected so workerd, Node tests and the bench share it. */
export interface DeliveryDeps {
  store: EditionStore
  sender: MailSender
  signingKey: string
  publicUrl: string
  from: string
  now?: () => Date
  /** Waits between sends when the provider says the rate window is used up. */
  sleep?: (ms: number) => Promise<void>
  log?: (event: Record<string, unknown>) => void
  /** How long a consumer holds a batch before another may take it over (crash recovery). */
  leaseMs?: number
  /** Maintainer alerts (absent: alert jobs are logged and dropped). */
  alerts?: AlertStore
}

/** The longest pause the consumer takes in-process to respect a rate window; longer → retry. */
const MAX_PACE_WAIT_SECONDS = 5
/** Retry delay when another consumer holds the batch's lease. */
const LEASED_RETRY_SECONDS = 60

type JobResult = { kind: 'done'; rate?: RateState } | { kind: 'retry'; delaySeconds: number; rateLimited: boolean }

/** DeliveryDeps with its defaults filled in, once per consumer invocation. */
type Ctx = DeliveryDeps & Required<Pick<DeliveryDeps, 'now' | 'log'>>

/** A link to one of the pages a signed token opens (`/confirm`, `/manage`, `/unsubscribe`, …). */
const tokenUrl = (publicUrl: string, path: string, token: string) => `${publicUrl}${path}?token=${encodeURIComponent(token)}`

/** A subscriber's manage link, valid for `MANAGE_TOKEN_TTL_SECONDS` from `from` (epoch seconds). */
async function manageUrl(deps: Pick<DeliveryDeps, 'signingKey' | 'publicUrl'>, subscriberId: number, from: number): Promise<string> {
  return tokenUrl(deps.publicUrl, '/manage', await signLinkToken(deps.signingKey, 'manage', subscriberId, from + MANAGE_TOKEN_TTL_SECONDS))
}

/**
 * One recipient's links: `List-Unsubscribe` and friends (RFC 2369 / RFC 8058) and the body link,
 * both for the season the email is about (`slug`; an edition from before subjects: everything),
 * and the manage link, valid for 90 days from the edition's snapshot. Deterministic for the same
 * edition and person, so a retried send is byte-identical.
 */
async function recipientLinks(deps: Pick<DeliveryDeps, 'signingKey' | 'publicUrl'>, edition: EditionRecord, subscriberId: number) {
  const token = await signLinkToken(deps.signingKey, 'unsubscribe', subscriberId, null, edition.subjectSlug ?? '')
  const snapshotAt = Math.floor(Date.parse(edition.snapshotAt) / 1000)
  return {
    unsubscribeUrl: tokenUrl(deps.publicUrl, '/unsubscribe', token),
    oneClickUrl: tokenUrl(deps.publicUrl, '/unsubscribe/one-click', token),
    manageUrl: await manageUrl(deps, subscriberId, snapshotAt),
  }
}

/**
 * Builds each recipient's copy of one of an edition's emails (their links in the body and in
 * the headers). What all copies share is prepared once, not once per recipient.
 */
function updateEmailBuilder(edition: EditionRecord, content: RenderedEmail, deps: Pick<DeliveryDeps, 'signingKey' | 'publicUrl' | 'from'>): (recipient: Recipient) => Promise<OutgoingEmail> {
  const personalize = emailPersonalizer(content)
  // The subject is a header: no line breaks, whatever the renderer produced.
  const subject = content.subject.replace(/[\r\n]+/g, ' ')
  return async (recipient) => {
    const { unsubscribeUrl, oneClickUrl, manageUrl } = await recipientLinks(deps, edition, recipient.id)
    const { html, text } = personalize({ unsubscribeUrl, manageUrl })
    return {
      from: deps.from,
      to: recipient.email,
      subject,
      html,
      text,
      headers: {
        'List-Unsubscribe': `<${oneClickUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    }
  }
}

function toResult(outcome: SendOutcome): JobResult {
  if (outcome.kind === 'retry') return { kind: 'retry', delaySeconds: outcome.delaySeconds, rateLimited: outcome.rateLimited }
  return { kind: 'done', ...(outcome.kind !== 'failed' && outcome.rate ? { rate: outcome.rate } : {}) }
}

async function runEditionJob(job: Extract<EmailJob, { kind: 'edition' }>, attempts: number, deps: Ctx): Promise<JobResult> {
  const { now, log } = deps
  const [edition, batch] = await Promise.all([deps.store.getEdition(job.editionId), deps.store.getBatch(job.editionId, job.batchIndex)])
  if (!edition || !batch) {
    log({ event: 'email.batch.unknown', ...job })
    return { kind: 'done' }
  }
  if (batch.status === 'sent' || batch.status === 'failed') {
    // A redelivered or re-enqueued message: the batch is settled, nothing is sent again.
    log({ event: 'email.batch.duplicate', ...job, status: batch.status })
    return { kind: 'done' }
  }
  if (!(await deps.store.leaseBatch(job.editionId, job.batchIndex, now(), deps.leaseMs ?? 120_000))) {
    const again = await deps.store.getBatch(job.editionId, job.batchIndex)
    if (again && (again.status === 'sent' || again.status === 'failed')) return { kind: 'done' }
    return { kind: 'retry', delaySeconds: LEASED_RETRY_SECONDS, rateLimited: false }
  }
  // Read after taking the lease: anyone who unsubscribed or bounced until now is left out.
  const recipients = await deps.store.batchRecipients(edition, batch)
  if (recipients.length === 0) {
    await deps.store.finishBatch(job.editionId, job.batchIndex, { status: 'sent', sent: 0 }, now())
    return { kind: 'done' }
  }
  const content = await deps.store.editionEmail(edition, batch.choice)
  if (!content) {
    // Planning makes batches only for choices with an email, so this is a broken record.
    await deps.store.finishBatch(job.editionId, job.batchIndex, { status: 'failed', sent: 0, error: `no email for choice ${batch.choice}` }, now())
    log({ event: 'email.batch.failed', level: 'error', ...job, error: `no email for choice ${batch.choice}` })
    return { kind: 'done' }
  }
  const build = updateEmailBuilder(edition, content, deps)
  const emails = await Promise.all(recipients.map((r) => build(r)))
  const outcome = await deps.sender.sendBatch(emails, { key: idempotencyKeyFor(job), kind: 'update', attempts })
  if (outcome.kind === 'retry') {
    await deps.store.releaseBatch(job.editionId, job.batchIndex, outcome.error)
    log({ event: 'email.batch.retry', ...job, attempts, status: outcome.status, delaySeconds: outcome.delaySeconds, error: outcome.error })
  } else if (outcome.kind === 'failed') {
    await deps.store.finishBatch(job.editionId, job.batchIndex, { status: 'failed', sent: 0, error: outcome.error }, now())
    log({ event: 'email.batch.failed', level: 'error', ...job, status: outcome.status, error: outcome.error })
  } else {
    await deps.store.finishBatch(job.editionId, job.batchIndex, { status: 'sent', sent: emails.length }, now())
    log({ event: 'email.batch.sent', ...job, recipients: emails.length, replayed: outcome.kind === 'already-sent' })
  }
  return toResult(outcome)
}

async function runConfirmJob(job: Extract<EmailJob, { kind: 'confirm' }>, attempts: number, deps: Ctx): Promise<JobResult> {
  const { log } = deps
  const target = await deps.store.getConfirmTarget(job.subscriberId)
  // Confirmed (or, for a change, left), gone, or superseded by a newer request: nothing to send.
  const expected = job.change ? 'active' : 'pending'
  if (!target || target.status !== expected || !target.email || target.confirmSends !== job.sendNo || !target.confirmSentAt) {
    log({ event: 'email.confirm.skipped', ...job })
    return { kind: 'done' }
  }
  // Expiry counted from when the request was made (stored), so a retried send is byte-identical.
  const sentAt = Math.floor(Date.parse(target.confirmSentAt) / 1000)
  const seasons = decodeChoices(job.seasons ?? '') ?? []
  const token = await signLinkToken(deps.signingKey, 'confirm', target.id, sentAt + CONFIRM_TOKEN_TTL_SECONDS, job.seasons ?? '')
  const titles = await deps.store.seasonTitles(seasons.map((s) => s.slug))
  const props = {
    confirmUrl: tokenUrl(deps.publicUrl, '/confirm', token),
    siteUrl: `${deps.publicUrl}/`,
    validFor: CONFIRM_TOKEN_VALID_FOR,
    seasons: seasons.flatMap((s) => (titles.has(s.slug) ? [{ title: titles.get(s.slug)!, choice: s.choice }] : [])),
    change: job.change === true,
    manageUrl: job.change ? await manageUrl(deps, target.id, sentAt) : null,
    manageValidFor: MANAGE_TOKEN_VALID_FOR,
  }
  const email: OutgoingEmail = {
    from: deps.from,
    to: target.email,
    subject: confirmEmailSubject(props.change),
    html: String(ConfirmEmailHtml(props)),
    text: confirmEmailText(props),
  }
  const outcome = await deps.sender.sendBatch([email], { key: idempotencyKeyFor(job), kind: 'confirm', attempts })
  log({ event: `email.confirm.${outcome.kind}`, ...job, ...(outcome.kind === 'retry' || outcome.kind === 'failed' ? { error: outcome.error } : {}) })
  return toResult(outcome)
}

async function runAlertJob(job: Extract<EmailJob, { kind: 'alert' }>, attempts: number, deps: Ctx): Promise<JobResult> {
  const alert = await deps.alerts?.get(job.alertId)
  if (!alert || alert.sentAt || alert.to.length === 0) {
    deps.log({ event: 'email.alert.skipped', ...job })
    return { kind: 'done' }
  }
  const subject = alert.subject.replace(/[\r\n]+/g, ' ')
  const emails: OutgoingEmail[] = alert.to.map((to) => ({ from: deps.from, to, subject, html: alert.html, text: alert.text }))
  const outcome = await deps.sender.sendBatch(emails, { key: idempotencyKeyFor(job), kind: 'alert', attempts })
  if (outcome.kind !== 'retry') await deps.alerts!.settle(job.alertId, deps.now(), outcome.kind === 'failed' ? outcome.error : null)
  deps.log({ event: `email.alert.${outcome.kind}`, ...(outcome.kind === 'failed' ? { level: 'error' } : {}), ...job, ...(outcome.kind === 'retry' || outcome.kind === 'failed' ? { error: outcome.error } : {}) })
  return toResult(outcome)
}

/** Runs one job of any kind. */
function runJob(job: EmailJob, attempts: number, deps: Ctx): Promise<JobResult> {
  switch (job.kind) {
    case 'edition':
      return runEditionJob(job, attempts, deps)
    case 'confirm':
      return runConfirmJob(job, attempts, deps)
    case 'alert':
      return runAlertJob(job, attempts, deps)
  }
}

/**
 * The Queue consumer's core. Messages are handled one after another (the provider's rate
 * limit is per account, so parallel sends would only buy 429s). After a 429 the rest of the
 * batch is retried with the same delay instead of hitting the limit again; when the provider
 * reports its window used up, the consumer waits for the reset (up to 5 s) or defers the rest.
 */
export async function deliverEmailBatch(batch: MessageBatch<unknown>, options: DeliveryDeps): Promise<void> {
  const deps: Ctx = { ...options, now: options.now ?? (() => new Date()), log: options.log ?? (() => {}) }
  const { log } = deps
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))
  const messages = [...batch.messages]
  for (let i = 0; i < messages.length; i++) {
    const msg = messages[i]!
    const parsed = emailJobSchema.safeParse(msg.body)
    if (!parsed.success) {
      log({ event: 'email.job.invalid', level: 'error', id: msg.id })
      msg.ack()
      continue
    }
    let result: JobResult
    try {
      result = await runJob(parsed.data, msg.attempts, deps)
    } catch (err) {
      // D1 hiccup, rendering bug…: retry with backoff; the dead-letter queue catches the rest.
      log({ event: 'email.job.error', level: 'error', job: parsed.data, error: err instanceof Error ? err.message : String(err) })
      result = { kind: 'retry', delaySeconds: backoffSeconds(msg.attempts), rateLimited: false }
    }
    if (result.kind === 'retry') {
      msg.retry({ delaySeconds: result.delaySeconds })
      if (result.rateLimited) {
        for (const rest of messages.slice(i + 1)) rest.retry({ delaySeconds: result.delaySeconds })
        return
      }
      continue
    }
    msg.ack()
    const rate = result.rate
    // Also after the last message: the next invocation would otherwise open with a 429.
    if (rate && rate.remaining !== null && rate.remaining <= 0) {
      const wait = Math.max(1, rate.resetSeconds ?? 1)
      if (wait > MAX_PACE_WAIT_SECONDS) {
        for (const rest of messages.slice(i + 1)) rest.retry({ delaySeconds: wait })
        return
      }
      await sleep(wait * 1000)
    }
  }
}
