import { z } from 'zod'
import type { RunReport } from '../../pipeline/run/run-cron'

/**
 * What one "Run the cron now" did, in the words the demo page shows ("baseline recorded,
 * nothing sent", "1 material change, email to 2 subscribers", "nothing new"). Pure; the route
 * carries it through the redirect back to /demo as a small query string.
 */
export interface DemoRunOutcome {
  kind: 'baseline' | 'quiet' | 'sent' | 'held' | 'skipped'
  /** Material changes (what an email is about). */
  material: number
  /** Every change recorded, material or not (a new estimate is recorded, not sent). */
  recorded: number
  /** Subscribers the email was queued for; null when no email or not known. */
  recipients: number | null
  /** Sources or articles that could not be read. */
  failed: number
}

/** Sums up a run report. */
export function summarizeDemoRun(report: Pick<RunReport, 'skipped' | 'baseline' | 'changes' | 'failed'> & { held?: string | null }, recipients: number | null): DemoRunOutcome {
  const material = report.changes.filter((c) => c.material).length
  const kind = report.skipped ? 'skipped' : report.baseline ? 'baseline' : report.held ? 'held' : material > 0 ? 'sent' : 'quiet'
  return { kind, material, recorded: report.changes.length, recipients: kind === 'sent' ? recipients : null, failed: report.failed.length }
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

/** The outcome as one or two sentences. */
export function describeDemoRun(o: DemoRunOutcome): string {
  const failed = o.failed > 0 ? ` ${plural(o.failed, 'source', 'sources')} could not be read.` : ''
  switch (o.kind) {
    case 'skipped':
      return 'Another run was still going, so this one did nothing. Try again in a moment.'
    case 'baseline':
      return `Baseline recorded, nothing sent: the first run only learns what is already known.${failed}`
    case 'quiet':
      return o.recorded === 0
        ? `Nothing new: no fact changed, nothing sent.${failed}`
        : `No material change, nothing sent (${plural(o.recorded, 'change', 'changes')} recorded on the fact sheet, none worth an email).${failed}`
    case 'held':
      return `${plural(o.material, 'material change', 'material changes')}, held for review: approve or drop it on the admin’s review page.${failed}`
    case 'sent': {
      const changes = plural(o.material, 'material change', 'material changes')
      if (o.recipients === null) return `${changes}, email queued.${failed}`
      if (o.recipients === 0) return `${changes}, but nobody has confirmed a subscription yet, so no email went out.${failed}`
      return `${changes}, email to ${plural(o.recipients, 'subscriber', 'subscribers')}.${failed}`
    }
  }
}

const count = z.coerce.number().int().min(0).max(1_000_000)
const outcomeQuery = z.object({
  ran: z.enum(['baseline', 'quiet', 'sent', 'held', 'skipped']),
  material: count.default(0),
  recorded: count.default(0),
  recipients: count.optional(),
  failed: count.default(0),
})

/** The outcome as query parameters for the redirect back to /demo. */
export function toOutcomeQuery(o: DemoRunOutcome): string {
  const params = new URLSearchParams({ ran: o.kind, material: String(o.material), recorded: String(o.recorded), failed: String(o.failed) })
  if (o.recipients !== null) params.set('recipients', String(o.recipients))
  return params.toString()
}

/** Reads the outcome back from /demo's query; anything missing or odd reads as no outcome. */
export function parseOutcomeQuery(query: Record<string, string>): DemoRunOutcome | null {
  const q = outcomeQuery.safeParse(query)
  if (!q.success) return null
  return { kind: q.data.ran, material: q.data.material, recorded: q.data.recorded, recipients: q.data.recipients ?? null, failed: q.data.failed }
}
