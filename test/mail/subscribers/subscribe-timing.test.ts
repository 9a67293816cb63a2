import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { hashAddress } from '../../../src/mail/subscribers/address-hash'
import { clearTables, FIRST, form, makeApp, nextIp, ORIGIN, rowFor, SIGNING_KEY, testEnv } from './helpers'

const app = makeApp()

/**
 * D1 behind a gate: every query waits until `open()` is called, and `queries` counts those asked
 * for. A response that arrives while the gate is shut cannot have waited on the database.
 * `subjectsPass` lets reads of the followed seasons through (the list the form offers is the
 * same for every address, so drawing it tells nothing); `subjectReads` counts them. The check
 * that the tables exist (`… LIMIT 0`, reads no row, the same for every address) always passes;
 * `presenceChecks` counts it.
 */
function gatedDb(db: D1Database, opts: { subjectsPass?: boolean } = {}) {
  let open!: () => void
  const gate = new Promise<void>((resolve) => (open = resolve))
  const state = { queries: 0, subjectReads: 0, presenceChecks: 0, open: () => open() }
  const real = new WeakMap<object, D1PreparedStatement>()
  const presenceCheck = (sql: string) => /^\s*SELECT 1 FROM [\w, ]+ LIMIT 0\s*$/.test(sql)
  const onlySubjects = (sql: string) => /^\s*SELECT\b/i.test(sql) && /\bFROM subjects\b/.test(sql) && !/subscri/.test(sql)
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const proxy = new Proxy(stmt, {
      get(target, key) {
        if (key === 'bind') return (...args: unknown[]) => wrap(target.bind(...args), sql)
        if (key === 'first' || key === 'run' || key === 'all' || key === 'raw') {
          return async (...args: unknown[]) => {
            if (presenceCheck(sql)) {
              state.presenceChecks++
              return (target[key] as (...a: unknown[]) => unknown).apply(target, args)
            }
            if (opts.subjectsPass && onlySubjects(sql)) {
              state.subjectReads++
              return (target[key] as (...a: unknown[]) => unknown).apply(target, args)
            }
            state.queries++
            await gate
            return (target[key] as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        const value = Reflect.get(target, key, target)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    real.set(proxy, stmt)
    return proxy
  }
  const gated = new Proxy(db, {
    get(target, key) {
      if (key === 'prepare') return (sql: string) => wrap(target.prepare(sql), sql)
      if (key === 'batch') {
        return async (stmts: D1PreparedStatement[]) => {
          state.queries++
          await gate
          return target.batch(stmts.map((s) => real.get(s) ?? s))
        }
      }
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return { db: gated, state }
}

/** Resolves with the response, or rejects if it does not come while the database is held. */
function within<T>(promise: T | Promise<T>, ms: number): Promise<T> {
  return Promise.race([Promise.resolve(promise), new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no response within ${ms} ms while D1 was held`)), ms))])
}

/** What a visitor can observe of a response (the Date header aside). */
async function observable(res: Response) {
  const headers = [...res.headers].filter(([k]) => k !== 'date')
  return { status: res.status, headers, body: await res.text() }
}

beforeEach(clearTables)

describe('subscribing does not tell an address\'s state by timing', () => {
  it('answers before touching the database, then does the work after the response', async () => {
    const { db, state } = gatedDb(env.DB)
    const e = testEnv({ DB: db })
    const ctx = createExecutionContext()
    const res = await within(app.fetch(new Request(`${ORIGIN}/subscribe`, form({ email: 'later@example.com' }, nextIp())), e, ctx), 2000)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('Check your inbox')
    // Nothing is written and nothing is queued yet: the work waits behind the gate.
    expect(await rowFor('later@example.com')).toBeNull()
    expect(e.EMAIL_QUEUE.jobs).toEqual([])
    // Only the tables' presence was checked before answering.
    expect(state.presenceChecks).toBe(1)
    state.open()
    await waitOnExecutionContext(ctx)
    expect(state.queries).toBeGreaterThan(0)
    expect(await rowFor('later@example.com')).toMatchObject({ status: 'pending' })
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(1)
  })

  it('gives new, pending, active and bounced addresses the same answer on the same path', async () => {
    const e = testEnv()
    const now = new Date().toISOString()
    await env.DB.batch([
      env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, confirm_sends, confirm_sent_at) VALUES ('pending@example.com', 'pending', ?1, ?1, 1, ?1)").bind(now),
      env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES ('active@example.com', 'active', ?1, ?1, ?1)").bind(now),
      // It already follows what the form asks for (the first season, everything): nothing to confirm.
      env.DB.prepare("INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at) SELECT id, ?2, 'all', ?1 FROM subscribers WHERE email = 'active@example.com'").bind(now, FIRST),
      env.DB.prepare("INSERT INTO subscribers (email, suppress_hash, status, created_at, updated_at) VALUES (NULL, ?1, 'bounced', ?2, ?2)").bind(await hashAddress(SIGNING_KEY, 'bounced@example.com'), now),
    ])
    const answers = []
    for (const email of ['new@example.com', 'pending@example.com', 'active@example.com', 'bounced@example.com']) {
      const { db, state } = gatedDb(env.DB)
      const ctx = createExecutionContext()
      const res = await within(app.fetch(new Request(`${ORIGIN}/subscribe`, form({ email }, '203.0.113.200')), { ...e, DB: db } as typeof e, ctx), 2000)
      answers.push(await observable(res))
      state.open()
      await waitOnExecutionContext(ctx)
    }
    expect(answers[1]).toEqual(answers[0])
    expect(answers[2]).toEqual(answers[0])
    expect(answers[3]).toEqual(answers[0])
    // Only the new address got a confirmation; the pending one was asked too recently.
    expect(e.EMAIL_QUEUE.jobs).toHaveLength(1)
  })

  it('keeps validation errors on the response (they do not depend on the address\'s state)', async () => {
    const { db, state } = gatedDb(env.DB, { subjectsPass: true })
    const res = await within(app.fetch(new Request(`${ORIGIN}/subscribe`, form({ email: 'not-an-address' }, nextIp())), testEnv({ DB: db }), createExecutionContext()), 2000)
    expect(res.status).toBe(400)
    // Only the list of seasons, to draw the form again; nothing about any address.
    expect(state.queries).toBe(0)
    expect(state.subjectReads).toBe(1)
  })
})
