import type { ExtractResult, Subject } from '../../core/types'
import { extractClaims } from './extract-claims'
import { parseArticle } from './parse-html'
import { createSubjectMatcher, type SubjectMatcher } from './subject-matcher'

export interface ExtractOptions {
  url: string
  /** ISO time the page was fetched; the published date falls back to it. */
  fetchedAt?: string | null
  /** A date the caller knows (a feed item's pubDate), used when the page has none. */
  hintPublished?: string | null
  subject: Subject
  /** Reuse a matcher across documents of one run. */
  matcher?: SubjectMatcher
}

/** HTML → published date + claims. Pure: the same input always gives the same output. */
export function extractDocument(html: string, options: ExtractOptions): ExtractResult {
  const matcher = options.matcher ?? createSubjectMatcher(options.subject)
  const article = parseArticle(html, { url: options.url, fetchedAt: options.fetchedAt ?? null, hintPublished: options.hintPublished ?? null })
  const fetchedDay = options.fetchedAt && /^\d{4}-\d{2}-\d{2}/.test(options.fetchedAt) ? options.fetchedAt.slice(0, 10) : null
  return extractClaims(article, { url: options.url, fetchedDay }, matcher)
}
