/** Recognising D1 failures that mean "the database is not set up", not "this request is wrong". */

/** True for a D1 error about a missing table: the migrations were not applied to this database. */
export function isMissingTableError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/\bno such table\b/i.test(e.message)) return true
  }
  return false
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
