/**
 * RSS 2.0 / RSS 1.0 (RDF) / Atom → a list of items to fetch as articles. Pure: the caller fetches.
 *
 * A small XML scanner rather than a DOM: feeds are small, and we want two things a lenient HTML
 * parser would not give us: a clear error for a malformed or truncated feed (so the source is
 * recorded as failing instead of yielding garbage), and tolerance of what real feeds get wrong
 * without being broken (HTML entities like `&nbsp;`, a bare `&`, tag-name case, a stray `<`).
 */

/** One entry of a feed, ready to be fetched as an article. */
export interface FeedItem {
  /** Stable identity: the guid / Atom id, else the absolute link. */
  key: string
  /** Absolute http(s) URL of the article. */
  url: string
  title: string | null
  /** ISO 8601 (UTC), or null when absent or unreadable. */
  published: string | null
  updated: string | null
}

/** A parsed feed. */
export interface ParsedFeed {
  title: string | null
  items: FeedItem[]
}

/** Thrown when the text is not a well-formed RSS or Atom feed; the message says why and where. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError'
}

/**
 * Parses an RSS or Atom document. Relative links resolve against `xml:base` and then `baseUrl`
 * (the feed's final URL); items without a usable http(s) link are skipped.
 * @throws {FeedParseError} when the XML is malformed or the root is not `rss`, `rdf:RDF` or `feed`.
 */
export function parseFeed(xml: string, baseUrl: string): ParsedFeed {
  const root = parseXml(xml, (element) => {
    // Checked as soon as the root opens, so an HTML page gets this message rather than a
    // complaint about its unclosed <meta>.
    if (!isFeedRoot(element)) throw new FeedParseError(`not an RSS or Atom feed: the root element is <${element.name}>`)
  })
  return root.local === 'feed' ? readAtom(root, baseUrl) : readRss(root, baseUrl)
}

function isFeedRoot(element: XmlElement): boolean {
  return element.name === 'rss' || element.name === 'rdf:rdf' || element.local === 'feed'
}

// ---------------------------------------------------------------------------------------------
// RSS and Atom

function readRss(root: XmlElement, baseUrl: string): ParsedFeed {
  const channel = childOf(root, 'channel')
  // RSS 2.0 nests items in <channel>; RSS 1.0 puts them beside it.
  const items = [...(channel ? childrenOf(channel, 'item') : []), ...childrenOf(root, 'item')]
  const feedBase = resolveBase(root, baseUrl)
  return {
    title: cleanTitle(channel ? childOf(channel, 'title') : undefined),
    items: items.flatMap((item) => {
      const base = resolveBase(item, feedBase)
      const guidEl = childOf(item, 'guid')
      const guid = guidEl ? collapse(textOf(guidEl)) : ''
      const guidIsLink = guidEl !== undefined && guidEl.attrs['ispermalink']?.trim().toLowerCase() !== 'false'
      const url =
        resolveHttp(collapse(textOf(childOf(item, 'link'))), base) ??
        (guidIsLink ? resolveHttp(guid, base) : null) ??
        resolveHttp(pickAtomLink(childrenOf(item, 'atom:link')), base) ??
        resolveHttp(item.attrs['rdf:about'] ?? '', base)
      if (!url) return []
      return [
        {
          key: guid || url,
          url,
          title: cleanTitle(childOf(item, 'title')),
          published: toIsoDate(textOf(childOf(item, 'pubdate') ?? childOf(item, 'dc:date'))),
          updated: toIsoDate(textOf(childOf(item, 'atom:updated') ?? childOf(item, 'dcterms:modified'))),
        },
      ]
    }),
  }
}

function readAtom(root: XmlElement, baseUrl: string): ParsedFeed {
  // Match names with the root's own prefix, so `<atom:feed>` works and `<media:title>` never does.
  const prefix = root.name.includes(':') ? `${root.name.slice(0, root.name.indexOf(':'))}:` : ''
  const feedBase = resolveBase(root, baseUrl)
  return {
    title: cleanTitle(childOf(root, `${prefix}title`)),
    items: childrenOf(root, `${prefix}entry`).flatMap((entry) => {
      const base = resolveBase(entry, feedBase)
      const url = resolveHttp(pickAtomLink(childrenOf(entry, `${prefix}link`)), base)
      if (!url) return []
      const id = collapse(textOf(childOf(entry, `${prefix}id`)))
      return [
        {
          key: id || url,
          url,
          title: cleanTitle(childOf(entry, `${prefix}title`)),
          // `issued` / `modified` are Atom 0.3, still served by old blog engines.
          published: toIsoDate(textOf(childOf(entry, `${prefix}published`) ?? childOf(entry, `${prefix}issued`))),
          updated: toIsoDate(textOf(childOf(entry, `${prefix}updated`) ?? childOf(entry, `${prefix}modified`))),
        },
      ]
    }),
  }
}

/** `rel="alternate"` (or no rel, which means alternate), preferring HTML; else the first href. */
function pickAtomLink(links: XmlElement[]): string {
  const withHref = links.filter((link) => link.attrs['href']?.trim())
  const alternates = withHref.filter((link) => (link.attrs['rel']?.trim().toLowerCase() || 'alternate') === 'alternate')
  const html = alternates.find((link) => /html/i.test(link.attrs['type'] ?? 'text/html'))
  return (html ?? alternates[0] ?? withHref[0])?.attrs['href']?.trim() ?? ''
}

function resolveBase(element: XmlElement, base: string): string {
  const xmlBase = element.attrs['xml:base']?.trim()
  if (!xmlBase) return base
  try {
    return new URL(xmlBase, base).href
  } catch {
    return base
  }
}

function resolveHttp(href: string, base: string): string | null {
  if (!href) return null
  try {
    const url = new URL(href, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

function cleanTitle(element: XmlElement | undefined): string | null {
  if (!element) return null
  let text = textOf(element)
  // Atom `type="html"` titles carry escaped markup: after unescaping, drop the tags.
  if (element.attrs['type']?.trim().toLowerCase() === 'html') text = decodeEntities(text.replace(/<[^>]*>/g, ' '))
  return collapse(text) || null
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

// ---------------------------------------------------------------------------------------------
// Dates

const MONTHS: Record<string, number> = {
  jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11,
}

/** RFC 822 zone names plus the few named zones news feeds really use, as minutes east of UTC. */
const ZONES: Record<string, number> = {
  UT: 0, UTC: 0, GMT: 0, Z: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  BST: 60, CET: 60, CEST: 120, KST: 540, JST: 540,
}

const RFC822 =
  /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*([+-]\d{2}:?\d{2}|[a-z]{1,5})?\s*$/i

/** RSS dates (RFC 822) and Atom / Dublin Core dates (RFC 3339, W3CDTF) → ISO, or null. */
function toIsoDate(raw: string): string | null {
  const text = collapse(raw)
  if (!text) return null
  const rfc822 = RFC822.exec(text)
  if (rfc822) return fromRfc822(rfc822)
  if (!/^\d{4}-\d{2}(-\d{2})?([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.test(text)) return null
  const normalized = text
    .replace(/^(\S+)\s+(?=\d)/, '$1T')
    .replace(/\s+(?=[zZ+-])/, '')
    .replace(/([+-]\d{2})(\d{2})$/, '$1:$2')
  const ms = Date.parse(normalized)
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

function fromRfc822(m: RegExpExecArray): string | null {
  const month = MONTHS[(m[2] ?? '').toLowerCase()]
  if (month === undefined) return null
  let year = Number(m[3])
  if (year < 100) year += year < 50 ? 2000 : 1900
  const zone = m[7] ?? 'GMT'
  let offset: number | undefined
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)
  if (numeric) offset = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]))
  else offset = ZONES[zone.toUpperCase()] ?? 0 // an unknown zone name: UTC is the least-wrong guess
  const ms =
    Date.UTC(year, month, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) - offset * 60_000
  return Number.isNaN(ms) ? null : new Date(ms).toISOString()
}

// ---------------------------------------------------------------------------------------------
// XML scanner

interface XmlElement {
  /** Qualified name, lowercased: XML is case-sensitive but feeds in the wild are not consistent. */
  name: string
  local: string
  /** Attribute values by lowercased qualified name, entities decoded. */
  attrs: Record<string, string>
  children: XmlNode[]
}

type XmlNode = XmlElement | string

function childrenOf(parent: XmlElement, name: string): XmlElement[] {
  return parent.children.filter((child): child is XmlElement => typeof child !== 'string' && child.name === name)
}

function childOf(parent: XmlElement, name: string): XmlElement | undefined {
  return childrenOf(parent, name)[0]
}

/** All descendant text; CDATA sections are already plain strings in the tree. */
function textOf(element: XmlElement | undefined): string {
  if (!element) return ''
  return element.children.map((child) => (typeof child === 'string' ? child : textOf(child))).join('')
}

/**
 * Builds the element tree of a document, or throws a FeedParseError saying what is wrong where.
 * `checkRoot` sees the root element as soon as its start tag is read.
 */
function parseXml(source: string, checkRoot: (root: XmlElement) => void): XmlElement {
  const xml = source.replace(/^\uFEFF/, '')
  const lineAt = (index: number): number => xml.slice(0, index).split('\n').length
  const fail: (message: string, index: number) => never = (message, index) => {
    throw new FeedParseError(`malformed feed XML at line ${lineAt(index)}: ${message}`)
  }

  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  let i = 0

  const appendText = (text: string, at: number): void => {
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(text)
    else if (text.trim()) fail(`text outside the root element ("${text.trim().slice(0, 30)}")`, at)
  }

  while (i < xml.length) {
    const lt = xml.indexOf('<', i)
    if (lt === -1) {
      appendText(decodeEntities(xml.slice(i)), i)
      break
    }
    if (lt > i) appendText(decodeEntities(xml.slice(i, lt)), i)

    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4)
      if (end === -1) fail('unterminated comment', lt)
      i = end + 3
    } else if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9)
      if (end === -1) fail('unterminated CDATA section', lt)
      appendText(xml.slice(lt + 9, end), lt)
      i = end + 3
    } else if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2)
      if (end === -1) fail('unterminated processing instruction', lt)
      i = end + 2
    } else if (xml.startsWith('<!', lt)) {
      i = skipDeclaration(xml, lt, fail)
    } else if (xml.startsWith('</', lt)) {
      const end = xml.indexOf('>', lt + 2)
      if (end === -1) fail('unterminated end tag', lt)
      const name = xml.slice(lt + 2, end).trim().toLowerCase()
      const open = stack.pop()
      if (!open) fail(`unexpected </${name}> with no open element`, lt)
      else if (open.name !== name) fail(`expected </${open.name}> but found </${name}>`, lt)
      i = end + 1
      if (stack.length === 0) break // anything after the root element is not ours to read
    } else if (/[A-Za-z_:]/.test(xml[lt + 1] ?? '')) {
      const tag = readStartTag(xml, lt, fail)
      const parent = stack[stack.length - 1]
      if (parent) parent.children.push(tag.element)
      else {
        root = tag.element
        checkRoot(root)
      }
      if (!tag.selfClosing) stack.push(tag.element)
      i = tag.end
      if (stack.length === 0) break
    } else {
      appendText('<', lt) // a stray "<" in text: keep it as text rather than reject the feed
      i = lt + 1
    }
  }

  const unclosed = stack[stack.length - 1]
  if (unclosed) throw new FeedParseError(`malformed feed XML: the document ends inside <${unclosed.name}> (truncated?)`)
  if (!root) throw new FeedParseError('not an RSS or Atom feed: no root element')
  return root
}

function readStartTag(
  xml: string,
  lt: number,
  fail: (message: string, index: number) => never,
): { element: XmlElement; selfClosing: boolean; end: number } {
  const nameMatch = /^<([^\s/>]+)/.exec(xml.slice(lt, lt + 200))
  const name = (nameMatch?.[1] ?? '').toLowerCase()
  let i = lt + 1 + name.length
  const attrs: Record<string, string> = {}
  for (;;) {
    while (/\s/.test(xml[i] ?? '')) i++
    const ch = xml[i]
    if (ch === undefined) return fail(`unterminated start tag <${name}>`, lt)
    if (ch === '>') return { element: makeElement(name, attrs), selfClosing: false, end: i + 1 }
    if (ch === '/' && xml[i + 1] === '>') return { element: makeElement(name, attrs), selfClosing: true, end: i + 2 }
    if (ch === '<') return fail(`unterminated start tag <${name}>`, lt)
    const attr = /^([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/.exec(xml.slice(i, i + 4096))
    if (!attr?.[1]) return fail(`bad attribute in <${name}>`, i)
    const attrName = attr[1].toLowerCase()
    if (!(attrName in attrs)) attrs[attrName] = decodeEntities(attr[2] ?? attr[3] ?? attr[4] ?? '')
    i += attr[0].length
  }
}

function makeElement(name: string, attrs: Record<string, string>): XmlElement {
  return { name, local: name.slice(name.indexOf(':') + 1), attrs, children: [] }
}

/** Skips `<!DOCTYPE ...>`, including an internal `[...]` subset. */
function skipDeclaration(xml: string, lt: number, fail: (message: string, index: number) => never): number {
  let depth = 0
  for (let i = lt + 2; i < xml.length; i++) {
    const ch = xml[i]
    if (ch === '[') depth++
    else if (ch === ']') depth--
    else if (ch === '>' && depth <= 0) return i + 1
  }
  return fail('unterminated declaration', lt)
}

/** XML's five entities, numeric references, and the HTML ones feeds commonly (and invalidly) use. */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  nbsp: '\u00a0', ndash: '\u2013', mdash: '\u2014', hellip: '\u2026', lsquo: '\u2018', rsquo: '\u2019',
  ldquo: '\u201c', rdquo: '\u201d', laquo: '\u00ab', raquo: '\u00bb', middot: '\u00b7', copy: '\u00a9',
  reg: '\u00ae', trade: '\u2122', bull: '\u2022',
}

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  // Unknown names and bare "&" stay as written: losing a character beats rejecting the feed.
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
    }
    return NAMED_ENTITIES[ref] ?? NAMED_ENTITIES[ref.toLowerCase()] ?? whole
  })
}
