/**
 * "Run now": puts a run of a subject (or of every active one) on the runs Queue, where it runs
 * like a scheduled one, under the subject's run lock, logged; the request is audited. It answers
 * at once ("queued"); the run's outcome shows on the review page (held editions) and the source
 * health once the consumer is done.
 */
import type { SubjectRecord } from '../../store/subject-store'
import { appendAuditStatement } from '../../store/audit-log'
import { auditEntry } from '../audit'
import type { RunJob } from '../../worker/run-job'
import { logEvent } from '../../core/log'

/** Queues one run per subject given (active ones only), audits each, and returns the slugs queued. */
export async function requestRuns(env: Env, subjects: readonly SubjectRecord[], who: { actor: string; via: 'api' | 'page'; now: Date }): Promise<string[]> {
  const active = subjects.filter((s) => s.status === 'active')
  if (active.length === 0) return []
  const at = who.now.toISOString()
  const jobs: RunJob[] = active.map((s) => ({ kind: 'run', slug: s.slug, at }))
  await (env.RUNS_QUEUE as Queue<RunJob>).sendBatch(jobs.map((body) => ({ body })))
  await env.DB.batch(
    active.map((s) => appendAuditStatement(env.DB, auditEntry(who, { action: 'run', subject: s.slug, targetKind: 'run', target: s.slug, before: null, after: { queued: at }, reason: null }))),
  )
  logEvent({ event: 'run.requested', subjects: jobs.map((j) => j.slug), actor: who.actor })
  return jobs.map((j) => j.slug)
}
