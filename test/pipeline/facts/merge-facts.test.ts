import { describe, expect, it } from 'vitest'
import type { Certainty, Claim, ClaimBody, Facts } from '../../../src/core/types'
import { changeId, diffFacts } from '../../../src/pipeline/facts/diff-facts'
import { creditedOutlet, emptyFacts, isEstablished, mergeFacts } from '../../../src/pipeline/facts/merge-facts'

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

describe('mergeFacts: one person, one entry', () => {
  const joins = (actor: string, certainty: Certainty, site: string, day: string) =>
    claim({ field: 'cast', value: { actor, role: null, status: 'new' } }, certainty, `https://${site}.example/`, day)

  it('counts spellings of one unknown actor (Latin and Hangul) as one actor, from two sites', () => {
    const facts = merge(emptyFacts(), [joins('Nam Gyu-ri', 'reported', 'a', '2025-07-01'), joins('남규리', 'reported', 'b', '2025-07-02')])
    expect(facts.cast.map((c) => [c.actor, c.status])).toEqual([['Nam Gyu-ri', 'new']])
  })

  it('keeps the name an entry already has when a later spelling comes in', () => {
    const first = merge(emptyFacts(), [joins('남규리', 'confirmed', 'a', '2025-07-01')])
    const later = merge(first, [joins('남규리', 'confirmed', 'a', '2025-07-01'), joins('Nam Gyu-ri', 'confirmed', 'b', '2025-08-01')])
    expect(later.cast.map((c) => c.actor)).toEqual(['남규리'])
    expect(diffFacts(first, later, { baseline: false }).filter((c) => c.material)).toEqual([])
  })

  it('trap: two different people with one surname stay two', () => {
    const facts = merge(emptyFacts(), [joins('Nam Gyu-ri', 'confirmed', 'a', '2025-07-01'), joins('Nam Gyu-jin', 'confirmed', 'a', '2025-07-01')])
    expect(facts.cast).toHaveLength(2)
  })
})

describe('creditedOutlet: whose scoop a report retells', () => {
  it('reads "according to (a report in) X", "X reported" and "reported by X"', () => {
    expect(creditedOutlet('Fresh Face joins, according to a report in The Evening Courier.')).toBe('evening courier')
    expect(creditedOutlet('Fresh Face has joined, The Evening Courier reported on Saturday.')).toBe('evening courier')
    expect(creditedOutlet('The casting was first reported by Screen Weekly.')).toBe('screen weekly')
  })

  it('trap: an official statement or an unnamed source credits no outlet', () => {
    expect(creditedOutlet('Filming has begun, Netflix said on Monday.')).toBeNull()
    expect(creditedOutlet('Fresh Face joins the cast, according to sources close to the production.')).toBeNull()
  })
})

describe('mergeFacts: independent corroboration', () => {
  const filming = (site: string, day: string, evidence: string) => ({ ...claim({ field: 'stage', value: 'filming' }, 'reported', `https://${site}.example/a`, day), evidence })
  const joins = (site: string, day: string, evidence: string) => ({ ...claim({ field: 'cast', value: { actor: 'Fresh Face', role: null, status: 'new' } }, 'reported', `https://${site}.example/a`, day), evidence })

  it('two sites with their own words establish a report', () => {
    const facts = merge(emptyFacts(), [filming('a', '2025-07-01', 'Cameras are rolling in Mokpo, the local paper says.'), filming('b', '2025-07-02', 'Shooting began this week near the harbour, a crew member told us.')])
    expect(facts.stage?.value).toBe('filming')
  })

  it('trap: one text syndicated on two sites is one source', () => {
    const text = 'Filming on the second season began this week in Mokpo, with the original cast back on set.'
    const facts = merge(emptyFacts(), [filming('a', '2025-07-01', text), filming('b', '2025-07-02', `${text} `)])
    expect(facts.stage).toBeNull()
  })

  it('a short sentence two sites wrote the same way is not syndication', () => {
    const facts = merge(emptyFacts(), [filming('a', '2025-07-01', 'Filming has begun.'), filming('b', '2025-07-02', 'Filming has begun.')])
    expect(facts.stage?.value).toBe('filming')
  })

  it('trap: two sites retelling one outlet\'s scoop in their own words are one report', () => {
    const facts = merge(emptyFacts(), [
      joins('a', '2025-07-01', 'Fresh Face has joined the cast of Test Show season 2, The Evening Courier reported on Saturday.'),
      joins('b', '2025-07-02', "Fresh Face joins Test Show season 2 as the new villain, according to The Evening Courier."),
    ])
    expect(facts.cast).toHaveLength(0)
  })

  it('trap: one Korean text copied by two portals is one source, though it has few words', () => {
    const text = "배우 김하늘이 '테스트 쇼' 시즌2에 합류한다."
    const facts = merge(emptyFacts(), [filming('a', '2025-07-01', text), filming('b', '2025-07-01', text)])
    expect(facts.stage).toBeNull()
  })

  it('two short Korean sentences, even word for word, are too short to call syndication and still corroborate each other', () => {
    const facts = merge(emptyFacts(), [filming('a', '2025-07-01', '시즌2 촬영이 시작됐다.'), filming('b', '2025-07-01', '시즌2 촬영이 시작됐다.')])
    expect(facts.stage?.value).toBe('filming')
  })

  it('two sites crediting different outlets still corroborate each other', () => {
    const facts = merge(emptyFacts(), [
      joins('a', '2025-07-01', 'Fresh Face has joined the cast of Test Show season 2, The Evening Courier reported on Saturday.'),
      joins('b', '2025-07-02', 'Fresh Face joins Test Show season 2 as the new villain, according to a report in Screen Weekly.'),
    ])
    expect(facts.cast.map((c) => c.actor)).toEqual(['Fresh Face'])
  })

  it('trap: a report from years earlier does not corroborate a new one', () => {
    const facts = merge(emptyFacts(), [filming('a', '2022-07-01', 'Cameras are rolling in Mokpo, the local paper says.'), filming('b', '2025-07-02', 'Shooting began this week near the harbour, a crew member told us.')])
    expect(facts.stage).toBeNull()
  })
})

describe('mergeFacts: undated pages', () => {
  const confirmedOn = (date: string, published: string, undated = false) => ({
    ...claim({ field: 'release', value: { status: 'confirmed', date, window: null, text: date } }, 'confirmed', `https://${undated ? 'u' : 'd'}.example/`, published),
    ...(undated ? { undated: true } : {}),
  })

  it('trap: an undated page met long after the news cannot move a dated confirmed date', () => {
    const dated = merge(emptyFacts(), [confirmedOn('2025-10-25', '2025-09-20')])
    const later = merge(dated, [confirmedOn('2025-10-25', '2025-09-20'), confirmedOn('2026-02-25', '2026-01-16', true)])
    expect(later.release).toMatchObject({ status: 'confirmed', date: '2025-10-25' })
  })

  it('an undated page alone can still confirm a date', () => {
    expect(merge(emptyFacts(), [confirmedOn('2026-02-25', '2026-01-16', true)]).release).toMatchObject({ status: 'confirmed', date: '2026-02-25' })
  })
})

describe('mergeFacts and diffFacts: departures, trailers, corrections', () => {
  const departs = (actor: string, day: string) => claim({ field: 'cast', value: { actor, role: null, status: 'departed' } }, 'confirmed', 'https://a.example/', day)

  it('an earlier-season actor confirmed out is material news, even before any "returning" entry', () => {
    const facts = merge(emptyFacts(), [departs('Old Actor', '2025-03-02')])
    expect(facts.cast.map((c) => [c.actor, c.status])).toEqual([['Old Actor', 'departed']])
    expect(diffFacts(emptyFacts(), facts, { baseline: false }).map((c) => [c.field, c.material])).toEqual([['cast', true]])
  })

  it('trap: someone never in the cast and never in an earlier season gets no departure entry', () => {
    expect(merge(emptyFacts(), [departs('Rumoured Actor', '2025-03-02')]).cast).toEqual([])
  })

  it('a departure whose words say the actor held a part is news even when the config does not list them', () => {
    const left = { ...departs('Unlisted Actor', '2025-03-02'), formerCast: true as const }
    const facts = merge(emptyFacts(), [left])
    expect(facts.cast.map((c) => [c.actor, c.status])).toEqual([['Unlisted Actor', 'departed']])
    expect(diffFacts(emptyFacts(), facts, { baseline: false }).map((c) => [c.field, c.material])).toEqual([['cast', true]])
  })

  it('trap: one report that an unlisted actor has left is not yet established', () => {
    const left = { ...departs('Unlisted Actor', '2025-03-02'), certainty: 'reported' as const, formerCast: true as const }
    expect(merge(emptyFacts(), [left]).cast).toEqual([])
  })

  it('the first full trailer after a teaser is material', () => {
    const teaser = merge(emptyFacts(), [claim({ field: 'trailer', value: { kind: 'teaser', date: '2025-06-01', url: null } }, 'confirmed', 'https://a.example/', '2025-06-01')])
    const full = merge(teaser, [claim({ field: 'trailer', value: { kind: 'trailer', date: '2025-09-01', url: null } }, 'confirmed', 'https://b.example/', '2025-09-01')])
    expect(diffFacts(teaser, full, { baseline: false }).map((c) => [c.field, c.material, (c.to as { kind: string }).kind])).toEqual([['trailer', true, 'trailer']])
  })

  it('an official episode count that differs from the reported one is a material correction', () => {
    const reported = [12, 12].map((n, i) => claim({ field: 'episodes', value: n }, 'reported', `https://${'ab'[i]}.example/`, '2025-05-01'))
    const early = merge(emptyFacts(), reported)
    expect(early.episodes?.value).toBe(12)
    const official = merge(early, [...reported, claim({ field: 'episodes', value: 10 }, 'confirmed', 'https://c.example/', '2025-04-20')])
    expect(official.episodes?.value).toBe(10)
    expect(diffFacts(early, official, { baseline: false }).map((c) => [c.field, c.material])).toEqual([['episodes', true]])
  })

  it('trap: a second report of a different count is not a correction', () => {
    const first = merge(emptyFacts(), [12, 12].map((n, i) => claim({ field: 'episodes', value: n }, 'reported', `https://${'ab'[i]}.example/`, '2025-05-01')))
    const second = merge(first, [10, 10].map((n, i) => claim({ field: 'episodes', value: n }, 'reported', `https://${'cd'[i]}.example/`, '2025-06-01')))
    expect(diffFacts(first, second, { baseline: false }).filter((c) => c.material)).toEqual([])
  })
})
