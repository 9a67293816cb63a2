import { describe, expect, it } from 'vitest'
import { claimsOf, fieldOf, ferry, itReadsRows } from './support'

const cast = (...paragraphs: string[]) => fieldOf(claimsOf(paragraphs), 'cast')

describe('the cast extractor: acts and who they govern', () => {
  itReadsRows([
    ['a known actor joining is new (the config says so)', 'Kang Min-ho has joined Moonlit Ferry Season 2, Lumen announced.', ['cast:Kang Min-ho/new:confirmed']],
    ['an earlier-season actor "joining" is returning (decided once, from the config)', 'Seo Ha-neul joins Moonlit Ferry Season 2, Lumen announced.', ['cast:Seo Ha-neul/returning:confirmed']],
    ['a list after "New to the cast:"', 'New to the cast of Moonlit Ferry Season 2: Kang Min-ho and Yeo Jin-seo.', ['cast:Kang Min-ho/new:reported', 'cast:Yeo Jin-seo/new:reported']],
    ['"will not be joining" is a departure, never new cast', 'Seo Ha-neul will not be joining Moonlit Ferry Season 2, her agency said.', ['cast:Seo Ha-neul/departed:confirmed']],
    ['"pulled out of" is a departure', 'Park Do-yun pulled out of Moonlit Ferry Season 2 in April.', ['cast:Park Do-yun/departed:reported']],
    ['"stepped away from" is a departure', 'Lee Bom has stepped away from Moonlit Ferry Season 2 for health reasons.', ['cast:Lee Bom/departed:reported']],
    ['"chose not to join" is a departure', 'Oliver Grant chose not to join Moonlit Ferry Season 2.', ['cast:Oliver Grant/departed:reported']],
    ['"X replaces Y": X is new, Y has left', 'Kang Min-ho replaces Park Do-yun as Han Gyeol in Moonlit Ferry Season 2.', ['cast:Kang Min-ho/new:reported', 'cast:Park Do-yun/departed:reported']],
    ['"Y was replaced by X"', 'In Moonlit Ferry Season 2, Park Do-yun was replaced by Kang Min-ho.', ['cast:Park Do-yun/departed:reported', 'cast:Kang Min-ho/new:reported']],
    ['a departure reported together with its replacement', 'Park Do-yun has left Moonlit Ferry Season 2; Kang Min-ho now plays Han Gyeol.', ['cast:Park Do-yun/departed:reported', 'cast:Kang Min-ho/new:reported']],
    ['several leads in one line-up', 'Lumen revealed the Moonlit Ferry Season 2 line-up: Seo Ha-neul, Park Do-yun and Kang Min-ho.', ['cast:Seo Ha-neul/returning:confirmed', 'cast:Park Do-yun/returning:confirmed', 'cast:Kang Min-ho/new:confirmed']],
    ['the actor confirming their own exit', 'Lee Bom has confirmed that she will not return for Moonlit Ferry Season 2.', ['cast:Lee Bom/departed:confirmed']],
  ], cast)
})

describe('the cast extractor: descriptions are not casting news', () => {
  itReadsRows([
    ['trap: "the series also stars" without the season', 'The series also stars Kang Min-ho as a grumpy mechanic.', []],
    ['the season named makes it a line-up', 'Moonlit Ferry Season 2 also stars Kang Min-ho as a grumpy mechanic.', ['cast:Kang Min-ho/new:reported']],
    ['trap: "X, who plays C in the series"', 'Seo Ha-neul, who plays Captain Jo Mi-rae in the series, spoke about the ending.', []],
    ['"X, who plays C, returns for Season 2"', 'Seo Ha-neul, who plays Captain Jo Mi-rae, returns for Moonlit Ferry Season 2.', ['cast:Seo Ha-neul/returning:reported']],
    ['trap: "in addition to" is no casting act', 'In addition to Moonlit Ferry, Kang Min-ho has two films out this year.', []],
    ['trap: the earlier season described', 'The first season starred Seo Ha-neul and Oliver Grant.', []],
    ['trap: an old casting in a re-told story', 'Back in 2023, when Kang Min-ho was cast as the lead, the show had no streamer.', []],
    ['a casting this year', 'Kang Min-ho was cast in Moonlit Ferry Season 2 this spring.', ['cast:Kang Min-ho/new:reported']],
  ], cast)
})

describe('the cast extractor: people by name', () => {
  itReadsRows([
    ['a misspelling of a known actor is that actor', 'Kang Min-hoo joins Moonlit Ferry Season 2.', ['cast:Kang Min-ho/new:reported']],
    ['an unknown name next to a casting act is kept as written', 'Actor Nam Gyu-ri joins Moonlit Ferry Season 2 as a coast guard.', ['cast:Nam Gyu-ri/new:reported']],
    ['trap: category words are not a person', 'Best New Actress winner joins Moonlit Ferry Season 2, fans say.', []],
    ['trap: a title in a "previously seen in" clause is not a person', 'Lumen confirmed that Yeo Jin-seo, previously seen in Velvet Harbor and Paper Lanterns, joins Moonlit Ferry Season 2.', ['cast:Yeo Jin-seo/new:confirmed']],
    ['trap: works in parentheses after a name', 'Director Min Ga-on (Night Tide and Salt Bridge) returns for Moonlit Ferry Season 2.', []],
    ['trap: a word glued to a name is not part of it', 'Newcomers Nam Gyu-ri and Yeo Jin-seo join Moonlit Ferry Season 2.', ['cast:Nam Gyu-ri/new:reported', 'cast:Yeo Jin-seo/new:reported']],
    ['trap: a title-case headline line', 'Moonlit Ferry Season 2 Cast Revealed: Returning Stars And New Faces Board The Night Boat.', []],
    ['trap: a crew member is not cast', 'Writer Min Ga-on joins Moonlit Ferry Season 2 as co-writer.', []],
    ['a hyphenated surname stays whole', 'Actor Callan Rhys-Doyle has joined Moonlit Ferry Season 2, Lumen said.', ['cast:Callan Rhys-Doyle/new:confirmed']],
    ['trap: another show named like a person', 'Night Tide, of course, is also returning for a second season.', []],
    ['trap: a character written "Character (Actor)"', 'Moonlit Ferry Season 2 brings back Captain Jo Mi-rae (Seo Ha-neul) and adds Choi Dal (Kang Min-ho).', ['cast:Seo Ha-neul/returning:reported', 'cast:Kang Min-ho/new:reported']],
  ], cast)
})

describe('the cast extractor: Korean', () => {
  itReadsRows([
    ['a Hangul name joining', '신예 남규리가 달빛 나룻배 시즌2에 합류한다.', ['cast:남규리/new:reported']],
    ['trap: a common word shaped like a name', '루멘 오리지널 달빛 나룻배 시즌2에 강민호가 합류한다.', ['cast:Kang Min-ho/new:reported']],
    ['a departure and a newcomer in one sentence', '서하늘이 빠지고 남규리가 새롭게 합류했다.', ['cast:Seo Ha-neul/departed:reported', 'cast:남규리/new:reported']],
    ['"X 대신 Y": Y replaces X', '박도윤 대신 강민호가 한결 역을 맡는다.', ['cast:Park Do-yun/departed:reported', 'cast:Kang Min-ho/new:reported']],
    ['a negated Korean act is a departure', '이봄은 달빛 나룻배 시즌2에 출연하지 않는다.', ['cast:Lee Bom/departed:reported']],
    ['trap: a genitive is not the actor acting', '서하늘의 팬들은 달빛 나룻배 시즌2를 기다리고 있다.', []],
    ['a genitive with a casting noun is the actor', '강민호의 달빛 나룻배 시즌2 합류가 확정됐다.', ['cast:Kang Min-ho/new:confirmed']],
    ['the agency speaking for the actor', '여진서의 소속사는 "달빛 나룻배 시즌2 합류가 맞다"고 밝혔다.', ['cast:Yeo Jin-seo/new:confirmed']],
    ['trap: an agency that decides nothing', '여진서의 소속사는 "달빛 나룻배 시즌2 출연 제안을 받고 검토 중"이라고 밝혔다.', ['cast:Yeo Jin-seo/new:speculated']],
    ['trap: a position stated with no position', '한 매체는 여진서가 달빛 나룻배 시즌2에 합류한다고 보도했다. 여진서의 소속사는 시즌2 합류와 관련해 입장을 밝혔다.', ['cast:Yeo Jin-seo/new:reported']],
    ['the seat X left is filled by Y', '박도윤이 하차한 자리는 남규리가 채운다.', ['cast:Park Do-yun/departed:reported', 'cast:남규리/new:reported']],
  ], cast)
})

describe('the cast extractor: the subject config is data', () => {
  it('knows an alias written in either order and a Hangul alias', () => {
    expect(cast('Do-yun Park returns for Moonlit Ferry Season 2.')).toEqual(['cast:Park Do-yun/returning:reported'])
    expect(cast('박도윤이 달빛 나룻배 시즌2로 돌아온다.')).toEqual(['cast:Park Do-yun/returning:reported'])
  })

  it('reads another show with no people configured, and never guesses an unknown status', () => {
    const other = { show: 'Glass Lighthouse', season: 3, aliases: [], people: [], officialSources: ['Orbit'] }
    const claims = claimsOf(['Orbit confirmed that Glass Lighthouse Season 3 has wrapped filming.', 'Returning for the third season are Ha Seo-yul and Gong Tae-ri, while Ma Eun-bi joins the cast.'], { subject: other })
    expect(fieldOf(claims, 'cast')).toEqual(['cast:Ha Seo-yul/returning:reported', 'cast:Gong Tae-ri/returning:reported', 'cast:Ma Eun-bi/new:reported'])
    expect(ferry.people.length).toBeGreaterThan(0)
  })
})
