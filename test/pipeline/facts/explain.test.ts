import { describe, expect, it } from 'vitest'
import type { Certainty, Claim, ClaimBody } from '../../../src/core/types'
import { diffFacts } from '../../../src/pipeline/facts/diff-facts'
import { explainFindings } from '../../../src/pipeline/facts/explain'
import { emptyFacts, mergeFacts } from '../../../src/pipeline/facts/merge-facts'

const claim = (body: ClaimBody, certainty: Certainty, site: string, published: string, evidence = `${body.field} from ${site}`): Claim =>
  ({ ...body, certainty, source: `https://${site}.example/a`, published, evidence }) as Claim
const subject = { show: 'Moonlit Ferry', season: 2, aliases: [], people: [{ name: 'Seo Ha-neul', aliases: [], previousCast: true }] }
const run = (before = emptyFacts(), claims: Claim[]) => {
  const after = mergeFacts(before, claims, { today: '2025-06-01', subject })
  const changes = diffFacts(before, after, { baseline: false })
  return explainFindings(before, after, changes, claims).map((f) => [f.value, f.reason])
}

describe('explainFindings: why each finding was or was not emailed', () => {
  it('says which findings were emailed, and why the others were not', () => {
    expect(
      run(emptyFacts(), [
        claim({ field: 'stage', value: 'filming' }, 'confirmed', 'a', '2025-05-20'),
        claim({ field: 'stage', value: 'post-production' }, 'speculated', 'b', '2025-05-20'),
        claim({ field: 'cast', value: { actor: 'Kang Min-ho', role: null, status: 'new' } }, 'reported', 'c', '2025-05-20'),
        claim({ field: 'release', value: { status: 'estimated', date: null, window: { from: '2026-01-01', to: '2026-12-31' }, text: '2026' } }, 'reported', 'd', '2025-05-20'),
      ]),
    ).toEqual([
      ['stage:filming', 'emailed'],
      ['stage:post-production', 'speculation'],
      ['cast:Kang Min-ho:new', 'one site so far, waiting for a second'],
      ['release:estimated::2026-01-01:2026-12-31', 'an estimate is never emailed'],
    ])
  })

  it('says a finding is already known, or older than the evidence the fact rests on', () => {
    const before = mergeFacts(emptyFacts(), [claim({ field: 'stage', value: 'post-production' }, 'confirmed', 'a', '2025-05-01')], { today: '2025-06-01' })
    expect(
      run(before, [
        claim({ field: 'stage', value: 'post-production' }, 'confirmed', 'b', '2025-05-20'),
        claim({ field: 'stage', value: 'filming' }, 'confirmed', 'c', '2025-03-01'),
      ]),
    ).toEqual([
      ['stage:post-production', 'already known'],
      ['stage:filming', 'older than the current evidence'],
    ])
  })

  it('counts spellings of one actor as one finding', () => {
    const findings = run(emptyFacts(), [
      claim({ field: 'cast', value: { actor: 'Nam Gyu-ri', role: null, status: 'new' } }, 'reported', 'a', '2025-05-20', 'Nam Gyu-ri joins the cast.'),
      claim({ field: 'cast', value: { actor: '남규리', role: null, status: 'new' } }, 'reported', 'b', '2025-05-21', '남규리가 합류한다.'),
    ])
    expect(findings).toEqual([['cast:Nam Gyu-ri:new', 'emailed']])
  })
})
