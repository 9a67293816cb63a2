/** Recognising D1 failures: a database that is not set up, and the constraint a write broke. */

/** The messages of `err` and of its causes, outermost first (D1 puts SQLite's own error in `cause`). */
function errorMessages(err: unknown): string[] {
  const out: string[] = []
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) out.push(e.message)
  return out
}

/** True for a D1 error about a missing table: the migrations were not applied to this database. */
export function isMissingTableError(err: unknown): boolean {
  return errorMessages(err).some((m) => /\bno such table\b/i.test(m))
}

/** The kind of SQLite constraint a D1 error reports, and on what (`table.column, …`). */
export interface ConstraintFailure {
  kind: 'UNIQUE' | 'NOT NULL' | 'FOREIGN KEY' | 'CHECK' | 'PRIMARY KEY'
  on: string
}

/** Reads a D1 constraint error ("UNIQUE constraint failed: sources.subject_slug, sources.id"). */
export function readConstraintFailure(err: unknown): ConstraintFailure | null {
  const text = err instanceof Error ? errorMessages(err).join(' ') : String((err as Error)?.message ?? err)
  const m = /(UNIQUE|NOT NULL|FOREIGN KEY|CHECK|PRIMARY KEY) constraint failed(?::\s*([^:]+?))?(?::\s*SQLITE_|$|\s\()/.exec(text)
  return m ? { kind: m[1] as ConstraintFailure['kind'], on: (m[2] ?? '').trim() } : null
}

/**
 * Throws D1's own "no such table" error unless every one of `tables` exists. For work deferred
 * past the response (a sign-up after its 200): checked first, so a database that was never
 * migrated answers 503 instead of accepting a request it will lose. Preparing a cross join
 * with `LIMIT 0` makes SQLite resolve the names without reading a row, so the cost is one round
 * trip, the same for every request.
 */
export async function requireTables(db: D1Database, tables: readonly string[]): Promise<void> {
  await db.prepare(`SELECT 1 FROM ${tables.join(', ')} LIMIT 0`).run()
}
