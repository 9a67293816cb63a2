import { CERTAINTY_RANK, siteOf } from '../../core/claim-key'
import type { CastFact, CastStatus, Certainty, Claim, Evidence, Facts, ReleaseFact, Stage, Subject } from '../../core/types'
import { STAGES } from '../../core/types'

/** Facts before anything is known. */
export function emptyFacts(): Facts {
  return { stage: null, release: { status: 'none', date: null, window: null, text: null }, cast: [], trailer: null, episodes: null }
}

export interface MergeOptions {
  /** Today (`YYYY-MM-DD`): estimates whose window has passed are stale. */
  today: string
  subject?: Subject
}

const MAX_SOURCES = 6

function toEvidence(c: Claim): Evidence {
  return { source: c.source, evidence: c.evidence, published: c.published, certainty: c.certainty }
}

/** Newest first, then strongest, so a fact shows its freshest, best evidence. */
function byNewest(a: Claim, b: Claim): number {
  const d = (b.published ?? '').localeCompare(a.published ?? '')
  return d !== 0 ? d : CERTAINTY_RANK[b.certainty] - CERTAINTY_RANK[a.certainty]
}

function newest(claims: Claim[]): string | null {
  return claims.reduce<string | null>((m, c) => (c.published && (!m || c.published > m) ? c.published : m), null)
}

/**
 * The evidence rule for anything that emails people: one confirmed claim, or reported claims
 * from two different sites. Speculation never qualifies.
 */
export function isEstablished(claims: Claim[]): boolean {
  if (claims.some((c) => c.certainty === 'confirmed')) return true
  const sites = new Set(claims.filter((c) => c.certainty === 'reported').map((c) => siteOf(c.source)))
  return sites.size >= 2
}

function strongest(claims: Claim[]): Certainty {
  return claims.some((c) => c.certainty === 'confirmed') ? 'confirmed' : claims.some((c) => c.certainty === 'reported') ? 'reported' : 'speculated'
}

function evidenceOf(claims: Claim[]): Evidence[] {
  return [...claims].sort(byNewest).filter((c) => c.certainty !== 'speculated').slice(0, MAX_SOURCES).map(toEvidence)
}

function mergeStage(prev: Facts['stage'], claims: Claim[]): Facts['stage'] {
  const stageClaims = claims.filter((c): c is Claim & { field: 'stage' } => c.field === 'stage')
  const current = prev ? STAGES.indexOf(prev.value) : -1
  // Highest stage first: a season that wrapped has also started filming.
  for (let i = STAGES.length - 1; i > current; i--) {
    const stage = STAGES[i] as Stage
    // Stale articles (older than what the current stage rests on) cannot move it.
    const support = stageClaims.filter((c) => c.value === stage && !(prev?.asOf && c.published && c.published < prev.asOf))
    if (isEstablished(support)) {
      return { value: stage, certainty: strongest(support), asOf: newest(support), sources: evidenceOf(support) }
    }
  }
  return prev
}

function castStatusOf(claims: (Claim & { field: 'cast' })[], subject: Subject | undefined, actor: string): Exclude<CastStatus, 'departed'> {
  const person = subject?.people.find((p) => p.name === actor)
  if (person?.previousCast !== undefined) return person.previousCast ? 'returning' : 'new'
  const returning = claims.filter((c) => c.value.status === 'returning').length
  const fresh = claims.filter((c) => c.value.status === 'new').length
  return returning > fresh ? 'returning' : 'new'
}

function mostCommonRole(claims: (Claim & { field: 'cast' })[]): string | null {
  const counts = new Map<string, number>()
  for (const c of claims) if (c.value.role) counts.set(c.value.role, (counts.get(c.value.role) ?? 0) + 1)
  let best: string | null = null
  let n = 0
  for (const [role, k] of counts) if (k > n) [best, n] = [role, k]
  return best
}

function mergeCast(prev: CastFact[], claims: Claim[], subject: Subject | undefined): CastFact[] {
  const byActor = new Map<string, (Claim & { field: 'cast' })[]>()
  for (const c of claims) {
    if (c.field !== 'cast') continue
    const list = byActor.get(c.value.actor) ?? []
    list.push(c)
    byActor.set(c.value.actor, list)
  }
  const out = new Map(prev.map((e) => [e.actor, e]))
  for (const [actor, list] of byActor) {
    const before = out.get(actor)
    const joins = list.filter((c) => c.value.status !== 'departed')
    const leaves = list.filter((c) => c.value.status === 'departed')
    const joined = isEstablished(joins)
    const left = isEstablished(leaves)
    const joinedAt = newest(joins.filter((c) => c.certainty !== 'speculated')) ?? ''
    const leftAt = newest(leaves.filter((c) => c.certainty !== 'speculated')) ?? ''
    const role = mostCommonRole(list) ?? before?.role ?? null
    if (left && (!joined || leftAt >= joinedAt) && !(before?.asOf && leftAt && leftAt < before.asOf && before.status !== 'departed')) {
      out.set(actor, { actor, role, status: 'departed', certainty: strongest(leaves), asOf: leftAt || null, sources: evidenceOf(leaves) })
    } else if (joined) {
      // Absence is not evidence: an actor once in stays in until a departure is established.
      if (before?.status === 'departed' && before.asOf && joinedAt <= before.asOf) continue
      out.set(actor, { actor, role, status: castStatusOf(joins, subject, actor), certainty: strongest(joins), asOf: joinedAt || null, sources: evidenceOf(joins) })
    }
  }
  return [...out.values()].sort((a, b) => a.actor.localeCompare(b.actor))
}

function mergeRelease(prev: ReleaseFact, claims: Claim[], today: string): ReleaseFact {
  const rel = claims.filter((c): c is Claim & { field: 'release' } => c.field === 'release')
  const confirmed = rel.filter((c) => c.value.status === 'confirmed' && c.certainty === 'confirmed').sort(byNewest)
  const top = confirmed[0]
  if (top && !(prev.status === 'confirmed' && prev.asOf && top.published && top.published < prev.asOf)) {
    return { ...top.value, certainty: 'confirmed', asOf: top.published, sources: evidenceOf(confirmed.filter((c) => c.value.date === top.value.date)) }
  }
  if (prev.status === 'confirmed') return prev
  // Estimates: the newest that has not already passed; stale articles never replace newer ones.
  const live = rel
    .filter((c) => c.value.status === 'estimated' && (c.value.window?.to ?? c.value.date ?? '') >= today)
    .filter((c) => !(prev.asOf && c.published && c.published < prev.asOf))
    .sort(byNewest)
  const est = live[0]
  if (est) return { ...est.value, status: 'estimated', certainty: est.certainty, asOf: est.published, sources: [toEvidence(est)] }
  if (prev.status === 'estimated' && (prev.window?.to ?? prev.date ?? '') < today) return { status: 'none', date: null, window: null, text: null }
  return prev
}

function mergeTrailer(prev: Facts['trailer'], claims: Claim[]): Facts['trailer'] {
  const tr = claims.filter((c): c is Claim & { field: 'trailer' } => c.field === 'trailer')
  for (const kind of ['trailer', 'teaser'] as const) {
    if (prev?.kind === 'trailer' && kind === 'teaser') break
    if (prev?.kind === kind) break
    const support = tr.filter((c) => c.value.kind === kind)
    if (isEstablished(support)) {
      const first = [...support].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''))[0]!
      return { kind, date: first.published, url: first.value.url, certainty: strongest(support), asOf: newest(support), sources: evidenceOf(support) }
    }
  }
  return prev
}

function mergeEpisodes(prev: Facts['episodes'], claims: Claim[]): Facts['episodes'] {
  const eps = claims.filter((c): c is Claim & { field: 'episodes' } => c.field === 'episodes')
  // One group per announced count; the group with the newest established evidence wins.
  const groups = [...new Set(eps.map((c) => c.value))].map((n) => eps.filter((c) => c.value === n).sort(byNewest)).filter(isEstablished)
  const best = groups.sort((a, b) => byNewest(a[0]!, b[0]!))[0]
  if (!best) return prev
  const asOf = newest(best)
  if (prev && prev.asOf && asOf && asOf < prev.asOf) return prev
  return { value: best[0]!.value, certainty: strongest(best), asOf, sources: evidenceOf(best) }
}

/**
 * All claims so far → the current facts. Pure. Rules: newer beats older, confirmed beats reported
 * beats speculated, stale articles never move a fact backwards, and a claim that disappears from
 * a page is not evidence of anything (the ledger keeps it).
 */
export function mergeFacts(prev: Facts, claims: Claim[], options: MergeOptions): Facts {
  return {
    stage: mergeStage(prev.stage, claims),
    release: mergeRelease(prev.release, claims, options.today),
    cast: mergeCast(prev.cast, claims, options.subject),
    trailer: mergeTrailer(prev.trailer, claims),
    episodes: mergeEpisodes(prev.episodes, claims),
  }
}
