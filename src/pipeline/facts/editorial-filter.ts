/**
 * Editorial exclusions as a pure pre-filter of the claim ledger: merge never learns about them,
 * it just sees fewer claims. The ledger itself keeps every claim (an exclusion can be read back
 * and shown); only what counts towards facts is filtered.
 */
import { claimValueKey, siteOf } from '../../core/claim-key'
import type { ExclusionRule, FactPiece, FactSlot } from '../../core/editorial'
import { normalizeName } from '../../core/names'
import { samePerson } from '../../core/person-key'
import type { CastFact, Change, Claim, ClaimBody, Facts, ReleaseValue, Source } from '../../core/types'
import type { SeenItem } from '../run/state'

/**
 * What a claim states, whoever said it and however sure: equal statements support the same
 * fact. A cast statement is the actor (spelling folded) and whether they are in or out, so
 * "returning" and "new" claims about one actor are one statement, as merge counts them.
 */
export function statementOf(c: ClaimBody): string {
  if (c.field === 'cast') return castStatement(c.value.actor, c.value.status === 'departed')
  return claimValueKey(c)
}

function castStatement(actor: string, out: boolean): string {
  return `cast:${normalizeName(actor)}:${out ? 'out' : 'in'}`
}

/** The slot a change is about. */
export function slotOfChange(change: Pick<Change, 'field' | 'to' | 'from'>): FactSlot {
  if (change.field !== 'cast') return { field: change.field }
  const value = (change.to ?? change.from) as { actor?: unknown } | null
  return { field: 'cast', actor: String(value?.actor ?? '') }
}

/** The fact in a slot (null when empty; a release of status `none` is empty). */
export function factPiece(facts: Facts, slot: FactSlot): FactPiece {
  switch (slot.field) {
    case 'stage':
      return facts.stage
    case 'release':
      return facts.release.status === 'none' ? null : facts.release
    case 'trailer':
      return facts.trailer
    case 'episodes':
      return facts.episodes
    case 'cast':
      // The spelling the slot was taken with first; else another spelling of the same person, as
      // merge groups them ("Park Ji-hu" / "Park Ji Hoo").
      return facts.cast.find((c) => c.actor === slot.actor) ?? facts.cast.find((c) => samePerson(c.actor, slot.actor)) ?? null
  }
}

const NO_RELEASE: Facts['release'] = { status: 'none', date: null, window: null, text: null }

/** `facts` with the slot set to `piece` (null empties it). Returns a new object. */
export function withFactPiece(facts: Facts, slot: FactSlot, piece: FactPiece): Facts {
  switch (slot.field) {
    case 'stage':
      return { ...facts, stage: piece as Facts['stage'] }
    case 'release':
      return { ...facts, release: (piece as Facts['release'] | null) ?? NO_RELEASE }
    case 'trailer':
      return { ...facts, trailer: piece as Facts['trailer'] }
    case 'episodes':
      return { ...facts, episodes: piece as Facts['episodes'] }
    case 'cast': {
      const current = factPiece(facts, slot)
      const rest = facts.cast.filter((c) => c !== current)
      const cast = piece ? [...rest, piece as CastFact] : rest
      return { ...facts, cast: cast.sort((a, b) => a.actor.localeCompare(b.actor)) }
    }
  }
}

/** What the fact in a slot states (the same key as its claims'), or null for an empty slot. */
export function statementOfPiece(slot: FactSlot, piece: FactPiece): string | null {
  if (!piece) return null
  const p = piece as unknown as Record<string, unknown>
  switch (slot.field) {
    case 'stage':
      return `stage:${String(p.value)}`
    case 'episodes':
      return `episodes:${String(p.value)}`
    case 'trailer':
      return `trailer:${String(p.kind)}`
    case 'cast':
      return castStatement(String(p.actor), p.status === 'departed')
    case 'release': {
      const r = piece as ReleaseValue
      return r.status === 'none' ? null : claimValueKey({ field: 'release', value: { status: r.status, date: r.date, window: r.window, text: r.text } })
    }
  }
}

/**
 * True when `piece` (the fact in `slot`) states `statement`. For cast, any spelling of the
 * slot's actor (`samePerson`) states what the actor's own spelling does.
 */
export function pieceStates(slot: FactSlot, piece: FactPiece, statement: string | null): boolean {
  const own = statementOfPiece(slot, piece)
  if (own === null || statement === null) return false
  if (own === statement) return true
  if (slot.field !== 'cast') return false
  const p = piece as CastFact
  return samePerson(p.actor, slot.actor) && statement === castStatement(slot.actor, p.status === 'departed')
}

/**
 * What a change's new value states (null when it empties a slot). Changes carry bare values for
 * stage and episodes (`"filming"`, `12`) and fact-shaped ones for the other fields.
 */
export function statementOfChange(change: Pick<Change, 'field' | 'to' | 'from'>): string | null {
  const to = change.to
  if (to === null || to === undefined) return null
  if (change.field === 'stage') return `stage:${String(typeof to === 'object' ? (to as { value?: unknown }).value : to)}`
  if (change.field === 'episodes') return `episodes:${String(typeof to === 'object' ? (to as { value?: unknown }).value : to)}`
  return statementOfPiece(slotOfChange(change), to as FactPiece)
}

/** The sites a fact's shown evidence comes from. */
export function sitesOfPiece(piece: FactPiece): string[] {
  const sources = (piece as { sources?: { source: string }[] } | null)?.sources ?? []
  return [...new Set(sources.map((e) => siteOf(e.source)))]
}

/**
 * True when the claim says the statement of `rule`. For cast: any spelling of the actor that
 * merge would count as the same person (`samePerson`: romanization variants, spacing, one
 * letter off in a long name), so a dropped actor does not come back misspelled.
 */
function saysStatement(c: Claim, rule: Extract<ExclusionRule, { kind: 'statement' }>): boolean {
  if (c.field === 'cast' && rule.names && rule.statement.startsWith('cast:')) {
    const side = c.value.status === 'departed' ? 'out' : 'in'
    if (!rule.statement.endsWith(`:${side}`)) return false
    const actor = c.value.actor
    return statementOf(c) === rule.statement || rule.names.some((n) => samePerson(n, actor))
  }
  return statementOf(c) === rule.statement
}

/** True when a rule excludes the claim. */
export function isExcluded(c: Claim, rule: ExclusionRule): boolean {
  if (rule.kind === 'evidence') return c.source === rule.source && c.evidence === rule.evidence
  return rule.sites.includes(siteOf(c.source)) && saysStatement(c, rule)
}

/** What a run leaves out of the ledger before merge. */
export interface LedgerFilter {
  rules: readonly ExclusionRule[]
  /** Document URLs whose claims come only from sources marked unreliable. */
  unreliable: ReadonlySet<string>
}

/**
 * The claims that count: the ledger without claims from unreliable sources and without claims
 * an editorial rule excludes. Pure; order kept. With nothing to exclude it returns the ledger.
 */
export function filterLedger(claims: Claim[], filter: LedgerFilter): Claim[] {
  if (filter.rules.length === 0 && filter.unreliable.size === 0) return claims
  return claims.filter((c) => !filter.unreliable.has(c.source) && !filter.rules.some((r) => isExcluded(c, r)))
}

/**
 * The document URLs whose claims must not count: unreliable pages, and the articles unreliable
 * feeds listed. A document a trusted source also lists (the same article in a reliable feed,
 * or saved as a page) is trusted.
 */
export function unreliableUrls(sources: readonly Source[], feeds: Record<string, Record<string, SeenItem>>): Set<string> {
  const documentsOf = (s: Source) => (s.kind === 'page' ? [s.url] : [s.url, ...Object.values(feeds[s.id] ?? {}).map((i) => i.url)])
  const out = new Set(sources.filter((s) => s.unreliable).flatMap(documentsOf))
  if (out.size === 0) return out
  for (const s of sources) if (!s.unreliable && s.enabled) for (const url of documentsOf(s)) out.delete(url)
  return out
}

/**
 * The rule that stops a fact's claims counting: its statement, from every site the ledger has
 * saying it (whatever the certainty), with every spelling of the actor for cast. Claims from
 * any other site can still establish it later.
 */
export function statementRule(slot: FactSlot, piece: FactPiece, ledger: readonly Claim[]): Extract<ExclusionRule, { kind: 'statement' }> | null {
  const statement = statementOfPiece(slot, piece)
  if (!statement) return null
  const probe: Extract<ExclusionRule, { kind: 'statement' }> = { kind: 'statement', statement, sites: [] }
  if (slot.field === 'cast') probe.names = [slot.actor]
  const saying = ledger.filter((c) => saysStatement(c, probe))
  const sites = new Set([...saying.map((c) => siteOf(c.source)), ...sitesOfPiece(piece)])
  const rule: Extract<ExclusionRule, { kind: 'statement' }> = { kind: 'statement', statement, sites: [...sites].sort() }
  if (slot.field === 'cast') rule.names = [...new Set([slot.actor, ...saying.map((c) => (c.field === 'cast' ? c.value.actor : ''))])].filter(Boolean).sort()
  return rule
}
