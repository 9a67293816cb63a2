import { describe, expect, it } from 'vitest'
import { FeedParseError, parseFeed } from '../../../src/pipeline/feed/parse-feed'
import { ATOM, PREFIXED_ATOM, RSS1, RSS2 } from '../../fixtures/feed/feeds'

describe('parseFeed: RSS 2.0', () => {
  const feed = parseFeed(RSS2, 'https://tv.example/feed.xml')

  it('reads the channel title, decoding entities', () => {
    expect(feed.title).toBe('Drama & Film Desk')
  })

  it('reads every item with a usable link, in order', () => {
    expect(feed.items).toEqual([
      {
        key: 'tv-example-1001',
        url: 'https://tv.example/news/cameras-roll',
        title: 'Season 2 cameras roll <b>today</b> & more',
        published: '2025-07-23T00:30:00.000Z',
        updated: null,
      },
      {
        key: 'https://tv.example/news/cast-update?id=7&ref=rss',
        url: 'https://tv.example/news/cast-update?id=7&ref=rss',
        title: 'Cast update: it\u2019s official \u2014 two return',
        published: '2025-08-01T10:00:00.000Z',
        updated: null,
      },
      {
        key: 'https://tv.example/news/guid-link',
        url: 'https://tv.example/news/guid-link',
        title: 'Guid is the link',
        published: '2025-08-01T10:00:00.000Z',
        updated: null,
      },
      {
        key: 'https://tv.example/news/broken-date',
        url: 'https://tv.example/news/broken-date',
        title: 'Broken date, bare &amp ampersand',
        published: null,
        updated: null,
      },
    ])
  })

  it('does not take the channel atom:link rel=self as an item', () => {
    expect(feed.items.map((item) => item.url)).not.toContain('https://tv.example/feed.xml')
  })
})

describe('parseFeed: Atom', () => {
  const feed = parseFeed(ATOM, 'https://blog.example/atom.xml')

  it('reads the feed title with whitespace collapsed', () => {
    expect(feed.title).toBe('Streaming Notes')
  })

  it('prefers rel=alternate, falls back to the first link, resolves against xml:base', () => {
    expect(feed.items).toEqual([
      {
        key: 'tag:blog.example,2025:post-1',
        url: 'https://blog.example/tv/posts/teaser-drops',
        title: 'Teaser drops & fans react',
        published: '2025-07-23T10:00:00.000Z',
        updated: '2025-07-23T23:15:30.500Z',
      },
      {
        key: 'tag:blog.example,2025:post-2',
        url: 'https://elsewhere.example/story',
        title: 'Only a related link',
        published: null,
        updated: '2025-08-02T00:00:00.000Z',
      },
      {
        key: 'https://blog.example/tv/posts/no-id',
        url: 'https://blog.example/tv/posts/no-id',
        title: 'Link without rel, no id',
        published: null,
        updated: null,
      },
    ])
  })

  it('reads a prefixed Atom feed and ignores same-named elements of other namespaces', () => {
    expect(parseFeed(PREFIXED_ATOM, 'https://p.example/')).toEqual({
      title: 'Prefixed',
      items: [{ key: 'p-1', url: 'https://p.example/1', title: 'The real title', published: null, updated: null }],
    })
  })
})

describe('parseFeed: RSS 1.0 and tolerated quirks', () => {
  it('reads RDF items beside the channel', () => {
    expect(parseFeed(RSS1, 'https://rdf.example/rss')).toEqual({
      title: 'RDF Desk',
      items: [
        {
          key: 'https://rdf.example/item-1',
          url: 'https://rdf.example/item-1',
          title: 'Episode count announced',
          published: '2025-09-01T00:00:00.000Z',
          updated: null,
        },
      ],
    })
  })

  it.each([
    {
      name: 'upper-case tag names',
      xml: '<RSS><CHANNEL><ITEM><TITLE>A</TITLE><LINK>https://x.example/a</LINK></ITEM></CHANNEL></RSS>',
      title: 'A',
    },
    {
      name: 'a stray "<" in text',
      xml: '<rss><channel><item><title>3 < 4</title><link>https://x.example/a</link></item></channel></rss>',
      title: '3 < 4',
    },
    {
      name: 'a DOCTYPE with an internal subset, and junk after the root',
      xml: '<!DOCTYPE rss [<!ENTITY x "y">]><rss><channel><item><title>A</title><link>https://x.example/a</link></item></channel></rss>\n<!-- cache --> trailing junk',
      title: 'A',
    },
    {
      name: 'a byte-order mark and named zone in pubDate',
      xml: '\ufeff<rss><channel><item><title>A</title><link>https://x.example/a</link><pubDate>Thu, 24 Jul 2025 18:00:00 KST</pubDate></item></channel></rss>',
      title: 'A',
      published: '2025-07-24T09:00:00.000Z',
    },
  ])('tolerates $name', ({ xml, title, published }) => {
    const [item] = parseFeed(xml, 'https://x.example/').items
    expect(item).toMatchObject({ url: 'https://x.example/a', title })
    if (published) expect(item?.published).toBe(published)
  })

  it('returns no items for an empty channel', () => {
    expect(parseFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', 'https://x.example/')).toEqual({
      title: 'Quiet',
      items: [],
    })
  })
})

describe('parseFeed: malformed input throws FeedParseError', () => {
  it.each([
    { name: 'an empty document', xml: '   ', error: /no root element/ },
    {
      name: 'an HTML page',
      xml: '<!doctype html><html><head><meta charset="utf-8"><title>x</title></head><body></body></html>',
      error: /not an RSS or Atom feed: the root element is <html>/,
    },
    { name: 'JSON', xml: '{"items": []}', error: /text outside the root element/ },
    {
      name: 'a truncated feed',
      xml: RSS2.slice(0, RSS2.indexOf('Wed, 23 Jul')),
      error: /the document ends inside <pubdate> \(truncated\?\)/,
    },
    {
      name: 'mismatched tags, with the line',
      xml: '<rss>\n<channel>\n<title>x</channel>\n</rss>',
      error: /line 3: expected <\/title> but found <\/channel>/,
    },
    { name: 'an unterminated CDATA section', xml: '<rss><channel><title><![CDATA[x</title></channel></rss>', error: /unterminated CDATA/ },
    { name: 'an unterminated start tag', xml: '<rss><channel><item <title>x</title></item></channel></rss>', error: /unterminated start tag <item>/ },
  ])('$name', ({ xml, error }) => {
    let thrown: unknown
    try {
      parseFeed(xml, 'https://x.example/')
    } catch (caught) {
      thrown = caught
    }
    expect(thrown).toBeInstanceOf(FeedParseError)
    expect((thrown as Error).name).toBe('FeedParseError')
    expect((thrown as Error).message).toMatch(error)
  })
})
