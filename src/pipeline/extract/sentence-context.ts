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
  /** The page's title or a heading names the followed season (an infobox then describes it). */
  titleTarget: boolean
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
  /** A departure whose words say the actor held a part before ("has left", "replacing X"). */
  formerCast?: true
}

/** A field extractor: sentence in, claim bodies out. */
export type FieldExtractor = (ctx: SentenceContext) => FoundClaim[]

/** The lazily computed reading of one sentence (a class: one shape, no per-sentence closures). */
class Sentence implements SentenceContext {
  private split: Clause[] | null = null
  private frame: SentenceFrame | null = null
  private scopes: Map<number, SentenceScope> | null = null
  private readings: Map<number, CertaintyReading> | null = null
  readonly docTarget: boolean
  readonly titleTarget: boolean
  readonly reference: string | null
  readonly url: string
  readonly matcher: SubjectMatcher
  readonly castFrame: boolean

  private sentenceScope: SentenceScope | null = null

  constructor(
    readonly text: string,
    private readonly readScope: () => SentenceScope,
    doc: { docTarget: boolean; titleTarget?: boolean; reference: string | null; url: string; matcher: SubjectMatcher; castFrame: boolean },
  ) {
    this.docTarget = doc.docTarget
    this.titleTarget = doc.titleTarget ?? false
    this.reference = doc.reference
    this.url = doc.url
    this.matcher = doc.matcher
    this.castFrame = doc.castFrame
  }

  get scope(): SentenceScope {
    return (this.sentenceScope ??= this.readScope())
  }

  clauses(): Clause[] {
    return (this.split ??= splitClauses(this.text))
  }

  clauseAt(index: number): Clause {
    return clauseAt(this.clauses(), index)
  }

  scopeAt(index: number): SentenceScope {
    const c = this.clauseAt(index)
    this.scopes ??= new Map()
    let s = this.scopes.get(c.start)
    if (!s) {
      s = this.clauses().length === 1 ? this.scope : scopeSentence(c.text, this.matcher)
      // A clause that names no season or show talks about what the sentence talks about.
      if (!s.target && !s.earlier && !s.elsewhere && !s.show) s = this.scope
      this.scopes.set(c.start, s)
    }
    return s
  }

  certaintyAt(index: number): CertaintyReading {
    const c = this.clauseAt(index)
    this.readings ??= new Map()
    let r = this.readings.get(c.start)
    if (!r) {
      r = readCertainty(c, (this.frame ??= findFrame(this.text, this.matcher)), this.matcher)
      this.readings.set(c.start, r)
    }
    return r
  }
}

/** Builds the context of one sentence; clauses, frames and per-clause scopes are computed on demand. */
export function createSentenceContext(
  text: string,
  readScope: () => SentenceScope,
  doc: { docTarget: boolean; titleTarget?: boolean; reference: string | null; url: string; matcher: SubjectMatcher; castFrame: boolean },
): SentenceContext {
  return new Sentence(text, readScope, doc)
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
