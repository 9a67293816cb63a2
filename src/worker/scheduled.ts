import { queueNotifier, type QueueNotifier } from '../mail/delivery/queue-notifier'
import { d1Lock } from '../pipeline/run/lock'
import { runCron, type RunDeps, type RunReport } from '../pipeline/run/run-cron'
import { countKv, workersKv, type KvCounts } from '../store/kv'
import { defaultSourcesFor, defaultSubject, fetchFor, fetchRulesFor, isDemoMode, readPublicUrl } from './config'

/** The one log line a cron run leaves (Workers Logs indexes the object's fields). */
interface CronLogLine {
  event: 'cron'
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

/** Builds the cron's dependencies for the Worker: real fetch, clock, KV (counted), D1 lock. */
export function buildRunDeps(env: Env): { deps: RunDeps; counts: KvCounts; notifier: QueueNotifier } {
  const { kv, counts } = countKv(workersKv(env.STATE))
  const publicUrl = readPublicUrl(env)
  // Delivery: editions are recorded in D1 and fanned out through the email Queue.
  const notifier = queueNotifier(env)
  const deps: RunDeps = {
    fetch: fetchFor(env),
    urlRules: fetchRulesFor(env),
    now: () => new Date(),
    kv,
    subject: defaultSubject,
    defaultSources: defaultSourcesFor(env),
    notifier,
    lock: d1Lock(env.DB),
    publicUrl,
    log: (event) => console.log(event),
  }
  return { deps, counts, notifier }
}

/**
 * Runs one cron pass and logs one structured line. Errors are logged and rethrown so the
 * runtime records the invocation as failed.
 */
export async function runScheduled(env: Env, cron: string | null = null): Promise<RunReport> {
  const started = Date.now()
  const { deps, counts, notifier } = buildRunDeps(env)
  const base = { event: 'cron' as const, cron, at: new Date(started).toISOString(), demo: isDemoMode(env) }
  try {
    // Finish any edition a crash left recorded but not yet queued (cheap: one D1 query).
    const resumed = await notifier.resume().catch((err: unknown) => {
      console.error({ event: 'email.resume', level: 'error', error: String(err) })
      return 0
    })
    if (resumed > 0) console.log({ event: 'email.resume', editions: resumed })
    const report = await runCron(deps)
    console.log(summarizeRun(report, counts, base, Date.now() - started))
    return report
  } catch (err) {
    const line: CronLogLine = { ...base, ms: Date.now() - started, ok: false, kv: { ...counts }, error: String((err as Error)?.stack ?? err) }
    console.error(line)
    throw err
  }
}

/** The log line for a finished run: counts, not contents, so logs stay small and scrape-free. */
function summarizeRun(
  report: RunReport,
  counts: KvCounts,
  base: Pick<CronLogLine, 'cron' | 'at' | 'demo'>,
  ms: number,
): CronLogLine {
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

/** The Worker's `scheduled` handler: the run outlives the event via waitUntil. */
export const scheduled: ExportedHandlerScheduledHandler<Env> = (controller, env, ctx) => {
  ctx.waitUntil(runScheduled(env, controller.cron))
}
