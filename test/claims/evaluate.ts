/**
 * Runs rows through the real extractor and scores them. Shared by the specs, the email
 * precision floor and `npm run eval:claims`.
 */
import type { Certainty, Claim, Field } from '../../src/core/types'
import { extractDocument } from '../../src/pipeline/extract/extract-document'
import { canReachEmail, matchRow, type Ratio, type RowVerdict } from './match-claims'
import { DEFAULT_PUBLISHED, type ClaimRow, type PatternNo } from './row'
import { SUBJECTS } from './subjects'

const HANGUL = /[\uAC00-\uD7A3]/

/** True for a row written in Korean (its running text has Hangul). */
export function isKorean(row: ClaimRow): boolean {
  return HANGUL.test(row.text ?? row.html?.replace(/<[^>]*>/g, '') ?? '')
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The publication day of a row's page, or null for an undated page. */
function publishedOf(row: ClaimRow): string | null {
  return row.published === undefined ? DEFAULT_PUBLISHED : row.published
}

/** The fetch time of a row's page: given, else the morning after it was published. */
export function fetchedAtOf(row: ClaimRow): string {
  if (row.fetchedAt) return row.fetchedAt
  const day = new Date(`${publishedOf(row) ?? DEFAULT_PUBLISHED}T00:00:00Z`)
  day.setUTCDate(day.getUTCDate() + 1)
  return `${day.toISOString().slice(0, 10)}T08:00:00Z`
}

/**
 * A `text` row as a minimal article page: a headline and one `<p>` per paragraph, with the
 * publication day in `article:published_time` (left out for undated rows).
 */
export function rowHtml(row: ClaimRow): string {
  if (row.html !== undefined) return row.html
  const ts = SUBJECTS[row.subject]
  const ko = isKorean(row)
  const title = escapeHtml(row.title ?? (ko ? ts.titleKo : ts.titleEn))
  const published = publishedOf(row)
  const meta = published ? `<meta property="article:published_time" content="${published}T09:00:00+00:00">` : ''
  const body = (row.text ?? '')
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('\n')
  return `<!doctype html><html lang="${ko ? 'ko' : 'en'}"><head><meta charset="utf-8"><title>${title}</title>${meta}</head>
<body><article><h1>${title}</h1>
${body}
</article></body></html>`
}

/** The page address a row is read from. */
export const rowUrl = (row: ClaimRow) => `https://news.example/claims/${row.id}`

/** One row, run and judged. */
export interface RowResult {
  row: ClaimRow
  claims: Claim[]
  verdict: RowVerdict
  /** No wrong and no missed claim. */
  pass: boolean
}

/** Runs one row through `extractDocument` and judges its claims. */
export function evaluateRow(row: ClaimRow): RowResult {
  const { subject } = SUBJECTS[row.subject]
  const { claims } = extractDocument(rowHtml(row), { url: rowUrl(row), fetchedAt: fetchedAtOf(row), subject })
  const verdict = matchRow(claims, row.expect, row.allow ?? [], subject)
  return { row, claims, verdict, pass: verdict.wrong.length === 0 && verdict.missed.length === 0 }
}

/** Precision and recall counts for one slice. */
export interface Score {
  /** right / emitted. */
  precision: Ratio
  /** found / expected. */
  recall: Ratio
}

const emptyScore = (): Score => ({ precision: { hit: 0, total: 0 }, recall: { hit: 0, total: 0 } })

/** Scores over a set of results: overall, per field, per certainty and for email-reaching claims. */
export interface Scores {
  all: Score
  byField: Record<Field, Score>
  byCertainty: Record<Certainty, Score>
  email: Score
}

export const FIELDS: Field[] = ['stage', 'release', 'cast', 'trailer', 'episodes']
export const CERTAINTIES: Certainty[] = ['confirmed', 'reported', 'speculated']

/**
 * Adds up the verdicts. Precision slices go by the emitted claim (its field, its certainty);
 * recall slices by the expected claim.
 */
export function scoreResults(results: RowResult[]): Scores {
  const s: Scores = {
    all: emptyScore(),
    byField: Object.fromEntries(FIELDS.map((f) => [f, emptyScore()])) as Record<Field, Score>,
    byCertainty: Object.fromEntries(CERTAINTIES.map((c) => [c, emptyScore()])) as Record<Certainty, Score>,
    email: emptyScore(),
  }
  const count = (slices: Score[], kind: 'precision' | 'recall', hit: boolean) => {
    for (const slice of slices) {
      slice[kind].total++
      if (hit) slice[kind].hit++
    }
  }
  for (const { verdict } of results) {
    for (const { claim, want } of verdict.right) {
      const email = canReachEmail(claim) ? [s.email] : []
      count([s.all, s.byField[claim.field], s.byCertainty[claim.certainty], ...email], 'precision', true)
      count([s.all, s.byField[want.field], s.byCertainty[want.certainty], ...(canReachEmail(want) ? [s.email] : [])], 'recall', true)
    }
    for (const { claim } of verdict.wrong) {
      count([s.all, s.byField[claim.field], s.byCertainty[claim.certainty], ...(canReachEmail(claim) ? [s.email] : [])], 'precision', false)
    }
    for (const { want } of verdict.missed) {
      count([s.all, s.byField[want.field], s.byCertainty[want.certainty], ...(canReachEmail(want) ? [s.email] : [])], 'recall', false)
    }
  }
  return s
}

/** Pass/fail counts of rows per pattern and direction. */
export function patternTable(results: RowResult[]): Map<PatternNo, { trap: Ratio; truth: Ratio }> {
  const table = new Map<PatternNo, { trap: Ratio; truth: Ratio }>()
  for (const r of results) {
    const p = r.row.pattern
    if (p === undefined) continue
    const entry = table.get(p) ?? { trap: { hit: 0, total: 0 }, truth: { hit: 0, total: 0 } }
    const side = r.row.trap ? entry.trap : entry.truth
    side.total++
    if (r.pass) side.hit++
    table.set(p, entry)
  }
  return new Map([...table].sort((a, b) => a[0] - b[0]))
}
