/**
 * The text report of `npm run eval:claims`. Its last line is the contract:
 * `claims: precision P (right/emitted), recall R (found/expected)`.
 */
import { CERTAINTIES, FIELDS, isKorean, patternTable, type RowResult, scoreResults, type Score } from './evaluate'
import { describeClaim, describeExpected, formatRatio } from './match-claims'
import { PATTERNS } from './row'

const line = (label: string, s: Score) => `  ${label.padEnd(12)} precision ${formatRatio(s.precision).padEnd(16)} recall ${formatRatio(s.recall)}`

/** What is wrong with a failing row, in one line: `emits …; misses …`. */
export function describeFailure(r: RowResult): string {
  const parts = [
    ...r.verdict.wrong.map((w) => `emits ${describeClaim(w.claim)} (${w.reason})`),
    ...r.verdict.missed.map((m) => `misses ${describeExpected(m.want)} (${m.reason})`),
  ]
  return parts.join('; ')
}

/** Rows whose `known` mark no longer says the truth: marked but passing, or failing unmarked. */
export function staleMarks(results: RowResult[]): { fixed: RowResult[]; unmarked: RowResult[] } {
  return {
    fixed: results.filter((r) => r.pass && r.row.known),
    unmarked: results.filter((r) => !r.pass && !r.row.known),
  }
}

/** The full report, one string per line. */
export function formatReport(results: RowResult[]): string[] {
  const s = scoreResults(results)
  const korean = results.filter((r) => isKorean(r.row)).length
  const subjects = new Set(results.map((r) => r.row.subject)).size
  const out: string[] = []
  out.push(`claim-level evaluation: ${results.length} rows (${korean} Korean), ${subjects} subjects`)
  out.push('per field:')
  for (const f of FIELDS) out.push(line(f, s.byField[f]))
  out.push('per certainty:')
  for (const c of CERTAINTIES) out.push(line(c, s.byCertainty[c]))
  out.push('per language:')
  for (const [label, ko] of [['English', false], ['Korean', true]] as const) {
    out.push(line(label, scoreResults(results.filter((r) => isKorean(r.row) === ko)).all))
  }
  out.push('per pattern (rows passing):')
  for (const [p, { trap, truth }] of patternTable(results)) {
    out.push(`  ${String(p).padStart(2)} ${PATTERNS[p].padEnd(50)} trap ${formatRatio(trap).padEnd(14)} true ${formatRatio(truth)}`)
  }
  const failing = results.filter((r) => !r.pass)
  out.push(`wrong or missed (${failing.length} rows):`)
  for (const r of failing) out.push(`  ${r.row.id.padEnd(14)} ${describeFailure(r)}`)
  const { fixed, unmarked } = staleMarks(results)
  out.push(`rows: ${results.length - failing.length} pass, ${failing.length} fail; marks to update: ${fixed.length} fixed (${fixed.map((r) => r.row.id).join(' ') || '-'}), ${unmarked.length} unmarked (${unmarked.map((r) => r.row.id).join(' ') || '-'})`)
  out.push(`claims that can reach an email: precision ${formatRatio(s.email.precision)}, recall ${formatRatio(s.email.recall)}`)
  out.push(`claims: precision ${formatRatio(s.all.precision)}, recall ${formatRatio(s.all.recall)}`)
  return out
}
