import type { Change, ReleaseValue, TrailerValue } from '../../core/types'
import { formatDay } from '../../site/format'
import { cleanText } from './clean-text'
import { headlineFor, sortMaterial } from './headline'
import { isRecord } from '../../core/is-record'

/**
 * The update email's subject, as a person would write it: the biggest change as a headline,
 * then the others as short clauses, actors who return (or join, or leave) together named in
 * one clause: "Filming has begun on Show Season 2; Lomon and Park Ji-hu return". Everything
 * comes from the changes; no show or person is named here.
 */

/** Past this length the smaller clauses give way to "plus N more". */
const MAX_SUBJECT = 110

/** "A", "A and B", "A, B and C". */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? ''
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`
}

/** A change as a clause after the headline ("filming has wrapped"), or null for cast (grouped apart). */
function clauseFor(change: Change): string | null {
  const to = change.to
  switch (change.field) {
    case 'stage': {
      const stage = typeof to === 'string' ? to : isRecord(to) ? to.value : null
      if (stage === 'filming') return 'filming has begun'
      if (stage === 'post-production') return 'filming has wrapped'
      if (stage === 'released') return 'it is out now'
      if (stage === 'pre-production') return 'pre-production has begun'
      return 'the production stage changed'
    }
    case 'release': {
      const r = (isRecord(to) ? to : {}) as Partial<ReleaseValue>
      return r.status === 'confirmed' && r.date ? `it premieres on ${formatDay(r.date)}` : 'the release is confirmed'
    }
    case 'trailer':
      return `the first ${(isRecord(to) ? (to as Partial<TrailerValue>).kind : null) === 'teaser' ? 'teaser' : 'trailer'} is out`
    case 'episodes':
      return typeof to === 'number' ? `it will have ${to} episodes` : 'the episode count is announced'
    case 'cast':
      return null
    default:
      return `${cleanText(String(change.field), 40)} changed`
  }
}

/** Cast changes as clauses: everyone returning in one, everyone joining in one, everyone leaving in one. */
function castClauses(changes: Change[]): string[] {
  const by = { returning: [] as string[], new: [] as string[], departed: [] as string[] }
  for (const c of changes) {
    const to = isRecord(c.to) ? c.to : null
    const entry = to ?? (isRecord(c.from) ? c.from : {})
    const actor = cleanText(entry.actor, 100) || 'A cast member'
    const status = !to || to.status === 'departed' ? 'departed' : to.status === 'new' ? 'new' : 'returning'
    by[status].push(actor)
  }
  const out: string[] = []
  if (by.returning.length) out.push(`${joinNames(by.returning)} ${by.returning.length === 1 ? 'returns' : 'return'}`)
  if (by.new.length) out.push(`${joinNames(by.new)} ${by.new.length === 1 ? 'joins' : 'join'} the cast`)
  if (by.departed.length) out.push(`${joinNames(by.departed)} ${by.departed.length === 1 ? 'leaves' : 'leave'}`)
  return out
}

/**
 * The subject for a run's material changes, biggest first. `title` is "Show Season N".
 * A lone cast change keeps its full headline ("Lomon returns for Show Season 2 as Lee Su-hyeok").
 */
export function subjectFor(changes: Change[], title: string): string {
  const material = sortMaterial(changes)
  const top = material[0]
  if (!top) return `News about ${title}`
  const rest = material.slice(1)
  // Cast news travels together: if the top change is cast, the other actors join its clause.
  const castOnly = material.every((c) => c.field === 'cast')
  if (castOnly && material.length > 1) {
    const clauses = castClauses(material)
    return withClauses(`${capitalize(clauses[0]!)} for ${title}`, clauses.slice(1))
  }
  const clauses = [...rest.map(clauseFor).filter((c): c is string => c !== null), ...castClauses(rest.filter((c) => c.field === 'cast'))]
  return withClauses(headlineFor(top, title), clauses)
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/** "Head; a; b", shortened to "Head; a, and 2 more" (or "Head, and 1 more update") when too long. */
function withClauses(head: string, clauses: string[]): string {
  for (let keep = clauses.length; keep >= 0; keep--) {
    const dropped = clauses.length - keep
    const more = dropped === 0 ? '' : keep > 0 ? `, and ${dropped} more` : `, and ${dropped} more ${dropped === 1 ? 'update' : 'updates'}`
    const text = [head, ...clauses.slice(0, keep)].join('; ') + more
    if (text.length <= MAX_SUBJECT || keep === 0) return text
  }
  return head
}
