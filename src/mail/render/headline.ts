/**
 * One change as an email headline ("Filming has wrapped on Show Season 2"), and how big it is,
 * for ordering the email and choosing its subject.
 */
import type { Change, ReleaseValue, TrailerValue } from '../../core/types'
import { describeRelease, describeStage } from '../../site/describe-fact'
import { formatDay } from '../../site/format'
import { cleanText } from './clean-text'
import { isRecord } from '../../core/is-record'

/** Stage changes arrive as a stage string or as a `{ value }` fact; accept both. */
function stageOf(v: unknown): string | null {
  if (typeof v === 'string') return v
  if (isRecord(v) && typeof v.value === 'string') return v.value
  return null
}

/** How big a change is, for ordering and for picking the subject. */
export function rankChange(change: Change): number {
  const to = change.to
  switch (change.field) {
    case 'stage':
      return ({ released: 100, 'post-production': 80, filming: 78, 'pre-production': 55, renewed: 50 } as Record<string, number>)[stageOf(to) ?? ''] ?? 40
    case 'release':
      return isRecord(to) && to.status === 'confirmed' ? 90 : 30
    case 'trailer':
      return 70
    case 'cast':
      return 60
    case 'episodes':
      return 45
    default:
      return 10
  }
}

/** The material changes, biggest first (ties keep their order). */
export function sortMaterial(changes: readonly Change[]): Change[] {
  return changes
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.material)
    .sort((a, b) => rankChange(b.c) - rankChange(a.c) || a.i - b.i)
    .map(({ c }) => c)
}

/** The one-line headline for a change; the subject is the biggest one. */
export function headlineFor(change: Change, title: string): string {
  const { from, to } = change
  switch (change.field) {
    case 'stage': {
      const stage = stageOf(to)
      if (stage === 'filming') return `Filming has begun on ${title}`
      if (stage === 'post-production') return `Filming has wrapped on ${title}`
      if (stage === 'released') return `${title} is out now`
      if (stage === 'pre-production') return `${title} is in pre-production`
      if (stage === 'renewed') return `${title} has been renewed`
      return `${title}: production stage is now ${cleanText(describeStage(stage), 60)}`
    }
    case 'release': {
      const r = (isRecord(to) ? to : {}) as Partial<ReleaseValue>
      const was = (isRecord(from) ? from : {}) as Partial<ReleaseValue>
      const when = cleanText(describeRelease(r), 120)
      if (r.status === 'confirmed' && r.date) {
        const moved = was.status === 'confirmed' && was.date && was.date !== r.date
        return moved ? `${title} premiere moved to ${formatDay(r.date)}` : `${title} premieres on ${formatDay(r.date)}`
      }
      if (r.status === 'confirmed') return `${title} release confirmed: ${when}`
      return `${title} release: ${when}`
    }
    case 'cast': {
      const entry = isRecord(to) ? to : isRecord(from) ? from : {}
      const actor = cleanText(entry.actor, 100) || 'A cast member'
      const role = cleanText(entry.role, 100)
      const as = role ? ` as ${role}` : ''
      if (!isRecord(to) || to.status === 'departed') return `${actor} has left ${title}`
      if (to.status === 'new') return `${actor} joins ${title}${as}`
      return `${actor} returns for ${title}${as}`
    }
    case 'trailer': {
      const t = (isRecord(to) ? to : {}) as Partial<TrailerValue>
      return `The first ${t.kind === 'teaser' ? 'teaser' : 'trailer'} for ${title} is out`
    }
    case 'episodes':
      return typeof to === 'number' ? `${title} will have ${to} episodes` : `${title}: episode count announced`
    default:
      return `${title}: ${cleanText(String(change.field), 40)} changed`
  }
}

