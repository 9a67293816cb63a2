import { describe, expect, it } from 'vitest'
import type { Claim, Facts, Source } from '../../../src/core/types'
import { filterLedger, statementOf, statementRule, unreliableUrls } from '../../../src/pipeline/facts/editorial-filter'
import { applyDecisions, forgetRetracted, retractFact, revertChanges, toHeldChanges } from '../../../src/pipeline/facts/editorial-revert'
import { diffFacts } from '../../../src/pipeline/facts/diff-facts'
import { emptyFacts, mergeFacts } from '../../../src/pipeline/facts/merge-facts'

const claim = (over: Partial<Claim> & Pick<Claim, 'source'>): Claim =>
  ({ field: 'stage', value: 'filming', certainty: 'reported', evidence: `said by ${over.source}`, published: '2025-07-14', ...over }) as Claim
const cast = (actor: string, source: string, certainty: Claim['certainty'] = 'confirmed', status: 'returning' | 'new' | 'departed' = 'returning'): Claim =>
  ({ field: 'cast', value: { actor, role: null, status }, certainty, evidence: `${actor} ${status} per ${source}`, source, published: '2025-07-14' }) as Claim
const today = '2025-08-01'

describe('the editorial pre-filter of the claim ledger', () => {
  it('one statement for every way of saying an actor is in (returning or new), another for out', () => {
    expect(statementOf(cast('Park Ji-hu', 'https://a.test/', 'confirmed', 'returning'))).toBe(statementOf(cast('park ji hu', 'https://b.test/', 'reported', 'new')))
    expect(statementOf(cast('Park Ji-hu', 'https://a.test/', 'confirmed', 'departed'))).not.toBe(statementOf(cast('Park Ji-hu', 'https://a.test/')))
  })

  it('leaves the ledger as it is when nothing is excluded', () => {
    const ledger = [claim({ source: 'https://a.test/1' })]
    expect(filterLedger(ledger, { rules: [], unreliable: new Set() })).toBe(ledger)
  })

  it('a statement rule excludes that statement from the listed sites only, whatever the page or certainty', () => {
    const ledger = [claim({ source: 'https://a.test/1' }), claim({ source: 'https://www.a.test/2', certainty: 'confirmed' }), claim({ source: 'https://b.test/1' }), claim({ source: 'https://a.test/3', value: 'post-production' } as Partial<Claim> & { source: string })]
    const rule = statementRule({ field: 'stage' }, { value: 'filming', certainty: 'confirmed', asOf: null, sources: [] }, ledger.slice(0, 2))!
    expect(rule).toEqual({ kind: 'statement', statement: 'stage:filming', sites: ['a.test'] })
    expect(filterLedger(ledger, { rules: [rule], unreliable: new Set() }).map((c) => c.source)).toEqual(['https://b.test/1', 'https://a.test/3'])
  })

  it('an evidence rule excludes one sentence of one document, and nothing else', () => {
    const a = cast('Lomon', 'https://a.test/1')
    const b = { ...cast('Lomon', 'https://a.test/1'), evidence: 'another sentence' }
    expect(filterLedger([a, b], { rules: [{ kind: 'evidence', source: a.source, evidence: a.evidence }], unreliable: new Set() })).toEqual([b])
  })

  it('an unreliable feed takes the articles it listed with it, unless a trusted source lists them too', () => {
    const sources: Source[] = [
      { id: 'gossip', url: 'https://gossip.test/feed', kind: 'feed', enabled: true, unreliable: true },
      { id: 'page', url: 'https://gossip.test/page', kind: 'page', enabled: true, unreliable: true },
      { id: 'wire', url: 'https://wire.test/feed', kind: 'feed', enabled: true },
    ]
    const feeds = {
      gossip: { a: { url: 'https://gossip.test/a', firstSeen: '', attempts: 0, done: true }, b: { url: 'https://shared.test/b', firstSeen: '', attempts: 0, done: true } },
      wire: { b: { url: 'https://shared.test/b', firstSeen: '', attempts: 0, done: true } },
    }
    expect([...unreliableUrls(sources, feeds)].sort()).toEqual(['https://gossip.test/a', 'https://gossip.test/feed', 'https://gossip.test/page'])
  })

  it('without the unreliable site, one report is not corroboration', () => {
    const ledger = [cast('Yoon Chan-young', 'https://a.test/1', 'reported'), cast('Yoon Chan-young', 'https://b.test/1', 'reported')]
    const merged = (claims: Claim[]) => mergeFacts(emptyFacts(), claims, { today }).cast.map((c) => c.actor)
    expect(merged(ledger)).toEqual(['Yoon Chan-young'])
    expect(merged(filterLedger(ledger, { rules: [], unreliable: new Set(['https://b.test/1']) }))).toEqual([])
  })
})

describe('editorial edits of the facts', () => {
  const before = mergeFacts(emptyFacts(), [claim({ source: 'https://a.test/0', value: 'renewed', certainty: 'confirmed' } as Partial<Claim> & { source: string })], { today })
  const news = [claim({ source: 'https://a.test/1', certainty: 'confirmed' }), cast('Lomon', 'https://a.test/1')]
  const after = mergeFacts(before, news, { today })
  const material = diffFacts(before, after, { baseline: false }).filter((c) => c.material)

  it('reverting held changes shows the facts as they were before them', () => {
    const held = toHeldChanges(before, after, material)
    expect(held.map((h) => h.id).sort()).toEqual(['cast:{"actor":"Lomon","role":null,"status":"returning"}', 'stage:"filming"'])
    expect(revertChanges(after, [held])).toEqual(before)
  })

  it('a decision puts back a fact that rests only on the excluded sites, and keeps one another site re-established', () => {
    const decision = { slot: { field: 'stage' as const }, statement: 'stage:filming', sites: ['a.test'], restore: before.stage }
    expect(applyDecisions(after, [decision]).stage).toEqual(before.stage)
    const reEstablished: Facts = { ...after, stage: { ...after.stage!, sources: [{ source: 'https://b.test/x', evidence: 'b', published: '2025-08-01', certainty: 'confirmed' }] } }
    expect(applyDecisions(reEstablished, [decision]).stage?.value).toBe('filming')
  })

  it('retracting a fact merges its slot again from what still counts', () => {
    const rule = statementRule({ field: 'stage' }, after.stage, news)!
    const counted = filterLedger([...news, claim({ source: 'https://a.test/0', value: 'renewed', certainty: 'confirmed' } as Partial<Claim> & { source: string })], { rules: [rule], unreliable: new Set() })
    const retracted = retractFact(after, { field: 'stage' }, counted, { today })
    expect(retracted.stage?.value).toBe('renewed')
    expect(retracted.cast).toEqual(after.cast) // other facts untouched
    const noLomon = retractFact(after, { field: 'cast', actor: 'Lomon' }, filterLedger(news, { rules: [statementRule({ field: 'cast', actor: 'Lomon' }, after.cast[0]!, news)!], unreliable: new Set() }), { today })
    expect(noLomon.cast).toEqual([])
  })
})

describe('editorial exclusions of a person, whatever the spelling (samePerson)', () => {
  const A = 'https://a.test/1'
  const ledger = [cast('Park Ji-hu', A, 'reported', 'new')]
  const fact = mergeFacts(emptyFacts(), [cast('Park Ji-hu', A), cast('Park Ji-hu', 'https://a.test/2')], { today }).cast[0]!
  const rule = statementRule({ field: 'cast', actor: 'Park Ji-hu' }, fact, ledger)!
  const kept = (claims: Claim[]) => filterLedger(claims, { rules: [rule], unreliable: new Set() }).map((c) => (c.field === 'cast' ? c.value.actor : ''))

  it('a dropped actor stays dropped when the same site spells the name another way', () => {
    const variants = ['Park Ji Hoo', 'Ji-hu Park', '박지후', 'PARK JIHU']
    expect(kept(variants.map((n) => cast(n, 'https://a.test/9', 'confirmed')))).toEqual([])
  })

  it('but another person with a close name, the same person leaving, or another site still count', () => {
    const others = [cast('Park Ji-won', A), cast('Kim Ji-hu', A), cast('Park Ji Hoo', A, 'confirmed', 'departed'), cast('Park Ji Hoo', 'https://b.test/1')]
    expect(kept(others)).toEqual(['Park Ji-won', 'Kim Ji-hu', 'Park Ji Hoo', 'Park Ji Hoo'])
  })

  it('a decision and a held change find the fact when merge now spells the actor another way', () => {
    const before = emptyFacts()
    const spelled: Facts = { ...before, cast: [{ ...fact, actor: 'Park Ji Hoo' }] }
    const decision = { slot: { field: 'cast' as const, actor: 'Park Ji-hu' }, statement: statementOf(cast('Park Ji-hu', A)), sites: ['a.test'], restore: null }
    expect(applyDecisions(spelled, [decision]).cast).toEqual([])
    const held = toHeldChanges(before, { ...before, cast: [fact] }, diffFacts(before, { ...before, cast: [fact] }, { baseline: false }).filter((c) => c.material))
    expect(held).toHaveLength(1)
    expect(revertChanges(spelled, [held]).cast).toEqual([])
    // Someone else with a close name is left alone.
    const other: Facts = { ...before, cast: [{ ...fact, actor: 'Park Ji-won' }] }
    expect(applyDecisions(other, [decision]).cast.map((c) => c.actor)).toEqual(['Park Ji-won'])
    expect(revertChanges(other, [held]).cast.map((c) => c.actor)).toEqual(['Park Ji-won'])
  })
})

describe('what a retraction takes out of the reported set', () => {
  const lomonIn = statementOf(cast('Lomon', 'https://a.test/1'))
  const ids = [
    'cast:{"actor":"Lomon","role":null,"status":"new"}',
    'cast:{"actor":"Lomon","role":"Lee Su-hyeok","status":"returning"}',
    'cast:{"actor":"LOMON","role":null,"status":"returning"}',
    'cast:{"actor":"Lomon","role":null,"status":"departed"}',
    'cast:{"actor":"Park Ji-hu","role":"Nam On-jo","status":"returning"}',
    'stage:"filming"',
    'not-an-id',
  ]

  it('forgets every change that announced the retracted statement (any role, new or returning, any spelling)', () => {
    expect(forgetRetracted(ids, { field: 'cast', actor: 'Lomon' }, lomonIn)).toEqual([
      'cast:{"actor":"Lomon","role":null,"status":"departed"}',
      'cast:{"actor":"Park Ji-hu","role":"Nam On-jo","status":"returning"}',
      'stage:"filming"',
      'not-an-id',
    ])
  })

  it('forgets a stage or release only when it stated the same value', () => {
    expect(forgetRetracted(['stage:"filming"', 'stage:"renewed"'], { field: 'stage' }, 'stage:filming')).toEqual(['stage:"renewed"'])
  })
})
