import { queueNotifier, type QueueNotifier } from '../mail/delivery/queue-notifier'
import { d1Lock } from '../pipeline/run/lock'
import { runCron, type RunDeps, type RunReport } from '../pipeline/run/run-cron'
import { d1RunReports } from '../pipeline/run/run-report-store'
import { countKv, workersKv, type KvCounts } from '../store/kv'
import { listSources, withoutVersion } from '../store/source-store'
import { getSubject, listSubjects, markStateSaved, subjectConfig, type SubjectRecord } from '../store/subject-store'
import { fetchFor, fetchRulesFor, isDemoMode, readPublicUrl } from './config'
import { adoptUnderLock, migrateLayout } from './migrate-layout'
import type { RunJob } from './run-job'
import { logEvent } from '../core/log'
import { resumeAlerts } from '../admin/editorial/alerts'
import { sendDueHeldEditions } from '../admin/editorial/held-review'
import { loadRunEditorial } from '../admin/editorial/run-editorial'
import { forgetRemovedSubject } from '../admin/subjects/subject-admin'
import { saveSeasonGlance } from '../site/season-glance'

/** The one log line a subject's run leaves (Workers Logs indexes the object's fields). */
interface RunLogLine {
  event: 'cron'
  subject: string
  cron: string | null
  at: string
  ms: number
  demo: boolean
  ok: boolean
  skipped?: boolean
  baseline?: boolean
  changes?: { total: number; material: number; fields: string[] }
  emailed?: boolean
  failures?: { url: string; error: string }[]
  kv: KvCounts
  error?: string
}

/** Test and bench seams: the network and the clock a run uses (the Worker passes none). */
export interface RunSeams {
  fetch?: typeof fetch
  now?: () => Date
}

/** Builds one subject's run dependencies for the Worker: real fetch, clock, KV (counted), D1 lock. */
export function buildRunDeps(env: Env, subject: SubjectRecord, sources: RunDeps['sources'], seams: RunSeams = {}, owner?: string): { deps: RunDeps; counts: KvCounts; notifier: QueueNotifier } {
  const { kv, counts } = countKv(workersKv(env.STATE))
  // Delivery: editions are recorded in D1 and fanned out through the email Queue.
  const notifier = queueNotifier(env)
  const deps: RunDeps = {
    fetch: seams.fetch ?? fetchFor(env),
    urlRules: fetchRulesFor(env),
    now: seams.now ?? (() => new Date()),
    kv,
    slug: subject.slug,
    subject: subjectConfig(subject),
    sources,
    notifier,
    lock: d1Lock(env.DB),
    ...(owner !== undefined ? { lockOwner: owner } : {}),
    legacyState: subject.legacy,
    expectState: subject.stateSavedAt !== null,
    publicUrl: readPublicUrl(env),
    reports: d1RunReports(env.DB),
    viewSaved: (view) => saveSeasonGlance(env.DB, subject.slug, view),
    log: logEvent,
  }
  return { deps, counts, notifier }
}

/**
 * Runs one subject now (the runs Queue consumer, and the demo's button): reads it and its
 * sources from D1, adopts the single-subject state first if it is the migrated one, runs the
 * pipeline and logs one line. A missing or paused subject is not run (null). Errors are logged
 * and rethrown, so the consumer retries that subject alone. `owner` names the runs Queue job:
 * a redelivery of it takes over the run lock its crashed attempt left.
 */
export async function runSubject(env: Env, slug: string, cron: string | null = null, seams: RunSeams = {}, owner?: string): Promise<RunReport | null> {
  const started = Date.now()
  let subject = await getSubject(env.DB, slug)
  if (!subject || subject.status !== 'active') {
    logEvent({ event: 'cron', subject: slug, cron, skipped: true, reason: subject ? 'paused' : 'no such subject' })
    return null
  }
  if (subject.legacy) {
    await adoptUnderLock(env, slug)
    subject = (await getSubject(env.DB, slug)) ?? subject
  }
  const sources = (await listSources(env.DB, slug)).map(withoutVersion)
  const { deps, counts } = buildRunDeps(env, subject, sources, seams, owner)
  // Review mode, exclusions and held editions (issue 10), read with the subject.
  deps.editorial = await loadRunEditorial(env, subject, deps.publicUrl ?? readPublicUrl(env))
  const base = { event: 'cron' as const, subject: slug, cron, at: new Date(started).toISOString(), demo: isDemoMode(env) }
  try {
    const report = await runCron(deps)
    // A subject removed while its run was in flight: the run may have written state (and held an
    // edition) after the removal cleared it. Its subscriptions went with it, so nobody was emailed.
    // Only a run that wrote can have left anything (a quiet run costs no extra query).
    if (report.wrote && !(await getSubject(env.DB, slug))) {
      await forgetRemovedSubject(env.DB, workersKv(env.STATE), slug, new Date())
      logEvent({ event: 'cron', subject: slug, cron, removed: true, reason: 'subject removed during its run' })
      return report
    }
    if (report.wrote && subject.stateSavedAt === null) await markStateSaved(env.DB, slug, new Date())
    logEvent(summarizeRun(report, counts, base, Date.now() - started))
    return report
  } catch (err) {
    const line: RunLogLine = { ...base, ms: Date.now() - started, ok: false, kv: { ...counts }, error: String((err as Error)?.stack ?? err) }
    logEvent({ ...line, level: 'error' })
    throw err
  }
}

/** What the cron did: the subjects it queued a run for. */
export interface CronReport {
  enqueued: string[]
}

/** Queue producers take at most 100 messages per sendBatch call. */
const SEND_BATCH_LIMIT = 100

/**
 * The cron's own work, kept small: finish the layout migration if needed, re-enqueue editions
 * a crash left behind, and put one message per active subject on the runs Queue. Each subject
 * then runs in its own consumer invocation (`consumeRuns`).
 */
export async function runScheduled(env: Env, cron: string | null = null): Promise<CronReport> {
  const at = new Date()
  const migration = await migrateLayout(env, at).catch((err: unknown) => {
    // The runs still go out: each subject's consumer adopts its own state if needed.
    logEvent({ event: 'layout-migration', level: 'error', error: String((err as Error)?.stack ?? err) })
    return null
  })
  if (migration && (migration.seeded || migration.carriedOver || migration.adopted)) logEvent({ event: 'layout-migration', ...migration })
  await resumeEditions(env)
  await sweepEditorial(env, at)
  const subjects = await listSubjects(env.DB, { status: 'active' })
  const jobs: RunJob[] = subjects.map((s) => ({ kind: 'run', slug: s.slug, at: at.toISOString() }))
  for (let i = 0; i < jobs.length; i += SEND_BATCH_LIMIT) {
    await (env.RUNS_QUEUE as Queue<RunJob>).sendBatch(jobs.slice(i, i + SEND_BATCH_LIMIT).map((body) => ({ body })))
  }
  logEvent({ event: 'cron.enqueued', cron, at: at.toISOString(), subjects: jobs.length })
  return { enqueued: jobs.map((j) => j.slug) }
}

/**
 * Finishes any edition a crash or a refused Queue send left recorded but not yet queued (one
 * D1 query). The cron calls it, and so does the runs consumer before a retried run. Never
 * throws: a Queue still refusing leaves the edition for the next call.
 */
export async function resumeEditions(env: Pick<Env, 'DB' | 'EMAIL_QUEUE'>, notifier: QueueNotifier = queueNotifier(env)): Promise<number> {
  const resumed = await notifier.resume().catch((err: unknown) => {
    logEvent({ event: 'email.resume', level: 'error', error: String(err) })
    return 0
  })
  if (resumed > 0) logEvent({ event: 'email.resume', editions: resumed })
  return resumed
}

/**
 * The hourly sweep cron (`SWEEP_CRON`): sends held editions whose hold window has passed and
 * re-enqueues maintainer alerts a crash left unsent. Also part of every main cron. Failures are
 * logged; the next sweep tries again.
 */
export async function sweepEditorial(env: Env, now: Date = new Date()): Promise<void> {
  await sendDueHeldEditions(env, now).catch((err: unknown) => logEvent({ event: 'held.sweep', level: 'error', error: String(err) }))
  const resumed = await resumeAlerts(env, now).catch((err: unknown) => {
    logEvent({ event: 'alert.resume', level: 'error', error: String(err) })
    return 0
  })
  if (resumed > 0) logEvent({ event: 'alert.resume', alerts: resumed })
}

/** The cron expression (in `wrangler.toml`) that only sweeps editorial work; every other one fans out runs. */
export const SWEEP_CRON = '30 * * * *'

/** The log line for a finished run: counts, not contents, so logs stay small and scrape-free. */
function summarizeRun(report: RunReport, counts: KvCounts, base: Pick<RunLogLine, 'subject' | 'cron' | 'at' | 'demo'>, ms: number): RunLogLine {
  const material = report.changes.filter((c) => c.material)
  return {
    event: 'cron',
    ...base,
    ms,
    ok: true,
    skipped: report.skipped,
    baseline: report.baseline,
    changes: { total: report.changes.length, material: material.length, fields: material.map((c) => c.field) },
    emailed: report.email !== null,
    failures: report.failed,
    kv: { ...counts },
  }
}

/** The Worker's `scheduled` handler: the fan-out outlives the event via waitUntil. */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(controller.cron === SWEEP_CRON ? sweepEditorial(env) : runScheduled(env, controller.cron))
}
