/**
 * The shape of the labelled set itself: big enough, Korean enough, every issue-8 pattern in
 * both directions, every field value and certainty labelled, and labels that are well formed.
 */
import { describe, expect, it } from 'vitest'
import { normalizeName } from '../../src/core/names'
import { isKorean } from './evaluate'
import { parseWindow } from './match-claims'
import { PATTERNS, type PatternNo } from './row'
import { ALL_ROWS } from './rows'
import { SUBJECTS } from './subjects'

const expectations = ALL_ROWS.flatMap((r) => [...r.expect, ...(r.allow ?? [])])

describe('the labelled claim set', () => {
  it('has at least 400 rows, 100 of them Korean', () => {
    expect(ALL_ROWS.length).toBeGreaterThanOrEqual(400)
    expect(ALL_ROWS.filter(isKorean).length).toBeGreaterThanOrEqual(100)
  })

  it('gives every row a unique id, one of text or html, and a reason when marked known', () => {
    const ids = ALL_ROWS.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const r of ALL_ROWS) {
      expect(r.id).toMatch(/^(?:p\d{1,2}|f|cl|gen|thin|edge)-(?:en|ko)-\d{2}$/)
      expect((r.text === undefined) !== (r.html === undefined), r.id).toBe(true)
      if (r.known !== undefined) expect(r.known.trim(), r.id).not.toBe('')
    }
  })

  it('names the language in the id the row is written in', () => {
    for (const r of ALL_ROWS) expect(`${r.id}:${isKorean(r) ? 'ko' : 'en'}`).toMatch(/-(en|ko)-\d+:\1$/)
  })

  it('has every pattern in both directions, in trap rows and true rows', () => {
    for (const p of Object.keys(PATTERNS).map(Number) as PatternNo[]) {
      const rows = ALL_ROWS.filter((r) => r.pattern === p)
      expect(rows.filter((r) => r.trap).length, `pattern ${p} traps`).toBeGreaterThanOrEqual(5)
      expect(rows.filter((r) => !r.trap).length, `pattern ${p} true statements`).toBeGreaterThanOrEqual(5)
    }
  })

  it('labels every field value and every certainty', () => {
    const keys = new Set(ALL_ROWS.flatMap((r) => r.expect).map((e) => {
      switch (e.field) {
        case 'stage':
          return `stage:${e.value}`
        case 'release':
          return `release:${e.status}:${e.date ? 'day' : /^\d{4}-\d{2}$/.test(e.window ?? '') ? 'month' : 'window'}`
        case 'cast':
          return `cast:${e.status}`
        case 'trailer':
          return `trailer:${e.kind}`
        case 'episodes':
          return 'episodes'
      }
    }))
    for (const k of [
      'stage:renewed', 'stage:pre-production', 'stage:filming', 'stage:post-production', 'stage:released',
      'release:estimated:day', 'release:estimated:month', 'release:estimated:window', 'release:confirmed:day', 'release:confirmed:month',
      'cast:returning', 'cast:new', 'cast:departed', 'trailer:teaser', 'trailer:trailer', 'episodes',
    ]) expect(keys, k).toContain(k)
    const certainties = new Set(ALL_ROWS.flatMap((r) => r.expect.map((e) => `${e.field}:${e.certainty}`)))
    for (const f of ['stage', 'release', 'cast', 'trailer', 'episodes']) {
      for (const c of ['confirmed', 'reported', 'speculated']) expect(certainties, `${f}:${c}`).toContain(`${f}:${c}`)
    }
  })

  it('writes windows the matcher can read and known actors by their canonical name', () => {
    for (const r of ALL_ROWS) {
      const { subject } = SUBJECTS[r.subject]
      for (const e of [...r.expect, ...(r.allow ?? [])]) {
        if (e.field === 'release' && e.window) expect(() => parseWindow(e.window!), r.id).not.toThrow()
        if (e.field === 'release') expect(Boolean(e.date) !== Boolean(e.window), r.id).toBe(true)
        if (e.field !== 'cast') continue
        const person = subject.people.find((p) => [p.name, ...p.aliases].some((a) => normalizeName(a) === normalizeName(e.actor)))
        if (person) expect(e.actor, r.id).toBe(person.name)
      }
    }
    expect(expectations.length).toBeGreaterThan(0)
  })

  it('uses every subject, not only the show in data/subject.json', () => {
    const used = new Set(ALL_ROWS.map((r) => r.subject))
    expect([...used].sort()).toEqual(Object.keys(SUBJECTS).sort())
    expect(ALL_ROWS.filter((r) => r.subject !== 'aouad').length / ALL_ROWS.length).toBeGreaterThan(0.75)
  })
})
