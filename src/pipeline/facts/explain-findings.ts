/**
 * Why each finding of a run was or was not sent, as data. The decisions are the ones merge and
 * diff already made: diff marked each change material or not (`Change.material`), merge decided
 * what is established (`isEstablished`) and moved a fact or left it. This module only reads
 * those outcomes back, candidate by candidate, and names the rule that applied; it decides
 * nothing of its own. Pure.
 */
import { CERTAINTY_RANK, siteOf } from '../../core/claim-key'
import { personKey, samePerson } from '../../core/person-key'
import type { CastValue, Certainty, Change, Claim, Facts, Field, ReleaseValue, Subject, TrailerValue } from '../../core/types'
import { STAGES } from '../../core/types'
import { changeId } from './diff-facts'
import { isEstablished } from './merge-facts'

/**
 * Why a finding was or was not sent:
 * - `sent`: a material change (diff), so it is in the email;
 * - `held`: a material change, held for review with its edition (review mode `hold`): a
 *   maintainer sends or drops it;
 * - `baseline`: the first run records what is known and sends nothing;
 * - `known`: the facts already say so (or an email already reported it);
 * - `speculation`: only hedged claims ("could", "rumoured"), which never move a fact;
 * - `one-site`: reported, but not by two independent sites yet (merge's evidence rule);
 * - `needs-official`: a release date, which only an official source can confirm;
 * - `stale`: the evidence is older than what the current fact rests on;
 * - `estimate`: a release estimate: the fact sheet shows it, no email;
 * - `minor`: the facts changed in a way that is not news (a role spelled differently);
 * - `unchanged`: none of the above applied and the facts did not move.
 */
export type FindingReason = 'sent' | 'held' | 'baseline' | 'known' | 'speculation' | 'one-site' | 'needs-official' | 'stale' | 'estimate' | 'minor' | 'unchanged'

/** One candidate fact of a run (a statement this run's claims make, or a change it recorded) and why it went out or not. */
export interface Finding {
  field: Field
  /** What the candidate says: a claim value (`'filming'`, `{ actor, role, status }`, …) or the change's new value. */
  value: unknown
  reason: FindingReason
  /** For `sent` and `held`: the official sources that confirmed it, or the independent sites that reported it; for `one-site`: the site. */
  by: string[]
  /** For `sent` and `held`: whether an official source confirmed it or independent sites reported it. */
  basis?: 'official' | 'sites'
  /** For a recorded change: its `changeId`, which a held edition's decisions name (sent, dropped). */
  change?: string

  /** The strongest certainty among this run's claims for it (or the change's). */
  certainty: Certainty | null
  /** How many of this run's claims say it. */
  claims: number
  /** Up to three documents it came from. */
  sources: string[]
  /** Its best evidence sentence. */
  evidence: string | null
}

export interface ExplainInput {
  /** The claims this run's documents yielded (before deduplication against the ledger). */
  found: Claim[]
  /** The whole claim ledger the merge ran over (the run's new claims included). */
  ledger: Claim[]
  /** Facts before and after the merge. */
  before: Facts
  after: Facts
  /** What diff returned for before → after. */
  changes: Change[]
  baseline: boolean
  /** Ids of changes reported by earlier runs (`changeId`). */
  reported?: ReadonlySet<string>
  /** The run held its material changes for review instead of sending them (review mode `hold`). */
  held?: boolean
  subject?: Pick<Subject, 'officialSources'>
}

const MAX_SOURCES = 3

const releaseKey = (v: Partial<ReleaseValue>) => `release:${v.status}:${v.date ?? ''}:${v.window?.from ?? ''}:${v.window?.to ?? ''}`

/**
 * The candidate a claim value (or a change's new value) speaks for. Cast statuses `new` and
 * `returning` are one candidate ("in"), as merge joins them; a departure is another.
 */
function candidateKey(field: Field, value: unknown): string {
  switch (field) {
    case 'stage':
    case 'episodes':
      return `${field}:${String(value)}`
    case 'release':
      return releaseKey((value ?? {}) as Partial<ReleaseValue>)
    case 'cast': {
      const v = (value ?? {}) as Partial<CastValue>
      // The same person however spelled, as merge groups them (`person-key.ts`).
      return `cast:${personKey(String(v.actor ?? ''))}:${v.status === 'departed' ? 'out' : 'in'}`
    }
    case 'trailer':
      return `trailer:${String((value as Partial<TrailerValue> | null)?.kind)}`
  }
}

const keyOf = (c: Claim) => candidateKey(c.field, c.value)

function strongest(claims: Claim[]): Certainty | null {
  return claims.reduce<Certainty | null>((best, c) => (best === null || CERTAINTY_RANK[c.certainty] > CERTAINTY_RANK[best] ? c.certainty : best), null)
}

/** Strongest first, then newest: the order in which claims best explain a finding. */
function byStrength(claims: Claim[]): Claim[] {
  return [...claims].sort((a, b) => CERTAINTY_RANK[b.certainty] - CERTAINTY_RANK[a.certainty] || (b.published ?? '').localeCompare(a.published ?? ''))
}

/** The official sources named in the confirming sentences (else the sites that printed them). */
function confirmers(support: Claim[], officialSources: readonly string[]): string[] {
  const confirmed = support.filter((c) => c.certainty === 'confirmed')
  const named = officialSources.filter((name) => confirmed.some((c) => c.evidence.toLowerCase().includes(name.toLowerCase())))
  // "Netflix Korea" names "Netflix" too: keep the longest names only.
  const longest = named.filter((n) => !named.some((m) => m !== n && m.toLowerCase().includes(n.toLowerCase())))
  return longest.length > 0 ? longest : [...new Set(confirmed.map((c) => siteOf(c.source)))]
}

const reportingSites = (support: Claim[]) => [...new Set(support.filter((c) => c.certainty === 'reported').map((c) => siteOf(c.source)))]

/** The fact's current `asOf` for the candidate's field (what merge compares stale evidence with). */
function currentAsOf(facts: Facts, field: Field, value: unknown): string | null {
  switch (field) {
    case 'stage':
      return facts.stage?.asOf ?? null
    case 'release':
      return facts.release.asOf ?? null
    case 'episodes':
      return facts.episodes?.asOf ?? null
    case 'trailer':
      return facts.trailer?.asOf ?? null
    case 'cast': {
      const actor = String((value as Partial<CastValue>)?.actor ?? '')
      return facts.cast.find((c) => samePerson(c.actor, actor))?.asOf ?? null
    }
  }
}

/** True when `facts` already say what the candidate says (or more: a later stage, a trailer after a teaser). */
function factsHold(facts: Facts, field: Field, value: unknown): boolean {
  switch (field) {
    case 'stage':
      return !!facts.stage && STAGES.indexOf(facts.stage.value) >= STAGES.indexOf(value as (typeof STAGES)[number])
    case 'release':
      return releaseKey(facts.release) === releaseKey((value ?? {}) as Partial<ReleaseValue>)
    case 'episodes':
      return facts.episodes?.value === value
    case 'trailer':
      return !!facts.trailer && (facts.trailer.kind === (value as Partial<TrailerValue>)?.kind || facts.trailer.kind === 'trailer')
    case 'cast': {
      const v = (value ?? {}) as Partial<CastValue>
      const entry = facts.cast.find((c) => samePerson(c.actor, String(v.actor ?? '')))
      return !!entry && (entry.status === 'departed') === (v.status === 'departed')
    }
  }
}

/** Why a candidate that no change stands for did not move the facts: merge's rules, read back. */
type Why = Pick<Finding, 'reason' | 'by' | 'basis'>

function whyNoChange(field: Field, value: unknown, support: Claim[], input: ExplainInput): Why {
  if (factsHold(input.before, field, value)) return { reason: 'known', by: [] }
  if (support.every((c) => c.certainty === 'speculated')) return { reason: 'speculation', by: [] }
  const rel = value as Partial<ReleaseValue>
  if (field === 'release' && rel.status === 'estimated') return { reason: 'estimate', by: [] }
  if (field === 'release' && !support.some((c) => c.certainty === 'confirmed')) return { reason: 'needs-official', by: [] }
  if (!isEstablished(support)) return { reason: 'one-site', by: reportingSites(support) }
  const asOf = currentAsOf(input.before, field, value)
  const newest = support.reduce<string>((m, c) => (c.published && c.published > m ? c.published : m), '')
  if (asOf && newest && newest < asOf) return { reason: 'stale', by: [] }
  return { reason: 'unchanged', by: [] }
}

/** Why a recorded change was or was not material: diff's decision, with the rule behind it. */
function whyChange(change: Change, support: Claim[], input: ExplainInput): Why {
  if (change.material) {
    const reason = input.held ? 'held' : 'sent'
    return support.some((c) => c.certainty === 'confirmed')
      ? { reason, by: confirmers(support, input.subject?.officialSources ?? []), basis: 'official' }
      : { reason, by: reportingSites(support), basis: 'sites' }
  }
  if (input.baseline) return { reason: 'baseline', by: [] }
  if (input.reported?.has(changeId(change))) return { reason: 'known', by: [] }
  if (change.field === 'release' && (change.to as Partial<ReleaseValue> | null)?.status === 'estimated') return { reason: 'estimate', by: [] }
  return { reason: 'minor', by: [] }
}

/** Claims by candidate, in ledger order (only the candidates in `only`, when given). */
function groupByKey(claims: Claim[], only?: ReadonlySet<string>): Map<string, Claim[]> {
  const groups = new Map<string, Claim[]>()
  for (const c of claims) {
    const key = keyOf(c)
    if (only && !only.has(key)) continue
    const group = groups.get(key)
    if (group) group.push(c)
    else groups.set(key, [c])
  }
  return groups
}

const ORDER: Record<FindingReason, number> = { sent: 0, held: 0, baseline: 1, estimate: 2, minor: 3, known: 4, stale: 5, 'needs-official': 6, 'one-site': 7, speculation: 8, unchanged: 9 }

/**
 * One entry per candidate fact of a run: every distinct statement this run's claims make, and
 * every change the run recorded, each with the reason it was or was not sent. Sent findings
 * come first. The contracts (`Facts`, `Change`) are read, never changed.
 */
export function explainFindings(input: ExplainInput): Finding[] {
  const foundByKey = groupByKey(input.found)
  const changeByKey = new Map(input.changes.map((ch) => [candidateKey(ch.field, ch.to), ch]))
  const byKey = groupByKey(input.ledger, new Set([...foundByKey.keys(), ...changeByKey.keys()]))

  const findings: Finding[] = []
  for (const key of new Set([...changeByKey.keys(), ...foundByKey.keys()])) {
    const found = foundByKey.get(key) ?? []
    const change = changeByKey.get(key)
    const first = found[0]
    const field = change?.field ?? first!.field
    const value = change?.to ?? first!.value
    // What merge saw for this candidate: every ledger claim (this run's new ones included).
    const support = byKey.get(key) ?? found
    const why = change ? whyChange(change, support, input) : whyNoChange(field, value, support, input)
    const ranked = byStrength(found)
    findings.push({
      field,
      value,
      ...why,
      certainty: strongest(found) ?? change?.certainty ?? null,
      claims: found.length,
      sources: [...new Set(ranked.length > 0 ? ranked.map((c) => c.source) : (change?.sources ?? []))].slice(0, MAX_SOURCES),
      evidence: ranked[0]?.evidence ?? change?.evidence ?? null,
      ...(change ? { change: changeId(change) } : {}),
    })
  }
  return findings.sort((a, b) => ORDER[a.reason] - ORDER[b.reason])
}

/** A finding's reason as the one line the run report shows ("sent: confirmed by Netflix"). */
export function findingLine(f: Pick<Finding, 'reason' | 'by' | 'basis'>): string {
  const list = (xs: string[]) => (xs.length <= 2 ? xs.join(' and ') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`)
  const basis = () => (f.basis === 'sites' ? `reported by ${list(f.by)}` : `confirmed by ${list(f.by)}`)
  switch (f.reason) {
    case 'sent':
      return f.by.length === 0 ? 'sent' : `sent: ${basis()}`
    case 'held':
      return f.by.length === 0 ? 'held for review' : `held for review: ${basis()}`
    case 'baseline':
      return 'not sent: first run, recorded as the baseline'
    case 'known':
      return 'not sent: already known'
    case 'speculation':
      return 'not sent: speculation'
    case 'one-site':
      return 'not sent: one site so far, waiting for a second'
    case 'needs-official':
      return 'not sent: a release date needs an official source'
    case 'stale':
      return 'not sent: older than the current evidence'
    case 'estimate':
      return 'not sent: an estimate (shown on the fact sheet), not a confirmed date'
    case 'minor':
      return 'not sent: recorded, not a material change'
    case 'unchanged':
      return 'not sent: the facts did not change'
  }
}
