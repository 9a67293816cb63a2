/**
 * Finds the article in the parsed page. One walk over the document gathers everything later steps
 * need (metadata, dates, headings, container candidates, furniture and text scores), so no step
 * walks the DOM again; the main container is then chosen from the candidates.
 */
import { classifyElement, isBylineLike, type FurnitureReason } from './classify-element'
import { collapseWhitespace, containsTag, ELEMENT, hasArticleAncestor, isInside, readAttr, TEXT, type DomNode } from './dom'

/** A `<time>` or byline-like element seen during the walk. */
export interface DateSpot {
  el: DomNode
  /** Inside an element classified as furniture. */
  furniture: boolean
}

/** A possible main container and how specific it is. */
export interface Candidate {
  el: DomNode
  tier: number
  score: number
}

/** Everything the single document walk learns. */
export interface Scan {
  body: DomNode | null
  lang: string
  title: string
  metas: Map<string, string>
  times: DateSpot[]
  bylines: DateSpot[]
  h1s: DateSpot[]
  candidates: Candidate[]
  /** Furniture elements with their reason and own (non-link, non-furniture) text score. */
  furniture: Map<DomNode, { reason: FurnitureReason; score: number }>
}

// Containers that usually hold an article body ("entry-content", "story-body", "mw-content-text").
const CONTENT_CLASS = /(?:^|[\s_-])(?:entry|post|article|story|news|blog|main|page|body|mw|td-post|rich)[-_]?(?:content|body|text|copy|article)(?:$|[\s_-])|(?:^|\s)(?:articlebody|article-body|storybody|post-entry)(?:$|\s)/i

/** Walks the whole document once, from its root element. */
export function scanDocument(root: DomNode | null): Scan {
  const scan = createEmptyScan()
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
      recordMeta(scan, el)
      return 0
    }
    if (name === 'title') {
      if (!scan.title) scan.title = collapseWhitespace(el.textContent ?? '')
      return 0
    }
    if (name === 'html') scan.lang = readAttr(el, 'lang') || readAttr(el, 'xml:lang')
    if (name === 'body') scan.body = el
    const reason = name === 'html' || name === 'body' ? null : classifyElement(el, name)
    // An article's own header holds its byline; only site chrome hides dates (masthead "today").
    const furniture = inFurniture || (reason !== null && !(reason === 'chrome' && isArticleChrome(el)))
    if (name === 'time') scan.times.push({ el, furniture })
    else if (name === 'h1') scan.h1s.push({ el, furniture })
    if (readAttr(el, 'itemprop') && readAttr(el, 'content')) recordMeta(scan, el)
    const tier = getCandidateTier(el, name)
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
function recordMeta(scan: Scan, el: DomNode): void {
  const key = (readAttr(el, 'property') || readAttr(el, 'name') || readAttr(el, 'itemprop') || readAttr(el, 'http-equiv')).toLowerCase()
  const content = readAttr(el, 'content')
  if (key && content && !scan.metas.has(key)) scan.metas.set(key, content)
}

/** How specific a main-content candidate is: body 0, main 1, article 3, article-body classes 2; -1 = not one. */
function getCandidateTier(el: DomNode, name: string): number {
  if (name === 'body') return 0
  if (name === 'article') return 3
  if (readAttr(el, 'itemprop').toLowerCase() === 'articlebody') return 2
  if (name === 'main' || readAttr(el, 'role') === 'main') return 1
  if (name === 'div' || name === 'section') {
    const key = `${readAttr(el, 'id')} ${readAttr(el, 'class')}`
    if (key.length > 1 && CONTENT_CLASS.test(key)) return 2
  }
  return -1
}

/**
 * The main container: the candidate holding the most non-link text wins, but among those within
 * 80% of the best, a more specific one (`article` over article-body classes over `main` over
 * `body`, and the inner of two nested ones of the same kind) is preferred.
 */
export function pickContainer(scan: Scan): DomNode | null {
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

/** A scan of nothing: the walk's starting state, and the scan of a page that is not HTML at all. */
export function createEmptyScan(): Scan {
  return { body: null, lang: '', title: '', metas: new Map(), times: [], bylines: [], h1s: [], candidates: [], furniture: new Map() }
}
