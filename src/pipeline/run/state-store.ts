/**
 * How one subject's pipeline state is kept in KV, bounded:
 *
 * - `subject:<slug>:state` holds everything a run reads and rewrites (facts, fetch memory, seen
 *   feed items, reported ids, history) plus the newest claims, at most `SHARD_SIZE` of them;
 * - older claims are sealed, `SHARD_SIZE` at a time, into `subject:<slug>:claims:<n>`. A sealed
 *   shard is written once and never rewritten, until the ledger reaches its cap and is compacted
 *   into fresh shards (ids are never reused).
 *
 * So a run reads the state and the sealed shards, and writes the state plus at most the shard it
 * seals: what changed, not the whole ledger. A run that changed nothing writes nothing.
 */
import type { PublicView } from '../../core/public-view'
import type { Claim } from '../../core/types'
import type { KvLike } from '../../store/kv'
import { kvKeys, legacyKvKeys } from '../../store/kv-keys'
import type { PipelineState, ShardRef, StoredState } from './state'

/** Claims per sealed shard (and the most the state value itself holds). */
export const SHARD_SIZE = 500

/** A subject's state as read, with the shard index the next save builds on. */
export interface LoadedState {
  /** The state with the whole ledger assembled (sealed shards, then the newest claims). */
  state: PipelineState
  shards: ShardRef[]
  nextShard: number
}

/** Where to read from: the subject's keys, and (`legacy`) the single-subject keys when it has none yet. */
export interface StateLocation {
  slug: string
  legacy?: boolean
}

/** Thrown when the state names a shard KV does not (yet) return: the run must wait, not guess. */
export class MissingShardError extends Error {}

/** The state value as stored: the subject's key, else (`legacy`) the single-subject one. */
async function readStateText(kv: KvLike, at: StateLocation): Promise<string | null> {
  return (await kv.get(kvKeys.state(at.slug))) ?? (at.legacy ? await kv.get(legacyKvKeys.state()) : null)
}

/** Reads the state value alone (no shards): what the admin's health view needs. */
export async function readStoredState(kv: KvLike, at: StateLocation): Promise<StoredState | null> {
  const raw = await readStateText(kv, at)
  if (raw === null) return null
  try {
    return JSON.parse(raw) as StoredState
  } catch {
    return null
  }
}

/** Reads the whole state: the state value and every sealed shard it names (in parallel). Null before the first run. */
export async function loadState(kv: KvLike, at: StateLocation): Promise<LoadedState | null> {
  const raw = await readStateText(kv, at)
  if (raw === null) return null
  const { shards = [], nextShard = 0, ...stored } = JSON.parse(raw) as StoredState
  const sealed = await Promise.all(
    shards.map(async (ref) => {
      const text = await kv.get(kvKeys.claimShard(at.slug, ref.id))
      if (text === null) throw new MissingShardError(`claim shard ${ref.id} of ${at.slug} is not readable yet`)
      return JSON.parse(text) as Claim[]
    }),
  )
  const claims = [...sealed.flat(), ...(stored.claims ?? [])]
  return { state: { ...stored, claims }, shards, nextShard }
}

/**
 * Saves `next` on top of what was loaded. The ledger is append-only between saves unless
 * `compacted` says it was cut at its cap; then every claim goes into fresh shards and the old
 * ones are deleted after the state that no longer names them is written.
 */
export async function saveState(kv: KvLike, slug: string, loaded: LoadedState | null, next: PipelineState, opts: { compacted: boolean }): Promise<void> {
  let shards = opts.compacted ? [] : (loaded?.shards ?? [])
  let nextShard = loaded?.nextShard ?? 0
  const sealedCount = shards.reduce((n, s) => n + s.count, 0)
  let open = next.claims.slice(sealedCount)
  while (open.length > SHARD_SIZE) {
    const id = nextShard++
    await kv.put(kvKeys.claimShard(slug, id), JSON.stringify(open.slice(0, SHARD_SIZE)))
    shards = [...shards, { id, count: SHARD_SIZE }]
    open = open.slice(SHARD_SIZE)
  }
  const stored: StoredState = { ...next, claims: open, shards, nextShard }
  await kv.put(kvKeys.state(slug), JSON.stringify(stored))
  if (opts.compacted) for (const old of loaded?.shards ?? []) await kv.delete(kvKeys.claimShard(slug, old.id))
}

/**
 * True when the public view may be older than the facts and history in `state`: a view write
 * failed after its state was saved (or the state predates versioned views). Costs no read.
 */
export function isViewBehind(state: Pick<PipelineState, 'version' | 'factsVersion' | 'viewVersion'>): boolean {
  return (state.viewVersion ?? -1) < (state.factsVersion ?? state.version)
}

/** Writes what visitors see. */
export async function savePublicView(kv: KvLike, slug: string, view: PublicView): Promise<void> {
  await kv.put(kvKeys.publicView(slug), JSON.stringify(view))
}

/** Deletes a subject's state, shards and public view (a removed subject, the demo's reset). */
export async function clearState(kv: KvLike, slug: string): Promise<string[]> {
  const stored = await readStoredState(kv, { slug })
  const keys = [kvKeys.state(slug), kvKeys.publicView(slug), ...(stored?.shards ?? []).map((s) => kvKeys.claimShard(slug, s.id))]
  for (const key of keys) await kv.delete(key)
  return keys
}

/** What adopting the single-subject keys did. */
export type AdoptOutcome = 'adopted' | 'already' | 'nothing-to-adopt'

/**
 * Copies the single-subject layout (`state:v1`, `public:v1`) into `slug`'s keys, claims sealed
 * into shards on the way. Idempotent: a subject that has state already is left alone, and the
 * old keys are only read. Run it under the subject's run lock, so no run writes meanwhile.
 */
export async function adoptLegacyState(kv: KvLike, slug: string): Promise<AdoptOutcome> {
  if ((await kv.get(kvKeys.state(slug))) !== null) return 'already'
  const legacy = await loadState(kv, { slug, legacy: true })
  const view = await kv.get(legacyKvKeys.publicView())
  if (!legacy && view === null) return 'nothing-to-adopt'
  // The view first: a reader switches to the new keys only once the state (the marker) exists.
  if (view !== null && (await kv.get(kvKeys.publicView(slug))) === null) await kv.put(kvKeys.publicView(slug), view)
  if (legacy) await saveState(kv, slug, null, legacy.state, { compacted: false })
  return 'adopted'
}
