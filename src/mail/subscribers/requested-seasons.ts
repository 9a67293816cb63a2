/**
 * The subscribe form's seasons, read and checked without any storage: which seasons, and for
 * each which changes (`all` or `release`). Whether those seasons exist and are open is decided
 * after the response, with everything else that touches the database.
 *
 * Form fields: `season` (one per ticked season, its slug) and `choice-<slug>` (`all` |
 * `release`, default `all`); `seasons-listed` marks a form that listed seasons, so ticking none
 * is an error rather than the default. JSON: `{ "email", "seasons": [{ "slug", "choice" }] }`
 * (or a list of slugs). A request that names no seasons at all (an older form, a script) follows
 * the first subject with `all`.
 */
import { seasonTitle } from '../../site/format'
import { dedupeChoices, isChoice, MAX_SEASONS_PER_REQUEST, SLUG_PATTERN, type SeasonChoice } from './choices'

/** The seasons a request asked for, or that it named none (the first subject then). */
export type RequestedSeasons = { kind: 'listed'; seasons: SeasonChoice[] } | { kind: 'default' }

export type SeasonsInput = { ok: true; value: RequestedSeasons } | { ok: false; error: string }

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v])

/** Reads the seasons from a parsed form (`parseBody({ all: true })`) or a JSON body. */
export function readRequestedSeasons(fields: Record<string, unknown>): SeasonsInput {
  if (Array.isArray(fields.seasons)) return checked(fields.seasons.map(fromJson))
  const ticked = asList(fields.season)
  if (ticked.length === 0) {
    return fields['seasons-listed'] === undefined ? { ok: true, value: { kind: 'default' } } : { ok: false, error: 'Choose at least one season.' }
  }
  return checked(
    ticked.map((slug) => {
      const choice = typeof slug === 'string' ? asList(fields[`choice-${slug}`]).at(-1) ?? 'all' : null
      return { slug, choice }
    }),
  )
}

function fromJson(entry: unknown): { slug: unknown; choice: unknown } {
  if (typeof entry === 'string') return { slug: entry, choice: 'all' }
  if (entry && typeof entry === 'object') {
    const { slug, choice } = entry as Record<string, unknown>
    return { slug, choice: choice ?? 'all' }
  }
  return { slug: null, choice: null }
}

function checked(entries: { slug: unknown; choice: unknown }[]): SeasonsInput {
  if (entries.length === 0) return { ok: false, error: 'Choose at least one season.' }
  if (entries.length > MAX_SEASONS_PER_REQUEST) return { ok: false, error: `Choose at most ${MAX_SEASONS_PER_REQUEST} seasons at once.` }
  const seasons: SeasonChoice[] = []
  for (const { slug, choice } of entries) {
    if (typeof slug !== 'string' || !SLUG_PATTERN.test(slug)) return { ok: false, error: 'That season is not one we follow. Reload the page and choose again.' }
    if (!isChoice(choice)) return { ok: false, error: 'Choose “everything” or “only the release date and trailers” for each season.' }
    seasons.push({ slug, choice })
  }
  return { ok: true, value: { kind: 'listed', seasons: dedupeChoices(seasons) } }
}

/**
 * The requested seasons that can be followed: subjects that exist and are active (the form
 * offers only those; a subject removed or paused since the page was drawn is dropped). `default`
 * is the first active subject with every change.
 */
export function resolveRequestedSeasons(requested: RequestedSeasons, open: readonly { slug: string }[]): SeasonChoice[] {
  if (requested.kind === 'default') return open[0] ? [{ slug: open[0].slug, choice: 'all' }] : []
  const slugs = new Set(open.map((s) => s.slug))
  return requested.seasons.filter((s) => slugs.has(s.slug))
}

/** The seasons the subscribe form offers: active subjects, in their order, by name. */
export function formSeasons(subjects: readonly { slug: string; show: string; season: number; status: string }[]): { slug: string; title: string }[] {
  return subjects.filter((s) => s.status === 'active').map((s) => ({ slug: s.slug, title: seasonTitle(s) }))
}
