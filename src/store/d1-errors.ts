/** Recognising D1 failures that mean "the database is not set up", not "this request is wrong". */

/** True for a D1 error about a missing table: the migrations were not applied to this database. */
export function isMissingTableError(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e instanceof Error && depth < 4; e = e.cause, depth++) {
    if (/\bno such table\b/i.test(e.message)) return true
  }
  return false
}
