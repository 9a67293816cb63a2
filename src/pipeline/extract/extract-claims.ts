import { CERTAINTY_RANK, claimValueKey } from '../../core/claim-key'
import type { Claim, ExtractResult } from '../../core/types'
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
  return { published, claims: withDenials([...best.values()], sentences, matcher) }
}

// "Nothing has been decided yet", an agency's stock answer to a casting report.
const DENIAL =
  /\b(?:nothing\s+(?:has\s+been|is)\s+(?:decided|confirmed|finali[sz]ed)|(?:not|n['’]t)\s+(?:been\s+)?(?:decided|finali[sz]ed|confirmed)\s+yet|denied|den(?:y|ies)|(?:is|are)\s+(?:still\s+)?(?:reviewing|considering|in\s+talks|in\s+discussions?)|positively\s+reviewing|under\s+review|received\s+an?\s+offer|was\s+offered)\b|검토\s*중|긍정적으로\s*검토|논의\s*중|제안을?\s*받|정해진\s*(?:것|바)\s*(?:이\s*)?없/i

/**
 * A casting claim answered in the same article by a denial or "under review" is a rumour:
 * the actors named in the denial (or the sentence before it) are lowered to speculated.
 */
function withDenials(claims: Claim[], sentences: string[], matcher: SubjectMatcher): Claim[] {
  const denied = new Set<string>()
  sentences.forEach((s, i) => {
    if (!DENIAL.test(s)) return
    for (const p of matcher.findPeople(s)) denied.add(p.name)
    for (const p of matcher.findPeople(sentences[i - 1] ?? '')) denied.add(p.name)
  })
  if (denied.size === 0) return claims
  return claims.map((c) => (c.field === 'cast' && c.value.status !== 'departed' && denied.has(c.value.actor) ? { ...c, certainty: 'speculated' } : c))
}
