import { describe } from 'vitest'
import { claimsOf, fieldOf, itReadsRows } from './support'

const stage = (sentence: string, published = '2025-05-20') => fieldOf(claimsOf([sentence], { published }), 'stage')

describe('the stage extractor: renewal', () => {
  itReadsRows([
    ['a renewal by the streamer', 'Lumen has renewed Moonlit Ferry for a second season.', ['stage:renewed:confirmed']],
    ['trap: a renewal that has not happened', 'Lumen has not renewed Moonlit Ferry for a second season yet.', []],
    ['"greenlit" is a renewal', 'Moonlit Ferry was greenlit for Season 2 by Lumen last month.', ['stage:renewed:confirmed']],
    ['trap: a wish for a green light', 'Viewers hope Lumen will give Moonlit Ferry a green light soon.', []],
    ['"Season 2 has been confirmed" is a renewal', 'Moonlit Ferry Season 2 has been confirmed.', ['stage:renewed:confirmed']],
    ['trap: a date confirmed is not a renewal', 'Moonlit Ferry Season 2 has been confirmed to premiere in August.', []],
    ['a future "will return for a second season" still announces it', 'Moonlit Ferry will return for a second season, the studio said.', ['stage:renewed:confirmed']],
    ['trap: a conditional return', 'Moonlit Ferry could return for a second season if the ratings hold.', []],
    ['a prediction of renewal is speculation', 'Moonlit Ferry will probably be renewed for a second season.', ['stage:renewed:speculated']],
    ['Korean: 시즌2 제작 확정', '루멘이 달빛 나룻배 시즌2 제작을 공식 확정했다.', ['stage:renewed:confirmed']],
    ['Korean trap: a release date fixed is not a renewal', '루멘은 달빛 나룻배 시즌2 공개를 8월 1일로 정했다.', []],
    ['Korean: the show comes back as Season 2', '달빛 나룻배가 시즌2로 돌아온다고 루멘이 발표했다.', ['stage:renewed:confirmed']],
    ['Korean trap: actors coming back in Season 2', '서하늘과 박도윤이 달빛 나룻배 시즌2로 돌아온다.', []],
  ], stage)
})

describe('the stage extractor: pre-production, filming, wrap', () => {
  itReadsRows([
    ['pre-production entered', 'Moonlit Ferry Season 2 entered pre-production in March.', ['stage:pre-production:reported']],
    ['trap: pre-production planned', 'Moonlit Ferry Season 2 will enter pre-production after the summer.', []],
    ['a table read held is pre-production', 'The table read for Moonlit Ferry Season 2 was held in Incheon, Lumen said.', ['stage:pre-production:confirmed']],
    ['trap: a table read scheduled', 'A table read for Moonlit Ferry Season 2 is scheduled for next week.', []],
    ['Korean: a script reading', '달빛 나룻배 시즌2 대본 리딩 현장이 공개됐다.', ['stage:pre-production:reported']],
    ['filming began', 'Filming on Moonlit Ferry Season 2 began in Mokpo on Monday.', ['stage:filming:reported']],
    ['trap: filming negated inside the phrase', "Filming on Moonlit Ferry Season 2 hasn't begun yet.", []],
    ['"under way" in two words', 'Shooting for the second season of Moonlit Ferry is under way in Mokpo.', ['stage:filming:reported']],
    ['trap: "under way" planned', 'Shooting for Moonlit Ferry Season 2 is set to get under way in June.', []],
    ['cameras rolling for a while', 'Cameras have been rolling on Moonlit Ferry Season 2 for two weeks.', ['stage:filming:reported']],
    ['trap: cameras to roll', 'Cameras are expected to roll on Moonlit Ferry Season 2 in the autumn.', []],
    ['a possibility now is speculation, not a plan', 'Filming on Moonlit Ferry Season 2 may already be under way.', ['stage:filming:speculated']],
    ['trap: a possibility in the future asserts nothing', 'Filming on Moonlit Ferry Season 2 may start in the autumn.', []],
    ['the streamer began production', 'Lumen has begun production on Moonlit Ferry Season 2.', ['stage:filming:confirmed']],
    ['trap: "pre-production" is not production', 'Pre-production on Moonlit Ferry Season 2 has started.', ['stage:pre-production:reported']],
    ['Korean: 크랭크인', '달빛 나룻배 시즌2가 지난 10일 크랭크인했다.', ['stage:filming:reported']],
    ['Korean trap: ahead of the crank-in', '달빛 나룻배 시즌2는 크랭크인을 앞두고 있다.', []],
    ['Korean: cameras start rolling', '달빛 나룻배 시즌2가 본격적으로 카메라를 돌리기 시작했다.', ['stage:filming:reported']],
    ['Korean trap: an actor on another shoot', '서하늘이 새 영화 촬영에 한창이다.', []],
    ['filming wrapped', 'Filming on Moonlit Ferry Season 2 wrapped last week, Lumen confirmed.', ['stage:post-production:confirmed']],
    ['trap: a wrap to come', 'Filming on Moonlit Ferry Season 2 will wrap in October.', []],
    ['Korean: shooting finished, with words between', '달빛 나룻배 시즌2의 촬영은 지난달 모두 마무리됐다.', ['stage:post-production:reported']],
    ['Korean: into post-production', '달빛 나룻배 시즌2는 촬영을 마치고 후반 작업에 돌입했다.', ['stage:post-production:reported']],
    ['Korean trap: a wrap aimed for', '달빛 나룻배 시즌2는 10월 촬영 종료를 목표로 하고 있다.', []],
  ], stage)
})

describe('the stage extractor: released', () => {
  itReadsRows([
    ['the season has premiered', 'Moonlit Ferry Season 2 has finally premiered on Lumen.', ['stage:released:reported']],
    ['the season now streaming on the service', 'Moonlit Ferry Season 2 is now streaming on Lumen.', ['stage:released:reported']],
    ['trap: "now streaming" with nowhere named is a reviewer\'s aside', 'Moonlit Ferry Season 2 is now streaming, and it is the best drama of the year.', []],
    ['trap: the show (not the season) is streaming', 'Moonlit Ferry is now streaming on Lumen ahead of the second season.', []],
    ['premiered on a weekday and a date', 'Moonlit Ferry Season 2 premiered on Lumen on Friday, May 16, to strong numbers.', ['stage:released:reported']],
    ['the streamer released the season', 'Lumen released Moonlit Ferry Season 2 on Friday.', ['stage:released:confirmed']],
    ['trap: a clip released', 'The first teaser for Moonlit Ferry Season 2 was released on Friday.', []],
    ['Korean: first broadcast', '달빛 나룻배 시즌2가 지난 16일 첫 방송됐다.', ['stage:released:reported']],
    ['Korean trap: the line-up was released', '달빛 나룻배 시즌2의 캐스팅 라인업이 공개됐다.', []],
  ], stage)
})
