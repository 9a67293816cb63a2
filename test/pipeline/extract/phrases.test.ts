/**
 * Trigger phrases that are rare in news copy: each is kept only with a sentence that uses it
 * and a trap that looks like it but says nothing.
 */
import { describe } from 'vitest'
import { brief, claimsOf, itReadsRows } from './support'

describe('rare trigger phrases, each with its trap', () => {
  itReadsRows([
    ['"the commencement of production"', 'Lumen announced the commencement of production on Moonlit Ferry Season 2 with a photo.', ['stage:filming:confirmed']],
    ['trap: commencement ahead', 'Lumen will mark the commencement of production on Moonlit Ferry Season 2 next month.', []],
    ['"green-lighted"', 'Moonlit Ferry was green-lighted for a second season, Lumen said.', ['stage:renewed:confirmed']],
    ['trap: not green-lighted', 'Moonlit Ferry has not been green-lighted for a second season.', []],
    ['"another go-round"', 'Moonlit Ferry is coming back for another go-round, the studio said.', ['stage:renewed:confirmed']],
    ['trap: a hoped-for go-round', 'Moonlit Ferry could come back for another go-round if viewers keep watching.', []],
    ['"sophomore season" names the followed season', 'Filming on the sophomore season of Moonlit Ferry began in Mokpo.', ['stage:filming:reported']],
    ['trap: a sophomore album is not a season', 'Seo Ha-neul released her sophomore album last week.', []],
    ['"boards" is a casting act', 'Kang Min-ho boards Moonlit Ferry Season 2 as the night purser.', ['cast:Kang Min-ho/new:reported']],
    ['trap: boarding the ferry in the story', 'In the first season, the captain boards the ferry at midnight.', []],
    ['"came aboard" is a casting act', 'Yeo Jin-seo came aboard Moonlit Ferry Season 2 this spring.', ['cast:Yeo Jin-seo/new:reported']],
    ['a cameo is casting', 'Kang Min-ho makes a cameo in Moonlit Ferry Season 2, Lumen said.', ['cast:Kang Min-ho/new:confirmed']],
    ['trap: a cameo wished for', 'Fans hope Kang Min-ho will make a cameo in Moonlit Ferry Season 2.', ['cast:Kang Min-ho/new:speculated']],
    ['"opted out" is a departure', 'Lee Bom opted out of Moonlit Ferry Season 2, her agency said.', ['cast:Lee Bom/departed:confirmed']],
    ['"stepped down" is a departure', 'Oliver Grant has stepped down from Moonlit Ferry Season 2.', ['cast:Oliver Grant/departed:reported']],
    ['a departure only rumoured stays speculation', 'Oliver Grant may step down from Moonlit Ferry Season 2, a tabloid claims.', ['cast:Oliver Grant/departed:speculated']],
    ['"rules out her involvement" is a departure', 'Lee Bom rules out her involvement in Moonlit Ferry Season 2.', ['cast:Lee Bom/departed:reported']],
    ['"a first look" clip is a teaser', 'Lumen shared a first look teaser for Moonlit Ferry Season 2.', ['trailer:teaser:confirmed']],
    ['"unleashed" a trailer', 'Lumen unleashed the main trailer for Moonlit Ferry Season 2 on Friday.', ['trailer:trailer:confirmed']],
    ['"put out" a trailer', 'Studio Haneul put out a new trailer for Moonlit Ferry Season 2.', ['trailer:trailer:confirmed']],
    ['trap: a trailer to be put out', 'Studio Haneul will put out a trailer for Moonlit Ferry Season 2 in July.', []],
    ['"fingers crossed" is a hope', 'Fingers crossed, Moonlit Ferry Season 2 premieres in December.', ['release:estimated 2025-12-01..2025-12-31:speculated']],
    ['"wishlist" is a hope', 'On our wishlist: Kang Min-ho joining Moonlit Ferry Season 2.', ['cast:Kang Min-ho/new:speculated']],
    ['"whispers" are rumours', 'Whispers say filming on Moonlit Ferry Season 2 has begun.', ['stage:filming:speculated']],
    ['"gearing up" is a plan', 'Moonlit Ferry Season 2 is gearing up to start filming in June.', []],
  ], (sentence) => brief(claimsOf([sentence])))
})
