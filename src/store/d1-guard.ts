/**
 * Conditional writes in D1. A D1 batch is one transaction, and any failing statement rolls the
 * whole batch back. So a write that must only happen at a given version starts its batch with a
 * guard that fails on a mismatch: `version = CASE WHEN version = ?n THEN … ELSE NULL END` on a
 * NOT NULL column. A stale writer changes nothing and gets a recognisable error; a current one
 * goes through with the rest of its batch (the audit entry included), all or nothing.
 */

/** SQL for `column` moved on by one when it still holds the expected value (param `?n`), else NULL. */
export function bumpIfAt(column: string, param: string): string {
  return `${column} = CASE WHEN ${column} = ${param} THEN ${column} + 1 ELSE NULL END`
}

/** SQL for `column` kept as it is when it holds the expected value, else NULL (a pure check). */
export function keepIfAt(column: string, param: string): string {
  return `${column} = CASE WHEN ${column} = ${param} THEN ${column} ELSE NULL END`
}

/** The kind of SQLite constraint a D1 error reports, and on what (`table.column, …`). */
export interface ConstraintFailure {
  kind: 'UNIQUE' | 'NOT NULL' | 'FOREIGN KEY' | 'CHECK' | 'PRIMARY KEY'
  on: string
}

/** Reads a D1 constraint error ("UNIQUE constraint failed: sources.subject_slug, sources.id"). */
export function readConstraintFailure(err: unknown): ConstraintFailure | null {
  const text = `${String((err as Error)?.message ?? err)} ${String((err as { cause?: Error })?.cause?.message ?? '')}`
  const m = /(UNIQUE|NOT NULL|FOREIGN KEY|CHECK|PRIMARY KEY) constraint failed(?::\s*([^:]+?))?(?::\s*SQLITE_|$|\s\()/.exec(text)
  return m ? { kind: m[1] as ConstraintFailure['kind'], on: (m[2] ?? '').trim() } : null
}

/** True when `err` is the guard of `bumpIfAt`/`keepIfAt` on `table.column` failing: a stale version. */
export function isStaleVersion(err: unknown, tableColumn: string): boolean {
  const failure = readConstraintFailure(err)
  return failure?.kind === 'NOT NULL' && failure.on === tableColumn
}
