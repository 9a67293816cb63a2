import type { Subject } from '../../core/types'
import type { KvLike } from '../../store/kv'
import { kvKeys } from '../../store/kv-keys'

/** Where the subject in use came from. */
export interface LoadedSubject {
  subject: Subject
  origin: 'kv' | 'default'
}

/**
 * The subject in use: the KV override (`kvKeys.subject()`) when one is saved and readable,
 * else the default from `data/subject.json`.
 */
export async function readSubject(kv: KvLike, defaults: Subject): Promise<LoadedSubject> {
  const raw = await kv.get(kvKeys.subject())
  if (raw !== null) {
    try {
      const parsed = JSON.parse(raw) as Subject
      if (typeof parsed?.show === 'string' && Array.isArray(parsed.people)) return { subject: parsed, origin: 'kv' }
    } catch {
      // An unreadable override falls back to the default rather than stopping the admin.
    }
  }
  return { subject: defaults, origin: 'default' }
}
