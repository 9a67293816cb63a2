import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { defaultSources } from '../../src/worker/config'
import { adminEnv, auditMark, makeAdmin, resetStorage, savedSources, TOKEN } from './helpers'

// Issue 9, item 4: edits that race must not be lost. Every request here goes through the real
// admin routes into the real D1, many at once.
const app = makeAdmin({ now: () => new Date('2026-03-01T10:00:00Z') })
const auth = { Authorization: `Bearer ${TOKEN}` }
const json = { ...auth, 'Content-Type': 'application/json' }
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method, headers: { ...json, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }, adminEnv())
const source = (i: number) => ({ id: `parallel-${i}`, url: `https://p${i}.example/news`, kind: 'page' })

let mark = 0
beforeEach(async () => {
  await resetStorage()
  await send('GET', '/api/sources') // the first subject exists before the race starts
  mark = await auditMark()
})

const auditActions = async () =>
  ((await env.DB.prepare('SELECT action, target FROM audit_log WHERE id > ?1 ORDER BY id').bind(mark).all()).results as { action: string; target: string | null }[])

describe('versioned source writes under concurrency', () => {
  it('10 parallel POSTs of different sources: all answer 201 and all survive, each logged once', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send('POST', '/api/sources', source(i))))
    expect(answers.map((r) => r.status)).toEqual(Array(10).fill(201))
    const ids = ((await savedSources()) as { id: string }[]).map((s) => s.id)
    expect(ids).toEqual(expect.arrayContaining(Array.from({ length: 10 }, (_, i) => `parallel-${i}`)))
    expect(ids).toHaveLength(defaultSources.length + 10)
    expect((await auditActions()).filter((e) => e.action === 'add')).toHaveLength(10)
  })

  it('10 parallel POSTs of the same id: one lands, the others get 409 or 422 and leave no trace', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => send('POST', '/api/sources', { ...source(i), id: 'same-id' })))
    const statuses = answers.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409 || s === 422)).toBe(true)
    for (const r of answers.filter((a) => a.status !== 201)) expect(Object.keys(((await r.json()) as { errors: object }).errors)).toEqual(['id'])
    expect(((await savedSources()) as { id: string }[]).filter((s) => s.id === 'same-id')).toHaveLength(1)
    expect(await auditActions()).toHaveLength(1)
  })

  it('PATCH and DELETE that name a stale version (body or If-Match) get 409 and change nothing', async () => {
    await send('POST', '/api/sources', source(1))
    const v1 = (await (await send('PATCH', '/api/sources/parallel-1', { notes: 'first', version: 1 })).json()) as { source: { version: number } }
    expect(v1.source.version).toBe(2)

    const staleBody = await send('PATCH', '/api/sources/parallel-1', { notes: 'lost?', version: 1 })
    expect(staleBody.status).toBe(409)
    expect(((await staleBody.json()) as { errors: Record<string, string> }).errors.version).toMatch(/changed since you read it/)
    expect((await send('PATCH', '/api/sources/parallel-1', { notes: 'lost?' }, { 'If-Match': '"1"' })).status).toBe(409)
    expect((await send('DELETE', '/api/sources/parallel-1', undefined, { 'If-Match': 'W/"1"' })).status).toBe(409)
    expect((await send('DELETE', '/api/sources/parallel-1', { version: 1 })).status).toBe(409)
    expect((await send('PATCH', '/api/sources/parallel-1', { notes: 'x', version: 'two' })).status).toBe(422)
    expect(((await savedSources()) as { id: string; notes?: string }[]).find((s) => s.id === 'parallel-1')?.notes).toBe('first')

    const one = await send('GET', '/api/sources/parallel-1')
    expect(one.headers.get('ETag')).toBe('"2"')
    expect((await send('DELETE', '/api/sources/parallel-1', undefined, { 'If-Match': '"2"' })).status).toBe(200)
    expect(((await savedSources()) as { id: string }[]).map((s) => s.id)).not.toContain('parallel-1')
    expect((await auditActions()).map((e) => e.action)).toEqual(['add', 'edit', 'delete'])
  })

  it('two PATCHes of the same version at once: one 200, the other 409', async () => {
    await send('POST', '/api/sources', source(2))
    const [a, b] = await Promise.all([send('PATCH', '/api/sources/parallel-2', { notes: 'a', version: 1 }), send('PATCH', '/api/sources/parallel-2', { notes: 'b', version: 1 })])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const winner = a.status === 200 ? 'a' : 'b'
    expect(((await savedSources()) as { id: string; notes?: string }[]).find((s) => s.id === 'parallel-2')?.notes).toBe(winner)
  })

  it('PATCHes that name no version are applied to the current row, so parallel edits of different fields both stay', async () => {
    await send('POST', '/api/sources', source(3))
    const answers = await Promise.all([
      send('PATCH', '/api/sources/parallel-3', { notes: 'kept' }),
      send('PATCH', '/api/sources/parallel-3', { enabled: false }),
      send('PATCH', '/api/sources/parallel-3', { unreliable: true }),
    ])
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200])
    expect(((await savedSources()) as { id: string }[]).find((s) => s.id === 'parallel-3')).toEqual({ ...source(3), enabled: false, notes: 'kept', unreliable: true })
  })

  it('two import confirms with the same base: one 200, the other 409, and nothing vanishes', async () => {
    const first = [...defaultSources, { ...source(7), enabled: true }]
    const second = [...defaultSources, { ...source(8), enabled: true }]
    const { base } = (await (await send('POST', '/api/sources/import', { sources: first })).json()) as { base: string }
    const [a, b] = await Promise.all([
      send('POST', '/api/sources/import', { sources: first, confirm: true, base }),
      send('POST', '/api/sources/import', { sources: second, confirm: true, base }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const applied = a.status === 200 ? first : second
    expect(await savedSources()).toEqual(applied)
    expect((await auditActions()).map((e) => e.action)).toEqual(['import'])

    // A later edit moves the base on: the old preview cannot be confirmed any more.
    await send('POST', '/api/sources', source(9))
    expect((await send('POST', '/api/sources/import', { sources: first, confirm: true, base })).status).toBe(409)
  })
})

describe('the audit log', () => {
  it('keeps every entry of a burst of parallel edits, with who, what, when, subject and target', async () => {
    await Promise.all(Array.from({ length: 12 }, (_, i) => send('POST', '/api/sources', source(20 + i))))
    const { entries } = (await (await send('GET', '/api/sources/audit')).json()) as { entries: any[] }
    const mine = entries.filter((e) => e.id > mark)
    expect(mine).toHaveLength(12)
    expect(new Set(mine.map((e) => e.target)).size).toBe(12)
    for (const e of mine) expect(e).toMatchObject({ actor: expect.stringMatching(/^token:[0-9a-f]{8}$/), action: 'add', via: 'api', at: '2026-03-01T10:00:00.000Z', subject: expect.any(String), targetKind: 'source', reason: null })
  })

  it('is append-only: the table refuses updates and deletes', async () => {
    await send('POST', '/api/sources', source(40))
    await expect(env.DB.prepare(`UPDATE audit_log SET actor = 'someone else'`).run()).rejects.toThrow(/append-only/)
    await expect(env.DB.prepare('DELETE FROM audit_log').run()).rejects.toThrow(/append-only/)
    expect(await auditActions()).toHaveLength(1)
  })
})
