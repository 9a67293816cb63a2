import { describe, expect, it } from 'vitest'
import type { Claim, Subject } from '../../../src/core/types'
import { extractDocument } from '../../../src/pipeline/extract/extract-document'
import subjectJson from '../../../data/subject.json'

const subject = subjectJson as Subject

/** A news page in the usual shape: nav, article with a byline date, a sidebar, comments. */
function page(paragraphs: string[], opts: { title?: string; date?: string; sidebar?: string[]; comments?: string[] } = {}): string {
  const p = paragraphs.map((t) => `<p>${t}</p>`).join('')
  const side = (opts.sidebar ?? ['Kingdom season 3 officially confirmed by Netflix, filming begins in spring']).map((t) => `<li><a href="/x">${t}</a></li>`).join('')
  const comments = (opts.comments ?? ['The trailer is out already, did nobody see it?']).map((t) => `<li class="comment"><p>${t}</p></li>`).join('')
  return `<!doctype html><html><head><title>${opts.title ?? 'All of Us Are Dead Season 2 news'}</title>
<meta property="article:published_time" content="${opts.date ?? '2025-07-23'}T10:00:00+00:00"></head>
<body><header><nav><a href="/">Home</a> <a href="/tv">TV</a></nav></header>
<main><article><h1>${opts.title ?? 'All of Us Are Dead Season 2 news'}</h1>${p}</article>
<aside class="sidebar"><h2>Trending</h2><ul>${side}</ul></aside>
<section id="comments"><ol class="comment-list">${comments}</ol></section></main>
<footer>© Example News</footer><script>var ads = "Season 2 premieres December 1, Netflix confirms";</script></body></html>`
}

const run = (html: string, url = 'https://news.example/story') => extractDocument(html, { url, subject, fetchedAt: '2025-07-24T00:00:00Z' })
const brief = (claims: Claim[]) =>
  claims.map((c) => {
    const v = c.value as unknown
    const value = c.field === 'cast' ? `${(v as { actor: string }).actor}/${(v as { status: string }).status}` : c.field === 'trailer' ? (v as { kind: string }).kind : c.field === 'release' ? (v as { status: string }).status : String(v)
    return `${c.field}:${value}:${c.certainty}`
  })

describe('extractDocument: stage phrasings and certainty', () => {
  it.each([
    ['official renewal', 'Netflix has officially renewed All of Us Are Dead for a second season.', ['stage:renewed:confirmed']],
    ['renewal, greenlit wording', 'All of Us Are Dead was greenlit for Season 2 by Netflix.', ['stage:renewed:confirmed']],
    ['reported filming start', 'Filming on All of Us Are Dead Season 2 began in Seoul this week, according to Sports Seoul.', ['stage:filming:reported']],
    ['bare statement is what the outlet reports', 'Cameras are rolling on the second season of All of Us Are Dead.', ['stage:filming:reported']],
    ['official filming start', 'Netflix announced that All of Us Are Dead Season 2 is now in production.', ['stage:filming:confirmed']],
    ['official wrap', 'Netflix confirmed that filming on All of Us Are Dead Season 2 has officially wrapped.', ['stage:post-production:confirmed']],
    ['reported wrap', 'All of Us Are Dead Season 2 reportedly wrapped filming on February 19.', ['stage:post-production:reported']],
    ['hedged wrap is speculation', 'All of Us Are Dead Season 2 could wrap filming by spring, fans believe.', []],
    ['plan is not a stage', 'Filming for All of Us Are Dead Season 2 is set to begin next month.', []],
    ['negated start is not a stage', 'Season 2 of All of Us Are Dead has still not started filming.', []],
    ['delay is not a stage', 'Production on All of Us Are Dead Season 2 has been pushed back to 2025.', []],
    ['fans speculating', 'Many fans are speculating that All of Us Are Dead Season 2 has already wrapped filming.', ['stage:post-production:speculated']],
    ['renewal as "returning for a second season"', 'It has been confirmed that All of Us Are Dead is returning for a second season.', ['stage:renewed:confirmed']],
    ['principal photography', 'All of Us Are Dead Season 2 began principal photography in July.', ['stage:filming:reported']],
    ['official voice kicks off shooting', 'Shooting for season 2 of All of Us Are Dead kicked off on July 14, Netflix said.', ['stage:filming:confirmed']],
    ['not yet confirmed is no stage', 'Netflix has yet to confirm when filming will begin on All of Us Are Dead Season 2.', []],
    ['unclear is no stage', "It's unclear whether All of Us Are Dead Season 2 has started filming.", []],
    ['an old plan is no stage', 'Filming on All of Us Are Dead Season 2 was originally scheduled to begin in 2024.', []],
    ['not renewed', 'Netflix has not yet renewed All of Us Are Dead for a second season.', []],
    ['a question', 'Will there be an All of Us Are Dead Season 2?', []],
    ['a question that reads like a claim', 'Has filming on All of Us Are Dead Season 2 already started?', []],
  ])('%s', (_name, sentence, expected) => {
    const claims = run(page([sentence])).claims.filter((c) => c.field === 'stage')
    expect(brief(claims)).toEqual(expected)
  })
})

describe('extractDocument: Season 1 and other-show traps', () => {
  it.each([
    ['Season 1 episode count', 'The first season of All of Us Are Dead had 12 episodes and premiered on January 28, 2022.'],
    ['Season 1 cast description', 'The show starred newcomers such as Park Ji-hu, Yoo In-soo and Lee Yoo-mi.'],
    ['other show in the article body', 'Meanwhile, Squid Game season 3 premieres June 27, Netflix confirms.'],
    ['other show wraps', 'Gyeongseong Creature season 2 wraps filming, the studio said.'],
    ['trailer negated', 'No, the official trailer for Season 2 of All of Us Are Dead has not been released yet.'],
    ['trailer in the future', 'The trailer for All of Us Are Dead Season 2 will likely be released a few weeks before the premiere.'],
    ['release estimate without a date', 'There is no release date yet for All of Us Are Dead Season 2.'],
  ])('%s gives no claims', (_name, sentence) => {
    expect(brief(run(page([sentence])).claims)).toEqual([])
  })

  it('ignores sidebars, trending lists, comments and scripts', () => {
    const html = page(['All of Us Are Dead Season 2 is a Korean zombie series.'], {
      sidebar: ["'Hellbound' season 2 release date set for October 25", 'Weak Hero Class 2 drops its first teaser trailer'],
      comments: ['Netflix confirmed episode count is 10 according to my cousin lol', 'Season 2 filming has wrapped!!'],
    })
    expect(run(html).claims).toEqual([])
  })
})

describe('extractDocument: cast', () => {
  it('reads returning and new actors with roles from one sentence', () => {
    const html = page(['Returning for Season 2 are Park Ji-hoo as Nam On-jo and Park Solomon as Lee Su-hyeok, while new faces include Lee Min Jae and Kim Si-eun, Netflix announced.'])
    const cast = run(html).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => c.value)).toEqual([
      { actor: 'Park Ji-hu', role: 'Nam On-jo', status: 'returning' },
      { actor: 'Lomon', role: 'Lee Su-hyeok', status: 'returning' },
      { actor: 'Lee Min-jae', role: null, status: 'new' },
      { actor: 'Kim Si-eun', role: null, status: 'new' },
    ])
    expect(new Set(cast.map((c) => c.certainty))).toEqual(new Set(['confirmed']))
  })

  it.each([
    ['Ji-hu Park', 'Park Ji-hu'],
    ['Noh Jae-won', 'Roh Jae-won'],
    ['Ro Jae Won', 'Roh Jae-won'],
    ['Yoon Ga Yi', 'Yoon Ga-i'],
    ['Lomon (Park Solomon)', 'Lomon'],
  ])('knows %s as %s', (written, canonical) => {
    const cast = run(page([`${written} joins the cast of All of Us Are Dead Season 2.`])).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => (c.value as { actor: string }).actor)).toEqual([canonical])
  })

  it('finds a role written at the end of the clause', () => {
    const cast = run(page(['Lee Min-jae has joined the cast of All of Us Are Dead Season 2 as Yong Ma-ru, Netflix confirmed.'])).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => c.value)).toEqual([{ actor: 'Lee Min-jae', role: 'Yong Ma-ru', status: 'new' }])
  })

  it('keeps an unknown actor as written when a cast sentence names them', () => {
    const cast = run(page(['The actor Han Do-yoon has been cast in All of Us Are Dead Season 2, Netflix confirmed.'])).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => c.value)).toEqual([{ actor: 'Han Do-yoon', role: null, status: 'new' }])
  })

  it('lowers a casting report that the agency answers with "nothing decided" to speculation', () => {
    const html = page([
      'Kim Se-yoon will join All of Us Are Dead Season 2 as a new lead, according to StarNews.',
      "In response, Kim Se-yoon's agency said, \"Nothing has been decided yet.\"",
    ])
    const cast = run(html).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => [(c.value as { actor: string }).actor, c.certainty])).toEqual([['Kim Se-yoon', 'speculated']])
  })

  it('reads a departure', () => {
    const cast = run(page(['Roh Yoon-seo will no longer be a part of All of Us Are Dead Season 2, her agency said.'])).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => [c.value, c.certainty])).toEqual([[{ actor: 'Roh Yoon-seo', role: null, status: 'departed' }, 'confirmed']])
  })

  it('does not take a character written "Character (Actor)" for an actor', () => {
    const cast = run(page(['In Season 2 the new faces include the resourceful Yong Ma-ru (Lee Min-jae) and So Ju-ran (Kim Si-eun).'])).claims.filter((c) => c.field === 'cast')
    expect(cast.map((c) => (c.value as { actor: string }).actor)).toEqual(['Lee Min-jae', 'Kim Si-eun'])
  })
})

describe('extractDocument: release, trailer, episodes', () => {
  it('a confirmed premiere day is a confirmed release', () => {
    const [c] = run(page(['Netflix announced that All of Us Are Dead Season 2 will premiere on December 12, 2026.'])).claims.filter((x) => x.field === 'release')
    expect(c?.value).toEqual({ status: 'confirmed', date: '2026-12-12', window: null, text: 'December 12, 2026' })
  })

  it('an estimate stays an estimate, whoever says it', () => {
    const [c] = run(page(['All of Us Are Dead Season 2 is expected to premiere in late 2026 or early 2027.'])).claims.filter((x) => x.field === 'release')
    expect(c).toMatchObject({ certainty: 'speculated', value: { status: 'estimated', date: null } })
    expect((c?.value as { window: { from: string; to: string } }).window.from < '2027-01-01').toBe(true)
  })

  it('a year is never a confirmed release', () => {
    const [c] = run(page(['Netflix officially confirmed that All of Us Are Dead Season 2 will release in 2026.'])).claims.filter((x) => x.field === 'release')
    expect(c?.value).toMatchObject({ status: 'estimated' })
  })

  it.each([
    ['Netflix released the first teaser for All of Us Are Dead Season 2 on Monday.', 'teaser'],
    ['The official trailer for All of Us Are Dead Season 2 is out now, Netflix said.', 'trailer'],
    ['Netflix dropped the first teaser trailer for All of Us Are Dead Season 2 on Tuesday.', 'teaser'],
  ])('trailer: %s', (sentence, kind) => {
    expect(brief(run(page([sentence])).claims.filter((c) => c.field === 'trailer'))).toEqual([`trailer:${kind}:confirmed`])
  })

  it('episodes need the season named in the sentence', () => {
    expect(brief(run(page(['Netflix confirmed that All of Us Are Dead Season 2 will have eight episodes.'])).claims)).toEqual(['episodes:8:confirmed'])
    expect(run(page(['All of Us Are Dead has 12 episodes.'])).claims).toEqual([])
  })
})

describe('extractDocument: dates and languages', () => {
  it('resolves relative dates against the article date', () => {
    const [c] = run(page(['All of Us Are Dead Season 2 is expected to arrive next year.'], { date: '2025-03-03' })).claims.filter((x) => x.field === 'release')
    expect((c?.value as { window: unknown }).window).toEqual({ from: '2026-01-01', to: '2026-12-31' })
  })

  it('reads a Korean article: filming start and cast, official', () => {
    const html = page(['넷플릭스는 23일 \'지금 우리 학교는\' 시즌2가 촬영을 시작했다고 밝혔다.', '새로운 배우 이민재와 김시은이 시즌2에 합류한다.'], { title: '지금 우리 학교는 시즌2 촬영 시작' })
    const claims = run(html).claims
    expect(brief(claims)).toEqual(expect.arrayContaining(['stage:filming:confirmed', 'cast:Lee Min-jae/new:reported', 'cast:Kim Si-eun/new:reported']))
  })

  it('returns the published date from article meta and the source URL on every claim', () => {
    const result = run(page(['Netflix has officially renewed All of Us Are Dead for a second season.'], { date: '2022-06-06' }), 'https://deadline.example/a')
    expect(result.published).toBe('2022-06-06')
    expect(result.claims[0]).toMatchObject({ source: 'https://deadline.example/a', published: '2022-06-06' })
  })
})

describe('extractDocument: a Korean page served in EUC-KR', () => {
  it('decodes from the meta charset and reads filming, returning and new cast', async () => {
    const { KOREAN_EUC_KR_BASE64 } = await import('../../fixtures/html/korean-euc-kr')
    const bytes = Uint8Array.from(atob(KOREAN_EUC_KR_BASE64), (ch) => ch.charCodeAt(0))
    const { decodeBody } = await import('../../../src/pipeline/fetch/decode')
    const decoded = decodeBody(bytes, 'text/html')
    expect(decoded.charset).toBe('euc-kr')
    const result = extractDocument(decoded.text, { url: 'https://news.example.kr/1', subject })
    expect(result.published).toBe('2025-07-23')
    expect(brief(result.claims)).toEqual(expect.arrayContaining(['stage:filming:confirmed', 'cast:Park Ji-hu/returning:reported', 'cast:Yoon Chan-young/returning:reported', 'cast:Lee Min-jae/new:reported']))
    // The sidebar's other drama ("시즌3 촬영 종료") is not read.
    expect(result.claims.some((c) => c.field === 'stage' && c.value === 'post-production')).toBe(false)
  })
})

describe('extractDocument: another show, with no people configured', () => {
  const other: Subject = { show: 'Sweet Home', season: 3, aliases: [], people: [], officialSources: ['Netflix'] }
  const html = `<html><head><title>Sweet Home Season 3 wraps filming</title><meta property="article:published_time" content="2023-10-01T00:00:00Z"></head><body><article>
<p>Netflix confirmed that Sweet Home Season 3 has wrapped filming.</p>
<p>Returning for the third season are Song Kang, Lee Jin-uk and Go Min-si, while Kim Mu-yeol joins the cast.</p>
<p>Sweet Home Season 2 premiered on December 1, 2023.</p></article></body></html>`

  it('reads the season by its ordinal, keeps unknown actors as written and skips the earlier season', () => {
    const result = extractDocument(html, { url: 'https://news.example/sh3', subject: other })
    expect(brief(result.claims)).toEqual([
      'stage:post-production:confirmed',
      'cast:Song Kang/returning:reported',
      'cast:Lee Jin-uk/returning:reported',
      'cast:Go Min-si/returning:reported',
      'cast:Kim Mu-yeol/new:reported',
    ])
  })
})
