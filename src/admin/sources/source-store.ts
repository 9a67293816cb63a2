import type { Source } from '../../core/types'
import type { KvLike } from '../../store/kv'
import { kvKeys } from '../../store/kv-keys'

/**
 * Reads the live source list. Until a maintainer saves one, the defaults from
 * `data/sources.json` are used as they are (no write: a quiet run stays write-free).
 */
export async function readSources(kv: KvLike, defaults: Source[]): Promise<Source[]> {
  const raw = await kv.get(kvKeys.sources())
  if (raw === null) return defaults
  return JSON.parse(raw) as Source[]
}

/** Replaces the live source list. */
export async function writeSources(kv: KvLike, sources: Source[]): Promise<void> {
  await kv.put(kvKeys.sources(), JSON.stringify(sources))
}
