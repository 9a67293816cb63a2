import { describe, expect, it } from 'vitest'
import { findDateMentions, parseLooseDate, toIsoDay, type DatePrecision } from '../../../src/pipeline/extract/dates'

// Article date for relative expressions: a Wednesday in late July.
const REF = '2025-07-23'

type Row = [text: string, mention: string, precision: DatePrecision, from: string, to: string, reference?: string]

const single: Row[] = [
  // exact days
  ['It premieres December 12, 2026 on the service.', 'December 12, 2026', 'day', '2026-12-12', '2026-12-12'],
  ['It premieres Dec. 12, 2026.', 'Dec. 12, 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Due Friday, December 12th, 2026.', 'Friday, December 12th, 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Out on 12 December 2026.', '12 December 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Out on the 12th of December.', '12th of December', 'day', '2025-12-12', '2025-12-12'],
  ['Out on 2026-12-12 worldwide.', '2026-12-12', 'day', '2026-12-12', '2026-12-12'],
  ['공개일은 2026년 12월 12일이다.', '2026년 12월 12일', 'day', '2026-12-12', '2026-12-12'],
  ['On July 23, the studio released a clip.', 'July 23', 'day', '2025-07-23', '2025-07-23'],
  ['Tickets for the Sept. 13-19, 2021 festival.', 'Sept. 13-19, 2021', 'day', '2021-09-13', '2021-09-19'],
  // months
  ['Expected in December 2026.', 'December 2026', 'month', '2026-12-01', '2026-12-31'],
  ['It arrives in December.', 'December', 'month', '2025-12-01', '2025-12-31'],
  ['It arrives in March.', 'March', 'month', '2026-03-01', '2026-03-31'],
  ['It arrives in July.', 'July', 'month', '2025-07-01', '2025-07-31'],
  ['A trailer is expected mid-February.', 'mid-February', 'month', '2026-02-11', '2026-02-20'],
  ['Shooting ends in late March 2026.', 'late March 2026', 'month', '2026-03-21', '2026-03-31'],
  ['The teaser lands next month.', 'next month', 'month', '2025-08-01', '2025-08-31'],
  ['The teaser lands next month.', 'next month', 'month', '2026-01-01', '2026-01-31', '2025-12-05'],
  // seasons (northern hemisphere)
  ['Filming starts in summer 2026.', 'summer 2026', 'season', '2026-06-01', '2026-08-31'],
  ['Filming starts this summer.', 'this summer', 'season', '2025-06-01', '2025-08-31'],
  ['A release this fall is possible.', 'this fall', 'season', '2025-09-01', '2025-11-30'],
  ['A release this autumn is possible.', 'this autumn', 'season', '2025-09-01', '2025-11-30'],
  ['It could come next spring.', 'next spring', 'season', '2026-03-01', '2026-05-31'],
  ['Shooting wraps this winter.', 'this winter', 'season', '2025-12-01', '2026-02-28'],
  ['Shooting wraps this winter.', 'this winter', 'season', '2025-12-01', '2026-02-28', '2026-01-10'],
  ['Premiere in the winter of 2027.', 'the winter of 2027', 'season', '2026-12-01', '2027-02-28'],
  // halves and quarters
  ['Netflix aims for the first half of 2027.', 'the first half of 2027', 'half', '2027-01-01', '2027-06-30'],
  ['A launch in the second half of next year.', 'the second half of next year', 'half', '2026-07-01', '2026-12-31'],
  ['The slate lists it for H2 2026.', 'H2 2026', 'half', '2026-07-01', '2026-12-31'],
  ['2026년 하반기 공개 예정이다.', '2026년 하반기', 'half', '2026-07-01', '2026-12-31'],
  ['Investors were told Q4 2026.', 'Q4 2026', 'quarter', '2026-10-01', '2026-12-31'],
  ['Expect it by the end of 2026.', 'the end of 2026', 'quarter', '2026-10-01', '2026-12-31'],
  // years
  ['A release in early 2026 is likely.', 'early 2026', 'year', '2026-01-01', '2026-04-30'],
  ['A release in mid 2026 is likely.', 'mid 2026', 'year', '2026-05-01', '2026-08-31'],
  ['A late-2026 debut is on the cards.', 'late-2026', 'year', '2026-09-01', '2026-12-31'],
  ['It returns this year.', 'this year', 'year', '2025-01-01', '2025-12-31'],
  ['It returns next year.', 'next year', 'year', '2026-01-01', '2026-12-31'],
  ['It was renewed last year.', 'last year', 'year', '2024-01-01', '2024-12-31'],
  ['It could land later this year.', 'later this year', 'year', '2025-07-23', '2025-12-31'],
  ['It could land early next year.', 'early next year', 'year', '2026-01-01', '2026-04-30'],
  ['Maybe in 2026.', '2026', 'year', '2026-01-01', '2026-12-31'],
  ['내년 공개를 목표로 한다.', '내년', 'year', '2026-01-01', '2026-12-31'],
]

describe('findDateMentions: one expression each', () => {
  it.each(single)('%s → %s', (text, mention, precision, from, to, reference = REF) => {
    const found = findDateMentions(text, reference)
    expect(found).toHaveLength(1)
    const m = found[0]!
    expect(m.text).toBe(mention)
    expect(text.slice(m.index, m.index + m.text.length)).toBe(mention)
    expect(m.precision).toBe(precision)
    expect(m.window).toEqual({ from, to })
    expect(m.date).toBe(precision === 'day' ? from : null)
  })
})

describe('findDateMentions: several, traps and non-dates', () => {
  const cases: [string, string[]][] = [
    ['The release could be late 2026 or early 2027.', ['late 2026', 'early 2027']],
    ['Season 1 premiered on January 28, 2022; season 2 follows in 2026.', ['January 28, 2022', '2026']],
    ['Season 2 December 2026 slate', ['December 2026']],
    ['Fans may see it soon, and March of the zombies continues.', []],
    ['the rise and fall of the school', []],
    ['It drew 560 million hours and $2026 in tips, loved by 2020s teens.', []],
    ['It ranked No. 1 in 2022-23 charts.', ['2022']],
    ['Between May and June 2026 the cast will rehearse.', ['May', 'June 2026']],
  ]
  it.each(cases)('%s', (text, mentions) => {
    expect(findDateMentions(text, REF).map((m) => m.text)).toEqual(mentions)
  })

  it('skips relative expressions when the reference is not a date', () => {
    expect(findDateMentions('Next year, in December 2026, or this summer.', 'unknown').map((m) => m.text)).toEqual(['December 2026'])
  })

  it('returns nothing for empty text', () => {
    expect(findDateMentions('', REF)).toEqual([])
  })
})

describe('parseLooseDate', () => {
  const rows: [string, string | null][] = [
    ['Posted on June 7, 2022', '2022-06-07'],
    ['Published: 07th June 2022 01:20 PM', '2022-06-07'],
    ['Published Feb 07, 2022 17:08 pm | Updated Feb 09, 2022', '2022-02-07'],
    ['Feb 07, 2022', '2022-02-07'],
    ['홍길동 기자 2025. 7. 23. 08:07', '2025-07-23'],
    ['2022-06-07 08:22', '2022-06-07'],
    ['2024-05-24T01:10:00+09:00', '2024-05-24'],
    ['Tue, 07 Jun 2022 08:00:00 +0900', '2022-06-07'],
    ['This page was last edited on July 31, 2025, at 00:28.', '2025-07-31'],
    ['31/12/2021', '2021-12-31'],
    ['31.12.2021', '2021-12-31'],
    ['06/07/2022', null],
    ['February 30, 2022', null],
    ['June 2022', null],
    ['no date here', null],
  ]
  it.each(rows)('%s → %s', (text, expected) => {
    expect(parseLooseDate(text)).toBe(expected)
  })
})

describe('toIsoDay', () => {
  it('formats the UTC calendar day', () => {
    expect(toIsoDay(new Date('2025-07-23T23:30:00-05:00'))).toBe('2025-07-24')
    expect(toIsoDay(new Date(Date.UTC(2026, 0, 5)))).toBe('2026-01-05')
  })
})
