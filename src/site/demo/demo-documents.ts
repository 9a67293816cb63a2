import { html } from 'hono/html'
import type { Source } from '../../core/types'
import { DEMO_ARTICLES, demoOverviewAt, listDemoArticles, type DemoArticle } from './demo-articles'
import { DEMO_NEWS_ORIGIN } from './demo-origin'

/** Paths of the demo's news documents, under the site's origin. */
export const demoPaths = {
  feed: () => '/demo/feed.xml',
  overview: () => '/demo/everything-we-know',
  article: (slug: string) => `/demo/articles/${slug}`,
} as const

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
  if (pathname === demoPaths.feed()) return { body: await renderDemoFeed(step, origin), etag: `"demo-feed-${step}"` }
  if (pathname === demoPaths.overview()) {
    const version = demoOverviewAt(step)
    return { body: await renderDemoOverview(step), etag: `"demo-overview-${version.from}"` }
  }
  const article = DEMO_ARTICLES.find((a) => pathname === demoPaths.article(a.slug))
  // An article "does not exist yet" before its step, exactly like news that has not happened.
  if (article && article.step <= step) return { body: await renderDemoArticle(article), etag: `"demo-article-${article.slug}"` }
  return null
}

/** RSS 2.0 feed listing the articles published so far, newest first; links under `origin`. */
export async function renderDemoFeed(step: number, origin: string): Promise<string> {
  const items = listDemoArticles(step).map((a) => {
    const link = origin + demoPaths.article(a.slug)
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
    <title>Demo TV News: All of Us Are Dead</title>
    <link>${origin + demoPaths.overview()}</link>
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

/** The living "everything we know" page at one step. */
async function renderDemoOverview(step: number): Promise<string> {
  const view = demoOverviewAt(step)
  const title = 'All of Us Are Dead Season 2: everything we know'
  const out = await demoPage(
    title,
    view.updated,
    html`<article>
      <h1>${title}</h1>
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
