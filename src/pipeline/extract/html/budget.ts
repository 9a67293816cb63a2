/**
 * Each document's budget: how much markup the extractor agrees to parse and walk. A hostile or
 * broken page (thousands of nested or unclosed tags, one element with 60,000 attributes, tens of
 * thousands of links, megabytes of text) must cost milliseconds and end as that source's recorded
 * failure, never as a stack overflow or seconds of CPU that stop the run.
 *
 * Why a scan before parsing: the DOM parser under linkedom (htmlparser2) keeps its open elements
 * in an array it shifts on every start tag, so its cost grows with the square of the nesting
 * depth, and every element, attribute and character reference becomes a node. So the markup is
 * measured as a string first, mirroring the parser's open-element stack (implied closes, void
 * elements), and refused before any DOM is built when it is over budget.
 *
 * The scan is an upper bound on the DOM's depth, and {@link scanDocument} checks the real depth
 * again as it walks; every later walk over the DOM may therefore recurse: its depth is capped.
 */

/** The limits one document must stay within. */
export interface DocumentBudget {
  /** DOM nodes: elements, attributes, text runs, character references and comments (after the cuts). */
  maxNodes: number
  /** Nesting depth of elements. */
  maxDepth: number
  /** Characters of main-content text handed to the claim rules. */
  maxTextChars: number
}

/**
 * The default budget, set by measurement (`npm run bench`, "hostile pages"): a page at these
 * limits extracts in about 30 ms, a realistic news page uses a few percent of each, and anything
 * over them is refused in about a millisecond.
 */
export const DEFAULT_BUDGET: DocumentBudget = {
  maxNodes: 60_000,
  maxDepth: 256,
  maxTextChars: 200_000,
}

/** A document went over its budget; the message says which limit. */
export class UnreadablePageError extends Error {
  override name = 'UnreadablePageError'
}

/** What the pre-parse scan counted (it stops early once a limit is passed). */
export interface MarkupMeasure {
  nodes: number
  depth: number
}

// What htmlparser2 (10.x, under linkedom) does with start tags: void elements have no children;
// a start tag closes these open elements first while they are on top of the stack.
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen',
  'link', 'meta', 'param', 'source', 'track', 'wbr',
])
const P = new Set(['p'])
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea'])
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])], ['li', new Set(['li'])], ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])], ['dd', new Set(['dd', 'dt'])], ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])], ['rp', new Set(['rt', 'rp'])], ['tbody', new Set(['thead', 'tbody'])], ['tfoot', new Set(['thead', 'tbody'])],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t) => [t, FORM] as [string, Set<string>]),
  ...['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset',
    'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t) => [t, P] as [string, Set<string>]),
])
// Elements whose content the parser reads as text up to their end tag.
const RAW_TEXT = new Set(['title', 'xmp', 'script', 'style', 'textarea'])
const RAW_TEXT_END: Record<string, RegExp> = {}

const format = (n: number) => n.toLocaleString('en-US')

/**
 * Counts nodes and the deepest nesting the parser would build, in one pass over the markup's `<`
 * and `&` characters. Linear in the markup; stops as soon as the budget is exceeded.
 */
export function measureMarkup(markup: string, budget: DocumentBudget = DEFAULT_BUDGET): MarkupMeasure {
  const out: MarkupMeasure = { nodes: 0, depth: 0 }
  // Every character reference becomes a text node of its own (counts `&` in attributes too: an upper bound).
  for (let amp = markup.indexOf('&'); amp >= 0 && out.nodes <= budget.maxNodes; amp = markup.indexOf('&', amp + 1)) out.nodes++
  const stack: string[] = []
  // Where the text since the last tag starts: text between two tags is a node too.
  let textFrom = 0
  for (let lt = markup.indexOf('<'); lt >= 0; lt = markup.indexOf('<', lt + 1)) {
    if (out.nodes > budget.maxNodes || out.depth > budget.maxDepth) break
    const next = markup.charCodeAt(lt + 1)
    const closing = next === 47 /* / */
    const at = closing ? lt + 2 : lt + 1
    const markupDecl = next === 33 /* ! */ || next === 63 /* ? */
    if (!markupDecl && !isNameStart(markup.charCodeAt(at))) continue // a stray `<` in text
    if (lt > textFrom) out.nodes++
    textFrom = lt + 1
    if (markupDecl) {
      out.nodes++ // a comment, doctype or processing instruction
      const end = markup.startsWith('<!--', lt) ? markup.indexOf('-->', lt + 4) + 2 : markup.indexOf('>', lt)
      if (end < lt) break
      lt = end
      textFrom = end + 1
      continue
    }
    const name = readName(markup, at)
    const tag = scanTag(markup, at + name.length)
    const gt = tag.end
    textFrom = gt + 1
    if (closing) {
      closeTag(stack, name, out)
      lt = gt
      continue
    }
    out.nodes += 1 + tag.attributes
    const implied = IMPLIES_CLOSE.get(name)
    if (implied) while (stack.length > 0 && implied.has(stack[stack.length - 1]!)) stack.pop()
    if (!VOID.has(name)) {
      stack.push(name)
      if (stack.length > out.depth) out.depth = stack.length
    }
    lt = gt
    if (RAW_TEXT.has(name)) {
      const closer = (RAW_TEXT_END[name] ??= new RegExp(`</${name}`, 'gi'))
      closer.lastIndex = gt
      const end = closer.exec(markup)
      if (!end) break
      lt = end.index - 1
      textFrom = end.index
    }
  }
  return out
}

/**
 * Throws a {@link UnreadablePageError} when the markup holds more nodes or deeper nesting than
 * the budget allows. Call it before parsing.
 */
export function checkMarkupBudget(markup: string, budget: DocumentBudget = DEFAULT_BUDGET): void {
  const m = measureMarkup(markup, budget)
  if (m.depth > budget.maxDepth) throw depthError(budget)
  if (m.nodes > budget.maxNodes) {
    throw new UnreadablePageError(`page too large to read: more than ${format(budget.maxNodes)} nodes (elements, attributes and text)`)
  }
}

/** Throws when an element sits deeper in the DOM than the budget allows (the walk's own check). */
export function checkDepth(depth: number, budget: DocumentBudget = DEFAULT_BUDGET): void {
  if (depth > budget.maxDepth) throw depthError(budget)
}

/** Throws when the main text is longer than the budget allows. */
export function checkTextLength(chars: number, budget: DocumentBudget = DEFAULT_BUDGET): void {
  if (chars > budget.maxTextChars) {
    throw new UnreadablePageError(`page too large to read: main text of ${format(chars)} characters (limit ${format(budget.maxTextChars)})`)
  }
}

function depthError(budget: DocumentBudget): UnreadablePageError {
  return new UnreadablePageError(`page too deeply nested to read: elements more than ${format(budget.maxDepth)} levels deep`)
}

/** An end tag closes the innermost open element of its name and everything inside it. */
function closeTag(stack: string[], name: string, out: MarkupMeasure): void {
  if (VOID.has(name)) {
    if (name === 'br') out.nodes++ // `</br>` is read as `<br>`
    return
  }
  const at = stack.lastIndexOf(name)
  if (at >= 0) stack.length = at
  else if (name === 'p') out.nodes++ // a stray `</p>` is read as an empty `<p></p>`
}

function isNameStart(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90)
}

/** The lower-cased tag name starting at `at`. */
function readName(markup: string, at: number): string {
  let i = at
  while (i < markup.length && !isNameEnd(markup.charCodeAt(i))) i++
  return markup.slice(at, i).toLowerCase()
}

function isNameEnd(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 47 || c === 62
}

/**
 * Reads a start tag's attributes from `from` (just after its name): returns the index of the `>`
 * that ends it and how many attributes it has. Quoted values may hold `>`, as in the parser.
 */
function scanTag(markup: string, from: number): { end: number; attributes: number } {
  let attributes = 0
  // 0: between attributes, 1: in a name, 2: after `=`, 3: in an unquoted value
  let mode = 0
  for (let i = from; i < markup.length; i++) {
    const c = markup.charCodeAt(i)
    if (c === 62 /* > */) return { end: i, attributes }
    const space = c === 32 || c === 9 || c === 10 || c === 13 || c === 12
    if (mode === 3) {
      if (space) mode = 0
    } else if (mode === 2) {
      if (space) continue
      if (c === 34 || c === 39) {
        const close = markup.indexOf(c === 34 ? '"' : "'", i + 1)
        if (close < 0) return { end: markup.length, attributes }
        i = close
        mode = 0
      } else mode = 3
    } else if (c === 61 /* = */) {
      mode = 2
    } else if (space || c === 47 /* / */) {
      mode = 0
    } else if (mode === 0) {
      attributes++
      mode = 1
    }
  }
  return { end: markup.length, attributes }
}
