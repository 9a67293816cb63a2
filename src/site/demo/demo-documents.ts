import { html } from 'hono/html'
import type { Source } from '../../core/types'
import { DEMO_ARTICLES, DEMO_OVERVIEW, type DemoArticle, type DemoOverview } from './demo-articles'
import { SECOND_SHOW_ARTICLES, SECOND_SHOW_OVERVIEW } from './demo-second-show'
import { DEMO_NEWS_ORIGIN } from './demo-origin'

/** One show Demo TV News covers: where its documents live, its articles and its living page. */
interface DemoShow {
  /** Feed title and the overview page's heading. */
  name: string
  overviewTitle: string
  paths: { feed: () => string; overview: () => string; article: (slug: string) => string }
  articles: DemoArticle[]
  overview: DemoOverview[]
  /** Keeps this show's ETags apart from the other's. */
  tag: string
}

/** Paths of the demo's news documents about the first show, under the site's origin. */
export const demoPaths = {
  feed: () => '/demo/feed.xml',
  overview: () => '/demo/everything-we-know',
  article: (slug: string) => `/demo/articles/${slug}`,
} as const

/** Paths of the second show's documents (`demo-second-show.ts`). */
export const secondShowPaths = {
  feed: () => '/demo/glass-orchard/feed.xml',
  overview: () => '/demo/glass-orchard/everything-we-know',
  article: (slug: string) => `/demo/glass-orchard/articles/${slug}`,
} as const

const SHOWS: DemoShow[] = [
  { name: 'All of Us Are Dead', overviewTitle: 'All of Us Are Dead Season 2: everything we know', paths: demoPaths, articles: DEMO_ARTICLES, overview: DEMO_OVERVIEW, tag: 'demo' },
  {
    name: 'The Glass Orchard',
    overviewTitle: 'The Glass Orchard Season 2: everything we know',
    paths: secondShowPaths,
    articles: SECOND_SHOW_ARTICLES,
    overview: SECOND_SHOW_OVERVIEW,
    tag: 'glass-orchard',
  },
]
const [FIRST_SHOW] = SHOWS as [DemoShow, DemoShow]

/** Articles of `show` published at or before `step`, newest first (feed order). */
function articlesAt(show: DemoShow, step: number): DemoArticle[] {
  return show.articles.filter((a) => a.step <= step).sort((a, b) => b.published.localeCompare(a.published))
}

function overviewAt(show: DemoShow, step: number): DemoOverview {
  return show.overview.filter((v) => v.from <= step).at(-1) ?? show.overview[0]!
}

/**
 * The source list the cron reads in demo mode: one feed and one living page, addressed under
 * the demo news origin (not the dev server's, see `demo-origin.ts`).
 */
export function listDemoSources(origin: string = DEMO_NEWS_ORIGIN): Source[] {
  return [
    {
      id: 'demo-feed',
      url: origin + demoPaths.feed(),
      kind: 'feed',
      enabled: true,
      notes: 'Demo news feed (DEMO_MODE only); each item is fetched as an article.',
    },
    {
      id: 'demo-everything-we-know',
      url: origin + demoPaths.overview(),
      kind: 'page',
      enabled: true,
      notes: 'Demo "everything we know" page (DEMO_MODE only), re-read every run.',
    },
  ]
}

/** The second show's sources, for a maintainer adding it as a subject (`DEMO_SECOND_SUBJECT`). */
export function listSecondShowSources(origin: string = DEMO_NEWS_ORIGIN): Source[] {
  return [
    { id: 'orchard-feed', url: origin + secondShowPaths.feed(), kind: 'feed', enabled: true, notes: 'Demo news feed about The Glass Orchard.' },
    { id: 'orchard-everything-we-know', url: origin + secondShowPaths.overview(), kind: 'page', enabled: true, notes: 'Demo "everything we know" page about The Glass Orchard.' },
  ]
}

/**
 * Answers a GET for one demo document at the given step, or null when the path is not one.
 * Links inside (the feed's items) use `origin`, the origin the document was requested from.
 * The ETag changes only when the document does, so a conditional GET of an unchanged document
 * gets a 304, like a well-behaved news site.
 */
export async function serveDemoDocument(
  pathname: string,
  step: number,
  origin: string,
  ifNoneMatch: string | null = null,
): Promise<Response | null> {
  const doc = await renderDemoDocument(pathname, step, origin)
  if (doc === null) return null
  const { body, etag } = doc
  const headers = {
    'Content-Type': pathname.endsWith('.xml') ? 'application/rss+xml; charset=utf-8' : 'text/html; charset=utf-8',
    ETag: etag,
    'Cache-Control': 'no-cache',
  }
  if (ifNoneMatch === etag) return new Response(null, { status: 304, headers })
  return new Response(body, { status: 200, headers })
}

async function renderDemoDocument(pathname: string, step: number, origin: string): Promise<{ body: string; etag: string } | null> {
  for (const show of SHOWS) {
    if (pathname === show.paths.feed()) return { body: await renderShowFeed(show, step, origin), etag: `"${show.tag}-feed-${step}"` }
    if (pathname === show.paths.overview()) {
      return { body: await renderShowOverview(show, step), etag: `"${show.tag}-overview-${overviewAt(show, step).from}"` }
    }
    const article = show.articles.find((a) => pathname === show.paths.article(a.slug))
    // An article "does not exist yet" before its step, exactly like news that has not happened.
    if (article && article.step <= step) return { body: await renderDemoArticle(article), etag: `"${show.tag}-article-${article.slug}"` }
  }
  return null
}

/** RSS 2.0 feed listing the first show's articles published so far, newest first; links under `origin`. */
export function renderDemoFeed(step: number, origin: string): Promise<string> {
  return renderShowFeed(FIRST_SHOW, step, origin)
}

async function renderShowFeed(show: DemoShow, step: number, origin: string): Promise<string> {
  const items = articlesAt(show, step).map((a) => {
    const link = origin + show.paths.article(a.slug)
    return html`
    <item>
      <title>${a.title}</title>
      <link>${link}</link>
      <guid isPermaLink="true">${link}</guid>
      <pubDate>${new Date(a.published).toUTCString()}</pubDate>
      <description>${a.paragraphs[0] ?? ''}</description>
    </item>`
  })
  const out = await html`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Demo TV News: ${show.name}</title>
    <link>${origin + show.paths.overview()}</link>
    <description>Offline demo news for Season Watch (not real news).</description>
    ${items}
  </channel>
</rss>
`
  return String(out)
}

/** One demo article as a news site would publish it: chrome around an `<article>`. */
export async function renderDemoArticle(article: DemoArticle): Promise<string> {
  const out = await demoPage(
    article.title,
    article.published,
    html`<article>
      <h1>${article.title}</h1>
      <p class="byline">By the Demo TV News desk · <time datetime="${article.published}">${formatLongDate(article.published)}</time></p>
      ${article.paragraphs.map((p) => html`<p>${p}</p>`)}
    </article>`,
  )
  return String(out)
}

/** A show's living "everything we know" page at one step. */
async function renderShowOverview(show: DemoShow, step: number): Promise<string> {
  const view = overviewAt(show, step)
  const out = await demoPage(
    show.overviewTitle,
    view.updated,
    html`<article>
      <h1>${show.overviewTitle}</h1>
      <p class="byline">Updated <time datetime="${view.updated}">${formatLongDate(view.updated)}</time></p>
      ${view.sections.map((s) => html`<h2>${s.heading}</h2><p>${s.text}</p>`)}
    </article>`,
  )
  return String(out)
}

/** Shared news-site chrome: nav, a "trending" aside and a footer the extractor must ignore. */
function demoPage(title: string, published: string, main: unknown) {
  return html`<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${title} | Demo TV News</title>
  <meta property="og:title" content="${title}">
  <meta property="article:published_time" content="${published}">
</head>
<body>
  <header><nav><a href="/demo">Demo TV News</a> · K-drama · Reviews · Newsletter</nav></header>
  <main>${main}</main>
  <aside><h2>Trending</h2><ul><li>Ten cosy winter dramas to watch this weekend</li><li>How zombie make-up is done</li></ul></aside>
  <footer><p>Demo page served by Season Watch in DEMO_MODE. Not real news.</p></footer>
</body>
</html>
`
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

function formatLongDate(iso: string): string {
  const d = new Date(iso)
  return `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`
}
