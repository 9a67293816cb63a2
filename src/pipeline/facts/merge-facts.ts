import { CERTAINTY_RANK, siteOf } from '../../core/claim-key'
import { personKey, sameKey } from '../../core/person-key'
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
/** Two reports corroborate each other only when they are this close in time (days). */
const CORROBORATION_DAYS = 270

function toEvidence(c: Claim): Evidence {
  return { source: c.source, evidence: c.evidence, published: c.published, certainty: c.certainty }
}

/**
 * When a claim was made, for "newer beats older". An undated page (its `published` is only the
 * day it was fetched) may be years older than it looks: it ranks before every dated claim.
 */
function madeOn(c: Claim): string {
  return c.undated ? '' : (c.published ?? '')
}

/** Newest first, then strongest, so a fact shows its freshest, best evidence. */
function byNewest(a: Claim, b: Claim): number {
  const d = madeOn(b).localeCompare(madeOn(a))
  if (d !== 0) return d
  const c = CERTAINTY_RANK[b.certainty] - CERTAINTY_RANK[a.certainty]
  return c !== 0 ? c : (b.published ?? '').localeCompare(a.published ?? '')
}

/** The newest day the claims rest on (dated ones first; an undated page's fetch day otherwise). */
function newest(claims: Claim[]): string | null {
  const pick = (list: Claim[]) => list.reduce<string | null>((m, c) => (c.published && (!m || c.published > m) ? c.published : m), null)
  return pick(claims.filter((c) => !c.undated)) ?? pick(claims)
}

const daysBetween = (a: string, b: string) => Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000

/** Words of an evidence sentence, for spotting one text syndicated on several sites. */
function evidenceWords(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1))
}

// Korean packs a phrase into one word ("시즌3에", "합류한다"): its sentences are long by syllables.
const HANGUL_SYLLABLES = /[\uAC00-\uD7A3]/g
const longEnough = (text: string, words: Set<string>) => words.size >= 8 || (text.match(HANGUL_SYLLABLES)?.length ?? 0) >= 16

/**
 * True when two evidence sentences are the same text (a syndicated copy), give or take a few
 * words. Short sentences ("Filming has begun.") are written the same way by independent sites,
 * so only sentences of eight words (in Korean, sixteen syllables) or more are compared.
 */
function sameText(a: string, b: string): boolean {
  const wa = evidenceWords(a)
  const wb = evidenceWords(b)
  if (!longEnough(a, wa) || !longEnough(b, wb)) return false
  let common = 0
  for (const w of wa) if (wb.has(w)) common++
  return common / (wa.size + wb.size - common) >= 0.8
}

const OUTLET = '((?:The\\s+)?\\p{Lu}[\\p{L}\\d\'’&.+-]*(?:\\s+\\p{Lu}[\\p{L}\\d\'’&.+-]*){0,4})'
// Who a report says it got the news from: "according to (a report in) The Sunday Courier",
// "The Sunday Courier reported", "as first reported by X", "per X".
const ATTRIBUTION = [
  new RegExp(`\\baccording\\s+to\\s+(?:(?:a|an|the)\\s+(?:\\w+\\s+)?(?:report|story|article|scoop|piece)\\s+(?:in|by|from|at)\\s+)?${OUTLET}`, 'u'),
  new RegExp(`\\b(?:reported|revealed|first\\s+reported)\\s+by\\s+${OUTLET}`, 'u'),
  new RegExp(`${OUTLET}\\s+(?:first\\s+|originally\\s+|exclusively\\s+)?(?:reported|reports)\\b`, 'u'),
  new RegExp(`\\b(?:a|an)\\s+(?:\\w+\\s+)?(?:report|scoop)\\s+(?:in|by|from)\\s+${OUTLET}`, 'u'),
]

/**
 * The outlet a report credits (lower case, without "the"), or null. Two sites retelling one
 * outlet's scoop are one report, however differently they word it.
 */
export function creditedOutlet(evidence: string): string | null {
  for (const re of ATTRIBUTION) {
    const m = re.exec(evidence)
    if (m?.[1]) return m[1].toLowerCase().replace(/[.]+$/, '').replace(/^the\s+/, '').replace(/['’]s$/, '')
  }
  return null
}

/** Two claims are one report: same site, same syndicated text, or the same credited outlet. */
function sameReport(a: Claim, b: Claim): boolean {
  if (siteOf(a.source) === siteOf(b.source) || sameText(a.evidence, b.evidence)) return true
  const outlet = creditedOutlet(a.evidence)
  return outlet !== null && outlet === creditedOutlet(b.evidence)
}

/**
 * Independent reports among the claims: one per site, where sites that printed the same text
 * (syndication) or credit the same outlet's scoop count once, and reports far apart in time do
 * not corroborate each other.
 */
function independentReports(claims: Claim[]): number {
  const groups: Claim[][] = []
  for (const c of [...claims].sort(byNewest)) {
    const same = groups.find((g) => g.some((o) => sameReport(o, c)))
    if (same) same.push(c)
    else groups.push([c])
  }
  if (groups.length < 2) return groups.length
  // The newest report needs another report from a different group within the window.
  const anchor = groups[0]![0]!
  const close = groups.slice(1).filter((g) => g.some((c) => !anchor.published || !c.published || daysBetween(anchor.published, c.published) <= CORROBORATION_DAYS))
  return 1 + close.length
}

/**
 * The evidence rule for anything that emails people: one confirmed claim, or reported claims
 * from two independent sites. Speculation never qualifies.
 */
export function isEstablished(claims: Claim[]): boolean {
  if (claims.some((c) => c.certainty === 'confirmed')) return true
  return independentReports(claims.filter((c) => c.certainty === 'reported')) >= 2
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

type CastClaim = Claim & { field: 'cast' }

/** The status most claims give; ties go to "new" (an unknown actor is new to us). */
function joinedStatus(claims: CastClaim[]): Exclude<CastStatus, 'departed'> {
  const returning = claims.filter((c) => c.value.status === 'returning').length
  const fresh = claims.filter((c) => c.value.status === 'new').length
  return returning > fresh ? 'returning' : 'new'
}

function mostCommonRole(claims: CastClaim[]): string | null {
  const counts = new Map<string, number>()
  for (const c of claims) if (c.value.role) counts.set(c.value.role, (counts.get(c.value.role) ?? 0) + 1)
  let best: string | null = null
  let n = 0
  for (const [role, k] of counts) if (k > n) [best, n] = [role, k]
  return best
}

/**
 * Groups cast claims by person: every spelling of one name ("Kim Sung-cheol", "Kim Sung Chul",
 * "김성철") is one actor. A group keeps the name its fact already has; a new group takes its most
 * written Latin-script spelling (emails are read in English), else its most written one.
 */
function groupByPerson(claims: CastClaim[], prev: CastFact[]): Map<string, CastClaim[]> {
  const groups: { key: string; names: Map<string, number>; claims: CastClaim[] }[] = []
  for (const c of claims) {
    const key = personKey(c.value.actor)
    let g = groups.find((x) => sameKey(x.key, key) || x.names.has(c.value.actor))
    if (!g) {
      g = { key, names: new Map(), claims: [] }
      groups.push(g)
    }
    g.names.set(c.value.actor, (g.names.get(c.value.actor) ?? 0) + 1)
    g.claims.push(c)
  }
  const out = new Map<string, CastClaim[]>()
  for (const g of groups) {
    const existing = prev.find((p) => g.names.has(p.actor) || sameKey(personKey(p.actor), g.key))
    const written = [...g.names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    const latin = written.find(([n]) => /^[\p{Script=Latin}\s'’.-]+$/u.test(n))
    const name = existing?.actor ?? (latin ?? written[0]!)[0]
    out.set(name, [...(out.get(name) ?? []), ...g.claims])
  }
  return out
}

function mergeCast(prev: CastFact[], claims: Claim[], subject: Subject | undefined): CastFact[] {
  const castClaims = claims.filter((c): c is CastClaim => c.field === 'cast')
  const out = new Map(prev.map((e) => [e.actor, e]))
  for (const [actor, list] of groupByPerson(castClaims, prev)) {
    const before = out.get(actor)
    const joins = list.filter((c) => c.value.status !== 'departed')
    const leaves = list.filter((c) => c.value.status === 'departed')
    const joined = isEstablished(joins)
    const left = isEstablished(leaves)
    const joinedAt = newestMade(joins)
    const leftAt = newestMade(leaves)
    const role = mostCommonRole(list) ?? before?.role ?? null
    // A departure is news about someone the season was expected to have: a cast member we
    // already list, or an actor of an earlier season.
    const expected = (before && before.status !== 'departed') || subject?.people.some((p) => p.name === actor && p.previousCast)
    if (left && expected && (!joined || leftAt >= joinedAt) && !(before?.asOf && leftAt && leftAt < before.asOf && before.status !== 'departed')) {
      out.set(actor, { actor, role, status: 'departed', certainty: strongest(leaves), asOf: newest(leaves), sources: evidenceOf(leaves) })
    } else if (joined && !(left && leftAt > joinedAt)) {
      // Absence is not evidence: an actor once in stays in until a departure is established.
      if (before?.status === 'departed' && before.asOf && (joinedAt === '' || joinedAt <= before.asOf)) continue
      out.set(actor, { actor, role, status: joinedStatus(joins), certainty: strongest(joins), asOf: newest(joins), sources: evidenceOf(joins) })
    }
  }
  return [...out.values()].sort((a, b) => a.actor.localeCompare(b.actor))
}

/** The newest dated day among non-speculated claims ('' when none is dated). */
function newestMade(claims: Claim[]): string {
  return claims.filter((c) => c.certainty !== 'speculated').reduce((m, c) => (madeOn(c) > m ? madeOn(c) : m), '')
}

function mergeRelease(prev: ReleaseFact, claims: Claim[], today: string): ReleaseFact {
  const rel = claims.filter((c): c is Claim & { field: 'release' } => c.field === 'release')
  const confirmed = rel.filter((c) => c.value.status === 'confirmed' && c.certainty === 'confirmed').sort(byNewest)
  // An undated page cannot set a release date when a dated confirmation exists or is on file.
  const dated = confirmed.filter((c) => !c.undated)
  const usable = dated.length > 0 || (prev.status === 'confirmed' && prev.asOf) ? dated : confirmed
  const top = usable[0]
  if (top && !(prev.status === 'confirmed' && prev.asOf && top.published && top.published < prev.asOf)) {
    return { ...top.value, certainty: 'confirmed', asOf: top.published, sources: evidenceOf(usable.filter((c) => c.value.date === top.value.date)) }
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
  // The first full trailer is news of its own, even after a teaser.
  for (const kind of ['trailer', 'teaser'] as const) {
    if (prev?.kind === 'trailer' && kind === 'teaser') break
    if (prev?.kind === kind) break
    const support = tr.filter((c) => c.value.kind === kind)
    if (isEstablished(support)) {
      const first = [...support].sort((a, b) => madeOn(a).localeCompare(madeOn(b)) || (a.published ?? '').localeCompare(b.published ?? ''))[0]!
      return { kind, date: first.published, url: first.value.url, certainty: strongest(support), asOf: newest(support), sources: evidenceOf(support) }
    }
  }
  return prev
}

function mergeEpisodes(prev: Facts['episodes'], claims: Claim[]): Facts['episodes'] {
  const eps = claims.filter((c): c is Claim & { field: 'episodes' } => c.field === 'episodes')
  // One group per announced count; an official count beats reports, then the newest wins.
  const groups = [...new Set(eps.map((c) => c.value))].map((n) => eps.filter((c) => c.value === n).sort(byNewest)).filter(isEstablished)
  const best = groups.sort((a, b) => CERTAINTY_RANK[strongest(b)] - CERTAINTY_RANK[strongest(a)] || byNewest(a[0]!, b[0]!))[0]
  if (!best) return prev
  const asOf = newest(best)
  const certainty = strongest(best)
  // Older evidence never replaces a count, unless it is official and the count on file is not.
  if (prev && prev.asOf && asOf && asOf < prev.asOf && !(certainty === 'confirmed' && prev.certainty !== 'confirmed')) return prev
  return { value: best[0]!.value, certainty, asOf, sources: evidenceOf(best) }
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
