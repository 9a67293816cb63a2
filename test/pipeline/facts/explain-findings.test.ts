import { describe, expect, it } from 'vitest'
import type { Certainty, Claim, ClaimBody, Facts } from '../../../src/core/types'
import { changeId, diffFacts } from '../../../src/pipeline/facts/diff-facts'
import { explainFindings, findingLine, type Finding } from '../../../src/pipeline/facts/explain-findings'
import { emptyFacts, mergeFacts } from '../../../src/pipeline/facts/merge-facts'

const subject = {
  show: 'Test Show',
  season: 2,
  aliases: [],
  officialSources: ['Streamer', 'Streamer Korea', 'Big Agency'],
  people: [{ name: 'Old Actor', aliases: [], roles: ['Hero', 'The Hero'], previousCast: true }],
}
const today = '2026-01-01'

let n = 0
/** A claim with a sentence of its own (distinct texts: merge counts copied texts once). */
function claim(body: ClaimBody, certainty: Certainty, source: string, published: string, evidence?: string): Claim {
  n++
  return { ...body, certainty, source, published, evidence: evidence ?? `Sentence ${n} about ${body.field} from ${source}, published ${published}.` } as Claim
}

interface Scenario {
  /** Claims earlier runs put in the ledger (they give the facts before this run). */
  earlier?: Claim[]
  /** Claims this run's documents yield. */
  found: Claim[]
  baseline?: boolean
  /** Changes an earlier run already emailed. */
  reported?: string[]
}

/** One run through the real merge and diff, then the explanation of what they decided. */
function explain(s: Scenario): { findings: Finding[]; lines: string[]; material: number } {
  const earlier = s.earlier ?? []
  const before: Facts = earlier.length > 0 ? mergeFacts(emptyFacts(), earlier, { today, subject }) : emptyFacts()
  const ledger = [...earlier, ...s.found]
  const after = mergeFacts(before, ledger, { today, subject })
  const reported = new Set(s.reported ?? [])
  const changes = diffFacts(before, after, { baseline: s.baseline ?? false, reported })
  const findings = explainFindings({ found: s.found, ledger, before, after, changes, baseline: s.baseline ?? false, reported, subject })
  return { findings, lines: findings.map(findingLine), material: changes.filter((c) => c.material).length }
}

const filming: ClaimBody = { field: 'stage', value: 'filming' }

describe('explainFindings: why each finding was or was not sent', () => {
  it('sent: confirmed by the official source named in the sentence', () => {
    const r = explain({
      earlier: [claim({ field: 'stage', value: 'renewed' }, 'confirmed', 'https://a.example/renewal', '2024-01-01')],
      found: [claim(filming, 'confirmed', 'https://a.example/filming', '2025-07-14', 'Streamer Korea confirmed that filming of Season 2 has begun.')],
    })
    expect(r.lines).toEqual(['sent: confirmed by Streamer Korea'])
    expect(r.findings[0]).toMatchObject({ field: 'stage', value: 'filming', reason: 'sent', basis: 'official', certainty: 'confirmed', claims: 1 })
    expect(r.material).toBe(1)
  })

  it('sent: reported by two independent sites, named', () => {
    const r = explain({
      earlier: [claim(filming, 'reported', 'https://one.example/a', '2025-07-10')],
      found: [claim(filming, 'reported', 'https://www.two.example/b', '2025-07-12')],
    })
    expect(r.lines).toEqual(['sent: reported by one.example and two.example'])
  })

  it('not sent: speculation, however many sites repeat it', () => {
    const r = explain({ found: ['a', 'b', 'c'].map((s) => claim(filming, 'speculated', `https://${s}.example/rumour`, '2025-07-01')) })
    expect(r.lines).toEqual(['not sent: speculation'])
    expect(r.findings[0]!.claims).toBe(3)
    expect(r.material).toBe(0)
  })

  it('not sent: one site so far, even when it says it twice', () => {
    const r = explain({
      found: [claim(filming, 'reported', 'https://one.example/a', '2025-07-10'), claim(filming, 'reported', 'https://news.one.example/b', '2025-07-11')],
    })
    expect(r.lines).toEqual(['not sent: one site so far, waiting for a second'])
    expect(r.findings[0]!.by).toEqual(['one.example'])
  })

  it('not sent: already known, when another article rewrites news the facts hold', () => {
    const r = explain({
      earlier: [claim(filming, 'confirmed', 'https://a.example/filming', '2025-07-14', 'Streamer confirmed filming has begun.')],
      found: [claim(filming, 'reported', 'https://b.example/rewrite', '2025-07-16')],
    })
    expect(r.lines).toEqual(['not sent: already known'])
  })

  it('not sent: already known, for a change an earlier run already emailed', () => {
    const r = explain({ found: [claim(filming, 'confirmed', 'https://a.example/x', '2025-07-14')], reported: [changeId({ field: 'stage', to: 'filming' } as never)] })
    expect(r.lines).toEqual(['not sent: already known'])
  })

  it('not sent: older than the current evidence, for an article from before what the fact rests on', () => {
    const r = explain({
      earlier: [claim({ field: 'stage', value: 'pre-production' }, 'confirmed', 'https://a.example/prep', '2025-08-01')],
      found: [claim(filming, 'confirmed', 'https://b.example/old', '2025-06-01', 'Streamer said filming has begun.')],
    })
    expect(r.lines).toEqual(['not sent: older than the current evidence'])
  })

  it('not sent: first run, recorded as the baseline', () => {
    const r = explain({ found: [claim(filming, 'confirmed', 'https://a.example/x', '2025-07-14', 'Streamer confirmed filming.')], baseline: true })
    expect(r.lines).toEqual(['not sent: first run, recorded as the baseline'])
  })

  it('not sent: an estimate, which the fact sheet shows without an email', () => {
    const r = explain({
      found: [claim({ field: 'release', value: { status: 'estimated', date: null, window: { from: '2027-01-01', to: '2027-03-31' }, text: 'early 2027' } }, 'speculated', 'https://a.example/guess', '2025-09-01')],
    })
    expect(r.lines).toEqual(['not sent: an estimate (shown on the fact sheet), not a confirmed date'])
  })

  it('not sent: a release date only an official source can confirm', () => {
    const date: ClaimBody = { field: 'release', value: { status: 'confirmed', date: '2027-03-05', window: null, text: 'March 5, 2027' } }
    const r = explain({ found: [claim(date, 'reported', 'https://one.example/a', '2025-10-01'), claim(date, 'reported', 'https://two.example/b', '2025-10-02')] })
    expect(r.lines).toEqual(['not sent: a release date needs an official source'])
  })

  it('not sent: recorded, not material, when only a role changes', () => {
    const r = explain({
      earlier: [claim({ field: 'cast', value: { actor: 'Old Actor', role: 'Hero', status: 'returning' } }, 'confirmed', 'https://a.example/cast', '2025-07-14')],
      found: ['b', 'c'].map((s) => claim({ field: 'cast', value: { actor: 'Old Actor', role: 'The Hero', status: 'returning' } }, 'confirmed', `https://${s}.example/cast`, '2025-07-20')),
    })
    expect(r.lines).toEqual(['not sent: recorded, not a material change'])
  })

  it('known: another spelling of an actor the facts already hold is the same person, as merge counts it', () => {
    const joins = (actor: string, site: string) => claim({ field: 'cast', value: { actor, role: null, status: 'new' } }, 'confirmed', `https://${site}.example/cast`, '2025-07-14')
    const r = explain({ earlier: [joins('Kim Sung-cheol', 'a')], found: [joins('Kim Seong-cheol', 'b')] })
    expect(r.material).toBe(0)
    expect(r.findings.map((f) => f.reason)).toEqual(['known'])
  })

  it('gives one finding per candidate fact and per change, sent ones first, and as many sent as diff marked material', () => {
    const r = explain({
      earlier: [claim({ field: 'stage', value: 'renewed' }, 'confirmed', 'https://a.example/renewal', '2024-01-01')],
      found: [
        claim({ field: 'cast', value: { actor: 'Someone New', role: null, status: 'new' } }, 'speculated', 'https://fan.example/hope', '2025-07-14'),
        claim(filming, 'confirmed', 'https://a.example/filming', '2025-07-14', 'Big Agency confirmed filming began.'),
        claim({ field: 'cast', value: { actor: 'Old Actor', role: null, status: 'returning' } }, 'confirmed', 'https://a.example/filming', '2025-07-14', 'Big Agency confirmed Old Actor returns.'),
        claim({ field: 'cast', value: { actor: 'Old Actor', role: null, status: 'returning' } }, 'reported', 'https://b.example/echo', '2025-07-15'),
      ],
    })
    expect(r.findings.map((f) => [f.field, f.reason])).toEqual([
      ['stage', 'sent'],
      ['cast', 'sent'],
      ['cast', 'speculation'],
    ])
    expect(r.findings.filter((f) => f.reason === 'sent')).toHaveLength(r.material)
    expect(r.findings[1]).toMatchObject({ claims: 2, by: ['Big Agency'], sources: ['https://a.example/filming', 'https://b.example/echo'] })
    expect(r.findings[1]!.evidence).toBe('Big Agency confirmed Old Actor returns.')
  })

  it('names the site that printed an official confirmation when the sentence names no official source', () => {
    const r = explain({ found: [claim(filming, 'confirmed', 'https://www.news.example/x', '2025-07-14', 'Filming has officially begun.')] })
    expect(r.lines).toEqual(['sent: confirmed by news.example'])
  })
})

describe('findingLine', () => {
  it('lists three confirmers as a sentence', () => {
    expect(findingLine({ reason: 'sent', by: ['A', 'B', 'C'], basis: 'official' })).toBe('sent: confirmed by A, B and C')
  })
})
