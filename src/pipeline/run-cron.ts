import type { Change, Facts, Source, Subject } from '../core/types'
import type { KvLike } from '../store/kv'
import type { Notifier, RenderedEmail } from '../notify/notifier'
import type { RunLock } from './lock'

/** Everything a cron run touches, passed in so the Worker, the CLI and tests drive the same code. */
export interface RunDeps {
  fetch: typeof fetch
  now: () => Date
  kv: KvLike
  subject: Subject
  /** Seeds the live list in KV on the first run. */
  defaultSources: Source[]
  notifier: Notifier
  lock?: RunLock
  log?: (event: Record<string, unknown>) => void
}

/** What one run did; the replay prints it as a `run` line. */
export interface RunReport {
  at: string
  /** True when another run held the lock and this one did nothing. */
  skipped: boolean
  baseline: boolean
  changes: Change[]
  email: RenderedEmail | null
  failed: { url: string; error: string }[]
  facts: Facts
}

/** One cron run: sources → fetch → extract → merge → diff → notify. */
export async function runCron(_deps: RunDeps): Promise<RunReport> {
  throw new Error('not implemented yet')
}
