/**
 * Clauses: the statements a sentence joins together. Negation, tense, hedges and the season a
 * statement is about belong to its clause, not to the whole sentence: in "the streamer confirmed that
 * filming has begun, which would put the premiere in 2026", the hedge "would" belongs to the
 * relative clause and leaves the confirmation alone.
 */
import { HANGUL } from '../../core/names'

/** A clause as offsets into its sentence; `text` is the sentence slice with asides blanked out. */
export interface Clause {
  start: number
  end: number
  /**
   * The clause text, same length as the slice, with non-restrictive relative clauses
   * (", who …,", ", which …,") blanked so their verbs govern nothing in the main clause.
   */
  text: string
}

// Where a new independent statement starts (English): semicolons, dashes, contrastive joins.
const EN_BOUNDARY =
  /;|\s[—–]\s|—|,?\s+(?:but|while|whereas|although|though|however|meanwhile|even\s+as)\s+|,\s+yet\s+|,\s+(?:and|so)\s+(?=(?:the|it|its|this|that|they|he|she|fans|production|filming|shooting)\b)/gi
// A leading subordinate clause ("While fans wait, …", "If it is renewed, …") ends at its comma.
const LEADING_SUBORDINATE = /^(?:while|although|though|whereas|if|unless|even\s+(?:though|if)|once|until|before|after|when|since|as|despite|with|following|released|premiering|originally)\b[^,]{2,120},\s*/i
// Korean connective endings that join two statements ("빠지고 … 합류했으며 … 출연한다").
// Nouns that end like a connective (예고 "preview", 광고 "ad") are not joins; "-고 있다" is one verb.
const KO_BOUNDARY = /(?<=[가-힣])(?<![예광최보참경원재다라자냐])(?:고|며|지만|으나|는데|면서)(?=[\s,])(?![\s,]*있)/g
// A non-restrictive relative clause: ", who plays C in the series," or ", which would …".
const RELATIVE = /,\s+(?:who|which|whose|whom|where)\s+[^,;]*(?:,|$)/gi

/** Splits a sentence into clauses, in order; a sentence with no joins is one clause. */
export function splitClauses(sentence: string): Clause[] {
  const cuts = new Set<number>()
  const lead = LEADING_SUBORDINATE.exec(sentence)
  if (lead) cuts.add(lead[0].length)
  EN_BOUNDARY.lastIndex = 0
  for (let m = EN_BOUNDARY.exec(sentence); m; m = EN_BOUNDARY.exec(sentence)) if (m.index > 0) cuts.add(m.index)
  if (HANGUL.test(sentence)) {
    KO_BOUNDARY.lastIndex = 0
    for (let m = KO_BOUNDARY.exec(sentence); m; m = KO_BOUNDARY.exec(sentence)) cuts.add(m.index + m[0].length)
  }
  // Relative clauses are blanked in the clause around them and read as clauses of their own.
  const relatives: Clause[] = []
  let masked = sentence
  if (sentence.includes(',')) {
    RELATIVE.lastIndex = 0
    for (let m = RELATIVE.exec(sentence); m; m = RELATIVE.exec(sentence)) {
      const start = m.index + 1
      const end = m.index + m[0].length - (m[0].endsWith(',') ? 1 : 0)
      relatives.push({ start, end, text: sentence.slice(start, end) })
      masked = masked.slice(0, start) + ' '.repeat(end - start) + masked.slice(end)
    }
  }
  const points = [0, ...[...cuts].filter((c) => c > 0 && c < sentence.length).sort((a, b) => a - b), sentence.length]
  const out: Clause[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    if (end > start) out.push({ start, end, text: masked.slice(start, end) })
  }
  return [...out, ...relatives]
}

/** The innermost clause holding a position (the last main clause when past the end). */
export function clauseAt(clauses: Clause[], index: number): Clause {
  let best: Clause | null = null
  for (const c of clauses) if (index >= c.start && index < c.end && (!best || c.end - c.start < best.end - best.start)) best = c
  return best ?? clauses.filter((c) => c.end === clauses.reduce((m, x) => Math.max(m, x.end), 0))[0] ?? { start: 0, end: 0, text: '' }
}
