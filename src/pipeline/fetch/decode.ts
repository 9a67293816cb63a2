/**
 * Bytes → text for fetched HTML and XML. Pure: no I/O, the caller passes the bytes and the
 * Content-Type header it got.
 *
 * Order (a simplified WHATWG "encoding sniffing" algorithm):
 *   1. a byte-order mark (it beats the header, as in browsers: a BOM cannot be there by accident,
 *      while a server-wide default charset in the header often is wrong);
 *   2. the `charset` parameter of the Content-Type header;
 *   3. `<meta charset>`, `<meta http-equiv="Content-Type" content="...charset=...">` or
 *      `<?xml ... encoding="..."?>` in the first {@link PRESCAN_BYTES} bytes;
 *   4. UTF-8.
 *
 * An unknown or unsupported label is not an error: like a browser, we ignore it, move on to the
 * next step and record a note. Failing the fetch would lose a page that is almost always UTF-8 or
 * declared again in `<meta>`, and the note keeps the oddity visible in logs.
 */

/** How many leading bytes the `<meta>` / `<?xml?>` prescan looks at. */
export const PRESCAN_BYTES = 4096

/** Where the charset used to decode came from. */
export type CharsetSource = 'bom' | 'header' | 'meta' | 'xml-declaration' | 'default'

/** The decoded document and how its charset was chosen. */
export interface DecodedText {
  text: string
  /** Canonical WHATWG encoding name, e.g. `utf-8`, `euc-kr`, `windows-1252`. */
  charset: string
  source: CharsetSource
  /** Labels that were declared but ignored (unknown, or UTF-16 in a `<meta>`). */
  notes: string[]
}

/**
 * Decodes a response body. Invalid byte sequences become U+FFFD rather than throwing, since a
 * single bad byte should not cost us the whole page.
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): DecodedText {
  const notes: string[] = []

  const bom = detectBom(bytes)
  if (bom) return { text: decodeWith(bom, bytes), charset: bom, source: 'bom', notes }

  const headerLabel = contentType ? readCharsetParam(contentType) : null
  if (headerLabel) {
    const charset = resolveLabel(headerLabel)
    if (charset) return { text: decodeWith(charset, bytes), charset, source: 'header', notes }
    notes.push(`ignored unknown charset "${headerLabel}" in Content-Type`)
  }

  const declared = sniffDeclaredCharset(bytes)
  if (declared) {
    const resolved = resolveLabel(declared.label)
    // A document that was really UTF-16 would have had a BOM; an ASCII-readable <meta> saying
    // UTF-16 is a lie, so browsers read it as UTF-8 and so do we.
    const charset = resolved === 'utf-16le' || resolved === 'utf-16be' ? 'utf-8' : resolved
    if (resolved && charset !== resolved) notes.push(`treated declared "${declared.label}" as utf-8`)
    if (charset) return { text: decodeWith(charset, bytes), charset, source: declared.source, notes }
    notes.push(`ignored unknown charset "${declared.label}" in document`)
  }

  return { text: decodeWith('utf-8', bytes), charset: 'utf-8', source: 'default', notes }
}

/**
 * Maps a charset label to its canonical encoding name, or null when this runtime's
 * `TextDecoder` does not know it (`latin1` → `windows-1252`, `ks_c_5601-1987` → `euc-kr`).
 */
export function resolveLabel(label: string): string | null {
  const trimmed = label.trim().replace(/^["']|["']$/g, '')
  if (!trimmed) return null
  try {
    const encoding = new TextDecoder(trimmed).encoding
    // `replacement` is what WHATWG maps dangerous labels (iso-2022-kr, hz-gb-2312) to: it decodes
    // everything to U+FFFD, so treat it as unknown.
    return encoding === 'replacement' ? null : encoding
  } catch {
    return null
  }
}

/** Reads the `charset` parameter of a Content-Type value (`text/html; charset="euc-kr"`). */
export function readCharsetParam(contentType: string): string | null {
  const match = /;\s*charset\s*=\s*("([^"]*)"|'([^']*)'|[^;\s]+)/i.exec(contentType)
  if (!match) return null
  const value = match[2] ?? match[3] ?? match[1] ?? ''
  return value.trim() || null
}

/**
 * Looks for a charset declared inside the document's first bytes. The bytes are read as Latin-1,
 * which is safe because every encoding we can meet here is ASCII-compatible in markup.
 */
export function sniffDeclaredCharset(
  bytes: Uint8Array,
): { label: string; source: 'meta' | 'xml-declaration' } | null {
  const head = readLatin1(bytes.subarray(0, PRESCAN_BYTES))

  const xml = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)
  if (xml?.[1]) return { label: xml[1], source: 'xml-declaration' }

  // A commented-out <meta> must not count.
  const markup = head.replace(/<!--[\s\S]*?(-->|$)/g, '')
  for (const tag of markup.match(/<meta\b[^>]*>?/gi) ?? []) {
    const attrs = readAttributes(tag)
    const charset = attrs.get('charset')
    if (charset) return { label: charset, source: 'meta' }
    const content = attrs.get('content')
    if (attrs.get('http-equiv')?.toLowerCase() === 'content-type' && content) {
      const fromContent = /charset\s*=\s*["']?([^"';\s]+)/i.exec(content)
      if (fromContent?.[1]) return { label: fromContent[1], source: 'meta' }
    }
  }
  return null
}

/** Canonical encoding named by a leading byte-order mark, if any. */
function detectBom(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  return null
}

function decodeWith(charset: string, bytes: Uint8Array): string {
  // TextDecoder strips a BOM matching its own encoding, so the text never starts with U+FEFF.
  return new TextDecoder(charset).decode(bytes)
}

function readLatin1(bytes: Uint8Array): string {
  let out = ''
  for (const byte of bytes) out += String.fromCharCode(byte)
  return out
}

/** Attribute names (lowercased) → values of one start tag; enough for `<meta>`. */
function readAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>()
  const body = tag.replace(/^<meta\b/i, '').replace(/\/?>$/, '')
  const pattern = /([^\s=/>"']+)(?:\s*=\s*("([^"]*)"|'([^']*)'|[^\s>]+))?/g
  for (const m of body.matchAll(pattern)) {
    const name = m[1]?.toLowerCase()
    if (!name || attrs.has(name)) continue
    attrs.set(name, (m[3] ?? m[4] ?? m[2] ?? '').trim())
  }
  return attrs
}
