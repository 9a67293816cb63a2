/**
 * Why each finding was, or was not, emailed: the claims of a run grouped by what they say, with
 * the reason merge and diff treated them as they did. Pure, and extra data only: the Facts and
 * Change shapes are untouched. Meant for the admin and for the history ("one site so far").
 */
import { claimValueKey } from '../../core/claim-key'
import { personKey, sameKey } from '../../core/person-key'
import type { Change, Claim, Facts, Field } from '../../core/types'
import { independentReports } from './merge-facts'

export type Reason =
  | 'emailed'
  | 'recorded, not material'
  | 'already known'
  | 'speculation'
  | 'one site so far, waiting for a second'
  | 'older than the current evidence'
  | 'an estimate is never emailed'
  | 'not ahead of the current facts'

/** One thing the claims say, and why it was or was not news. */
export interface Finding {
  field: Field
  /** What the claims say, as `claimValueKey` writes it ("stage:filming", "cast:Kim Min-ji:new"). */
  value: string
  reason: Reason
  sources: string[]
}

/** The claims that say one thing; spellings of one actor count as one. */
function groupClaims(claims: Claim[]): Map<string, Claim[]> {
  const groups = new Map<string, Claim[]>()
  const castKeys: { key: string; value: string }[] = []
  for (const c of claims) {
    let value = claimValueKey(c)
    if (c.field === 'cast') {
      const key = personKey(c.value.actor)
      const known = castKeys.find((k) => sameKey(k.key, key) && k.value.endsWith(`:${c.value.status}`))
      if (known) value = known.value
      else castKeys.push({ key, value })
    }
    groups.set(value, [...(groups.get(value) ?? []), c])
  }
  return groups
}

/** Whether the facts already hold what a group of claims says. */
function known(facts: Facts, c: Claim): boolean {
  switch (c.field) {
    case 'stage':
      return facts.stage?.value === c.value
    case 'release':
      return facts.release.status === c.value.status && facts.release.date === c.value.date && JSON.stringify(facts.release.window) === JSON.stringify(c.value.window)
    case 'cast':
      return facts.cast.some((e) => e.status === c.value.status && (e.actor === c.value.actor || sameKey(personKey(e.actor), personKey(c.value.actor))))
    case 'trailer':
      return facts.trailer?.kind === c.value.kind
    case 'episodes':
      return facts.episodes?.value === c.value
  }
}

/** Whether a change reports what the claim says. */
function changeSays(change: Change, c: Claim): boolean {
  if (change.field !== c.field) return false
  const to = change.to as Record<string, unknown> | string | number | null
  switch (c.field) {
    case 'stage':
    case 'episodes':
      return to === c.value
    case 'cast':
      return typeof to === 'object' && to !== null && to.status === c.value.status && sameKey(personKey(String(to.actor)), personKey(c.value.actor))
    case 'trailer':
      return typeof to === 'object' && to !== null && to.kind === c.value.kind
    case 'release':
      return typeof to === 'object' && to !== null && to.date === c.value.date && to.status === c.value.status
  }
}

/** The day the fact about this field rests on, if any. */
function asOf(facts: Facts, c: Claim): string | null {
  if (c.field === 'stage') return facts.stage?.asOf ?? null
  if (c.field === 'episodes') return facts.episodes?.asOf ?? null
  if (c.field === 'release') return facts.release.asOf ?? null
  return null
}

/**
 * Explains a run: for every distinct thing its claims say, whether it was emailed, and if not,
 * why (already known, speculation, one site so far, older than the evidence, an estimate).
 * @param before the facts before the run
 * @param after the facts after merging the run's claims
 * @param changes what `diffFacts(before, after)` returned
 * @param claims the claims the run read (or the whole ledger)
 */
export function explainFindings(before: Facts, after: Facts, changes: Change[], claims: Claim[]): Finding[] {
  const out: Finding[] = []
  for (const [value, group] of groupClaims(claims)) {
    const first = group[0]!
    const sources = [...new Set(group.map((c) => c.source))]
    let reason: Reason
    if (known(before, first)) reason = 'already known'
    else if (known(after, first)) {
      const estimate = first.field === 'release' && first.value.status === 'estimated'
      reason = changes.some((c) => c.material && changeSays(c, first)) ? 'emailed' : estimate ? 'an estimate is never emailed' : 'recorded, not material'
    }
    else if (group.every((c) => c.certainty === 'speculated')) reason = 'speculation'
    else if (first.field === 'release' && first.value.status === 'estimated') reason = 'an estimate is never emailed'
    else if (!group.some((c) => c.certainty === 'confirmed') && independentReports(group.filter((c) => c.certainty === 'reported')) < 2) reason = 'one site so far, waiting for a second'
    else {
      const day = asOf(before, first)
      reason = day && group.every((c) => c.published && c.published < day) ? 'older than the current evidence' : 'not ahead of the current facts'
    }
    out.push({ field: first.field, value, reason, sources })
  }
  return out
}
