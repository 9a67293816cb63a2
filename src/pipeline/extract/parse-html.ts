/**
 * HTML → the article's main text as typed blocks, plus its title, language and published day.
 *
 * Speed matters (one cron run parses many pages inside a Worker's CPU budget) and news pages are
 * mostly inline script, so raw-text bodies are cut with a string scan first and the rest is
 * parsed once with linkedom. Everything here is pure: no I/O, no globals.
 *
 * This is the public entry; each step lives in `./html/` (string scan, document walk, blocks,
 * published date, title, language).
 */
import { parseHTML } from 'linkedom/worker'
import { checkMarkupBudget, checkTextLength } from './html/budget'
import type { DomNode } from './html/dom'
import { readJsonLd } from './html/json-ld'
import { pickLang } from './html/language'
import { createEmptyScan, pickContainer, scanDocument } from './html/main-content'
import { findPublished, type DateHints, type PublishedFrom } from './html/published-date'
import { ensureSkeleton, lowerAttributeNames, stripFurniture, stripRawText } from './html/strip-markup'
import { collectBlocks, type TextBlock } from './html/text-blocks'
import { pickTitle } from './html/title'

export { UnreadablePageError } from './html/budget'
export type { PublishedFrom } from './html/published-date'
export { stripFurniture, stripRawText, type StrippedHtml } from './html/strip-markup'
export type { BlockKind, TextBlock } from './html/text-blocks'

/** What `parseArticle` returns. */
export interface ParsedArticle {
  title: string | null
  /** Lower-case language tag from the markup (`en`, `ko-kr`), or guessed for Korean/Japanese text. */
  lang: string | null
  /** Publication day, `YYYY-MM-DD`, as written in the page's own time zone. */
  published: string | null
  publishedFrom: PublishedFrom | null
  blocks: TextBlock[]
}

/** Inputs besides the HTML: the page's URL, plus the fetch time and date hint ({@link DateHints}). */
export interface ParseOptions extends DateHints {
  /** The page's URL (used to recognise the site name in titles). */
  url: string
}

/** True for bytes that are not text (an image served as HTML). A stray NUL byte does not make a page binary. */
function looksBinary(html: string): boolean {
  const head = html.slice(0, 1024)
  const bad = head.match(/[\uFFFD\u0000-\u0008\u000E-\u001F]/g)?.length ?? 0
  return head.length > 64 && bad / head.length > 0.1
}

/**
 * Parses a news page into its title, language, published day and main-content text blocks.
 * Navigation, sidebars, "Trending"/"Related"/"More from" lists, comments, ads, cookie banners,
 * share bars and scripts are left out. Published day: JSON-LD, then meta tags, then
 * `<time datetime>`, then a visible byline date, then `hintPublished`, then `fetchedAt`;
 * days before 1990 or after the fetch are ignored.
 * @throws {UnreadablePageError} when the page is over its budget (too many nodes, too deep, too much text)
 * @param html the decoded page
 * @param options the page URL, fetch time and an optional date hint
 */
export function parseArticle(html: string, options: ParseOptions): ParsedArticle {
  if (looksBinary(html)) return { title: null, lang: null, blocks: [], ...findPublished(() => '', createEmptyScan(), null, [], [], options) }
  // Browsers drop NUL characters from a page's text; so do we.
  const { markup, jsonLd } = stripRawText(html.includes('\u0000') ? html.replaceAll('\u0000', '') : html)
  const page = ensureSkeleton(lowerAttributeNames(stripFurniture(markup)))
  // Refuse a hostile page before building a DOM of it (throws UnreadablePageError).
  checkMarkupBudget(page)
  const doc = parseHTML(page).document as unknown as { documentElement: DomNode | null }
  const scan = scanDocument(doc.documentElement)
  const container = pickContainer(scan)
  const blocks = container ? collectBlocks(container, scan) : []
  checkTextLength(blocks.reduce((n, b) => n + b.text.length, 0))
  const ld = readJsonLd(jsonLd)
  return {
    title: pickTitle(scan, container, ld.headline, options.url),
    lang: pickLang(scan, ld.lang, blocks),
    ...findPublished(() => scan.body?.textContent ?? '', scan, container, blocks, ld.dates, options),
    blocks,
  }
}
