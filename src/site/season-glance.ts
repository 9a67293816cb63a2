/**
 * A season at a glance: what the list of seasons (`/`, `GET /api/subjects`) shows of it, its
 * stage and latest change. Kept in D1 beside the subject's row and rewritten whenever its public
 * view is, so listing every season is one D1 query rather than one KV read per season. A
 * subject with no glance yet (written before glances existed, or the single-subject keys not
 * adopted yet) is read from its KV view instead.
 */
import type { PublicView } from '../core/public-view'
import type { Stage } from '../core/types'
import type { KvLike } from '../store/kv'
import { listSubjectsWithGlance, saveGlanceJson } from '../store/subject-store'
import { happenedOn, summarizeEntry } from './describe-fact'
import { readPublicView, toPublic, type PublicSubject, type ViewLocation } from './read-public-view'

export interface SeasonGlance {
  /** The public view's version and time it was taken from. */
  version: number
  updatedAt: string
  stage: Stage | null
  /** The newest history entry, summarized ("Release date confirmed: 20 Nov 2026"), or null. */
  latest: { id: string; at: string; happened: string | null; summary: string } | null
}

/** The glance of a public view. */
export function glanceOf(view: PublicView): SeasonGlance {
  const latest = view.history[0]
  return {
    version: view.version,
    updatedAt: view.updatedAt,
    stage: view.facts.stage?.value ?? null,
    latest: latest ? { id: latest.id, at: latest.at, happened: happenedOn(latest), summary: summarizeEntry(latest) } : null,
  }
}

/** Stores the glance of the view just written (one D1 write; a removed subject is left out). */
export async function saveSeasonGlance(db: D1Database, slug: string, view: PublicView): Promise<void> {
  await saveGlanceJson(db, slug, JSON.stringify(glanceOf(view)))
}

function parseGlance(json: string | null): SeasonGlance | null {
  if (!json) return null
  try {
    const g = JSON.parse(json) as SeasonGlance
    return g && typeof g === 'object' && typeof g.updatedAt === 'string' ? g : null
  } catch {
    return null
  }
}

/**
 * Every subject (paused ones too, in creation order) at a glance: one D1 query, and one KV read
 * only for a subject with no glance stored yet.
 */
export async function readSeasonGlances(env: Pick<Env, 'DB'>, kv: KvLike): Promise<SeasonAtGlance[]> {
  const rows = await listSubjectsWithGlance(env.DB)
  return Promise.all(
    rows.map(async ({ subject, glanceJson }) => {
      const at = { subject: toPublic(subject), view: { slug: subject.slug, legacy: subject.legacy } }
      const stored = parseGlance(glanceJson)
      if (stored) return { ...at, glance: stored }
      const view = await readPublicView(kv, subject)
      return { ...at, glance: view ? glanceOf(view) : null, read: view }
    }),
  )
}

/** A season in the list: the subject, where its view is, and its glance. */
export interface SeasonAtGlance {
  subject: PublicSubject
  /** Where its whole view is read from (`/` with one season shows it). */
  view: ViewLocation
  glance: SeasonGlance | null
  /** The whole view, when the glance had to be taken from it (no glance stored): not read twice. */
  read?: PublicView | null
}
