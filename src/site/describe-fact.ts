import type { Change, CastStatus, Certainty, ReleaseValue, Stage, TrailerValue } from '../core/types'
import type { HistoryEntry } from '../core/public-view'
import { STAGES } from '../core/types'
import { formatDay, truncateText } from './format'
import { isRecord } from '../core/is-record'

/**
 * Plain-text wording for facts and changes, shared by the page, the Atom feed and the JSON-free
 * parts of the API. Values come from stored state that started as scraped text, so every
 * function here tolerates odd shapes and the callers escape the result.
 */

const STAGE_LABELS: Record<Stage, string> = {
  renewed: 'Renewed',
  'pre-production': 'Pre-production',
  filming: 'Filming',
  'post-production': 'Post-production',
  released: 'Released',
}

const CERTAINTY_LABELS: Record<Certainty, string> = {
  confirmed: 'Confirmed',
  reported: 'Reported',
  speculated: 'Speculation',
}

const CAST_STATUS_LABELS: Record<CastStatus, string> = {
  returning: 'Returning',
  new: 'New',
  departed: 'Departed',
}

/** `post-production` → `Post-production`; unknown values are shown as written. */
export function describeStage(stage: unknown): string {
  return typeof stage === 'string' && stage in STAGE_LABELS ? STAGE_LABELS[stage as Stage] : String(stage ?? 'Unknown')
}

/** True for one of the known stages (for the progress list). */
export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value)
}

/** A known certainty, or null for anything else (so it is never used as a CSS class blindly). */
export function toCertainty(value: unknown): Certainty | null {
  return value === 'confirmed' || value === 'reported' || value === 'speculated' ? value : null
}

/** `speculated` → `Speculation`. */
export function describeCertainty(value: Certainty): string {
  return CERTAINTY_LABELS[value]
}

/** `returning` → `Returning`. */
export function describeCastStatus(value: unknown): string {
  return typeof value === 'string' && value in CAST_STATUS_LABELS ? CAST_STATUS_LABELS[value as CastStatus] : String(value ?? '')
}

/** The release as one phrase: "5 Mar 2027", "between 1 Oct 2026 and 31 Mar 2027 (“late 2026”)". */
export function describeRelease(release: Partial<ReleaseValue> | null | undefined): string {
  if (!release || release.status === 'none' || !release.status) return 'No release date announced'
  if (release.date) return formatDay(release.date)
  const window = release.window ? `between ${formatDay(release.window.from)} and ${formatDay(release.window.to)}` : null
  if (window && release.text) return `${window} (“${release.text}”)`
  return window ?? release.text ?? 'Date not given'
}

/** "Teaser, released 23 Jul 2025". */
export function describeTrailer(trailer: Partial<TrailerValue> | null | undefined): string {
  if (!trailer) return 'No trailer yet'
  const kind = trailer.kind === 'teaser' ? 'Teaser' : 'Trailer'
  return trailer.date ? `${kind}, released ${formatDay(trailer.date)}` : `${kind} released`
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v.trim() !== '' ? v : null
}

/** One change as a sentence a visitor understands ("Filming has begun (was: Renewed)"). */
export function describeChange(change: Change): string {
  const { field, from, to } = change
  switch (field) {
    case 'stage': {
      const was = from ? ` (was: ${describeStage(from)})` : ''
      return `Stage: ${describeStage(to)}${was}`
    }
    case 'release': {
      if (!isRecord(to)) return 'Release information changed'
      const release = to as Partial<ReleaseValue>
      if (release.status === 'confirmed') {
        return release.date ? `Release date confirmed: ${describeRelease(release)}` : `Release confirmed: ${describeRelease(release)}`
      }
      if (release.status === 'estimated') return `Release estimate: ${describeRelease(release)}`
      return 'Release date withdrawn'
    }
    case 'cast': {
      const entry = isRecord(to) ? to : isRecord(from) ? from : null
      const actor = str(entry?.actor) ?? 'An actor'
      const role = str(entry?.role)
      if (!isRecord(to)) return `${actor} is no longer listed`
      if (to.status === 'departed') return `${actor} has left the cast`
      if (to.status === 'new') return role ? `${actor} joins the cast as ${role}` : `${actor} joins the cast`
      return role ? `${actor} returns as ${role}` : `${actor} returns for the new season`
    }
    case 'trailer': {
      if (!isRecord(to)) return 'Trailer information changed'
      const t = to as Partial<TrailerValue>
      const kind = t.kind === 'teaser' ? 'teaser' : 'trailer'
      return t.date ? `The first ${kind} is out (${formatDay(t.date)})` : `The first ${kind} is out`
    }
    case 'episodes':
      return typeof to === 'number' ? `The season will have ${to} episodes` : 'Episode count changed'
    default:
      return `${String(field)} changed`
  }
}

/**
 * When an edition's news happened: the newest evidence day among its changes (`YYYY-MM-DD`),
 * or null for entries recorded before changes carried one (then only the run time is known).
 */
export function happenedOn(entry: HistoryEntry): string | null {
  const days = (entry.changes ?? []).map((c) => c.asOf).filter((d): d is string => typeof d === 'string' && /^\d{4}-\d{2}-\d{2}/.test(d))
  return days.sort().at(-1)?.slice(0, 10) ?? null
}

/** A one-line title for a history entry / Atom entry: its changes joined and cut, or what a correction took back. */
export function summarizeEntry(entry: HistoryEntry, max = 160): string {
  if (entry.correction) return truncateText(`Correction: ${String(entry.correction.wrong)} was wrong`, max)
  const parts = entry.changes.map(describeChange)
  return parts.length === 0 ? 'Update' : truncateText(parts.join('; '), max)
}
