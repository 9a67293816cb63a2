/**
 * HTML → the article's main text as typed blocks, plus its title, language and published day.
 *
 * Speed matters (one cron run parses many pages inside a Worker's CPU budget) and news pages are
 * mostly inline script, so raw-text bodies are cut with a string scan first and the rest is
 * parsed once with linkedom. Everything here is pure: no I/O, no globals.
 */
import { parseHTML } from 'linkedom/worker'
import { parseLooseDate, toIsoDay } from './dates'

/** What a block of text is, by the element that held it. */
export type BlockKind = 'heading' | 'paragraph' | 'item' | 'quote' | 'caption'

/** One run of main-content text (whitespace collapsed, entities decoded), in document order. */
export interface TextBlock {
  kind: BlockKind
  text: string
}

/** Where the published day came from, most trustworthy first. */
export type PublishedFrom = 'json-ld' | 'meta' | 'time' | 'visible' | 'hint' | 'fetched'

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

/** Inputs besides the HTML. */
export interface ParseOptions {
  /** The page's URL (used to recognise the site name in titles). */
  url: string
  /** When it was fetched (ISO); the last-resort published day and the "future" cut-off. */
  fetchedAt?: string | null
  /** A date known from elsewhere, e.g. a feed item's pubDate. */
  hintPublished?: string | null
}

/** The HTML with raw-text bodies removed, and the JSON-LD kept aside. */
export interface StrippedHtml {
  markup: string
  jsonLd: string[]
}

// ---------------------------------------------------------------------------------------------
// Pre-parse string scan
// ---------------------------------------------------------------------------------------------

// Elements whose bodies are never article text, and void tags with no text (every node and
// attribute costs linkedom a WeakMap entry, so images and links are cut before parsing too).
const RAW_OPEN = /<!--|<(script|style|noscript|svg|template|iframe|textarea|object|math|link|img|source|input|embed|track|wbr|param|area)\b([^>]*)>/gi
const VOID = new Set(['link', 'img', 'source', 'input', 'embed', 'track', 'wbr', 'param', 'area'])
const CLOSE_TAG: Record<string, RegExp> = {}

/** A cached case-insensitive finder for `</name`. */
function closerFor(name: string): RegExp {
  return (CLOSE_TAG[name] ??= new RegExp(`</${name}\\s*>`, 'gi'))
}

/**
 * Cuts `<script>`, `<style>`, `<noscript>`, `<svg>`, `<template>`, `<iframe>` (and similar)
 * bodies and comments out of the HTML with a string scan, before any DOM is built.
 * An unclosed one at the end (a truncated page) swallows the rest, as a browser would.
 * @param html the page
 * @returns the remaining markup and the bodies of `application/ld+json` scripts
 */
export function stripRawText(html: string): StrippedHtml {
  const parts: string[] = []
  const jsonLd: string[] = []
  let last = 0
  RAW_OPEN.lastIndex = 0
  for (let m = RAW_OPEN.exec(html); m !== null; m = RAW_OPEN.exec(html)) {
    parts.push(html.slice(last, m.index))
    const open = m[0]
    if (open === '<!--') {
      const end = html.indexOf('-->', m.index + 4)
      last = end < 0 ? html.length : end + 3
    } else {
      const name = m[1]!.toLowerCase()
      const attrs = m[2] ?? ''
      const bodyStart = m.index + open.length
      if (VOID.has(name) || (name === 'svg' && attrs.endsWith('/'))) {
        last = bodyStart
      } else {
        const closer = closerFor(name)
        closer.lastIndex = bodyStart
        const close = closer.exec(html)
        const bodyEnd = close ? close.index : html.length
        if (name === 'script' && /application\/ld\+json/i.test(attrs)) jsonLd.push(html.slice(bodyStart, bodyEnd))
        last = close ? close.index + close[0].length : html.length
      }
    }
    RAW_OPEN.lastIndex = last
  }
  parts.push(html.slice(last))
  return { markup: parts.join(''), jsonLd }
}

// Page furniture that is never article text. Cut as strings too, because every node costs
// linkedom allocations: a typical page's nav, sidebar and comments outnumber its paragraphs.
const FURNITURE_OPEN = /<(nav|aside|form|div|section|ol|ul)\b([^>]*)>/gi
const FURNITURE_TOKEN =
  /^(?:comments?|comment-(?:list|area|section|respond)|sidebar|related(?:-[\w-]+)?|trending|popular|recommended|newsletter|share|sharing|social|cookie(?:-banner|-notice)?|consent|ad-slot|ads?|advert\w*|promo|breadcrumbs?|menu|widget)$/i
const ATTR_TOKENS = /\b(?:id|class)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi
// Never cut something that holds the article itself.
const ARTICLE_INSIDE = /<article\b|<main\b|itemprop\s*=\s*["']?articleBody|entry-content|article-body|post-content/i

function isFurniture(name: string, attrs: string): boolean {
  if (name === 'nav' || name === 'aside' || name === 'form') return true
  ATTR_TOKENS.lastIndex = 0
  for (let m = ATTR_TOKENS.exec(attrs); m !== null; m = ATTR_TOKENS.exec(attrs)) {
    const value = m[1] ?? m[2] ?? m[3] ?? ''
    if (value.split(/\s+/).some((t) => FURNITURE_TOKEN.test(t))) return true
  }
  return false
}

/** End of the element that opens at `from` (after its start tag), counting nested same-name tags. */
function elementEnd(markup: string, name: string, from: number): number {
  const tag = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi')
  tag.lastIndex = from
  let depth = 1
  for (let m = tag.exec(markup); m !== null; m = tag.exec(markup)) {
    depth += m[1] ? -1 : 1
    if (depth === 0) return m.index + m[0].length
  }
  return -1
}

/**
 * Cuts navigation, asides, forms and elements whose id/class names page furniture (comments,
 * sidebar, related, trending, ads, cookie banners, …) before the DOM is built. An element that
 * would take the article with it, or has no closing tag, is left for the DOM pass.
 */
export function stripFurniture(markup: string): string {
  const parts: string[] = []
  let last = 0
  FURNITURE_OPEN.lastIndex = 0
  for (let m = FURNITURE_OPEN.exec(markup); m !== null; m = FURNITURE_OPEN.exec(markup)) {
    const name = m[1]!.toLowerCase()
    if (!isFurniture(name, m[2] ?? '')) continue
    const end = elementEnd(markup, name, m.index + m[0].length)
    if (end < 0 || ARTICLE_INSIDE.test(markup.slice(m.index, end))) continue
    parts.push(markup.slice(last, m.index))
    last = end
    FURNITURE_OPEN.lastIndex = end
  }
  parts.push(markup.slice(last))
  return parts.join('')
}

// Tags that may appear before <body>; the first other tag starts the body.
const HEAD_TAG = /<\/?([a-zA-Z][\w-]*)/g
const HEAD_ONLY = new Set(['html', 'head', 'title', 'meta', 'base', 'link', 'style', 'script', 'noscript', 'template'])

// linkedom keeps attribute names as written, so `CLASS="sidebar"` would hide from getAttribute.
const UPPER_ATTR = /<[a-zA-Z][\w-]*\s+[A-Z][\w-]*\s*=/
const UPPER_ATTR_NAME = /(\s)([\w:-]*[A-Z][\w:-]*)(?=\s*=)/g

/** Lower-cases attribute names in old upper-case markup (values rarely hold "Name=" text). */
function lowerAttributeNames(markup: string): string {
  if (!UPPER_ATTR.test(markup)) return markup
  return markup.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(UPPER_ATTR_NAME, (_, space: string, name: string) => space + name.toLowerCase()))
}

/**
 * linkedom does not imply missing `<html>` / `<body>` tags (a fragment becomes a `<p>` document),
 * so add them where the page left them out.
 */
function ensureSkeleton(markup: string): string {
  const head = markup.slice(0, 4096)
  let out = markup
  if (!/<body[\s>]/i.test(markup)) {
    HEAD_TAG.lastIndex = 0
    let at = -1
    for (let m = HEAD_TAG.exec(markup); m !== null; m = HEAD_TAG.exec(markup)) {
      if (!HEAD_ONLY.has(m[1]!.toLowerCase())) {
        at = m.index
        break
      }
    }
    out = at < 0 ? `${markup}<body></body>` : `${markup.slice(0, at)}<body>${markup.slice(at)}`
  }
  return /<html[\s>]/i.test(head) ? out : `<html>${out}`
}

// ---------------------------------------------------------------------------------------------
// The DOM we use (linkedom's nodes; typed structurally because its .d.ts needs the DOM lib)
// ---------------------------------------------------------------------------------------------

/** The slice of a linkedom node this module touches. */
interface DomNode {
  readonly nodeType: number
  readonly localName?: string
  readonly firstChild: DomNode | null
  readonly nextSibling: DomNode | null
  readonly parentNode: DomNode | null
  readonly textContent: string | null
  readonly data?: string
  getAttributeNode?(name: string): { value: string } | null
}

const ELEMENT = 1
const TEXT = 3

/** An attribute's value, or '' (avoids linkedom's classList machinery behind `className`). */
function attr(el: DomNode, name: string): string {
  return el.getAttributeNode?.(name)?.value ?? ''
}

/** True when `node` is `ancestor` or inside it. */
function isInside(node: DomNode, ancestor: DomNode): boolean {
  for (let n: DomNode | null = node; n; n = n.parentNode) if (n === ancestor) return true
  return false
}

/** Text of a subtree, giving up (returning null) once it exceeds `max` characters. */
function shortText(el: DomNode, max: number): string | null {
  const parts: string[] = []
  let length = 0
  const walk = (node: DomNode): boolean => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT) {
        const d = c.data ?? ''
        length += d.length
        if (length > max * 2 + 64) return false
        parts.push(d)
      } else if (c.nodeType === ELEMENT) {
        if (!walk(c)) return false
        if (!INLINE.has(c.localName ?? '')) parts.push(' ')
      }
    }
    return true
  }
  if (!walk(el)) return null
  const text = collapse(parts.join(''))
  return text.length > max ? null : text
}

// Only whitespace runs that are not already a single space: most of a text needs no replacing,
// and replacing every space costs more than the DOM walk.
const UNTIDY_SPACE = /(?:[^\S ]|\u200b)[\s\u200b]*| [\s\u200b]+/g

/** Collapses whitespace (incl. nbsp and zero-width space) to single spaces and trims. */
function collapse(text: string): string {
  return text.replace(UNTIDY_SPACE, ' ').trim()
}

// ---------------------------------------------------------------------------------------------
// Boilerplate classification
// ---------------------------------------------------------------------------------------------

/** Why an element is not article text. */
type Reason = 'tag' | 'chrome' | 'comments' | 'ad' | 'class' | 'hidden'

// Whole elements that never hold article prose.
const DROP_TAGS = new Set([
  'nav', 'aside', 'form', 'button', 'select', 'option', 'textarea', 'input', 'dialog', 'menu', 'object',
  'embed', 'canvas', 'video', 'audio', 'map', 'head', 'script', 'style', 'noscript', 'template', 'iframe', 'svg',
])
const CHROME_TAGS = new Set(['header', 'footer'])
const DROP_ROLES = new Set(['navigation', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar', 'tablist'])
const CHROME_ROLES = new Set(['banner', 'contentinfo'])

// id/class words (after splitting on - _ and spaces) that mark page furniture.
const COMMENT_WORDS = new Set(['comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies', 'discussion'])
const AD_WORDS = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'adbox', 'adwrap',
  'adsbygoogle', 'adsense', 'dfp', 'gpt', 'sponsor', 'sponsored', 'sponsors', 'taboola', 'outbrain', 'teads',
])
const FURNITURE_WORDS = new Set([
  'sidebar', 'rail', 'related', 'relatedposts', 'trending', 'popular', 'recommended', 'recommendations', 'recirc',
  'newsletter', 'subscribe', 'signup', 'share', 'sharing', 'sharebar', 'sharedaddy', 'addtoany', 'social', 'socials',
  'cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'onetrust', 'didomi', 'breadcrumb', 'breadcrumbs', 'menu', 'submenu',
  'megamenu', 'navbar', 'nav', 'navigation', 'widget', 'widgets', 'promo', 'promos', 'modal', 'popup', 'toolbar',
  'skiplink', 'yarpp', 'mostread', 'pagination', 'pager', 'tags', 'tagcloud', 'bio', 'authorbox',
])
const FURNITURE_PAIRS = new Set([
  'more-from', 'more-stories', 'more-news', 'more-articles', 'recent-posts', 'recent-articles', 'also-like', 'may-like',
  'read-more', 'read-next', 'up-next', 'most-read', 'most-popular', 'side-bar', 'ad-slot', 'screen-reader', 'sr-only',
  'visually-hidden', 'author-box', 'about-author', 'author-bio', 'you-might', 'dont-miss', 'editors-picks', 'top-stories',
  'see-also', 'also-read',
])
const CHROME_WORDS = new Set(['header', 'footer', 'masthead', 'topbar'])
const WORD = /[a-z0-9]+/g
// Class names that describe a state ("has-comments"), not a comments box.
const STATE_CLASS = /^(?:has|no|is|with|without|show|hide|enable|disable|can)[-_]/
const STATE_CLASS_ANYWHERE = /(?:^|\s)(?:has|no|is|with|without|show|hide|enable|disable|can)[-_]/

/** Splits id and class into lower-case words, dropping state-like class names. */
function wordsOf(id: string, cls: string): string[] {
  const key = `${id} ${cls}`.toLowerCase()
  // Most class lists have no state words; skip the per-name split for them.
  if (!STATE_CLASS_ANYWHERE.test(key)) return key.match(WORD) ?? []
  const out: string[] = []
  for (const name of key.split(/\s+/)) {
    if (!name || STATE_CLASS.test(name)) continue
    for (const w of name.match(WORD) ?? []) out.push(w)
  }
  return out
}

/**
 * Classifies an element as page furniture by its tag, role, visibility and id/class words.
 * Pure: whether it is then dropped depends on where the main container is.
 */
function classify(el: DomNode, name: string): Reason | null {
  if (DROP_TAGS.has(name)) return 'tag'
  if (CHROME_TAGS.has(name)) return 'chrome'
  const role = attr(el, 'role').toLowerCase()
  if (role) {
    if (DROP_ROLES.has(role)) return 'tag'
    if (CHROME_ROLES.has(role)) return 'chrome'
  }
  const id = attr(el, 'id')
  const cls = attr(el, 'class')
  if (id || cls) {
    const words = wordsOf(id, cls)
    let reason: Reason | null = null
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!
      if (COMMENT_WORDS.has(w)) return 'comments'
      if (AD_WORDS.has(w)) reason = 'ad'
      else if (reason === null && (FURNITURE_WORDS.has(w) || (i > 0 && FURNITURE_PAIRS.has(`${words[i - 1]}-${w}`)))) reason = 'class'
      else if (reason === null && CHROME_WORDS.has(w)) reason = 'chrome'
    }
    if (reason) return reason
  }
  if (el.getAttributeNode?.('hidden')) return 'hidden'
  if (attr(el, 'aria-hidden') === 'true') return 'hidden'
  const style = attr(el, 'style')
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return 'hidden'
  if (attr(el, 'data-ad-slot') || attr(el, 'data-ad-id') || attr(el, 'data-ad')) return 'ad'
  return null
}

// ---------------------------------------------------------------------------------------------
// One walk over the document: metadata, candidates, furniture and text scores
// ---------------------------------------------------------------------------------------------

/** A `<time>` or byline-like element seen during the walk. */
interface DateSpot {
  el: DomNode
  /** Inside an element classified as furniture. */
  furniture: boolean
}

/** A possible main container and how specific it is. */
interface Candidate {
  el: DomNode
  tier: number
  score: number
}

/** Everything the single document walk learns. */
interface Scan {
  body: DomNode | null
  lang: string
  title: string
  metas: Map<string, string>
  times: DateSpot[]
  bylines: DateSpot[]
  h1s: DateSpot[]
  candidates: Candidate[]
  /** Furniture elements with their reason and own (non-link, non-furniture) text score. */
  furniture: Map<DomNode, { reason: Reason; score: number }>
}

// Containers that usually hold an article body ("entry-content", "story-body", "mw-content-text").
const CONTENT_CLASS = /(?:^|[\s_-])(?:entry|post|article|story|news|blog|main|page|body|mw|td-post|rich)[-_]?(?:content|body|text|copy|article)(?:$|[\s_-])|(?:^|\s)(?:articlebody|article-body|storybody|post-entry)(?:$|\s)/i
const BYLINE_WORDS = new Set([
  'byline', 'dateline', 'posted', 'postedon', 'date', 'dates', 'published', 'publish', 'pubdate', 'timestamp', 'datetime',
  'meta', 'postmeta', 'entrymeta', 'time', 'publication', 'updated', 'lastmod', 'modified',
])

/** Walks the whole document once, from its root element. */
function scanDocument(root: DomNode | null): Scan {
  const scan: Scan = {
    body: null,
    lang: '',
    title: '',
    metas: new Map(),
    times: [],
    bylines: [],
    h1s: [],
    candidates: [],
    furniture: new Map(),
  }
  // Returns the non-link text length under `node`, not counting furniture children.
  const visit = (node: DomNode, inFurniture: boolean, inLink: boolean): number => {
    let score = 0
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT) {
        if (!inLink) score += (c.data ?? '').trim().length
      } else if (c.nodeType === ELEMENT) {
        score += visitElement(c, inFurniture, inLink)
      }
    }
    return score
  }
  // Returns what the element adds to its parent's score (0 for furniture).
  const visitElement = (el: DomNode, inFurniture: boolean, inLink: boolean): number => {
    const name = el.localName ?? ''
    if (name === 'meta') {
      noteMeta(scan, el)
      return 0
    }
    if (name === 'title') {
      if (!scan.title) scan.title = collapse(el.textContent ?? '')
      return 0
    }
    if (name === 'html') scan.lang = attr(el, 'lang') || attr(el, 'xml:lang')
    if (name === 'body') scan.body = el
    const reason = name === 'html' || name === 'body' ? null : classify(el, name)
    // An article's own header holds its byline; only site chrome hides dates (masthead "today").
    const furniture = inFurniture || (reason !== null && !(reason === 'chrome' && isArticleChrome(el)))
    if (name === 'time') scan.times.push({ el, furniture })
    else if (name === 'h1') scan.h1s.push({ el, furniture })
    if (attr(el, 'itemprop') && attr(el, 'content')) noteMeta(scan, el)
    const tier = candidateTier(el, name)
    if (!furniture && tier < 0 && isBylineLike(el)) scan.bylines.push({ el, furniture })
    const own = visit(el, furniture, inLink || name === 'a')
    if (tier >= 0) scan.candidates.push({ el, tier, score: own })
    if (reason === null) return own
    scan.furniture.set(el, { reason, score: own })
    return 0
  }
  // Start at <html>: linkedom's doctype node has no nextSibling.
  if (root) visitElement(root, false, false)
  return scan
}

/** True for a header/footer that belongs to an article rather than to the site. */
function isArticleChrome(el: DomNode): boolean {
  return hasArticleAncestor(el) || containsTag(el, 'h1')
}

/** Records a `<meta>` (or any element with itemprop + content) under its lower-cased key. */
function noteMeta(scan: Scan, el: DomNode): void {
  const key = (attr(el, 'property') || attr(el, 'name') || attr(el, 'itemprop') || attr(el, 'http-equiv')).toLowerCase()
  const content = attr(el, 'content')
  if (key && content && !scan.metas.has(key)) scan.metas.set(key, content)
}

/** How specific a main-content candidate is: body 0, main 1, article 3, article-body classes 2; -1 = not one. */
function candidateTier(el: DomNode, name: string): number {
  if (name === 'body') return 0
  if (name === 'article') return 3
  if (attr(el, 'itemprop').toLowerCase() === 'articlebody') return 2
  if (name === 'main' || attr(el, 'role') === 'main') return 1
  if (name === 'div' || name === 'section') {
    const key = `${attr(el, 'id')} ${attr(el, 'class')}`
    if (key.length > 1 && CONTENT_CLASS.test(key)) return 2
  }
  return -1
}

/** True for small elements whose id/class says byline or date. */
function isBylineLike(el: DomNode): boolean {
  const id = attr(el, 'id')
  const cls = attr(el, 'class')
  if (!id && !cls) return false
  const words = wordsOf(id, cls)
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (BYLINE_WORDS.has(w) || (i > 0 && BYLINE_WORDS.has(words[i - 1]! + w))) return true
  }
  return false
}

/**
 * The main container: the candidate holding the most non-link text wins, but among those within
 * 80% of the best, a more specific one (`article` over article-body classes over `main` over
 * `body`, and the inner of two nested ones of the same kind) is preferred.
 */
function pickContainer(scan: Scan): DomNode | null {
  let best = 0
  for (const c of scan.candidates) best = Math.max(best, c.score)
  if (best === 0) return scan.body
  let chosen: Candidate | null = null
  for (const c of scan.candidates) {
    if (c.score < best * 0.8) continue
    if (!chosen || c.tier > chosen.tier) chosen = c
    else if (c.tier === chosen.tier) {
      if (isInside(c.el, chosen.el)) chosen = c
      else if (!isInside(chosen.el, c.el) && c.score > chosen.score) chosen = c
    }
  }
  return chosen?.el ?? scan.body
}

// ---------------------------------------------------------------------------------------------
// Blocks
// ---------------------------------------------------------------------------------------------

// Elements that flow inside a line of text; anything else starts a new block.
const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'kbd', 'label', 'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'time', 'tt', 'u', 'var', 'wbr', 'img', 'picture', 'source',
])
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
// Headings that introduce link lists to other stories.
const LIST_LABEL =
  /^(?:trending(?: now| stories| news)?|popular(?: now| stories| posts| articles)?|most (?:popular|read|viewed)|related(?: stories| articles| posts| news| content| reading)?|read more|read next|more from\b.*|more (?:stories|news|articles)|recent posts|recent stories|latest stories|you may (?:also )?like|you might (?:also )?like|recommended(?: for you| stories)?|see also|also read|don'?t miss|editor'?s picks|top stories|what to (?:read|watch) next)\s*:?$/i
// Lines that are ad labels or sizes, not text.
const AD_LINE =
  /^(?:advertisement|advertisements|advert|ad|ads|sponsored(?: content)?|promoted|story continues below(?: advertisement)?|continue reading below|scroll to continue(?: with content)?|광고|\d{2,4}\s*[x×]\s*\d{2,4}|(?:this (?:web)?site|we) uses? cookies\b.{0,80})$/i
// Inline pointers to other stories: "Also read: …", "READ MORE | …".
const POINTER_LINE = /^(?:also read|read also|read more|must read|related|recommended|see also|more from [^:|]{1,40})\s*[:|–—-]/i

/** Mutable state for one block collection pass. */
interface BlockPass {
  out: TextBlock[]
  scan: Scan
  containerScore: number
  /** No article-like container was found: the whole body is read, so link-only lines are menus. */
  bodyFallback: boolean
}

/** Inline text gathered for the current block. */
interface Line {
  parts: string[]
  /** Some of it is text outside links. */
  plain: boolean
}

/**
 * Collects the container's text as blocks: one per p / li / h1–h6 / blockquote / figcaption /
 * td / dd (and for divs, their own direct text), skipping furniture inside it.
 */
function collectBlocks(container: DomNode, scan: Scan): TextBlock[] {
  const own = scan.candidates.find((c) => c.el === container)
  const pass: BlockPass = { out: [], scan, containerScore: own?.score ?? 0, bodyFallback: container.localName === 'body' }
  const inArticle = container.localName === 'article' || hasArticleAncestor(container)
  emitBlock(pass, container, 'paragraph', inArticle)
  return pass.out
}

/** True when an `<article>` encloses the node (its header/footer then belong to it). */
function hasArticleAncestor(node: DomNode): boolean {
  for (let n = node.parentNode; n; n = n.parentNode) if (n.localName === 'article') return true
  return false
}

/** Decides whether a furniture element inside the container is dropped. */
function isDropped(pass: BlockPass, el: DomNode, name: string, inArticle: boolean): boolean {
  const f = pass.scan.furniture.get(el)
  if (!f) return false
  switch (f.reason) {
    case 'tag':
    case 'comments':
      // A <form> wrapping the whole story (old ASP.NET sites) is not a comment form.
      return !(name === 'form' && f.score > 300 && f.score > pass.containerScore)
    case 'chrome':
      return !(inArticle || containsTag(el, 'h1'))
    case 'ad':
      return !containsTag(el, 'figure')
    default:
      // A mislabelled wrapper holding more text than the rest of the container is the story.
      return !(f.score > 300 && f.score > pass.containerScore)
  }
}

/** True when some descendant has the tag. */
function containsTag(el: DomNode, tag: string): boolean {
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT) continue
    if (c.localName === tag || containsTag(c, tag)) return true
  }
  return false
}

/** The block kind of a child element, given its parent's. */
function kindFor(name: string, parent: BlockKind): BlockKind {
  if (HEADINGS.has(name)) return 'heading'
  if (name === 'li' || name === 'dd' || name === 'dt') return 'item'
  if (name === 'blockquote') return 'quote'
  if (name === 'figcaption') return 'caption'
  if (name === 'td' || name === 'th') return 'paragraph'
  return parent === 'heading' ? 'paragraph' : parent
}

/** Emits an element's text as blocks, recursing into block-level children. */
function emitBlock(pass: BlockPass, el: DomNode, kind: BlockKind, inArticle: boolean): void {
  const line: Line = { parts: [], plain: false }
  walkChildren(pass, el, kind, line, inArticle, false)
  flush(pass, line, kind)
}

/** Walks children: inline text joins the current line, block children flush it and recurse. */
function walkChildren(pass: BlockPass, el: DomNode, kind: BlockKind, line: Line, inArticle: boolean, inLink: boolean): void {
  // After a "Trending" / "More from" label, the following link lists are dropped too.
  let skippingLists = false
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === TEXT) {
      const data = c.data ?? ''
      line.parts.push(data)
      if (!inLink && !line.plain && /\S/.test(data)) line.plain = true
      continue
    }
    if (c.nodeType !== ELEMENT) continue
    const name = c.localName ?? ''
    if (isDropped(pass, c, name, inArticle)) continue
    if (name === 'br') {
      line.parts.push('\n')
      continue
    }
    if (INLINE.has(name)) {
      walkChildren(pass, c, kind, line, inArticle, inLink || name === 'a')
      continue
    }
    if (isListLabel(c, name)) {
      skippingLists = true
      continue
    }
    if (skippingLists) {
      if (!HEADINGS.has(name) && isLinkList(c, name)) continue
      skippingLists = false
    }
    flush(pass, line, kind)
    if (name === 'tr') emitRow(pass, c, inArticle)
    else emitBlock(pass, c, kindFor(name, kind), inArticle || name === 'article')
  }
}

/** A table row with a header cell becomes one "label: value" block (infobox rows). */
function emitRow(pass: BlockPass, tr: DomNode, inArticle: boolean): void {
  let label: string | null = null
  const values: string[] = []
  for (let c = tr.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT) continue
    if (c.localName === 'th' && label === null) label = shortText(c, 80)
    else if (c.localName === 'td' && label === null) emitBlock(pass, c, 'paragraph', inArticle)
    else if (c.localName === 'td') values.push(collapse(shortText(c, 400) ?? ''))
  }
  if (label === null) return
  const text = values.filter(Boolean).join(' ')
  pushBlock(pass, 'paragraph', text ? `${label}: ${text}` : label)
}

/** True for a heading-like element whose whole text is "Trending", "More from …" and the like. */
function isListLabel(el: DomNode, name: string): boolean {
  if (!HEADINGS.has(name) && name !== 'p' && name !== 'div' && name !== 'header') return false
  const text = shortText(el, 60)
  return text !== null && text.length > 0 && LIST_LABEL.test(text)
}

/** True for a list, or a box that is mostly links (the stories under a "Related" label). */
function isLinkList(el: DomNode, name: string): boolean {
  if (name === 'ul' || name === 'ol' || name === 'dl') return true
  let all = 0
  let linked = 0
  const walk = (node: DomNode, inLink: boolean): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT) {
        const n = (c.data ?? '').trim().length
        all += n
        if (inLink) linked += n
      } else if (c.nodeType === ELEMENT) walk(c, inLink || c.localName === 'a')
    }
  }
  walk(el, false)
  return all === 0 || linked / all > 0.6 || containsTag(el, 'ul') || containsTag(el, 'ol')
}

/** Turns the gathered inline text into blocks (a double `<br>` splits paragraphs). */
function flush(pass: BlockPass, line: Line, kind: BlockKind): void {
  if (line.parts.length === 0) return
  const raw = line.parts.join('')
  const plain = line.plain
  line.parts.length = 0
  line.plain = false
  if (!plain && pass.bodyFallback && kind === 'paragraph') return
  for (const piece of raw.split(/\n[^\S\n]*\n/)) pushBlock(pass, kind, collapse(piece))
}

/** Adds a block unless it is empty, an ad label or a pointer to another story. */
function pushBlock(pass: BlockPass, kind: BlockKind, text: string): void {
  if (!text || AD_LINE.test(text) || POINTER_LINE.test(text)) return
  pass.out.push({ kind, text })
}

// ---------------------------------------------------------------------------------------------
// Published date
// ---------------------------------------------------------------------------------------------

const META_DATE_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'article:published', 'article.published',
  'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'date', 'dc.date',
  'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date',
  'cxenseparse:recs:publishtime', 'citation_publication_date', 'citation_date',
]
const ARTICLE_TYPE = /(?:^|[^a-z])(?:article|newsarticle|blogposting|reportagenewsarticle|analysisnewsarticle|liveblogposting|report|posting)$/i
// Short lines that introduce a byline date.
const BYLINE_HINT =
  /^(?:by|posted|published|written|updated|date|last updated)\b|[|·•]|\b(?:posted|published|updated)(?: on| at)?:?\s+(?:\p{L}+,?\s+)?\p{N}|\b(?:posted|published|updated)(?: on)?:?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|기자|입력|작성|등록|발행|수정/iu
const PUBLISHED_WORD = /\b(?:posted|published|first published|created)\b|입력|작성|등록|발행/i
const MODIFIED_WORD = /\b(?:updated|modified|edited|revised)\b|수정/i
const LAST_EDITED = /\blast (?:edited|modified|updated)(?: on)?:?\s*([^\n]{4,60})/i

/** A day plus, when the source had a full timestamp, the instant (for the future check). */
interface DayValue {
  day: string
  instant: number | null
}

/**
 * Reads a machine or human date value as the calendar day it was written in:
 * "2022-06-06T23:30:00-05:00" is June 6 (its own offset), not June 7 UTC.
 */
function toDay(value: string | null | undefined): DayValue | null {
  if (!value) return null
  const s = value.trim()
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s](\d{1,2}):(\d{2}))?/.exec(s)
  if (isoMatch) {
    const day = `${isoMatch[1]}-${isoMatch[2]!.padStart(2, '0')}-${isoMatch[3]!.padStart(2, '0')}`
    const check = new Date(`${day}T00:00:00Z`)
    if (Number.isNaN(check.getTime()) || toIsoDay(check) !== day) return null
    const zoned = isoMatch[4] !== undefined && /(?:Z|[+-]\d{2}:?\d{2})$/i.test(s)
    const instant = zoned ? Date.parse(s.replace(' ', 'T')) : Number.NaN
    return { day, instant: Number.isNaN(instant) ? null : instant }
  }
  if (/^\d{8}$/.test(s)) return toDay(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`)
  if (/^\d{10}(?:\d{3})?$/.test(s)) {
    const ms = s.length === 10 ? Number(s) * 1000 : Number(s)
    return { day: toIsoDay(new Date(ms)), instant: ms }
  }
  const loose = parseLooseDate(s)
  return loose ? { day: loose, instant: null } : null
}

/** Accepts a day unless it is before 1990 or after the fetch (a day of slack for time zones). */
function isPlausible(value: DayValue, fetched: DayValue | null): boolean {
  if (value.day < '1990-01-01') return false
  if (!fetched) return true
  if (value.instant !== null && fetched.instant !== null) return value.instant <= fetched.instant + 3_600_000
  const limit = fetched.instant !== null ? toIsoDay(new Date(fetched.instant + 14 * 3_600_000)) : fetched.day
  return value.day <= limit
}

/** `datePublished` values from JSON-LD blocks, article types first. */
function jsonLdDates(jsonLd: string[]): { dates: string[]; headline: string | null; lang: string | null } {
  const preferred: string[] = []
  const others: string[] = []
  let headline: string | null = null
  let lang: string | null = null
  const visit = (node: unknown, depth: number): void => {
    if (depth > 6 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) visit(item, depth + 1)
      return
    }
    const obj = node as Record<string, unknown>
    const types = ([] as unknown[]).concat(obj['@type'] ?? []).map(String)
    const isArticle = types.some((t) => ARTICLE_TYPE.test(t))
    const published = obj['datePublished'] ?? (isArticle ? obj['dateCreated'] : undefined)
    if (typeof published === 'string') (isArticle ? preferred : others).push(published)
    if (isArticle && headline === null && typeof obj['headline'] === 'string') headline = obj['headline']
    if (isArticle && lang === null && typeof obj['inLanguage'] === 'string') lang = obj['inLanguage']
    for (const [key, value] of Object.entries(obj)) {
      if (key === '@graph' || key === 'mainEntity' || key === 'mainEntityOfPage' || Array.isArray(value)) visit(value, depth + 1)
    }
  }
  for (const raw of jsonLd) {
    const text = raw.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, '').trim()
    try {
      visit(JSON.parse(text), 0)
    } catch {
      // Broken JSON (trailing commas, raw newlines): read the field directly.
      const m = /"datePublished"\s*:\s*"([^"]+)"/.exec(text)
      if (m) others.push(m[1]!)
    }
  }
  return { dates: [...preferred, ...others], headline, lang }
}

/** Finds the first plausible date in a short visible text, preferring the one after "Published". */
function visibleDate(text: string): DayValue | null {
  const at = text.search(PUBLISHED_WORD)
  const day = (at > 0 ? parseLooseDate(text.slice(at)) : null) ?? parseLooseDate(text)
  return day ? { day, instant: null } : null
}

/** The published day and where it came from, trying each source in trust order. */
function findPublished(
  bodyText: () => string,
  scan: Scan,
  container: DomNode | null,
  blocks: TextBlock[],
  ld: string[],
  options: ParseOptions,
): { published: string | null; publishedFrom: PublishedFrom | null } {
  const fetched = toDay(options.fetchedAt)
  const accept = (v: DayValue | null): string | null => (v && isPlausible(v, fetched) ? v.day : null)
  const found = (day: string | null, from: PublishedFrom) => (day ? { published: day, publishedFrom: from } : null)

  for (const value of ld) {
    const r = found(accept(toDay(value)), 'json-ld')
    if (r) return r
  }
  for (const key of META_DATE_KEYS) {
    const r = found(accept(toDay(scan.metas.get(key))), 'meta')
    if (r) return r
  }
  for (const t of rankTimes(scan, container)) {
    const r = found(accept(toDay(attr(t, 'datetime'))), 'time')
    if (r) return r
  }
  const r = found(visibleDay(bodyText, scan, container, blocks, accept), 'visible')
  if (r) return r
  const hint = found(accept(toDay(options.hintPublished)), 'hint')
  if (hint) return hint
  return found(fetched?.day ?? null, 'fetched') ?? { published: null, publishedFrom: null }
}

/**
 * `<time datetime>` elements, best first: in the article and marked as published, then others in
 * the article, then ones outside it that sit in a byline or are marked (not a teaser's date).
 */
function rankTimes(scan: Scan, container: DomNode | null): DomNode[] {
  const ranked: { el: DomNode; rank: number }[] = []
  for (const t of scan.times) {
    if (!attr(t.el, 'datetime')) continue
    const inside = container !== null && isInside(t.el, container)
    if (t.furniture && !inside) continue
    const marks = `${attr(t.el, 'itemprop')} ${attr(t.el, 'class')} ${t.el.getAttributeNode?.('pubdate') ? 'published' : ''}`
    const published = /published|pubdate|posted/i.test(marks)
    const modified = /modified|updated/i.test(marks)
    if (!inside && !published && !hasBylineAncestor(t.el)) continue
    ranked.push({ el: t.el, rank: (inside ? 0 : 2) + (published ? 0 : 1) + (modified ? 4 : 0) })
  }
  return ranked.sort((a, b) => a.rank - b.rank).map((r) => r.el)
}

/** True when the node is within a few levels around the container (its byline's neighbourhood). */
function isNear(node: DomNode, container: DomNode | null): boolean {
  let around = container
  for (let i = 0; i < 3 && around; i++) {
    around = around.parentNode
    if (around && isInside(node, around)) return true
  }
  return false
}

/** True when a byline-like element (by id/class) encloses the node. */
function hasBylineAncestor(node: DomNode): boolean {
  for (let n = node.parentNode; n && n.localName !== 'body'; n = n.parentNode) if (isBylineLike(n)) return true
  return false
}

/** A date written on the page: byline elements, short byline-like first blocks, "last edited". */
function visibleDay(
  bodyText: () => string,
  scan: Scan,
  container: DomNode | null,
  blocks: TextBlock[],
  accept: (v: DayValue | null) => string | null,
): string | null {
  const edited: string[] = []
  const inside = (el: DomNode) => container !== null && isInside(el, container)
  // Bylines in the article first, then ones just outside it (a WordPress "entry-meta" sits next
  // to "entry-content"); dates further away belong to teasers and widgets.
  const bylines = [
    ...scan.bylines.filter((b) => inside(b.el)),
    ...scan.times.filter((t) => inside(t.el)),
    ...scan.bylines.filter((b) => !inside(b.el) && isNear(b.el, container)),
  ]
  for (const b of bylines) {
    const text = shortText(b.el, 160)
    if (!text) continue
    if (MODIFIED_WORD.test(text) && !PUBLISHED_WORD.test(text)) {
      edited.push(text)
      continue
    }
    const day = accept(visibleDate(text))
    if (day) return day
  }
  for (const block of blocks.slice(0, 8)) {
    if (block.kind === 'heading' || block.text.length > 120) continue
    const v = visibleDate(block.text)
    if (!v) continue
    const bylineish = BYLINE_HINT.test(block.text) || v.day.length * 2 >= block.text.replace(/[^\p{L}\p{N}]/gu, '').length
    const day = bylineish ? accept(v) : null
    if (day) return day
  }
  for (const text of edited) {
    const day = accept(visibleDate(text))
    if (day) return day
  }
  // Wiki pages: "This page was last edited on …" sits in the footer.
  const m = LAST_EDITED.exec(bodyText())
  return m ? accept(visibleDate(m[1]!)) : null
}

// ---------------------------------------------------------------------------------------------
// Title and language
// ---------------------------------------------------------------------------------------------

/** The headline: og:title, twitter:title, JSON-LD headline, the article's h1, then `<title>`. */
function pickTitle(scan: Scan, container: DomNode | null, ldHeadline: string | null, url: string): string | null {
  const site = siteWords(url, scan.metas.get('og:site_name'))
  const candidates = [scan.metas.get('og:title'), scan.metas.get('twitter:title'), ldHeadline]
  const h1 = scan.h1s.find((h) => container !== null && isInside(h.el, container)) ?? scan.h1s.find((h) => !h.furniture)
  if (h1) candidates.push(shortText(h1.el, 400) ?? undefined)
  candidates.push(scan.title)
  for (const c of candidates) {
    const t = c ? stripSiteName(collapse(c), site) : ''
    if (t) return t
  }
  return null
}

/** Lower-case words naming the site: its host's main label and og:site_name. */
function siteWords(url: string, siteName: string | undefined): string[] {
  const words: string[] = []
  try {
    const host = new URL(url).hostname.replace(/^www\d*\./, '')
    const label = host.split('.').slice(0, -1).join('.') || host
    words.push(host, label.split('.').pop() ?? label)
  } catch {
    // Not a URL: only og:site_name can name the site.
  }
  if (siteName) words.push(siteName.toLowerCase())
  return words.filter((w) => w.length >= 3)
}

/** Drops a trailing " | Site" / " – site.com" segment when it names the site. */
function stripSiteName(title: string, site: string[]): string {
  const m = /^(.{8,}?)\s+[|–—:·-]\s+([^|–—·]{2,60})$/.exec(title)
  if (!m) return title
  const tail = m[2]!.toLowerCase().replace(/\s+/g, '')
  return site.some((w) => tail.includes(w.replace(/\s+/g, ''))) ? m[1]!.trim() : title
}

/** The language tag from markup, else guessed from the script of the text (Korean/Japanese only). */
function pickLang(scan: Scan, ldLang: string | null, blocks: TextBlock[]): string | null {
  const declared =
    scan.lang ||
    scan.metas.get('content-language') ||
    scan.metas.get('language') ||
    scan.metas.get('og:locale') ||
    ldLang ||
    ''
  const tag = declared.split(',')[0]!.trim().replace(/_/g, '-').toLowerCase()
  if (tag) return tag
  // A char-code loop: Unicode property regexes cost more than the whole DOM walk.
  let letters = 0
  let hangul = 0
  let kana = 0
  let seen = 0
  for (const block of blocks) {
    const t = block.text
    for (let i = 0; i < t.length && seen < 2000; i++, seen++) {
      const c = t.charCodeAt(i)
      if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++
      else if (c >= 0x3040 && c <= 0x30ff) kana++
      else if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x4e00 && c <= 0x9fff))) continue
      letters++
    }
    if (seen >= 2000) break
  }
  if (letters === 0) return null
  if (hangul / letters > 0.3) return 'ko'
  return kana / letters > 0.15 ? 'ja' : null
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

/** True for bytes that are not text (an image served as HTML). */
function looksBinary(html: string): boolean {
  const head = html.slice(0, 1024)
  if (head.includes('\u0000')) return true
  const bad = head.match(/[\uFFFD\u0001-\u0008\u000E-\u001F]/g)?.length ?? 0
  return head.length > 64 && bad / head.length > 0.1
}

/**
 * Parses a news page into its title, language, published day and main-content text blocks.
 * Navigation, sidebars, "Trending"/"Related"/"More from" lists, comments, ads, cookie banners,
 * share bars and scripts are left out. Published day: JSON-LD, then meta tags, then
 * `<time datetime>`, then a visible byline date, then `hintPublished`, then `fetchedAt`;
 * days before 1990 or after the fetch are ignored.
 * @param html the decoded page
 * @param options the page URL, fetch time and an optional date hint
 */
export function parseArticle(html: string, options: ParseOptions): ParsedArticle {
  if (looksBinary(html)) return { title: null, lang: null, blocks: [], ...findPublished(() => '', emptyScan(), null, [], [], options) }
  const { markup, jsonLd } = stripRawText(html)
  const doc = parseHTML(ensureSkeleton(lowerAttributeNames(stripFurniture(markup)))).document as unknown as { documentElement: DomNode | null }
  const scan = scanDocument(doc.documentElement)
  const container = pickContainer(scan)
  const blocks = container ? collectBlocks(container, scan) : []
  const ld = jsonLdDates(jsonLd)
  return {
    title: pickTitle(scan, container, ld.headline, options.url),
    lang: pickLang(scan, ld.lang, blocks),
    ...findPublished(() => scan.body?.textContent ?? '', scan, container, blocks, ld.dates, options),
    blocks,
  }
}

/** A scan of nothing, for pages that are not HTML at all. */
function emptyScan(): Scan {
  return { body: null, lang: '', title: '', metas: new Map(), times: [], bylines: [], h1s: [], candidates: [], furniture: new Map() }
}
