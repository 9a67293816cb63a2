/**
 * The labelled claim set as specs: one `it` per row, named by its sentence. A row marked
 * `known` (today's extractor gets it wrong) runs with `it.fails`, so the suite stays green and
 * turns red the moment a rule fixes the row: then remove its mark
 * (`npm run eval:claims -- --write-marks` does it).
 */
import { describe, expect, it } from 'vitest'
import { evaluateRow } from './evaluate'
import { describeClaim, describeExpected } from './match-claims'
import type { ClaimRow } from './row'
import { ROW_GROUPS } from './rows'

/** The row's sentence (or, for a whole page, its note), shortened for a spec name. */
function specName(row: ClaimRow): string {
  const text = (row.text ?? `[page] ${row.note ?? row.id}`).replace(/\s+/g, ' ')
  return `${row.id} ${text.length > 110 ? `${text.slice(0, 109)}…` : text}`
}

/** Every wrong and missed claim of a row, as text (empty when the row is right). */
function problems(row: ClaimRow): string[] {
  const { verdict } = evaluateRow(row)
  return [
    ...verdict.wrong.map((w) => `wrong: ${describeClaim(w.claim)} (${w.reason})`),
    ...verdict.missed.map((m) => `missed: ${describeExpected(m.want)} (${m.reason})`),
  ]
}

for (const group of ROW_GROUPS) {
  describe(`the claim set: ${group.name}`, () => {
    for (const row of group.rows) {
      const spec = row.known ? it.fails : it
      spec(specName(row), () => {
        expect(problems(row)).toEqual([])
      })
    }
  })
}
