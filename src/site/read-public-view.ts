import type { PublicView } from '../core/public-view'
import type { KvLike } from '../store/kv'
import { kvKeys, legacyKvKeys } from '../store/kv-keys'
import { firstSubject, getSubject, type SubjectRecord, type SubjectStatus } from '../store/subject-store'
import { seedSubject } from '../worker/config'
import { logEvent } from '../core/log'

/** Which subject's view to read; `legacy` while its state still sits in the single-subject keys. */
export interface ViewLocation {
  slug: string
  legacy?: boolean
}

/**
 * Reads what visitors see of one subject: one KV read, never a write (two only for a subject
 * whose state is still in the single-subject keys). Missing or unreadable → null, and the page
 * shows its empty state instead of an error (the cron rewrites the value on its next change).
 */
export function readPublicView(kv: KvLike, at: ViewLocation): Promise<PublicView | null> {
  return readFirstFound(kv, at.legacy ? [kvKeys.publicView(at.slug), legacyKvKeys.publicView()] : [kvKeys.publicView(at.slug)])
}

/** The view under the first of `keys` that exists. */
async function readFirstFound(kv: KvLike, keys: string[]): Promise<PublicView | null> {
  let raw: string | null = null
  let key = ''
  for (key of keys) if ((raw = await kv.get(key)) !== null) break
  if (raw === null) return null
  try {
    const view = JSON.parse(raw) as PublicView
    if (!view || typeof view !== 'object' || !view.facts) return null
    return { ...view, history: Array.isArray(view.history) ? view.history : [] }
  } catch {
    logEvent({ event: 'public-view-unreadable', level: 'error', key })
    return null
  }
}

/** The subject as the public pages name it. */
export interface PublicSubject {
  slug: string
  show: string
  season: number
  status: SubjectStatus
}

export const toPublic = (s: Pick<SubjectRecord, 'slug' | 'show' | 'season' | 'status'>): PublicSubject => ({ slug: s.slug, show: s.show, season: s.season, status: s.status })

/** One subject and its view, by slug: one D1 read and one KV read; null when there is no such subject. */
export async function readSubjectView(env: Pick<Env, 'DB'>, kv: KvLike, slug: string): Promise<{ subject: PublicSubject; view: PublicView | null } | null> {
  const subject = await getSubject(env.DB, slug)
  if (!subject) return null
  return { subject: toPublic(subject), view: await readPublicView(kv, subject) }
}

/**
 * The first subject (the one the single-subject URLs `/`, `/history`, `/feed.xml`, `/api/facts`
 * show) and its view: one D1 read and one KV read. Before any subject is stored (an install not
 * yet migrated), it is `data/subject.json` over the single-subject keys; with D1 unreachable too.
 */
export async function readFirstSubjectView(env: Pick<Env, 'DB' | 'STATE'>, kv: KvLike): Promise<{ subject: PublicSubject; view: PublicView | null }> {
  const first = await firstSubject(env.DB).catch((err: unknown) => {
    logEvent({ event: 'subjects-unreadable', level: 'error', error: String(err) })
    return null
  })
  const view = first ? await readPublicView(kv, first) : await readFirstFound(kv, [legacyKvKeys.publicView()])
  return { subject: toPublic(first ?? seedSubject), view }
}
