/**
 * The page's published day, as written in its own time zone: JSON-LD, then meta tags, then
 * `<time datetime>`, then a visible byline date, then the caller's hint, then the fetch day.
 * Days before 1990 or after the fetch are ignored.
 */
import { parseLooseDate, toIsoDay } from '../dates'
import { isBylineLike } from './classify-element'
import { isInside, readAttr, readShortText, type DomNode } from './dom'
import type { Scan } from './main-content'
import type { TextBlock } from './text-blocks'

/** Where the published day came from, most trustworthy first. */
export type PublishedFrom = 'json-ld' | 'meta' | 'time' | 'visible' | 'hint' | 'fetched'

/** Dates known from outside the page. */
export interface DateHints {
  /** When it was fetched (ISO); the last-resort published day and the "future" cut-off. */
  fetchedAt?: string | null
  /** A date known from elsewhere, e.g. a feed item's pubDate. */
  hintPublished?: string | null
}

// Meta keys (lower-cased) that hold the published time, in the order they are trusted.
const META_DATE_KEYS = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'article:published', 'article.published',
  'datepublished', 'pubdate', 'publishdate', 'publish-date', 'publish_date', 'publication_date', 'date', 'dc.date',
  'dc.date.issued', 'dcterms.date', 'dcterms.issued', 'dcterms.created', 'sailthru.date', 'parsely-pub-date',
  'cxenseparse:recs:publishtime', 'citation_publication_date', 'citation_date',
]

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
function parseDay(value: string | null | undefined): DayValue | null {
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
  if (/^\d{8}$/.test(s)) return parseDay(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`)
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

/** Finds the first plausible date in a short visible text, preferring the one after "Published". */
function findVisibleDate(text: string): DayValue | null {
  const at = text.search(PUBLISHED_WORD)
  const day = (at > 0 ? parseLooseDate(text.slice(at)) : null) ?? parseLooseDate(text)
  return day ? { day, instant: null } : null
}

/** The published day and where it came from, trying each source in trust order. */
export function findPublished(
  bodyText: () => string,
  scan: Scan,
  container: DomNode | null,
  blocks: TextBlock[],
  ld: string[],
  options: DateHints,
): { published: string | null; publishedFrom: PublishedFrom | null } {
  const fetched = parseDay(options.fetchedAt)
  const accept = (v: DayValue | null): string | null => (v && isPlausible(v, fetched) ? v.day : null)
  const found = (day: string | null, from: PublishedFrom) => (day ? { published: day, publishedFrom: from } : null)

  for (const value of ld) {
    const r = found(accept(parseDay(value)), 'json-ld')
    if (r) return r
  }
  for (const key of META_DATE_KEYS) {
    const r = found(accept(parseDay(scan.metas.get(key))), 'meta')
    if (r) return r
  }
  for (const t of rankTimes(scan, container)) {
    const r = found(accept(parseDay(readAttr(t, 'datetime'))), 'time')
    if (r) return r
  }
  const r = found(findVisibleDay(bodyText, scan, container, blocks, accept), 'visible')
  if (r) return r
  const hint = found(accept(parseDay(options.hintPublished)), 'hint')
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
    if (!readAttr(t.el, 'datetime')) continue
    const inside = container !== null && isInside(t.el, container)
    if (t.furniture && !inside) continue
    const marks = `${readAttr(t.el, 'itemprop')} ${readAttr(t.el, 'class')} ${t.el.getAttributeNode?.('pubdate') ? 'published' : ''}`
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
function findVisibleDay(
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
    const text = readShortText(b.el, 160)
    if (!text) continue
    if (MODIFIED_WORD.test(text) && !PUBLISHED_WORD.test(text)) {
      edited.push(text)
      continue
    }
    const day = accept(findVisibleDate(text))
    if (day) return day
  }
  for (const block of blocks.slice(0, 8)) {
    if (block.kind === 'heading' || block.text.length > 120) continue
    const v = findVisibleDate(block.text)
    if (!v) continue
    const bylineish = BYLINE_HINT.test(block.text) || v.day.length * 2 >= block.text.replace(/[^\p{L}\p{N}]/gu, '').length
    const day = bylineish ? accept(v) : null
    if (day) return day
  }
  for (const text of edited) {
    const day = accept(findVisibleDate(text))
    if (day) return day
  }
  // Wiki pages: "This page was last edited on …" sits in the footer.
  const m = LAST_EDITED.exec(bodyText())
  return m ? accept(findVisibleDate(m[1]!)) : null
}
