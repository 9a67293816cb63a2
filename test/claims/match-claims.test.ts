import { describe, expect, it } from 'vitest'
import type { Claim, Subject } from '../../src/core/types'
import { canReachEmail, matchRow, parseWindow, windowsMatch } from './match-claims'
import { cast, episodes, release, stage } from './row'

const subject: Subject = { show: 'Test Show', season: 2, aliases: [], people: [{ name: 'Han Seo-jin', aliases: ['Han Seojin'], previousCast: true }] }
const base = { evidence: 'x', source: 'https://news.example/a', published: '2025-04-15' }
const claim = (c: Omit<Claim, 'evidence' | 'source' | 'published'>) => ({ ...base, ...c }) as Claim

describe('the claim matcher', () => {
  it('reads window specs the way the labels write them', () => {
    expect(parseWindow('2026')).toEqual({ from: '2026-01-01', to: '2026-12-31' })
    expect(parseWindow('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' })
    expect(parseWindow('late 2026-03')).toEqual({ from: '2026-03-21', to: '2026-03-31' })
    expect(parseWindow('2026-Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' })
    expect(parseWindow('2026-H1')).toEqual({ from: '2026-01-01', to: '2026-06-30' })
    expect(parseWindow('late 2026')).toEqual({ from: '2026-09-01', to: '2026-12-31' })
    expect(parseWindow('winter 2026')).toEqual({ from: '2026-12-01', to: '2027-02-28' })
    expect(parseWindow('late 2026..early 2027')).toEqual({ from: '2026-09-01', to: '2027-04-30' })
    expect(() => parseWindow('soonish')).toThrow(/unreadable/)
  })

  it('wants a month window exactly and a vague one within a month at each end', () => {
    expect(windowsMatch({ from: '2026-03-01', to: '2026-03-31' }, parseWindow('2026-03'))).toBe(true)
    expect(windowsMatch({ from: '2026-03-01', to: '2026-04-30' }, parseWindow('2026-03'))).toBe(false)
    expect(windowsMatch({ from: '2026-10-01', to: '2026-12-31' }, parseWindow('late 2026'))).toBe(true)
    expect(windowsMatch({ from: '2026-01-01', to: '2026-12-31' }, parseWindow('late 2026'))).toBe(false)
  })

  it('never accepts a window that ends before it starts', () => {
    expect(windowsMatch({ from: '2026-12-31', to: '2026-01-01' }, { from: '2026-12-31', to: '2026-01-01' })).toBe(false)
  })

  it('counts a claim right on value and certainty, with aliases folded to the canonical actor', () => {
    const v = matchRow([claim({ field: 'cast', value: { actor: 'Han Seojin', role: null, status: 'returning' }, certainty: 'confirmed' })], [cast('Han Seo-jin', 'returning', 'confirmed')], [], subject)
    expect(v.right).toHaveLength(1)
    expect(v.wrong).toEqual([])
    expect(v.missed).toEqual([])
  })

  it('counts a certainty mismatch as one wrong and one missed claim', () => {
    const v = matchRow([claim({ field: 'stage', value: 'filming', certainty: 'reported' })], [stage('filming', 'confirmed')], [], subject)
    expect(v.wrong.map((w) => w.reason)).toEqual(['certainty reported, expected confirmed'])
    expect(v.missed.map((m) => m.reason)).toEqual(['emitted as reported'])
  })

  it('excuses a claim the row allows, and matches each expectation once', () => {
    const v = matchRow(
      [claim({ field: 'episodes', value: 8, certainty: 'reported' }), claim({ field: 'stage', value: 'renewed', certainty: 'reported' })],
      [episodes(8, 'reported')],
      [stage('renewed', 'reported')],
      subject,
    )
    expect(v.right).toHaveLength(1)
    expect(v.allowed).toHaveLength(1)
    expect(v.wrong).toEqual([])
  })

  it('matches a release by status and day, or status and window', () => {
    const day = claim({ field: 'release', value: { status: 'confirmed', date: '2026-03-14', window: null, text: 'March 14' }, certainty: 'confirmed' })
    expect(matchRow([day], [release('confirmed', '2026-03-14', 'confirmed')], [], subject).right).toHaveLength(1)
    expect(matchRow([day], [release('estimated', '2026-03-14', 'confirmed')], [], subject).wrong).toHaveLength(1)
    const win = claim({ field: 'release', value: { status: 'estimated', date: null, window: { from: '2026-01-01', to: '2026-12-31' }, text: '2026' }, certainty: 'reported' })
    expect(matchRow([win], [release('estimated', '2026', 'reported')], [], subject).right).toHaveLength(1)
  })

  it('lets only non-speculated claims, and only confirmed releases, reach an email', () => {
    expect(canReachEmail({ field: 'cast', certainty: 'reported' })).toBe(true)
    expect(canReachEmail({ field: 'stage', certainty: 'speculated' })).toBe(false)
    expect(canReachEmail({ field: 'release', certainty: 'confirmed', status: 'estimated' })).toBe(false)
    expect(canReachEmail({ field: 'release', certainty: 'confirmed', value: { status: 'confirmed' } })).toBe(true)
  })
})
