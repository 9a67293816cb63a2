/**
 * The DOM as the extractor sees it: linkedom's nodes, typed structurally (linkedom's .d.ts needs
 * the DOM lib, which this project does not load), and the small reads the other modules share.
 */

/** The slice of a linkedom node the extractor touches. */
export interface DomNode {
  readonly nodeType: number
  readonly localName?: string
  readonly firstChild: DomNode | null
  readonly nextSibling: DomNode | null
  readonly parentNode: DomNode | null
  readonly textContent: string | null
  readonly data?: string
  getAttributeNode?(name: string): { value: string } | null
}

/** `nodeType` of an element. */
export const ELEMENT = 1
/** `nodeType` of a text node. */
export const TEXT = 3

/** Elements that flow inside a line of text; anything else starts a new block. */
export const INLINE = new Set([
  'a', 'abbr', 'acronym', 'b', 'bdi', 'bdo', 'big', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'font', 'i', 'ins',
  'kbd', 'label', 'mark', 'nobr', 'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub',
  'sup', 'time', 'tt', 'u', 'var', 'wbr', 'img', 'picture', 'source',
])

/** An attribute's value, or '' (avoids linkedom's classList machinery behind `className`). */
export function readAttr(el: DomNode, name: string): string {
  return el.getAttributeNode?.(name)?.value ?? ''
}

/** True when `node` is `ancestor` or inside it. */
export function isInside(node: DomNode, ancestor: DomNode): boolean {
  for (let n: DomNode | null = node; n; n = n.parentNode) if (n === ancestor) return true
  return false
}

/**
 * The node after `node` in document order within `root`'s subtree, not entering `node`'s
 * children when `enter` is false; null at the end. `leave` is called for each element left.
 * Iterative (parent pointers), so no depth of nesting can overflow the call stack.
 */
function nextInSubtree(node: DomNode, root: DomNode, enter: boolean, leave?: (el: DomNode) => void): DomNode | null {
  if (enter && node.firstChild) return node.firstChild
  for (let n: DomNode | null = node; n && n !== root; n = n.parentNode) {
    if (n.nodeType === ELEMENT) leave?.(n)
    if (n.nextSibling) return n.nextSibling
  }
  return null
}

/**
 * Text of a subtree, giving up (returning null) once it exceeds `max` characters, or once it has
 * visited more nodes than a short text can hold (so a label check costs O(max), not O(subtree)).
 */
export function readShortText(el: DomNode, max: number): string | null {
  const parts: string[] = []
  let length = 0
  let nodes = max * 2 + 64
  // Block elements end with a space, so "<li>a</li><li>b</li>" reads "a b".
  const leave = (n: DomNode) => {
    if (!INLINE.has(n.localName ?? '')) parts.push(' ')
  }
  for (let n = el.firstChild; n; n = nextInSubtree(n, el, n.nodeType === ELEMENT, leave)) {
    if (--nodes < 0) return null
    if (n.nodeType !== TEXT) continue
    const d = n.data ?? ''
    length += d.length
    if (length > max * 2 + 64) return null
    parts.push(d)
  }
  const text = collapseWhitespace(parts.join(''))
  return text.length > max ? null : text
}

// Only whitespace runs that are not already a single space: most of a text needs no replacing,
// and replacing every space costs more than the DOM walk.
const UNTIDY_SPACE = /(?:[^\S ]|\u200b)[\s\u200b]*| [\s\u200b]+/g

/** Collapses whitespace (incl. nbsp and zero-width space) to single spaces and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(UNTIDY_SPACE, ' ').trim()
}

/** True when an `<article>` encloses the node (its header/footer then belong to it). */
export function hasArticleAncestor(node: DomNode): boolean {
  for (let n = node.parentNode; n; n = n.parentNode) if (n.localName === 'article') return true
  return false
}

/** True when some descendant has the tag. */
export function containsTag(el: DomNode, tag: string): boolean {
  for (let n = el.firstChild; n; n = nextInSubtree(n, el, n.nodeType === ELEMENT)) {
    if (n.nodeType === ELEMENT && n.localName === tag) return true
  }
  return false
}
