/**
 * What every editorial action shares: who acts on which subject, the subject's run lock (so an
 * action and a run never interleave their reads and writes of the state), and saving the state
 * and the public view afterwards.
 */
import type { HeldChange } from '../../core/editorial'
import { HISTORY_LIMIT, type HistoryEntry, type PublicView } from '../../core/public-view'
import { revertChanges } from '../../pipeline/facts/editorial-revert'
import { d1Lock } from '../../pipeline/run/lock'
import type { PipelineState } from '../../pipeline/run/state'
import { loadState, savePublicView, saveState, type LoadedState } from '../../pipeline/run/state-store'
import { saveSeasonGlance } from '../../site/season-glance'
import { listPendingHeld } from '../../store/editorial-store'
import { workersKv, type KvLike } from '../../store/kv'
import { getSubject, type SubjectRecord } from '../../store/subject-store'
import { adoptUnderLock } from '../../worker/migrate-layout'

/** Who acts, on which subject, when, and from where (`system`: the hold window's own send). */
export interface EditorialContext {
  env: Env
  subject: SubjectRecord
  /** Token fingerprint (`token:1a2b3c4d`), or `system`. */
  actor: string
  via: 'api' | 'page' | 'system'
  now: Date
}

/** An editorial action's outcome; `status` is what a route answers with. */
export type EditorialResult<T> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 422; error: string }

/** Thrown inside an action to end it with an answer (the lock is released on the way out). */
export class EditorialRefusal extends Error {
  constructor(
    readonly status: 404 | 409 | 422,
    message: string,
  ) {
    super(message)
  }
}

/** The state an action works on, read under the subject's lock. */
export interface LockedState {
  kv: KvLike
  loaded: LoadedState
  state: PipelineState
}

/** Lease length for an action: far shorter than a run's, since it does no fetching. */
const ACTION_LOCK_MS = 60_000
const LOCK_ATTEMPTS = 3
const LOCK_WAIT_MS = 400

/**
 * Runs `fn` under the subject's run lock (`cron:<slug>`, the lock runs take), with its state
 * loaded. A run in progress means 409 after a short wait; so does a subject without state yet.
 * Refusals thrown by `fn` become the result; other errors propagate.
 */
export async function underSubjectLock<T>(ctx: EditorialContext, fn: (locked: LockedState) => Promise<T>): Promise<EditorialResult<T>> {
  const slug = ctx.subject.slug
  // A subject still in the single-subject keys is adopted first (that takes the lock itself).
  if (ctx.subject.legacy) {
    await adoptUnderLock(ctx.env, slug)
    ctx = { ...ctx, subject: (await getSubject(ctx.env.DB, slug)) ?? ctx.subject }
  }
  const lock = d1Lock(ctx.env.DB)
  const name = `cron:${slug}`
  let token: string | null = null
  for (let attempt = 0; attempt < LOCK_ATTEMPTS && token === null; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, LOCK_WAIT_MS))
    token = await lock.acquire(name, ACTION_LOCK_MS, ctx.now)
  }
  if (token === null) return { ok: false, status: 409, error: 'A run of this subject is in progress; try again in a minute.' }
  try {
    const kv = workersKv(ctx.env.STATE)
    const loaded = await loadState(kv, { slug })
    if (!loaded) return { ok: false, status: 409, error: 'No run has recorded facts for this subject yet.' }
    return { ok: true, value: await fn({ kv, loaded, state: loaded.state }) }
  } catch (err) {
    if (err instanceof EditorialRefusal) return { ok: false, status: err.status, error: err.message }
    throw err
  } finally {
    await lock.release(name, token)
  }
}

/**
 * Saves the state an action changed, and the public view from it: facts with the changes of
 * editions still held put back (they are not public until approved), and the history.
 * `settling` names an edition being sent, still marked held until after this save.
 */
export async function saveEditorialState(ctx: EditorialContext, locked: LockedState, next: Pick<PipelineState, 'facts' | 'reported' | 'history'>, opts: { settling?: string } = {}): Promise<void> {
  const at = ctx.now.toISOString()
  const state: PipelineState = { ...locked.state, ...next, version: locked.state.version + 1, updatedAt: at }
  await saveState(locked.kv, ctx.subject.slug, locked.loaded, state, { compacted: false })
  // `settling`: the edition being sent is still marked held until this save is done.
  const pending: HeldChange[][] = (await listPendingHeld(ctx.env.DB, ctx.subject.slug)).filter((h) => h.id !== opts.settling).map((h) => h.changes.filter((c) => !h.dropped.includes(c.id)))
  const view: PublicView = { version: state.version, updatedAt: at, facts: pending.length > 0 ? revertChanges(state.facts, pending) : state.facts, history: state.history }
  await savePublicView(locked.kv, ctx.subject.slug, view)
  await saveSeasonGlance(ctx.env.DB, ctx.subject.slug, view)
}

/** History with `entry` in its place (newest first by time), once, bounded. */
export function withHistoryEntry(history: readonly HistoryEntry[], entry: HistoryEntry): HistoryEntry[] {
  if (history.some((e) => e.id === entry.id)) return [...history]
  const out = [...history, entry].sort((a, b) => b.at.localeCompare(a.at))
  return out.slice(0, HISTORY_LIMIT)
}
