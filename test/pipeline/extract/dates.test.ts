import { describe, expect, it } from 'vitest'
import { findDateMentions, parseLooseDate, toIsoDay, type DatePrecision } from '../../../src/pipeline/extract/dates'

// Article date for relative expressions: a Wednesday in late July.
const REF = '2025-07-23'

type Row = [text: string, mention: string, precision: DatePrecision, from: string, to: string, reference?: string]

const single: Row[] = [
  // exact days
  ['The ferry sails again on December 12, 2026 for viewers.', 'December 12, 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Doors open Dec. 12, 2026.', 'Dec. 12, 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Landing Friday, December 12th, 2026.', 'Friday, December 12th, 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Available from 12 December 2026.', '12 December 2026', 'day', '2026-12-12', '2026-12-12'],
  ['Look for it on the 12th of December.', '12th of December', 'day', '2025-12-12', '2025-12-12'],
  ['The listing says 2026-12-12 everywhere.', '2026-12-12', 'day', '2026-12-12', '2026-12-12'],
  ['방송일은 2026년 12월 12일로 잡혔다.', '2026년 12월 12일', 'day', '2026-12-12', '2026-12-12'],
  ['On July 23, the harbour festival opened.', 'July 23', 'day', '2025-07-23', '2025-07-23'],
  // a weekday picks the adjacent year the day falls on; without one, or when it fits neither, the nearest year
  ['The ferry sails Friday, March 6.', 'Friday, March 6', 'day', '2026-03-06', '2026-03-06', '2025-04-15'],
  ['The ferry sailed Thursday, March 6.', 'Thursday, March 6', 'day', '2025-03-06', '2025-03-06', '2025-04-15'],
  ['The ferry sails March 6.', 'March 6', 'day', '2025-03-06', '2025-03-06', '2025-04-15'],
  ['The ferry sails Monday, March 6.', 'Monday, March 6', 'day', '2025-03-06', '2025-03-06', '2025-04-15'],
  ['Passes for the Sept. 13-19, 2021 boat show.', 'Sept. 13-19, 2021', 'day', '2021-09-13', '2021-09-19'],
  // months
  ['Pencilled in for December 2026.', 'December 2026', 'month', '2026-12-01', '2026-12-31'],
  ['The crew returns in December.', 'December', 'month', '2025-12-01', '2025-12-31'],
  ['The crew returns in March.', 'March', 'month', '2026-03-01', '2026-03-31'],
  ['The crew returns in July.', 'July', 'month', '2025-07-01', '2025-07-31'],
  ['A poster should appear mid-February.', 'mid-February', 'month', '2026-02-11', '2026-02-20'],
  ['The lease ends in late March 2026.', 'late March 2026', 'month', '2026-03-21', '2026-03-31'],
  ['The refit finishes next month.', 'next month', 'month', '2025-08-01', '2025-08-31'],
  ['The refit finishes next month.', 'next month', 'month', '2026-01-01', '2026-01-31', '2025-12-05'],
  // seasons (northern hemisphere)
  ['Rehearsals start in summer 2026.', 'summer 2026', 'season', '2026-06-01', '2026-08-31'],
  ['Rehearsals start this summer.', 'this summer', 'season', '2025-06-01', '2025-08-31'],
  ['A launch this fall is on the cards.', 'this fall', 'season', '2025-09-01', '2025-11-30'],
  ['A launch this autumn is on the cards.', 'this autumn', 'season', '2025-09-01', '2025-11-30'],
  ['The ferry may sail next spring.', 'next spring', 'season', '2026-03-01', '2026-05-31'],
  ['The harbour freezes this winter.', 'this winter', 'season', '2025-12-01', '2026-02-28'],
  ['The harbour freezes this winter.', 'this winter', 'season', '2025-12-01', '2026-02-28', '2026-01-10'],
  ['Back on the water in the winter of 2027.', 'the winter of 2027', 'season', '2026-12-01', '2027-02-28'],
  // halves and quarters
  ['The studio aims for the first half of 2027.', 'the first half of 2027', 'half', '2027-01-01', '2027-06-30'],
  ['An opening in the second half of next year.', 'the second half of next year', 'half', '2026-07-01', '2026-12-31'],
  ['The plan lists it for H2 2026.', 'H2 2026', 'half', '2026-07-01', '2026-12-31'],
  ['2026년 하반기 개장 예정이다.', '2026년 하반기', 'half', '2026-07-01', '2026-12-31'],
  ['Backers were promised Q4 2026.', 'Q4 2026', 'quarter', '2026-10-01', '2026-12-31'],
  ['Finished by the end of 2026.', 'the end of 2026', 'quarter', '2026-10-01', '2026-12-31'],
  // years
  ['A return in early 2026 looks likely.', 'early 2026', 'year', '2026-01-01', '2026-04-30'],
  ['A return in mid 2026 looks likely.', 'mid 2026', 'year', '2026-05-01', '2026-08-31'],
  ['A late-2026 return is pencilled in.', 'late-2026', 'year', '2026-09-01', '2026-12-31'],
  ['The market reopens this year.', 'this year', 'year', '2025-01-01', '2025-12-31'],
  ['The market reopens next year.', 'next year', 'year', '2026-01-01', '2026-12-31'],
  ['The pier was rebuilt last year.', 'last year', 'year', '2024-01-01', '2024-12-31'],
  ['A sequel may follow later this year.', 'later this year', 'year', '2025-07-23', '2025-12-31'],
  ['A sequel may follow early next year.', 'early next year', 'year', '2026-01-01', '2026-04-30'],
  ['Perhaps in 2026.', '2026', 'year', '2026-01-01', '2026-12-31'],
  ['내년 개장을 목표로 한다.', '내년', 'year', '2026-01-01', '2026-12-31'],
  // Korean months and relative months (the reference is 2025-07-23)
  ['내년 3월 개장한다.', '내년 3월', 'month', '2026-03-01', '2026-03-31'],
  ['오는 10월 문을 연다.', '오는 10월', 'month', '2025-10-01', '2025-10-31'],
  ['다음 달 문을 연다.', '다음 달', 'month', '2025-08-01', '2025-08-31'],
  ['내달 5일 문을 연다.', '내달 5일', 'day', '2025-08-05', '2025-08-05'],
  ['연내 문을 연다.', '연내', 'year', '2025-01-01', '2025-12-31'],
  ['내년 초 문을 연다.', '내년 초', 'year', '2026-01-01', '2026-04-30'],
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
    ['The reopening could be late 2026 or early 2027.', ['late 2026', 'early 2027']],
    ['The old pier opened on March 3, 2021; the new one follows in 2026.', ['March 3, 2021', '2026']],
    ['Episode 4 December 2026 listing', ['December 2026']],
    ['Sailors may see it soon, and March of the gulls goes on.', []],
    ['the rise and fall of the tide', []],
    ['It drew 4300 visitors and $2026 in donations, loved by 2010s kids.', []],
    ['It ranked No. 1 in 2023-24 lists.', ['2023']],
    ['Between May and June 2026 the crew will paint the hull.', ['May', 'June 2026']],
  ]
  it.each(cases)('%s', (text, mentions) => {
    expect(findDateMentions(text, REF).map((m) => m.text)).toEqual(mentions)
  })

  it('skips relative expressions when the reference is not a date', () => {
    expect(findDateMentions('Next year, in December 2026, or this summer.', 'unknown').map((m) => m.text)).toEqual(['December 2026'])
    expect(findDateMentions('내년 3월이나 다음 달', '').map((m) => m.text)).toEqual([])
  })

  it('returns nothing for empty text', () => {
    expect(findDateMentions('', REF)).toEqual([])
  })
})

describe('parseLooseDate', () => {
  const rows: [string, string | null][] = [
    ['Posted on March 4, 2023', '2023-03-04'],
    ['Published: 04th March 2023 09:45 AM', '2023-03-04'],
    ['Published Mar 04, 2023 11:02 am | Updated Mar 06, 2023', '2023-03-04'],
    ['Mar 04, 2023', '2023-03-04'],
    ['김나루 기자 2024. 11. 2. 17:40', '2024-11-02'],
    ['2023-03-04 08:22', '2023-03-04'],
    ['2024-05-24T01:10:00+09:00', '2024-05-24'],
    ['Sat, 04 Mar 2023 08:00:00 +0900', '2023-03-04'],
    ['Last revised on October 9, 2024, at 14:10.', '2024-10-09'],
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
