/**
 * Maintainer alerts: an edition waits for review, a source keeps failing, a run failed. Each is
 * recorded once under a dedupe key (`maintainer_alerts`), then sent through the email Queue like
 * every other email (Resend, or the local outbox without RESEND_API_KEY).
 */
import { emailAddressSchema } from '../../mail/subscribers/email-address'
import { listUnsentAlerts, recordAlert, type AlertKind, type NewAlert } from '../../mail/delivery/alert-store'
import type { EmailJob } from '../../mail/delivery/email-job'
import { cleanText } from '../../mail/render/clean-text'
import { describeChange } from '../../site/describe-fact'
import type { FailingSource, HeldEditionInput } from '../../pipeline/run/run-cron'
import { readEditorialSettings } from '../../store/editorial-store'
import { logEvent } from '../../core/log'
import { AlertEmailHtml, alertEmailText, type AlertEmailModel } from '../../../templates/email-alert'

/** What an alert says, before it has recipients. */
export interface AlertContent {
  id: string
  kind: AlertKind
  slug: string | null
  model: AlertEmailModel
}

/** The subject an alert is about, as maintainers name it. */
export interface AlertSubject {
  slug: string
  show: string
  season: number
}

/**
 * The maintainer addresses: the `MAINTAINER_EMAILS` var (comma- or space-separated) and the
 * list saved in the admin, valid ones only, each once.
 */
export function maintainerAddresses(env: Pick<Env, 'MAINTAINER_EMAILS'>, saved: readonly string[]): string[] {
  const fromVar = String(env.MAINTAINER_EMAILS ?? '').split(/[\s,;]+/)
  const out = new Set<string>()
  for (const raw of [...fromVar, ...saved]) {
    const parsed = emailAddressSchema.safeParse(raw)
    if (raw.trim() !== '' && parsed.success) out.add(parsed.data)
  }
  return [...out]
}

/** The admin page of a subject's review, as an absolute link. */
function reviewUrl(publicUrl: string, slug: string, anchor = ''): string {
  return `${publicUrl}/admin/s/${encodeURIComponent(slug)}/review${anchor}`
}

const title = (s: AlertSubject) => cleanText(`${s.show} Season ${s.season}`, 120)

/** An edition waits: its changes, when it goes out by itself, and the link to review it. */
export function heldAlert(subject: AlertSubject, edition: HeldEditionInput, publicUrl: string): AlertContent {
  const changes = edition.changes.map((h) => `• ${cleanText(describeChange(h.change), 200)}`)
  const when = edition.holdUntil
    ? `It goes out by itself at ${edition.holdUntil.slice(0, 16).replace('T', ' ')} UTC unless you drop it.`
    : 'It waits until you send or drop it.'
  return {
    id: `held/${edition.id}`,
    kind: 'held',
    slug: subject.slug,
    model: {
      subject: `Review: an update about ${title(subject)} is waiting`,
      lines: [`A run found ${edition.changes.length === 1 ? 'one material change' : `${edition.changes.length} material changes`}:`, ...changes, when],
      action: { label: 'Review it', href: reviewUrl(publicUrl, subject.slug, `#held-${edition.id}`) },
    },
  }
}

/** A source reached the failure threshold; named by its streak, so a streak alerts once. */
export function sourceFailingAlert(subject: AlertSubject, source: FailingSource, publicUrl: string): AlertContent {
  return {
    id: `source/${subject.slug}/${source.id}/${source.lastOkAt ?? 'never'}`,
    kind: 'source-failing',
    slug: subject.slug,
    model: {
      subject: `Source "${cleanText(source.id, 80)}" of ${title(subject)} has failed ${source.failures} runs in a row`,
      lines: [
        `The source ${cleanText(source.id, 80)} (${cleanText(source.url, 300)}) has failed ${source.failures} runs in a row.`,
        `Last error: ${cleanText(source.lastError ?? 'unknown', 400)}`,
        source.lastOkAt ? `It last answered at ${source.lastOkAt.slice(0, 16).replace('T', ' ')} UTC.` : 'It has never answered.',
        'You get one alert per failure streak; the next comes only after it has worked again.',
      ],
      action: { label: 'Open the sources', href: `${publicUrl}/admin/s/${encodeURIComponent(subject.slug)}#sources` },
    },
  }
}

/** A subject's run failed (it is retried); one alert per scheduled run, whatever the retries. */
export function runFailedAlert(slug: string, runAt: string, error: string, publicUrl: string): AlertContent {
  return {
    id: `run/${slug}/${runAt}`,
    kind: 'run-failed',
    slug,
    model: {
      subject: `The run of ${cleanText(slug, 80)} failed`,
      lines: [
        `The run of ${cleanText(slug, 80)} started at ${cleanText(runAt, 40)} failed; the runs Queue retries it (2, 4, 8 minutes, then the dead-letter queue).`,
        `Error: ${cleanText(error.split('\n')[0] ?? error, 400)}`,
      ],
      action: { label: 'Open the admin', href: `${publicUrl}/admin/s/${encodeURIComponent(slug)}` },
    },
  }
}

/**
 * Records an alert for every maintainer address and enqueues it, once: a repeated id (a retried
 * run, a second hold of the same edition) sends nothing. False when there is nobody to tell.
 */
export async function sendAlert(env: Pick<Env, 'DB' | 'EMAIL_QUEUE' | 'MAINTAINER_EMAILS'>, content: AlertContent, now: Date): Promise<boolean> {
  const settings = await readEditorialSettings(env.DB, null)
  const to = maintainerAddresses(env, settings.alertEmails)
  if (to.length === 0) {
    logEvent({ event: 'alert.no-recipients', kind: content.kind, id: content.id })
    return false
  }
  const alert: NewAlert = {
    id: content.id,
    kind: content.kind,
    slug: content.slug,
    to,
    subject: cleanText(content.model.subject, 200),
    text: alertEmailText(content.model),
    html: String(AlertEmailHtml({ model: content.model })),
  }
  if (!(await recordAlert(env.DB, alert, now))) return false
  await (env.EMAIL_QUEUE as Queue<EmailJob>).send({ kind: 'alert', alertId: alert.id })
  logEvent({ event: 'alert.queued', kind: alert.kind, id: alert.id, recipients: to.length })
  return true
}

/** Re-enqueues alerts recorded over ten minutes ago and never settled (a crash before enqueueing). */
export async function resumeAlerts(env: Pick<Env, 'DB' | 'EMAIL_QUEUE'>, now: Date): Promise<number> {
  const ids = await listUnsentAlerts(env.DB, new Date(now.getTime() - 10 * 60_000))
  for (const alertId of ids) await (env.EMAIL_QUEUE as Queue<EmailJob>).send({ kind: 'alert', alertId })
  return ids.length
}
