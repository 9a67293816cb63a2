/**
 * Conditional writes in D1. A D1 batch is one transaction, and any failing statement rolls the
 * whole batch back. So a write that must only happen at a given version starts its batch with a
 * guard that fails on a mismatch: `version = CASE WHEN version = ?n THEN … ELSE NULL END` on a
 * NOT NULL column. A stale writer changes nothing and gets a recognisable error; a current one
 * goes through with the rest of its batch (the audit entry included), all or nothing.
 */
import { readConstraintFailure } from './d1-errors'

/** SQL for `column` moved on by one when it still holds the expected value (param `?n`), else NULL. */
export function bumpIfAt(column: string, param: string): string {
  return `${column} = CASE WHEN ${column} = ${param} THEN ${column} + 1 ELSE NULL END`
}

/** SQL for `column` kept as it is when it holds the expected value, else NULL (a pure check). */
export function keepIfAt(column: string, param: string): string {
  return `${column} = CASE WHEN ${column} = ${param} THEN ${column} ELSE NULL END`
}

/** True when `err` is the guard of `bumpIfAt`/`keepIfAt` on `table.column` failing: a stale version. */
export function isStaleVersion(err: unknown, tableColumn: string): boolean {
  const failure = readConstraintFailure(err)
  return failure?.kind === 'NOT NULL' && failure.on === tableColumn
}
