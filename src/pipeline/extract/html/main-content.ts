/**
 * Finds the article in the parsed page. One walk over the document gathers everything later steps
 * need (metadata, dates, headings, container candidates, furniture and text scores), so no step
 * walks the DOM again; the main container is then chosen from the candidates.
 */
import { classifyElement, isBylineLike, type FurnitureReason } from './classify-element'
import { checkDepth, DEFAULT_BUDGET, type DocumentBudget } from './budget'
import { collapseWhitespace, ELEMENT, isInside, readAttr, TEXT, type DomNode } from './dom'

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

/** One open element of the walk: what its children inherit, and the text score they add up. */
interface Frame {
  el: DomNode
  reason: FurnitureReason | null
  tier: number
  /** Inside furniture (this element or an ancestor). */
  furniture: boolean
  /** Inside a link: the children's text does not score. */
  inLink: boolean
  /** This element is or is inside an `<article>`. */
  inArticle: boolean
  /** Non-link text length under the element so far, not counting furniture children. */
  score: number
  /** The next child to visit. */
  next: DomNode | null
}

/**
 * Walks the whole document once, from its root element. The walk is iterative (an explicit stack,
 * so no page can overflow the call stack) and refuses a DOM deeper than the document budget.
 * @throws {UnreadablePageError} when elements nest deeper than the budget allows
 */
export function scanDocument(root: DomNode | null, budget: DocumentBudget = DEFAULT_BUDGET): Scan {
  const scan = createEmptyScan()
  // Start at <html>: linkedom's doctype node has no nextSibling.
  if (!root || root.nodeType !== ELEMENT) return scan
  const stack: Frame[] = []
  const walk: Walk = { scan, h1Holders: findH1Holders(root) }
  const first = openElement(walk, root, false, false, false)
  if (typeof first === 'number') return scan
  stack.push(first)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    const c = frame.next
    if (c === null) {
      stack.pop()
      const add = closeElement(scan, frame)
      if (stack.length > 0) stack[stack.length - 1]!.score += add
      continue
    }
    frame.next = c.nextSibling
    if (c.nodeType === TEXT) {
      if (!frame.inLink) frame.score += (c.data ?? '').trim().length
    } else if (c.nodeType === ELEMENT) {
      const child = openElement(walk, c, frame.furniture, frame.inLink, frame.inArticle)
      if (typeof child === 'number') frame.score += child
      else {
        checkDepth(stack.length + 1, budget)
        stack.push(child)
      }
    }
  }
  return scan
}

/**
 * Records what an element tells before its children are visited (metadata, dates, headings).
 * Returns the frame to walk its children in, or, for `<meta>` / `<title>`, the score it adds (0).
 */
function openElement(walk: Walk, el: DomNode, inFurniture: boolean, inLink: boolean, inArticle: boolean): Frame | number {
  const { scan } = walk
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
  // (An article's own: inside an <article>, or holding the page's h1.)
  const furniture = inFurniture || (reason !== null && !(reason === 'chrome' && (inArticle || walk.h1Holders.has(el))))
  if (name === 'time') scan.times.push({ el, furniture })
  else if (name === 'h1') scan.h1s.push({ el, furniture })
  if (readAttr(el, 'itemprop') && readAttr(el, 'content')) recordMeta(scan, el)
  const tier = getCandidateTier(el, name)
  if (!furniture && tier < 0 && isBylineLike(el)) scan.bylines.push({ el, furniture })
  return { el, reason, tier, furniture, inLink: inLink || name === 'a', inArticle: inArticle || name === 'article', score: 0, next: el.firstChild }
}

/** Records what an element holds once its children are walked; returns what it adds to its parent's score (0 for furniture). */
function closeElement(scan: Scan, frame: Frame): number {
  const { el, reason, tier, score } = frame
  if (tier >= 0) scan.candidates.push({ el, tier, score })
  if (reason === null) return score
  scan.furniture.set(el, { reason, score })
  return 0
}

/** What the walk reads besides the scan it fills. */
interface Walk {
  scan: Scan
  /** Elements with an `<h1>` inside. */
  h1Holders: Set<DomNode>
}

/**
 * Every element that holds an `<h1>`, found from the h1s upwards (each ancestor once), so the
 * walk can ask "does this header hold the headline?" without searching its subtree each time.
 */
function findH1Holders(root: DomNode): Set<DomNode> {
  const holders = new Set<DomNode>()
  const h1s = (root as DomNode & { getElementsByTagName?(tag: string): ArrayLike<DomNode> }).getElementsByTagName?.('h1') ?? []
  for (let i = 0; i < h1s.length; i++) {
    for (let n = h1s[i]!.parentNode; n && !holders.has(n); n = n.parentNode) holders.add(n)
  }
  return holders
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
