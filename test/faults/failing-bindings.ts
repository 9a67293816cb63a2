/**
 * Bindings that fail on cue, for the fault suite's `wrapKv` / `wrapDb` / `wrapQueue` seams. Each
 * asks a predicate at the moment of the call, so a row decides which call fails (by key, by SQL,
 * by run and attempt) and how often. The errors read like the platform's own.
 */
import type { JobQueue } from '../../src/mail/delivery/email-job'
import type { KvLike } from '../../src/store/kv'

/** A predicate that says yes `times` times, then no more. */
export function times<A extends unknown[]>(n: number, when: (...args: A) => boolean): (...args: A) => boolean {
  let left = n
  return (...args) => {
    if (left <= 0 || !when(...args)) return false
    left--
    return true
  }
}

/** A KV whose calls fail when `fails(op, key)` says so. */
export function failingKv(inner: KvLike, fails: (op: 'get' | 'put' | 'delete', key: string) => boolean): KvLike {
  const refuse = (op: string, key: string) => new Error(`KV ${op.toUpperCase()} failed: 500 Internal Server Error (${key})`)
  return {
    async get(key) {
      if (fails('get', key)) throw refuse('get', key)
      return inner.get(key)
    },
    async put(key, value) {
      if (fails('put', key)) throw refuse('put', key)
      await inner.put(key, value)
    },
    async delete(key) {
      if (fails('delete', key)) throw refuse('delete', key)
      await inner.delete(key)
    },
  }
}

/** A D1 whose statements fail when `fails(sql)` says so, when run alone or in a batch. */
export function failingDb(db: D1Database, fails: (sql: string) => boolean): D1Database {
  const real = new WeakMap<object, { stmt: D1PreparedStatement; sql: string }>()
  const refuse = () => Promise.reject(new Error('D1_ERROR: Network connection lost.'))
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = {
      bind: (...values: unknown[]) => wrap(stmt.bind(...values), sql),
      first: (column?: string) => (fails(sql) ? refuse() : column === undefined ? stmt.first() : stmt.first(column)),
      run: () => (fails(sql) ? refuse() : stmt.run()),
      all: () => (fails(sql) ? refuse() : stmt.all()),
      raw: (options?: { columnNames?: boolean }) => (fails(sql) ? refuse() : stmt.raw(options as { columnNames: true })),
    }
    real.set(wrapped, { stmt, sql })
    return wrapped as unknown as D1PreparedStatement
  }
  return {
    prepare: (sql: string) => wrap(db.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) => {
      const inner = statements.map((s) => real.get(s) ?? { stmt: s, sql: '' })
      if (inner.some((s) => fails(s.sql))) return refuse()
      return db.batch(inner.map((s) => s.stmt))
    },
    exec: (query: string) => db.exec(query),
    dump: () => db.dump(),
    withSession: () => {
      throw new Error('not used by the pipeline')
    },
  } as unknown as D1Database
}

/** A Queue producer whose sends fail when `fails()` says so. */
export function failingQueue(inner: JobQueue, fails: () => boolean): JobQueue {
  const refuse = () => Promise.reject(new Error('Queue send failed: internal error (code 10001)'))
  return {
    sendBatch: (messages) => (fails() ? refuse() : inner.sendBatch(messages)),
    send: (message) => (fails() ? refuse() : inner.send(message)),
  }
}
