import { describe, expect, it } from 'vitest'
import { splitClauses } from '../../../src/pipeline/extract/clauses'
import { brief, claimsOf, itReadsRows } from './support'

describe('clauses', () => {
  it.each<[string, string, string[]]>([
    ['a semicolon joins two statements', 'Filming wrapped in May; the premiere is set for August.', ['Filming wrapped in May', '; the premiere is set for August.']],
    ['"but" starts a new statement', 'Lumen confirmed the cast, but the date could still move.', ['Lumen confirmed the cast', ', but the date could still move.']],
    ['a leading "while" clause ends at its comma', 'While fans wait for news, Lumen confirmed the cast.', ['While fans wait for news, ', 'Lumen confirmed the cast.']],
    ['a relative clause is read apart and blanked in its host', 'Lumen confirmed filming began, which would mean a spring return.', ['Lumen confirmed filming began,                                   ', 'which would mean a spring return.']],
    ['"has not yet" is not a clause break', 'Lumen has not yet renewed the show.', ['Lumen has not yet renewed the show.']],
    ['Korean connective endings join statements', '서하늘이 빠지고 여진서가 합류했다.', ['서하늘이 빠지고', ' 여진서가 합류했다.']],
    ['a Korean quotation ending is not a join', '루멘은 촬영을 시작했다고 밝혔다.', ['루멘은 촬영을 시작했다고 밝혔다.']],
  ])('%s', (_rule, sentence, texts) => {
    expect(splitClauses(sentence).map((c) => c.text.trim())).toEqual(texts.map((t) => t.trim()))
  })
})

describe('certainty, read per clause', () => {
  itReadsRows([
    ['a hedge in another clause leaves a confirmation alone', 'Lumen confirmed that filming on Moonlit Ferry Season 2 has begun, which would put the premiere in 2026.', ['stage:filming:confirmed', 'release:estimated 2026-01-01..2026-12-31:speculated']],
    ['trap: a hedge in the same clause lowers it', 'Lumen may have begun filming Moonlit Ferry Season 2 already.', ['stage:filming:speculated']],
    ['an official name inside a title is not a speaker', 'Filming on the Lumen series Moonlit Ferry Season 2 began in Mokpo.', ['stage:filming:reported']],
    ['trap: the official name acting is one', 'Lumen said filming on Moonlit Ferry Season 2 began in Mokpo.', ['stage:filming:confirmed']],
    ['a trailing attribution with words after the verb', 'Filming on Moonlit Ferry Season 2 began this week, Lumen confirmed on its blog.', ['stage:filming:confirmed']],
    ['trap: a negated tail is no attribution', 'Filming on Moonlit Ferry Season 2 began this week, but the date has not been confirmed.', ['stage:filming:reported']],
    ['an outlet attribution is a report', 'Filming on Moonlit Ferry Season 2 began this week, according to Daily Screen.', ['stage:filming:reported']],
    ['trap: according to the streamer is the streamer speaking', 'According to Lumen, filming on Moonlit Ferry Season 2 began this week.', ['stage:filming:confirmed']],
    ['"officially" confirms', 'Moonlit Ferry Season 2 has officially wrapped filming.', ['stage:post-production:confirmed']],
    ['trap: a fan account is a rumour', 'According to a fan account, Moonlit Ferry Season 2 has wrapped filming.', ['stage:post-production:speculated']],
    ['"could not" is past, not a hedge', 'Seo Ha-neul could not continue the role, so she has left Moonlit Ferry Season 2.', ['cast:Seo Ha-neul/departed:reported']],
    ['trap: "could" is a hedge', 'Seo Ha-neul could leave Moonlit Ferry Season 2, insiders say.', []],
    ['a hedge word inside a hyphenated adjective is not a hedge', 'Park Do-yun returns as the possibly-cursed Han Gyeol in Moonlit Ferry Season 2.', ['cast:Park Do-yun/returning:reported']],
    ['trap: the same word standing alone is', 'Park Do-yun possibly returns as Han Gyeol in Moonlit Ferry Season 2.', ['cast:Park Do-yun/returning:speculated']],
    ['"Season 2 may" is a hedge, not the 2nd of May', 'Moonlit Ferry Season 2 may premiere in the autumn.', ['release:estimated 2025-09-01..2025-11-30:speculated']],
    ['trap: "May 2" is a date', 'Lumen said Moonlit Ferry Season 2 premieres on May 29.', ['release:confirmed 2025-05-29:confirmed']],
    ['"tipped for" is a hedge', 'Kang Min-ho is tipped for a lead role in Moonlit Ferry Season 2.', ['cast:Kang Min-ho/new:speculated']],
    ['trap: "joins" is not', 'Kang Min-ho joins Moonlit Ferry Season 2 as a ferry mechanic.', ['cast:Kang Min-ho/new:reported']],
    ['"in talks to join" is a hedge', 'Kang Min-ho is in talks to join Moonlit Ferry Season 2.', ['cast:Kang Min-ho/new:speculated']],
    ['what readers want is a wish', 'Readers want Moonlit Ferry Season 2 to premiere in December.', ['release:estimated 2025-12-01..2025-12-31:speculated']],
    ['Korean: 확정됐다 is an official statement', '강민호의 달빛 나룻배 시즌2 출연이 확정됐다.', ['cast:Kang Min-ho/new:confirmed']],
    ['Korean trap: 검토 중 decides nothing', '강민호는 달빛 나룻배 시즌2 출연을 검토 중이다.', ['cast:Kang Min-ho/new:speculated']],
    ['Korean: an official topic makes every verb its act', '루멘은 달빛 나룻배 시즌2 공개를 8월 1일로 확정 짓고 메인 예고편을 공개했다.', ['release:confirmed 2025-08-01:confirmed', 'trailer:trailer:confirmed']],
    ['Korean trap: a report is a report', '달빛 나룻배 시즌2가 8월 1일 공개된다고 한 매체가 보도했다.', ['release:estimated 2025-08-01:reported']],
  ], (sentence) => brief(claimsOf([sentence])))
})
