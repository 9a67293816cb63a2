import { describe, expect, it } from 'vitest'
import { claimsOf, fieldOf, itReadsRows } from './support'

// Pages are dated 2025-05-20 unless a row says otherwise.
const release = (sentence: string, published: string | null = '2025-05-20', fetchedAt?: string) =>
  fieldOf(claimsOf([sentence], { published, ...(fetchedAt ? { fetchedAt } : {}) }), 'release')

describe('the release extractor: the date belongs to the premiere', () => {
  itReadsRows([
    ['an official premiere day is a confirmed release', 'Lumen announced that Moonlit Ferry Season 2 premieres on August 14.', ['release:confirmed 2025-08-14:confirmed']],
    ['an official month is a confirmed release', 'Lumen said Moonlit Ferry Season 2 will arrive in September.', ['release:confirmed 2025-09-01..2025-09-30:confirmed']],
    ['an official year stays an estimate (with who said it)', 'Lumen confirmed Moonlit Ferry Season 2 will premiere in 2026.', ['release:estimated 2026-01-01..2026-12-31:confirmed']],
    ['a date from an outlet is a reported estimate', 'Moonlit Ferry Season 2 premieres on August 14, Daily Screen reported.', ['release:estimated 2025-08-14:reported']],
    ['trap: production pushed to a year is not a release', 'Production on Moonlit Ferry Season 2 has been pushed to 2026.', []],
    ['a release pushed to a year is one', 'The release of Moonlit Ferry Season 2 has been pushed to 2026, Lumen said.', ['release:estimated 2026-01-01..2026-12-31:confirmed']],
    ['trap: a filming month is not a release', 'Moonlit Ferry Season 2 will start filming in July.', []],
    ['trap: a teaser day is not a release', 'Lumen dropped the first teaser for Moonlit Ferry Season 2 on May 19.', []],
    ['the premiere next to a teaser keeps its own date', 'Lumen dropped a teaser on May 19, ahead of the August 14 premiere of Moonlit Ferry Season 2.', ['release:confirmed 2025-08-14:confirmed']],
    ['trap: a festival screening is not the premiere', 'Moonlit Ferry Season 2 will premiere at the Harbor City Film Festival on October 3.', []],
    ['being on a year\'s slate is an estimate', 'Lumen unveiled its 2026 slate on Monday, and Moonlit Ferry Season 2 is on it.', ['release:estimated 2026-01-01..2026-12-31:confirmed']],
    ['trap: not being on a slate is no date', "Moonlit Ferry Season 2 is not part of Lumen's 2025 slate.", []],
    ['trap: another show\'s premiere', "Meanwhile, Lumen's other weekend drama, Salt Orchard, premieres on June 6.", []],
    ['trap: the cast released on a day', 'The cast of Moonlit Ferry Season 2 was released by Lumen on May 2.', []],
    ['trap: an actor returning from service', 'Park Do-yun will enlist in June and return in 2027.', []],
    ['trap: there is no release in that window', 'There is no Moonlit Ferry Season 2 releasing in early 2026.', []],
    ['a date set aside is not the date', 'Moonlit Ferry Season 2 is now expected in 2026 rather than the December date fans hoped for.', ['release:estimated 2026-01-01..2026-12-31:speculated']],
    ['trap: a superseded plan is not the date', 'Originally slated for a 2025 release, Moonlit Ferry Season 2 is now delayed until 2026.', ['release:estimated 2026-01-01..2026-12-31:reported']],
    ['trap: earlier reports set aside', 'Earlier reports had suggested a December release, but Moonlit Ferry Season 2 is not on the slate.', []],
    ['trap: a delay whose subject is production, named in the clause before', 'Production on Moonlit Ferry Season 2 was set for last year but was delayed until this year.', []],
    ['trap: "following its release on …" is the past', 'Moonlit Ferry topped the charts for a week following its release on November 19.', []],
    ['a window never ends before it starts', 'Moonlit Ferry Season 2 could land in 2027 or late 2026.', ['release:estimated 2026-09-01..2027-12-31:speculated']],
  ], release)
})

describe('the release extractor: earlier seasons and Korean', () => {
  itReadsRows([
    ['trap: "Released in January 2024, …" is the first season', 'Released in January 2024, Moonlit Ferry drew a large audience.', []],
    ['trap: "its 2024 debut"', 'Since its 2024 debut, Moonlit Ferry has topped the charts twice.', []],
    ['trap: "originally premiering on …"', 'Originally premiering on January 12, Moonlit Ferry ran for ten weeks.', []],
    ['Korean: an official date', '루멘은 달빛 나룻배 시즌2를 8월 14일 공개한다고 밝혔다.', ['release:confirmed 2025-08-14:confirmed']],
    ['Korean: next year and a month', '루멘은 달빛 나룻배 시즌2를 내년 3월 공개한다고 밝혔다.', ['release:confirmed 2026-03-01..2026-03-31:confirmed']],
    ['Korean: next month', '스튜디오 하늘은 달빛 나룻배 시즌2를 다음 달 공개한다고 밝혔다.', ['release:confirmed 2025-06-01..2025-06-30:confirmed']],
    ['Korean: within the year, hedged', '달빛 나룻배 시즌2는 연내 공개될 것으로 보인다.', ['release:estimated 2025-01-01..2025-12-31:speculated']],
    ['Korean trap: the first season\'s release', '2024년 1월 공개된 달빛 나룻배 시즌1은 큰 인기를 끌었다.', []],
    ['Korean trap: a trailer released on a day', '루멘은 19일 달빛 나룻배 시즌2 예고편을 공개했다.', []],
  ], release)
})

describe('the release extractor: undated pages', () => {
  it('reads relative dates against the day the page was fetched, never a zero date', () => {
    expect(release('Lumen said Moonlit Ferry Season 2 will premiere next month.', null, '2025-10-02T06:00:00Z')).toEqual(['release:confirmed 2025-11-01..2025-11-30:confirmed'])
  })

  it('marks claims from an undated page so merge can rank them behind dated ones', () => {
    const [claim] = claimsOf(['Lumen said Moonlit Ferry Season 2 premieres on November 7.'], { published: null, fetchedAt: '2025-10-02T06:00:00Z' })
    expect(claim).toMatchObject({ field: 'release', published: '2025-10-02', undated: true })
    const [dated] = claimsOf(['Lumen said Moonlit Ferry Season 2 premieres on November 7.'], { published: '2025-10-01' })
    expect(dated?.undated).toBeUndefined()
  })
})
