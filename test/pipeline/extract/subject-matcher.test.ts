import { describe, expect, it } from 'vitest'
import type { Subject } from '../../../src/core/types'
import { createSubjectMatcher } from '../../../src/pipeline/extract/subject-matcher'

const subject = (show: string, aliases: string[] = []): Subject => ({ show, season: 2, aliases, people: [], officialSources: [] })

describe('the title pattern', () => {
  it('finds the title in any case after its capital, with Korean particles, and glued to a season number', () => {
    const { titlePattern } = createSubjectMatcher(subject('Harvest', ['하베스트']))
    for (const text of ['Harvest Season 2 began filming.', 'HARVEST 2 is coming', '하베스트는 시즌2로 돌아온다', 'Harvest2 teaser']) expect(titlePattern.test(text), text).toBe(true)
  })

  it('trap: a one-word title inside a longer word, or written in lower case as a common word, is not the show', () => {
    const { titlePattern } = createSubjectMatcher(subject('Harvest'))
    for (const text of ['Harvesting scenes wrapped in May.', 'the harvest festival scenes', 'a bumper harvest']) expect(titlePattern.test(text), text).toBe(false)
  })

  it('trap: a one-word title inside a longer proper noun is another name', () => {
    const { titlePattern } = createSubjectMatcher(subject('Republic'))
    for (const text of ['filmed across the Czech Republic', 'The Czech Republic began filming.', 'the second season of Republic Day began', 'at the Republic Plaza Hotel'])
      expect(titlePattern.test(text), text).toBe(false)
  })

  it('still finds a one-word title after a possessive, before a season word or a subtitle, and in a title-case headline', () => {
    const { titlePattern } = createSubjectMatcher(subject('Republic'))
    for (const text of ["Lumen TV's Republic returns", 'the cast of Republic Season 2', 'Republic: Rising Tide began filming', 'Lumen TV Renews Republic For Season 2', 'the Original Republic cast'])
      expect(titlePattern.test(text), text).toBe(true)
  })

  it("still finds a one-word title right after a word of the subject's own official names, which owns the show", () => {
    const owned = createSubjectMatcher({ ...subject('Republic'), officialSources: ['Lumen TV', 'Studio Kestrel'] })
    for (const text of ['the new Lumen Republic teaser dropped', 'a Kestrel Republic set photo']) expect(owned.titlePattern.test(text), text).toBe(true)
    // The same words with no official names configured: another name, as above.
    expect(createSubjectMatcher(subject('Republic')).titlePattern.test('the new Lumen Republic teaser dropped')).toBe(false)
    expect(owned.titlePattern.test('filmed across the Czech Republic')).toBe(false)
  })

  it('keeps multi-word titles whole-word and case-tolerant inside', () => {
    const { titlePattern } = createSubjectMatcher(subject('All of Us Are Dead'))
    expect(titlePattern.test('All Of Us Are Dead season 2')).toBe(true)
    expect(titlePattern.test('ALL OF US ARE DEAD')).toBe(true)
    expect(titlePattern.test('Ball of Us Are Deadline')).toBe(false)
  })
})
