/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { parseArticle, stripRawText, type BlockKind, type ParseOptions, type PublishedFrom } from '../../../src/pipeline/extract/parse-html'
import articleAside from '../../fixtures/html/article-aside-more-from.html?raw'
import bylineOnly from '../../fixtures/html/byline-only.html?raw'
import jsonLdGraph from '../../fixtures/html/jsonld-graph.html?raw'
import truncatedScript from '../../fixtures/html/truncated-script.html?raw'
import wikiTrending from '../../fixtures/html/wiki-trending.html?raw'
import wordpress from '../../fixtures/html/wordpress-comments-sidebar.html?raw'

const FETCHED = '2026-03-15T12:00:00Z'

interface PageCase {
  name: string
  html: string
  options?: Partial<ParseOptions>
  title: string | null
  lang: string | null
  published: string | null
  publishedFrom: PublishedFrom | null
  /** Sentences (substrings) that must be in some block. */
  present: string[]
  /** Text that must not be in any block. */
  absent: string[]
  /** [kind, substring] pairs that must exist as such. */
  kinds?: [BlockKind, string][]
}

const pages: PageCase[] = [
  {
    name: 'WordPress post with comments, sidebar, ads and cookie banner',
    html: wordpress,
    title: 'Harbor Lights season 2 starts filming in Busan',
    lang: null,
    published: '2025-03-03',
    publishedFrom: 'visible',
    present: [
      'whose second season began principal photography in Busan this week.',
      'The streamer said the new episodes will follow the lighthouse keeper’s daughter',
      'Production is expected to wrap before the end of the year.',
    ],
    absent: [
      'ADVERTISEMENT', 'Advertisement', '970x220', 'premieres next April', 'Season three confirmed', 'tidewatcher',
      'Leave a reply', 'Lantern Street renewed', 'Winter Orchard trailer', 'Popular', 'Recent Posts', 'Powered by WordPress',
      'We use cookies', 'Script text', 'late script', 'Please enable JavaScript', 'old draft paragraph', 'Also read',
      'Share this', 'Facebook', 'Bookmark icon', 'Home | TV',
    ],
    kinds: [
      ['quote', 'We wanted the sea to feel like a character again.'],
      ['item', 'Han Seo-yeon as the keeper’s daughter'],
      ['caption', 'The cast at the first table read in Busan.'],
    ],
  },
  {
    name: '<article> with an aside "More from", nav, share bar and newsletter box',
    html: articleAside,
    options: { url: 'https://www.examplescreen.com/tv/paper-moon-s2' },
    title: 'Paper Moon season 2 gets a December premiere',
    lang: 'en-us',
    // The meta timestamp is 21:30 at -04:00: still July 2 in the page's own zone (July 3 UTC).
    published: '2025-07-02',
    publishedFrom: 'meta',
    present: [
      'The second season of Paper Moon will premiere on December 12, 2025, the studio confirmed on Wednesday.',
      'All eight episodes will be released at once',
      'Dr. Ines Alvarez returns as the night-shift astronomer',
    ],
    absent: ['More from', 'Lantern Street season 3', 'Winter Orchard star', 'Tweet', 'inbox every Friday', 'Sign up', 'We use cookies', '© 2025', 'Home'],
    kinds: [
      ['heading', 'Paper Moon season 2 gets a December premiere'],
      ['heading', 'What we know about the story'],
    ],
  },
  {
    name: 'wiki page with a Trending rail, a Trending list in the content and a "last edited" footer',
    html: wikiTrending,
    title: 'Lantern Street (season 3)',
    lang: null,
    published: '2026-03-14',
    publishedFrom: 'visible',
    present: ['began filming in Incheon in late 2025.', 'The showrunner said the season is set two years after the flood.'],
    absent: ['Paper Moon (season 2)', 'Harbor Lights wraps filming', 'Winter Orchard', 'List of Example Streaming originals', 'See also', 'Trending', 'Random page', 'Recent changes', 'free licence'],
    kinds: [
      ['item', 'Kim Da-eun as the night editor'],
      ['paragraph', 'Episodes: 10'],
      ['heading', 'Cast'],
    ],
  },
  {
    name: 'page cut off inside a trailing <script>',
    html: truncatedScript,
    options: { hintPublished: 'Mon, 06 Oct 2025 18:00:00 +0900' },
    title: 'Winter Orchard season 2 teaser released',
    lang: 'en',
    published: '2025-10-06',
    publishedFrom: 'hint',
    present: ['The first teaser for Winter Orchard season 2 was released on Monday.', 'release window of early 2026.'],
    absent: ['inside a script', 'never text', 'only a string'],
  },
  {
    name: 'JSON-LD @graph wins over meta and <time>, in its own offset',
    html: jsonLdGraph,
    title: 'Night Ferry confirms ten episodes for season 2',
    lang: 'ko-kr',
    published: '2024-05-24',
    publishedFrom: 'json-ld',
    present: ['The producers of Night Ferry said the second season will have ten episodes.', 'Filming is planned for the first half of 2025'],
    absent: ['Example Daily'],
  },
  {
    name: 'only a visible byline date, not the premiere date in the text',
    html: bylineOnly,
    title: 'Tide Clock: cast update',
    lang: null,
    published: '2022-06-07',
    publishedFrom: 'visible',
    present: ['Two new actors have joined the cast of Tide Clock for its second season, the agency said.', 'A third casting is still being negotiated.'],
    absent: ['Trending now', 'Tide Times'],
  },
]

describe('parseArticle: fixture pages', () => {
  it.each(pages)('$name', (c) => {
    const result = parseArticle(c.html, { url: 'https://news.example/a', fetchedAt: FETCHED, ...c.options })
    const texts = result.blocks.map((b) => b.text)
    const all = texts.join('\n')
    expect(result.title).toBe(c.title)
    expect(result.lang).toBe(c.lang)
    expect({ published: result.published, from: result.publishedFrom }).toEqual({ published: c.published, from: c.publishedFrom })
    for (const sentence of c.present) expect(all).toContain(sentence)
    for (const junk of c.absent) expect(all).not.toContain(junk)
    for (const [kind, text] of c.kinds ?? []) expect(result.blocks).toContainEqual({ kind, text })
    // Blocks are trimmed, collapsed and never empty.
    for (const t of texts) expect(t).toMatch(/^\S(?:.*\S)?$/)
    expect(all).not.toMatch(/ {2}|\u00a0/)
  })

  it('keeps blocks in document order', () => {
    const { blocks } = parseArticle(wordpress, { url: 'https://reel-notes.example/p' })
    const at = (s: string) => blocks.findIndex((b) => b.text.includes(s))
    expect(at('Cameras are rolling')).toBeLessThan(at('We wanted the sea'))
    expect(at('We wanted the sea')).toBeLessThan(at('Han Seo-yeon'))
    expect(at('Han Seo-yeon')).toBeLessThan(at('Production is expected'))
  })
})

describe('parseArticle: published date rules', () => {
  const page = (head: string, body = '<p>Some article text that is long enough to be the story.</p>') =>
    `<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`

  const cases: { name: string; html: string; options?: Partial<ParseOptions>; published: string | null; from: PublishedFrom | null }[] = [
    { name: 'article:published_time', html: page('<meta property="article:published_time" content="2024-01-31T09:30:00+00:00">'), published: '2024-01-31', from: 'meta' },
    { name: 'itemprop datePublished meta', html: page('<meta itemprop="datePublished" content="2023-10-10">'), published: '2023-10-10', from: 'meta' },
    { name: 'sailthru.date', html: page('<meta name="sailthru.date" content="2022-12-30 08:00:00">'), published: '2022-12-30', from: 'meta' },
    { name: 'parsely-pub-date', html: page('<meta name="parsely-pub-date" content="2021-05-04T23:59:00-07:00">'), published: '2021-05-04', from: 'meta' },
    { name: 'compact yyyymmdd meta', html: page('<meta name="pubdate" content="20220607">'), published: '2022-06-07', from: 'meta' },
    {
      name: 'a <time> in the article beats one in the sidebar',
      html: `<html><body><aside><time datetime="2020-01-01">old</time></aside><article><p>Story text long enough to count as the story body.</p><time datetime="2025-07-23T08:00:00+09:00">July 23</time></article></body></html>`,
      published: '2025-07-23',
      from: 'time',
    },
    { name: 'a future meta date is ignored in favour of the fetch day', html: page('<meta property="article:published_time" content="2027-01-01T00:00:00Z">'), published: '2026-03-15', from: 'fetched' },
    { name: 'a pre-1990 date is ignored', html: page('<meta name="date" content="1970-01-01">'), options: { fetchedAt: null }, published: null, from: null },
    {
      name: 'a +09:00 timestamp one day ahead of the UTC fetch day is not "future"',
      html: page('<meta property="article:published_time" content="2026-03-16T04:00:00+09:00">'),
      options: { fetchedAt: '2026-03-15T20:00:00Z' },
      published: '2026-03-16',
      from: 'meta',
    },
    { name: 'Korean byline date', html: page('', '<p>홍길동 기자 2025. 7. 23. 08:07</p><p>넷플릭스가 시즌2 촬영을 시작했다고 밝혔다. 배우들이 다시 돌아온다.</p>'), published: '2025-07-23', from: 'visible' },
    { name: 'feed hint when the page has no date', html: page(''), options: { hintPublished: '2025-06-24T09:30:00+00:00' }, published: '2025-06-24', from: 'hint' },
    { name: 'fetch time as the last resort', html: page(''), published: '2026-03-15', from: 'fetched' },
    { name: 'no date at all', html: page(''), options: { fetchedAt: null }, published: null, from: null },
  ]

  it.each(cases)('$name', (c) => {
    const r = parseArticle(c.html, { url: 'https://news.example/a', fetchedAt: FETCHED, ...c.options })
    expect({ published: r.published, from: r.publishedFrom }).toEqual({ published: c.published, from: c.from })
  })
})

describe('parseArticle: odd inputs', () => {
  it('reads a fragment with no <html> or <body>', () => {
    const r = parseArticle('<h1>Bare headline</h1><p>A paragraph with &amp; an entity.</p>', { url: 'https://x.example/' })
    expect(r.blocks).toEqual([
      { kind: 'heading', text: 'Bare headline' },
      { kind: 'paragraph', text: 'A paragraph with & an entity.' },
    ])
    expect(r.title).toBe('Bare headline')
  })

  it('reads upper-case markup', () => {
    const r = parseArticle('<HTML><BODY><DIV CLASS="SIDEBAR"><P>side</P></DIV><P>Main text here.</P><SCRIPT>var a = 1</SCRIPT></BODY></HTML>', { url: 'https://x.example/' })
    expect(r.blocks).toEqual([{ kind: 'paragraph', text: 'Main text here.' }])
  })

  it('returns no blocks for a page cut off inside a <head> script', () => {
    const html = `<html><head><title>Cut short</title><script>var a = "${'x'.repeat(500)}`
    const r = parseArticle(html, { url: 'https://x.example/', fetchedAt: FETCHED })
    expect(r).toEqual({ title: 'Cut short', lang: null, published: '2026-03-15', publishedFrom: 'fetched', blocks: [] })
  })

  it('returns nothing for binary data served as HTML', () => {
    const jpeg = '\u00ff\u00d8\u00ff\u00e0\u0000\u0010JFIF\u0000' + '\ufffd&'.repeat(400)
    const r = parseArticle(jpeg, { url: 'https://x.example/a.jpg', fetchedAt: FETCHED })
    expect(r.blocks).toEqual([])
    expect(r.title).toBeNull()
  })

  it('splits paragraphs on a double <br> and keeps single <br> as a space', () => {
    const r = parseArticle('<html><body><article><div>First line<br>same paragraph.<br><br>Second paragraph.</div></article></body></html>', { url: 'https://x.example/' })
    expect(r.blocks.map((b) => b.text)).toEqual(['First line same paragraph.', 'Second paragraph.'])
  })

  it('keeps a wrapper whose class mentions furniture when it holds the story', () => {
    const story = '<p>' + 'The cast gathered for the first table read of the new season. '.repeat(8) + '</p>'
    const html = `<html><body><div class="layout-with-sidebar">${story}</div><div class="sidebar"><p>Side note</p></div></body></html>`
    const r = parseArticle(html, { url: 'https://x.example/' })
    expect(r.blocks.map((b) => b.text)).toEqual([story.slice(3, -4).trim()])
  })

  it('does not mistake state classes such as "has-comments" for a comments box', () => {
    const r = parseArticle('<html><body><article class="post has-comments comments-open"><p>The story itself.</p></article></body></html>', { url: 'https://x.example/' })
    expect(r.blocks).toEqual([{ kind: 'paragraph', text: 'The story itself.' }])
  })

  it('guesses Korean when the markup declares no language', () => {
    const r = parseArticle('<html><body><article><p>넷플릭스가 새 시즌의 캐스팅을 공개했다.</p></article></body></html>', { url: 'https://x.example/' })
    expect(r.lang).toBe('ko')
  })

  it('drops a site-name suffix from <title> only when it names the site', () => {
    const t = (title: string, url: string) => parseArticle(`<html><head><title>${title}</title></head><body></body></html>`, { url }).title
    expect(t('Season 2 wraps | Exclusive', 'https://examplescreen.com/a')).toBe('Season 2 wraps | Exclusive')
    expect(t('Season 2 wraps | Example Screen', 'https://www.examplescreen.com/a')).toBe('Season 2 wraps')
    expect(t('Season 2 wraps – tv.example', 'https://tv.example/a')).toBe('Season 2 wraps')
    expect(t('Night Ferry – Season 2 (2025)', 'https://tv.example/a')).toBe('Night Ferry – Season 2 (2025)')
  })
})

describe('stripRawText', () => {
  it('cuts script, style, svg, iframe, template, noscript and comments, keeping JSON-LD aside', () => {
    const html =
      '<p>a</p><script>if (x < 1) { y = "</div>" }</script><style>p{}</style><svg><title>t</title></svg><iframe src="x">fallback</iframe>' +
      '<template><p>tpl</p></template><noscript>ns</noscript><!-- <script> --><p>b</p>' +
      '<script type="application/ld+json">{"datePublished":"2024-01-01"}</script><ScRiPt>var z</sCrIpT><p>c</p><img src="x.png" alt="alt text">'
    const { markup, jsonLd } = stripRawText(html)
    expect(markup).toBe('<p>a</p><p>b</p><p>c</p>')
    expect(jsonLd).toEqual(['{"datePublished":"2024-01-01"}'])
  })

  it('drops an unclosed script at the end of a truncated page', () => {
    expect(stripRawText('<p>kept</p><script>var a = "<p>lost</p>').markup).toBe('<p>kept</p>')
  })

  it('handles a 125 KB page that is mostly inline script', () => {
    const script = `<script>${'window.q=window.q||[];q.push(function(){return a<b&&"</div>"});'.repeat(1800)}</script>`
    const html = `<html><head>${script}</head><body><article><p>Filming has wrapped.</p></article>${script}</body></html>`
    expect(html.length).toBeGreaterThan(125_000)
    const r = parseArticle(html, { url: 'https://x.example/' })
    expect(r.blocks).toEqual([{ kind: 'paragraph', text: 'Filming has wrapped.' }])
  })
})
