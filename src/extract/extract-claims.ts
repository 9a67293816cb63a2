import { CERTAINTY_RANK, claimValueKey } from '../core/claim-key'
import type { Claim, ExtractResult } from '../core/types'
import { classifyCertainty } from './certainty'
import { extractCastClaims } from './claims-cast'
import { extractEpisodeClaims } from './claims-episodes'
import { extractReleaseClaims } from './claims-release'
import { extractStageClaims } from './claims-stage'
import { extractTrailerClaims } from './claims-trailer'
import type { ParsedArticle } from './parse-html'
import { scopeSentence } from './scope'
import type { FieldExtractor, SentenceContext } from './sentence-context'
import { splitSentences } from './sentences'
import type { SubjectMatcher } from './subject-matcher'

const EXTRACTORS: FieldExtractor[] = [extractStageClaims, extractReleaseClaims, extractCastClaims, extractTrailerClaims, extractEpisodeClaims]

/** Evidence is shown in emails and pages: keep it to one readable sentence. */
const MAX_EVIDENCE = 400

/**
 * Turns a parsed article into claims about the followed season. Headings and captions are
 * context only (headlines overstate); claims come from running text.
 */
export function extractClaims(article: ParsedArticle, url: string, matcher: SubjectMatcher): ExtractResult {
  const published = article.published
  const paragraphs = article.blocks.filter((b) => b.kind === 'paragraph' || b.kind === 'item' || b.kind === 'quote')
  const sentences = paragraphs.flatMap((b) => splitSentences(b.text))
  const headings = [article.title ?? '', ...article.blocks.filter((b) => b.kind === 'heading').map((b) => b.text)]

  const mentionsShow = headings.some((h) => matcher.titlePattern.test(h)) || sentences.some((s) => matcher.titlePattern.test(s))
  if (!mentionsShow) return { published, claims: [] }

  const scopes = sentences.map((s) => scopeSentence(s, matcher))
  const headingTarget = headings.some((h) => {
    const sc = scopeSentence(h, matcher)
    return sc.target && !sc.elsewhere
  })
  const docTarget = headingTarget || scopes.some((sc) => sc.target && !sc.elsewhere)

  const best = new Map<string, Claim>()
  sentences.forEach((text, i) => {
    // A question ("Has filming started on Season 2?") asserts nothing.
    if (/\?["'”’)]*$/.test(text)) return
    const ctx: SentenceContext = {
      text,
      scope: scopes[i]!,
      certainty: classifyCertainty(text, matcher),
      docTarget,
      published,
      url,
      matcher,
    }
    for (const extract of EXTRACTORS) {
      for (const body of extract(ctx)) {
        const certainty = body.certainty ?? ctx.certainty
        const claim = { ...body, certainty, evidence: text.length > MAX_EVIDENCE ? `${text.slice(0, MAX_EVIDENCE - 1)}…` : text, source: url, published } as Claim
        const key = claimValueKey(claim)
        const prev = best.get(key)
        if (!prev || CERTAINTY_RANK[certainty] > CERTAINTY_RANK[prev.certainty]) best.set(key, claim)
      }
    }
  })
  return { published, claims: [...best.values()] }
}
