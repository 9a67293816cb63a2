import { describe, expect, it } from 'vitest'
import type { Subject } from '../../../src/core/types'
import { extractDocument } from '../../../src/pipeline/extract/extract-document'
import subjectJson from '../../../data/subject.json'
import { articlePage, brief, claimsOf, fieldOf, ferry } from './support'

const run = (html: string, url = 'https://news.example/ferry', fetchedAt = '2025-05-21T06:00:00Z') => extractDocument(html, { url, subject: ferry, fetchedAt })

/** A page with the furniture real sites wrap around an article. */
function framedPage(paragraphs: string[], extra: { inside?: string; after?: string; title?: string } = {}): string {
  const title = extra.title ?? 'Moonlit Ferry Season 2 update'
  return `<!doctype html><html><head><title>${title}</title><meta property="article:published_time" content="2025-05-20T08:00:00+00:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/tv">TV</a></nav></header>
<main><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}${extra.inside ?? ''}</article>
<aside class="sidebar"><h2>Trending</h2><ul><li><a href="/x">Salt Orchard Season 3 wraps filming, studio confirms</a></li></ul></aside>${extra.after ?? ''}</main>
<footer>© Example News</footer><script>var promo = "Moonlit Ferry Season 2 premieres December 1, Lumen confirms";</script></body></html>`
}

describe('extractDocument: only the running text carries claims', () => {
  it.each<[string, { inside?: string; after?: string }]>([
    ['a link list under any heading after the article', { inside: '<h3>More on Moonlit Ferry</h3><ul><li><a href="/a">Moonlit Ferry Season 2 premiere set for July 2</a></li><li><a href="/b">Kang Min-ho joins Moonlit Ferry Season 2</a></li></ul>' }],
    ['a story card that is all link', { inside: '<div class="card"><a href="/c"><span>Seo Ha-neul talks about returning to Moonlit Ferry Season 2</span></a></div>' }],
    ['a comment section under its label', { after: '<section class="talkback"><h2>Join the conversation</h2><div class="entry"><p>Filming on Season 2 wrapped yesterday, my friend is in the crew!</p></div></section>' }],
    ['readers’ replies by class name', { after: '<div class="best_reply"><h4>베스트 댓글</h4><ul><li>달빛 나룻배 시즌2 촬영 끝났대요</li></ul></div>' }],
    ['a photo caption', { inside: '<div class="photo_area"><img src="/p.jpg" alt=""><em class="photo_text">Seo Ha-neul, who has joined Moonlit Ferry Season 2, at the airport.</em></div>' }],
    ['a poll line', { inside: '<p class="meta">212 comments · 61% of readers want Moonlit Ferry Season 2 to premiere in 2026</p>' }],
    ['a photo credit line', { inside: '<p>Kang Min-ho joins Moonlit Ferry Season 2 | via Lumen</p>' }],
  ])('ignores %s', (_name, extra) => {
    expect(run(framedPage(['Moonlit Ferry Season 2 is a drama about a night ferry.'], extra)).claims).toEqual([])
  })

  it('reads the same kind of sentence when it is running text', () => {
    expect(brief(run(framedPage(['Kang Min-ho has joined Moonlit Ferry Season 2, Lumen announced on Monday.'])).claims)).toEqual(['cast:Kang Min-ho/new:confirmed'])
  })

  it('takes a paragraph equal to the headline for the headline', () => {
    const title = 'Lumen Confirms Filming Has Begun On Moonlit Ferry Season 2'
    expect(run(framedPage([title, 'Moonlit Ferry Season 2 is a drama about a night ferry.'], { title })).claims).toEqual([])
  })

  it('drops a claim an editor’s note withdraws', () => {
    const claims = run(framedPage(['Editor’s note: an earlier version of this story said filming had wrapped.', 'Filming on Moonlit Ferry Season 2 is still under way in Mokpo.'])).claims
    expect(brief(claims)).toEqual(['stage:filming:reported'])
  })
})

describe('extractDocument: languages', () => {
  it.each<[string, string, string]>([
    ['Spanish', 'es', 'La segunda temporada de Moonlit Ferry se estrena el 14 de agosto y Kang Min-ho se une al reparto, según Lumen.'],
    ['Indonesian', 'id', 'Musim kedua Moonlit Ferry akan tayang pada bulan Agustus dan Kang Min-ho bergabung dengan para pemain.'],
  ])('a page in %s yields no claims, and says which language it read', (_name, lang, text) => {
    const result = run(articlePage([text], { lang: 'en' }))
    expect(result.claims).toEqual([])
    expect(result.lang).toBe(lang)
  })

  it('reads English and Korean, whatever the markup declares', () => {
    expect(run(articlePage(['Lumen confirmed that filming on Moonlit Ferry Season 2 has begun.'], { lang: 'es' })).lang).toBe('en')
    const ko = run(articlePage(['루멘은 달빛 나룻배 시즌2가 촬영을 시작했다고 밝혔다.', '강민호가 시즌2에 새롭게 합류했다.']))
    expect(ko.lang).toBe('ko')
    expect(brief(ko.claims)).toEqual(['stage:filming:confirmed', 'cast:Kang Min-ho/new:reported'])
  })
})

describe('extractDocument: what one sentence says about the next', () => {
  it('takes a bare cast list right after an official cast announcement for the announced list', () => {
    const claims = claimsOf(['Lumen announced the Moonlit Ferry Season 2 cast on Monday.', 'Back for Season 2: Seo Ha-neul and Park Do-yun.', 'New to the cast: Kang Min-ho and Nam Gyu-ri.'])
    expect(fieldOf(claims, 'cast')).toEqual(['cast:Seo Ha-neul/returning:confirmed', 'cast:Park Do-yun/returning:confirmed', 'cast:Kang Min-ho/new:confirmed', 'cast:Nam Gyu-ri/new:confirmed'])
  })

  it('trap: a line-up announced for another series is not this season’s', () => {
    expect(fieldOf(claimsOf(['Lumen announced the line-up for its new thriller Copper Tide: Kang Min-ho and Yeo Jin-seo.']), 'cast')).toEqual([])
  })

  it('takes an agency’s confirmation of the news for a confirmation of the report before it', () => {
    const claims = claimsOf(['Daily Screen reported on Monday that Yeo Jin-seo will join Moonlit Ferry Season 2.', 'Yeo Jin-seo’s agency confirmed the news the same afternoon.'])
    expect(fieldOf(claims, 'cast')).toEqual(['cast:Yeo Jin-seo/new:confirmed'])
  })

  it('trap: an agency answer that decides nothing lowers the report to speculation', () => {
    const claims = claimsOf(['Kang Min-ho will join Moonlit Ferry Season 2, Daily Screen reported.', 'His agency said nothing has been decided yet.'])
    expect(fieldOf(claims, 'cast')).toEqual(['cast:Kang Min-ho/new:speculated'])
  })

  it('trap: a report denied in the same sentence asserts nothing', () => {
    expect(claimsOf(['Studio Haneul denied reports that Lee Bom has left Moonlit Ferry Season 2.'])).toEqual([])
    expect(claimsOf(['달빛 나룻배 시즌2 촬영이 시작됐다는 보도에 대해 루멘은 "사실이 아니다"라고 밝혔다.'])).toEqual([])
  })

  it('an official "it is true" about a report confirms it', () => {
    expect(brief(claimsOf(['달빛 나룻배 시즌2 촬영이 시작됐다는 보도에 대해 루멘은 "사실"이라고 확인했다.']))).toEqual(['stage:filming:confirmed'])
  })

  it('trap: a story that says it is a re-run of an older one yields nothing', () => {
    expect(claimsOf(['(This story first appeared in our 2023 preview.) Moonlit Ferry began filming in Mokpo.'])).toEqual([])
  })
})

describe('extractDocument: trailers and episodes', () => {
  it.each<[string, string, string[]]>([
    ['a first full trailer is a trailer', 'Lumen unveiled the first full trailer for Moonlit Ferry Season 2, a month after the teaser.', ['trailer:trailer:confirmed']],
    ['trap: a cast-announcement video is a teaser', 'Lumen released a video announcing the cast of Moonlit Ferry Season 2.', ['trailer:teaser:confirmed']],
    ['trap: a trailer still to come is nothing', 'A trailer for Moonlit Ferry Season 2 will arrive closer to the premiere.', []],
    ['trap: no trailer released', 'Lumen has yet to set a date, and no trailer has been released for Moonlit Ferry Season 2.', []],
    ['Korean: a main trailer', '루멘은 달빛 나룻배 시즌2의 메인 예고편을 공개했다.', ['trailer:trailer:confirmed']],
    ['Korean: a teaser trailer is a teaser', '달빛 나룻배 시즌2의 티저 예고편이 공개된 것으로 전해졌다.', ['trailer:teaser:reported']],
    ['an episode count with the season named', 'Moonlit Ferry Season 2 will have eight episodes, Lumen said.', ['episodes:8:confirmed']],
    ['a "six-episode" season', 'Lumen confirmed a six-episode Moonlit Ferry Season 2.', ['episodes:6:confirmed']],
    ['trap: the earlier season’s count', 'The first season of Moonlit Ferry had twelve episodes.', []],
    ['trap: "the first two episodes" is not the count', 'The first two episodes of Moonlit Ferry Season 2 air back to back.', []],
    ['a corrected count wins over the first report', 'Moonlit Ferry Season 2 was first reported to have 12 episodes, but the official count is 10, Lumen said.', ['episodes:10:confirmed']],
    ['Korean: 부작', '달빛 나룻배 시즌2는 8부작으로 확정됐다.', ['episodes:8:confirmed']],
  ])('%s', (_rule, sentence, expected) => {
    expect(brief(claimsOf([sentence]).filter((c) => c.field === 'trailer' || c.field === 'episodes'))).toEqual(expected)
  })

  it('an infobox row counts for the page’s season', () => {
    const claims = claimsOf(['Moonlit Ferry Season 2 has premiered on Lumen.', 'Number of episodes: 8'])
    expect(fieldOf(claims, 'episodes')).toEqual(['episodes:8:reported'])
  })
})

describe('extractDocument: the facts contract', () => {
  it('returns the published day and the source URL on every claim', () => {
    const result = run(articlePage(['Lumen has renewed Moonlit Ferry for a second season.'], { published: '2025-03-03' }), 'https://screen.example/a')
    expect(result.published).toBe('2025-03-03')
    expect(result.claims[0]).toMatchObject({ source: 'https://screen.example/a', published: '2025-03-03' })
  })
})

describe('extractDocument: a Korean page served in EUC-KR', () => {
  it('decodes from the meta charset and reads filming, returning and new cast', async () => {
    const { KOREAN_EUC_KR_BASE64 } = await import('../../fixtures/html/korean-euc-kr')
    const bytes = Uint8Array.from(atob(KOREAN_EUC_KR_BASE64), (ch) => ch.charCodeAt(0))
    const { decodeBody } = await import('../../../src/pipeline/fetch/decode')
    const decoded = decodeBody(bytes, 'text/html')
    expect(decoded.charset).toBe('euc-kr')
    const result = extractDocument(decoded.text, { url: 'https://news.example.kr/1', subject: subjectJson as Subject })
    expect(result.published).toBe('2025-07-23')
    expect(brief(result.claims)).toEqual(expect.arrayContaining(['stage:filming:confirmed', 'cast:Park Ji-hu/returning:reported', 'cast:Yoon Chan-young/returning:reported', 'cast:Lee Min-jae/new:reported']))
    // The "popular stories" box names another drama's wrap: it is not read.
    expect(result.claims.some((c) => c.field === 'stage' && c.value === 'post-production')).toBe(false)
  })
})
