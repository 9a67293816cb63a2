import type { RunReport } from '../pipeline/run/run-cron'
import { clearRunReports } from '../pipeline/run/run-report-store'
import { clearState } from '../pipeline/run/state-store'
import { workersKv } from '../store/kv'
import { clearStateSaved, listSubjects } from '../store/subject-store'
import { clearEditorialDecisions } from '../store/editorial-store'
import { migrateLayout } from './migrate-layout'
import { runSubject } from './scheduled'

/**
 * Runs every active subject one after another in this invocation, without the runs Queue: the
 * demo's "run the cron" button, which wants the outcome in its answer. The cron itself fans out.
 */
export async function runAllNow(env: Env, cron: string | null = null): Promise<{ slug: string; report: RunReport | null }[]> {
  await migrateLayout(env)
  const out: { slug: string; report: RunReport | null }[] = []
  for (const subject of await listSubjects(env.DB, { status: 'active' })) out.push({ slug: subject.slug, report: await runSubject(env, subject.slug, cron) })
  return out
}

/** Deletes every subject's pipeline state, public view, run reports and the editorial decisions about them (the demo's reset); returns the KV keys. */
export async function resetAllState(env: Env): Promise<string[]> {
  const kv = workersKv(env.STATE)
  const cleared: string[] = []
  for (const subject of await listSubjects(env.DB)) cleared.push(...(await clearState(kv, subject.slug)))
  await clearStateSaved(env.DB)
  await clearRunReports(env.DB)
  await clearEditorialDecisions(env.DB)
  return cleared
}
