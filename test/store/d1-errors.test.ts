import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { isMissingTableError, readConstraintFailure } from '../../src/store/d1-errors'

/** What D1 throws for `sql`, run against the real (migrated) database. */
async function d1Error(sql: string, ...params: unknown[]): Promise<unknown> {
  return env.DB.prepare(sql).bind(...params).run().then(() => null, (err: unknown) => err)
}

describe('reading D1 errors', () => {
  it('names the constraint and the column a write broke', async () => {
    await env.DB.prepare('INSERT INTO run_lock (name, token, expires_at) VALUES (?1, ?2, ?3)').bind('d1-errors', 't1', 0).run()
    const duplicate = await d1Error('INSERT INTO run_lock (name, token, expires_at) VALUES (?1, ?2, ?3)', 'd1-errors', 't2', 0)
    expect(readConstraintFailure(duplicate)).toEqual({ kind: expect.stringMatching(/^(UNIQUE|PRIMARY KEY)$/), on: 'run_lock.name' })
    const missing = await d1Error('INSERT INTO run_lock (name, token, expires_at) VALUES (?1, NULL, ?2)', 'd1-errors-2', 0)
    expect(readConstraintFailure(missing)).toEqual({ kind: 'NOT NULL', on: 'run_lock.token' })
  })

  it('finds the constraint in a wrapped error, and nothing in an error about something else', () => {
    const wrapped = new Error('D1_ERROR: write failed', { cause: new Error('NOT NULL constraint failed: sources.version: SQLITE_CONSTRAINT') })
    expect(readConstraintFailure(wrapped)).toEqual({ kind: 'NOT NULL', on: 'sources.version' })
    expect(readConstraintFailure(new Error('D1_ERROR: no such table: sources'))).toBeNull()
    expect(isMissingTableError(new Error('D1_ERROR: write failed', { cause: new Error('no such table: sources') }))).toBe(true)
    expect(isMissingTableError(new Error('NOT NULL constraint failed: sources.version'))).toBe(false)
  })
})
