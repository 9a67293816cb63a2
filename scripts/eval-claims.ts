/**
 * `npm run eval:claims`: runs the labelled claim set (test/claims/rows) through the real
 * extractor and prints precision and recall per field, per certainty and per pattern, every
 * wrong or missed row, the email-reaching precision, and last the line
 * `claims: precision P (right/emitted), recall R (found/expected)`.
 *
 * `npm run eval:claims -- --write-marks` also updates the `known:` marks in the row files:
 * removes the mark of a row that now passes and adds one (with today's failure) to a failing
 * row that has none, so the specs keep running `it.fails` exactly for the rows that fail.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { evaluateRow, type RowResult } from '../test/claims/evaluate'
import { describeFailure, formatReport, staleMarks } from '../test/claims/report'
import { ALL_ROWS } from '../test/claims/rows'

const rowsDir = resolve(import.meta.dirname, '../test/claims/rows')

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

/** Adds or removes one row's `known:` line; rows are written `  {` … `  },` with one property per line. */
function rewriteMark(source: string, r: RowResult): string {
  const at = source.indexOf(`id: ${quote(r.row.id)}`)
  if (at < 0) return source
  const end = source.indexOf('\n  },', at)
  if (end < 0) return source
  const body = source.slice(at, end)
  const mark = /\n\s*known: .*/.exec(body)
  if (r.pass && mark) return source.slice(0, at) + body.replace(mark[0], '') + source.slice(end)
  if (!r.pass && !mark) return `${source.slice(0, end)}\n    known: ${quote(describeFailure(r))},${source.slice(end)}`
  return source
}

function writeMarks(results: RowResult[]): void {
  const { fixed, unmarked } = staleMarks(results)
  const todo = [...fixed, ...unmarked]
  if (todo.length === 0) return
  for (const file of readdirSync(rowsDir).filter((f) => f.endsWith('.ts'))) {
    const path = join(rowsDir, file)
    const before = readFileSync(path, 'utf8')
    const after = todo.reduce(rewriteMark, before)
    if (after !== before) writeFileSync(path, after)
  }
  process.stderr.write(`marks: removed ${fixed.length}, added ${unmarked.length}\n`)
}

const results = ALL_ROWS.map(evaluateRow)
if (process.argv.includes('--write-marks')) writeMarks(results)
process.stdout.write(`${formatReport(results).join('\n')}\n`)
