import type { PublicView } from '../core/public-view'
import type { KvLike } from '../store/kv'
import { kvKeys } from '../store/kv-keys'
import { logEvent } from '../core/log'

/**
 * Reads what visitors see: one KV read, never a write. Missing or unreadable → null, and the
 * page shows its empty state instead of an error (the cron rewrites the value on its next change).
 */
export async function readPublicView(kv: KvLike): Promise<PublicView | null> {
  const raw = await kv.get(kvKeys.publicView())
  if (raw === null) return null
  try {
    const view = JSON.parse(raw) as PublicView
    if (!view || typeof view !== 'object' || !view.facts) return null
    return { ...view, history: Array.isArray(view.history) ? view.history : [] }
  } catch {
    logEvent({ event: 'public-view-unreadable', level: 'error', key: kvKeys.publicView() })
    return null
  }
}
