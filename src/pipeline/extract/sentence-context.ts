import type { Certainty, ClaimBody } from '../../core/types'
import { type CertaintyReading, findFrame, readCertainty, type SentenceFrame } from './certainty'
import { type Clause, clauseAt, splitClauses } from './clauses'
import { scopeSentence, type SentenceScope } from './scope'
import type { SubjectMatcher } from './subject-matcher'

/** One sentence with everything a field extractor needs to judge it, read lazily. */
export interface SentenceContext {
  text: string
  /** Scope of the whole sentence (every season or show it names). */
  scope: SentenceScope
  /** The document as a whole is about the followed season. */
  docTarget: boolean
  /**
   * The day relative dates ("next month", "this summer") are read against: the article's own
   * date, else the day it was fetched; null when neither is known (relative dates are skipped).
   */
  reference: string | null
  /** Source URL (a trailer claim links to it). */
  url: string
  matcher: SubjectMatcher
  /** The sentence follows an official cast announcement: its cast list is the season's. */
  castFrame: boolean
  /** The sentence's clauses, in order. */
  clauses(): Clause[]
  /** The clause holding a position. */
  clauseAt(index: number): Clause
  /** Which season the clause at a position is about (its own mentions, else the sentence's). */
  scopeAt(index: number): SentenceScope
  /** How sure the clause at a position is. */
  certaintyAt(index: number): CertaintyReading
}

/** A claim body with the position of the words that support it. */
export type FoundClaim = ClaimBody & {
  /** Offset of the trigger in the sentence; decides the clause whose certainty the claim takes. */
  at: number
  /** A certainty the extractor decided itself (a denial lowers it; an actor's own word raises it). */
  certainty?: Certainty
}

/** A field extractor: sentence in, claim bodies out. */
export type FieldExtractor = (ctx: SentenceContext) => FoundClaim[]

/** Builds the context of one sentence; clauses, frames and per-clause scopes are computed on demand. */
export function createSentenceContext(
  text: string,
  scope: SentenceScope,
  doc: { docTarget: boolean; reference: string | null; url: string; matcher: SubjectMatcher; castFrame: boolean },
): SentenceContext {
  let clauses: Clause[] | null = null
  let frame: SentenceFrame | null = null
  const scopes = new Map<number, SentenceScope>()
  const readings = new Map<number, CertaintyReading>()
  const all = () => (clauses ??= splitClauses(text))
  const ctx: SentenceContext = {
    text,
    scope,
    ...doc,
    clauses: all,
    clauseAt: (index) => clauseAt(all(), index),
    scopeAt(index) {
      const c = ctx.clauseAt(index)
      let s = scopes.get(c.start)
      if (!s) {
        s = all().length === 1 ? scope : scopeSentence(c.text, doc.matcher)
        // A clause that names no season or show talks about what the sentence talks about.
        if (!s.target && !s.earlier && !s.elsewhere && !s.show) s = scope
        scopes.set(c.start, s)
      }
      return s
    },
    certaintyAt(index) {
      const c = ctx.clauseAt(index)
      let r = readings.get(c.start)
      if (!r) {
        r = readCertainty(c, (frame ??= findFrame(text, doc.matcher)), doc.matcher)
        readings.set(c.start, r)
      }
      return r
    },
  }
  return ctx
}

/**
 * Whether the clause at `index` may carry a claim about the followed season. `strict` checks
 * (episode counts, a "released" stage) need the season named in the clause or sentence; the
 * rest may lean on the document being about it, as long as nothing names another season or show.
 */
export function isAboutTarget(ctx: SentenceContext, strict: boolean, index = 0): boolean {
  const scope = ctx.scopeAt(index)
  if (scope.target) return !(scope.earlier && !scope.show && strict)
  if (scope.earlier || scope.elsewhere) return false
  if (strict) return false
  return ctx.docTarget
}
