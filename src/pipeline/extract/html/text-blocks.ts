/**
 * The main container's text as typed blocks, in document order. Furniture inside the container,
 * link lists under "Trending" / "More from" labels, ad labels and pointers to other stories are
 * left out.
 */
import { collapseWhitespace, containsTag, ELEMENT, hasArticleAncestor, INLINE, readShortText, TEXT, type DomNode } from './dom'
import type { Scan } from './main-content'

/**
 * What a block of text is, by the element that held it, or by its text: a photo credit or a
 * "clockwise from top left" line is a caption wherever it sits; a comment count or a reader poll
 * ("155 comments · 55% of readers want …") is page meta.
 */
export type BlockKind = 'heading' | 'paragraph' | 'item' | 'quote' | 'caption' | 'meta'

/** One run of main-content text (whitespace collapsed, entities decoded), in document order. */
export interface TextBlock {
  kind: BlockKind
  text: string
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])
// Headings that introduce link lists to other stories.
const LIST_LABEL =
  /^(?:trending(?: now| stories| news)?|popular(?: now| stories| posts| articles)?|most (?:popular|read|viewed)|related(?: stories| articles| posts| news| content| reading)?|read more|read next|more from\b.*|more (?:stories|news|articles)|recent posts|recent stories|latest stories|you may (?:also )?like|you might (?:also )?like|recommended(?: for you| stories)?|see also|also read|don'?t miss|editor'?s picks|top stories|what to (?:read|watch) next|(?:이 시각\s*)?(?:많이 본|관련|인기|추천|주요|최신|랭킹|실시간|핫|오늘의|다른)\s*(?:뉴스|기사|포토|이슈)(?:\s*(?:보기|더보기))?|함께 (?:보면 좋은|볼만한) (?:뉴스|기사)|포토\s*(?:뉴스)?)\s*:?$/i
// Headings that open a comment section: everything after them in their box is readers' talk.
const COMMENT_LABEL = /^(?:\d+\s+)?(?:comments?|replies|reader comments|join the (?:conversation|discussion)|leave a (?:reply|comment)|what do you think\??|discussion|(?:베스트\s*)?댓글(?:\s*\d+)?|의견\s*남기기)\s*:?$/i
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
export function collectBlocks(container: DomNode, scan: Scan): TextBlock[] {
  const own = scan.candidates.find((c) => c.el === container)
  const pass: BlockPass = { out: [], scan, containerScore: own?.score ?? 0, bodyFallback: container.localName === 'body' }
  const inArticle = container.localName === 'article' || hasArticleAncestor(container)
  emitBlock(pass, container, 'paragraph', inArticle)
  return pass.out
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

/** The block kind of a child element, given its parent's. */
function getBlockKind(name: string, parent: BlockKind): BlockKind {
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
  flushLine(pass, line, kind)
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
    // Readers' comments run to the end of their box.
    if (isCommentLabel(c, name)) break
    // A list whose every item is a link is a list of other stories, whatever its heading says.
    if ((name === 'ul' || name === 'ol') && isLinkOnlyList(c)) continue
    if (skippingLists) {
      if (!HEADINGS.has(name) && isLinkList(c, name)) continue
      skippingLists = false
    }
    flushLine(pass, line, kind)
    if (name === 'tr') emitRow(pass, c, inArticle)
    else emitBlock(pass, c, getBlockKind(name, kind), inArticle || name === 'article')
  }
}

/** A table row with a header cell becomes one "label: value" block (infobox rows). */
function emitRow(pass: BlockPass, tr: DomNode, inArticle: boolean): void {
  let label: string | null = null
  const values: string[] = []
  for (let c = tr.firstChild; c; c = c.nextSibling) {
    if (c.nodeType !== ELEMENT) continue
    if (c.localName === 'th' && label === null) label = readShortText(c, 80)
    else if (c.localName === 'td' && label === null) emitBlock(pass, c, 'paragraph', inArticle)
    else if (c.localName === 'td') values.push(collapseWhitespace(readShortText(c, 400) ?? ''))
  }
  if (label === null) return
  const text = values.filter(Boolean).join(' ')
  pushBlock(pass, 'paragraph', text ? `${label}: ${text}` : label)
}

/** True for a heading-like element whose whole text is "Trending", "More from …" and the like. */
function isListLabel(el: DomNode, name: string): boolean {
  if (!HEADINGS.has(name) && name !== 'p' && name !== 'div' && name !== 'header') return false
  const text = readShortText(el, 60)
  return text !== null && text.length > 0 && LIST_LABEL.test(text)
}

/** True for a heading-like element whose whole text opens a comment section. */
function isCommentLabel(el: DomNode, name: string): boolean {
  if (!HEADINGS.has(name) && name !== 'p' && name !== 'div' && name !== 'header' && name !== 'strong' && name !== 'b') return false
  const text = readShortText(el, 40)
  return text !== null && text.length > 0 && COMMENT_LABEL.test(text)
}

/** How much text an element holds, and how much of it is inside links (an explicit stack, no recursion). */
function linkText(el: DomNode): { all: number; linked: number } {
  let all = 0
  let linked = 0
  const stack: [DomNode, boolean][] = [[el, false]]
  while (stack.length) {
    const [node, inLink] = stack.pop()!
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === TEXT) {
        const n = (c.data ?? '').trim().length
        all += n
        if (inLink) linked += n
      } else if (c.nodeType === ELEMENT) stack.push([c, inLink || c.localName === 'a'])
    }
  }
  return { all, linked }
}

/** True for a list of two or more items whose text is (almost) all inside links. */
function isLinkOnlyList(list: DomNode): boolean {
  let items = 0
  for (let li = list.firstChild; li; li = li.nextSibling) {
    if (li.nodeType !== ELEMENT) continue
    if (li.localName !== 'li') return false
    const { all, linked } = linkText(li)
    if (all === 0 || linked / all < 0.8) return false
    items++
  }
  return items >= 2
}

/** True for a list, or a box that is mostly links (the stories under a "Related" label). */
function isLinkList(el: DomNode, name: string): boolean {
  if (name === 'ul' || name === 'ol' || name === 'dl') return true
  const { all, linked } = linkText(el)
  return all === 0 || linked / all > 0.6 || containsTag(el, 'ul') || containsTag(el, 'ol')
}

/** Turns the gathered inline text into blocks (a double `<br>` splits paragraphs). */
function flushLine(pass: BlockPass, line: Line, kind: BlockKind): void {
  if (line.parts.length === 0) return
  const raw = line.parts.join('')
  const plain = line.plain
  line.parts.length = 0
  line.plain = false
  // A line that is all link text is a pointer to another page ("Lomon talks about returning").
  if (!plain && (pass.bodyFallback || kind === 'paragraph')) return
  for (const piece of raw.split(/\n[^\S\n]*\n/)) pushBlock(pass, kind, collapseWhitespace(piece))
}

// Photo credits and descriptions: "… | via the studio", "…/OO 제공", "clockwise from top left".
const CAPTION_LINE =
  /(?:\||\/)\s*(?:via|photo|image|credit|courtesy|사진|출처)\b|\/\s*[^/]{1,30}\s*제공\s*$|(?:사진|제공|출처)\s*[=:]|\b(?:photo|image|picture|screenshot|still)\s*(?:credit|courtesy|by|via)\b|\b(?:photo|image)\s*:|\bcourtesy\s+of\b|\((?:L-R|R-L|from\s+left)\)|\bclockwise\s+from\b|\bfrom\s+left(?:\s+to\s+right)?\s*[,:]|(?:왼쪽|오른쪽|위)\s*(?:에서)?부터|시계\s*방향|캡처|캡쳐/i
// Comment counts, votes and reader polls.
const META_LINE =
  /\b\d[\d,.]*\s*(?:comments?|votes?|shares?|views?|likes?|replies|reactions)\b|\b\d{1,3}\s?%\s+(?:of\s+)?(?:readers|fans|voters|respondents|viewers|users|people|you)\b|^(?:poll|vote|survey|quiz)\s*[:|·]|^(?:editor['’]s\s+note|correction|clarification)\s*:|\b(?:an\s+)?earlier\s+version\s+of\s+this\s+(?:article|story|report)\b|댓글\s*\d|\d+\s*명(?:이)?\s*(?:투표|참여)/i

/** Adds a block unless it is empty, an ad label or a pointer to another story. */
function pushBlock(pass: BlockPass, kind: BlockKind, text: string): void {
  if (!text || AD_LINE.test(text) || POINTER_LINE.test(text)) return
  // Captions and meta lines are short; a paragraph that mentions "views" is still a paragraph.
  const short = text.length <= 220
  const typed: BlockKind = kind === 'heading' || !short ? kind : META_LINE.test(text) ? 'meta' : CAPTION_LINE.test(text) ? 'caption' : kind
  pass.out.push({ kind: typed, text })
}
