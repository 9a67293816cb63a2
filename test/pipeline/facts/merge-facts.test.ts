import { describe, expect, it } from 'vitest'
import type { Certainty, Claim, ClaimBody, Facts } from '../../../src/core/types'
import { changeId, diffFacts } from '../../../src/pipeline/facts/diff-facts'
import { emptyFacts, isEstablished, mergeFacts } from '../../../src/pipeline/facts/merge-facts'

const subject = {
  show: 'Test Show',
  season: 2,
  aliases: [],
  people: [
    { name: 'Old Actor', aliases: [], previousCast: true },
    { name: 'Fresh Face', aliases: [], previousCast: false },
  ],
}

function claim(body: ClaimBody, certainty: Certainty, source: string, published: string): Claim {
  return { ...body, certainty, source, published, evidence: `${body.field} evidence from ${source}` } as Claim
}

const today = '2026-01-01'
const merge = (prev: Facts, claims: Claim[]) => mergeFacts(prev, claims, { today, subject })

describe('isEstablished: the evidence rule', () => {
  it.each([
    ['one confirmed claim', [claim({ field: 'stage', value: 'filming' }, 'confirmed', 'https://a.example/1', '2025-01-01')], true],
    ['reported by two sites', [claim({ field: 'stage', value: 'filming' }, 'reported', 'https://a.example/1', '2025-01-01'), claim({ field: 'stage', value: 'filming' }, 'reported', 'https://www.b.example/2', '2025-01-01')], true],
    ['reported twice by one site', [claim({ field: 'stage', value: 'filming' }, 'reported', 'https://a.example/1', '2025-01-01'), claim({ field: 'stage', value: 'filming' }, 'reported', 'https://news.a.example/2', '2025-01-01')], false],
    ['speculated by many sites', ['a', 'b', 'c'].map((s) => claim({ field: 'stage', value: 'filming' }, 'speculated', `https://${s}.example/`, '2025-01-01')), false],
  ])('%s → %s', (_name, claims, expected) => {
    expect(isEstablished(claims)).toBe(expected)
  })
})

describe('mergeFacts: stage', () => {
  it('moves forward on a confirmed claim', () => {
    const facts = merge(emptyFacts(), [claim({ field: 'stage', value: 'renewed' }, 'confirmed', 'https://a.example/', '2022-06-06')])
    expect(facts.stage?.value).toBe('renewed')
    expect(facts.stage?.asOf).toBe('2022-06-06')
  })

  it('does not move on a single reported claim, then moves when a second site agrees', () => {
    const one = [claim({ field: 'stage', value: 'filming' }, 'reported', 'https://a.example/', '2025-07-01')]
    const first = merge(emptyFacts(), one)
    expect(first.stage).toBeNull()
    const second = merge(first, [...one, claim({ field: 'stage', value: 'filming' }, 'reported', 'https://b.example/', '2025-07-02')])
    expect(second.stage?.value).toBe('filming')
  })

  it('never moves backwards, even on newer confirmed evidence of an earlier stage', () => {
    const wrapped = merge(emptyFacts(), [claim({ field: 'stage', value: 'post-production' }, 'confirmed', 'https://a.example/', '2026-02-20')])
    const later = merge(wrapped, [claim({ field: 'stage', value: 'filming' }, 'confirmed', 'https://b.example/', '2026-03-01')])
    expect(later.stage?.value).toBe('post-production')
  })

  it('ignores stale articles older than what the stage rests on', () => {
    const filming = merge(emptyFacts(), [claim({ field: 'stage', value: 'filming' }, 'confirmed', 'https://a.example/', '2025-07-23')])
    const stale = merge(filming, [claim({ field: 'stage', value: 'post-production' }, 'confirmed', 'https://b.example/', '2024-01-01')])
    expect(stale.stage?.value).toBe('filming')
  })

  it('never lets speculation move a stage', () => {
    const facts = merge(emptyFacts(), [claim({ field: 'stage', value: 'released' }, 'speculated', 'https://a.example/', '2025-07-23')])
    expect(facts.stage).toBeNull()
  })
})

describe('mergeFacts: cast', () => {
  const joins = (actor: string, status: 'new' | 'returning', certainty: Certainty, site: string, day: string) =>
    claim({ field: 'cast', value: { actor, role: null, status } }, certainty, `https://${site}.example/`, day)

  it('adds an actor on confirmation with the status the claims give (the extractor decides it, once)', () => {
    const facts = merge(emptyFacts(), [joins('Old Actor', 'returning', 'confirmed', 'a', '2025-07-23'), joins('Fresh Face', 'new', 'confirmed', 'a', '2025-07-23')])
    expect(facts.cast.map((c) => [c.actor, c.status])).toEqual([
      ['Fresh Face', 'new'],
      ['Old Actor', 'returning'],
    ])
  })

  it('keeps an actor when a page stops mentioning them (absence is not evidence)', () => {
    const before = merge(emptyFacts(), [joins('Fresh Face', 'new', 'confirmed', 'a', '2025-07-23')])
    const after = merge(before, [])
    expect(after.cast).toHaveLength(1)
  })

  it('marks a departure only when it is established and newer than the casting', () => {
    const cast = merge(emptyFacts(), [joins('Fresh Face', 'new', 'confirmed', 'a', '2025-07-23')])
    const rumour = merge(cast, [claim({ field: 'cast', value: { actor: 'Fresh Face', role: null, status: 'departed' } }, 'speculated', 'https://b.example/', '2025-08-01')])
    expect(rumour.cast[0]?.status).toBe('new')
    const left = merge(cast, [claim({ field: 'cast', value: { actor: 'Fresh Face', role: null, status: 'departed' } }, 'confirmed', 'https://b.example/', '2025-08-01')])
    expect(left.cast[0]?.status).toBe('departed')
  })

  it('does not add an actor that only one site reported', () => {
    expect(merge(emptyFacts(), [joins('Old Actor', 'returning', 'reported', 'a', '2025-07-23')]).cast).toEqual([])
  })
})

describe('mergeFacts: release', () => {
  const estimate = (from: string, to: string, published: string, certainty: Certainty = 'reported') =>
    claim({ field: 'release', value: { status: 'estimated', date: null, window: { from, to }, text: `${from}..${to}` } }, certainty, 'https://a.example/', published)

  it('takes the newest live estimate and ignores ones already in the past', () => {
    const facts = merge(emptyFacts(), [estimate('2024-01-01', '2024-12-31', '2023-06-01'), estimate('2026-07-01', '2026-12-31', '2025-09-01'), estimate('2027-01-01', '2027-06-30', '2026-02-22', 'speculated')])
    expect(facts.release).toMatchObject({ status: 'estimated', window: { from: '2027-01-01', to: '2027-06-30' } })
  })

  it('a confirmed date wins over any estimate and is not replaced by one', () => {
    const confirmed = claim({ field: 'release', value: { status: 'confirmed', date: '2026-12-12', window: null, text: 'December 12, 2026' } }, 'confirmed', 'https://n.example/', '2026-09-01')
    const facts = merge(emptyFacts(), [confirmed])
    const later = merge(facts, [confirmed, estimate('2027-01-01', '2027-06-30', '2026-10-01')])
    expect(later.release).toMatchObject({ status: 'confirmed', date: '2026-12-12' })
  })
})

describe('diffFacts: what is material', () => {
  const base = merge(emptyFacts(), [claim({ field: 'stage', value: 'renewed' }, 'confirmed', 'https://a.example/', '2022-06-06')])

  it('the baseline run records everything and nothing is material', () => {
    const changes = diffFacts(emptyFacts(), base, { baseline: true })
    expect(changes).toHaveLength(1)
    expect(changes.every((c) => !c.material)).toBe(true)
  })

  it('a stage moving forward is material, with evidence and sources', () => {
    const next = merge(base, [claim({ field: 'stage', value: 'filming' }, 'confirmed', 'https://b.example/x', '2025-07-23')])
    const [change] = diffFacts(base, next, { baseline: false })
    expect(change).toMatchObject({ field: 'stage', material: true, from: 'renewed', to: 'filming', sources: ['https://b.example/x'] })
    expect(change?.evidence).toContain('b.example')
  })

  it('a changed estimate is a change but not material', () => {
    const est = merge(base, [claim({ field: 'release', value: { status: 'estimated', date: null, window: { from: '2026-07-01', to: '2026-12-31' }, text: 'late 2026' } }, 'reported', 'https://a.example/', '2025-09-01')])
    const changes = diffFacts(base, est, { baseline: false })
    expect(changes).toEqual([expect.objectContaining({ field: 'release', material: false })])
  })

  it('a confirmed release date is material; the first teaser and first episode count too', () => {
    const next = merge(base, [
      claim({ field: 'release', value: { status: 'confirmed', date: '2026-12-12', window: null, text: 'December 12' } }, 'confirmed', 'https://n.example/', '2026-09-01'),
      claim({ field: 'trailer', value: { kind: 'teaser', date: '2026-09-01', url: null } }, 'confirmed', 'https://n.example/', '2026-09-01'),
      claim({ field: 'episodes', value: 10 }, 'confirmed', 'https://n.example/', '2026-09-01'),
    ])
    const changes = diffFacts(base, next, { baseline: false })
    expect(changes.map((c) => [c.field, c.material])).toEqual([
      ['release', true],
      ['trailer', true],
      ['episodes', true],
    ])
  })

  it('a change already reported is recorded again but is not material again', () => {
    const next = merge(base, [claim({ field: 'stage', value: 'filming' }, 'confirmed', 'https://b.example/x', '2025-07-23')])
    const [change] = diffFacts(base, next, { baseline: false, reported: new Set([changeId({ field: 'stage', material: true, from: 'renewed', to: 'filming', sources: [], evidence: null })]) })
    expect(change).toMatchObject({ field: 'stage', to: 'filming', material: false })
  })

  it('re-merging the same claims gives no changes (re-published articles are not news)', () => {
    const claims = [claim({ field: 'stage', value: 'renewed' }, 'confirmed', 'https://a.example/', '2022-06-06')]
    const again = merge(base, [...claims, { ...claims[0]!, source: 'https://a.example/republished', published: '2024-01-01' }])
    expect(diffFacts(base, again, { baseline: false })).toEqual([])
  })
})
