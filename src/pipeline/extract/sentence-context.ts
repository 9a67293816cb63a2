import type { Certainty, ClaimBody } from '../../core/types'
import type { SentenceScope } from './scope'
import type { SubjectMatcher } from './subject-matcher'

/** One sentence with everything a field extractor needs to judge it. */
export interface SentenceContext {
  text: string
  scope: SentenceScope
  certainty: Certainty
  /** The document as a whole is about the followed season. */
  docTarget: boolean
  /** Article day, the reference for "this summer" and "next month". */
  published: string | null
  /** Source URL (a trailer claim links to it). */
  url: string
  matcher: SubjectMatcher
}

/** A field extractor: sentence in, claim bodies out (certainty may be lowered, never raised). */
export type FieldExtractor = (ctx: SentenceContext) => (ClaimBody & { certainty?: Certainty })[]

/**
 * Whether a sentence may carry a claim about the followed season. `strict` checks (episode
 * counts, a "released" stage) need the season named in the sentence itself; the rest may lean
 * on the document being about it, as long as the sentence names no other season or show.
 */
export function isAboutTarget(ctx: SentenceContext, strict: boolean): boolean {
  const { scope } = ctx
  if (scope.target) return !(scope.earlier && !scope.show && strict)
  if (scope.earlier || scope.elsewhere) return false
  if (strict) return false
  return ctx.docTarget
}
