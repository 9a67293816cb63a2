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
  return extractClaims(article, options.url, matcher)
}
