import type { PipelineState } from '../../pipeline/run/state'
import type { KvLike } from '../../store/kv'
import { kvKeys } from '../../store/kv-keys'

/**
 * The pipeline state as the admin reads it (health, dry-run baseline): one KV read, null before
 * the first run or when unreadable. Read-only: the admin never writes the state.
 */
export async function readStateSnapshot(kv: KvLike): Promise<PipelineState | null> {
  const raw = await kv.get(kvKeys.state())
  if (raw === null) return null
  try {
    return JSON.parse(raw) as PipelineState
  } catch {
    return null
  }
}
