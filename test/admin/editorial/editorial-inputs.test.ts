import { env } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeAdmin, storageSnapshot, TOKEN } from '../helpers'
import { freshWorld, makeEnv, makeWeb, run, SLUG } from './world'

const XSS = '<script>alert(1)</script>'

/** Everything an editorial write could touch (the admin storage plus the editorial tables): equal before and after = nothing written. */
async function editorialSnapshot() {
  const rows = async (sql: string) => (await env.DB.prepare(sql).all()).results
  return {
    ...(await storageSnapshot()),
    held: await rows('SELECT * FROM held_editions ORDER BY id'),
    exclusions: await rows('SELECT * FROM claim_exclusions ORDER BY id'),
    corrections: await rows('SELECT * FROM corrections ORDER BY id'),
    settings: await rows('SELECT * FROM editorial_settings ORDER BY scope'),
    editions: await rows('SELECT COUNT(*) AS n FROM editions'),
  }
}

/** [method, path, body]: each must get a clear 4xx and change nothing. */
const HOSTILE: [string, string, string | undefined][] = [
  ['PATCH', `/api/subjects/${SLUG}/review`, '{"mode":'],
  ['PATCH', `/api/subjects/${SLUG}/review`, JSON.stringify({ mode: 'hold', holdHours: 1e9 })],
  ['PATCH', `/api/subjects/${SLUG}/review`, JSON.stringify({ mode: 'hold', holdHours: '6; DROP TABLE subjects' })],
  ['PATCH', `/api/subjects/${SLUG}/review`, JSON.stringify({ mode: 'off', extra: true })],
  ['PATCH', '/api/editorial/review', JSON.stringify({ mode: XSS })],
  ['PATCH', '/api/editorial/alerts', JSON.stringify({ alertEmails: [`a@b.c\r\nBcc: x@evil.example`], failureThreshold: 3 })],
  ['PATCH', '/api/editorial/alerts', JSON.stringify({ alertEmails: Array.from({ length: 21 }, (_, i) => `m${i}@example.com`), failureThreshold: 3 })],
  ['POST', `/api/subjects/${SLUG}/review/retract`, JSON.stringify({ field: '__proto__', reason: 'x' })],
  ['POST', `/api/subjects/${SLUG}/review/retract`, JSON.stringify({ field: 'stage', reason: 'x'.repeat(501) })],
  ['POST', `/api/subjects/${SLUG}/review/retract`, JSON.stringify({ field: 'cast', actor: XSS, reason: XSS })],
  ['POST', `/api/subjects/${SLUG}/review/held/${encodeURIComponent('../../x')}/send`, undefined],
  ['POST', `/api/subjects/${SLUG}/review/held/none/drop-change`, JSON.stringify({ changeId: XSS })],
  ['POST', `/api/subjects/${SLUG}/review/held/none/drop-change`, JSON.stringify({})],
  ['POST', `/api/subjects/${SLUG}/review/ignore`, JSON.stringify({ source: 'data:text/html,hi', evidence: 'x' })],
  ['POST', `/api/subjects/${SLUG}/review/ignore`, JSON.stringify({ source: 'https://a.test/', evidence: 'x'.repeat(2001) })],
  ['POST', `/api/subjects/${SLUG}/review/trust`, JSON.stringify({ source: 'no-such-source', unreliable: true })],
  ['POST', `/api/subjects/${SLUG}/review/trust`, JSON.stringify({ source: 'one', unreliable: 'yes' })],
  ['POST', `/api/subjects/${SLUG}/review/trust`, JSON.stringify({ source: 'one', unreliable: true, version: 999 })],
  ['POST', '/api/subjects/no-such-s9/run', undefined],
  ['GET', '/api/subjects/no-such-s9/review', undefined],
]

describe('hostile input to the editorial API', () => {
  beforeAll(async () => {
    await freshWorld()
    await run(makeEnv().e, makeWeb(), '2025-01-11T07:00:00.000Z')
  })

  it.each(HOSTILE)('%s %s %s: a clear 4xx, nothing written', async (method, path, body) => {
    const { e, runs, emails } = makeEnv()
    const before = await editorialSnapshot()
    const res = await makeAdmin().request(path, { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body }) }, e)
    expect(res.status).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    const answer = (await res.json()) as { error?: string; errors?: Record<string, string> }
    expect(answer.error ?? Object.values(answer.errors ?? {}).join(' ')).toMatch(/\w/)
    expect(await editorialSnapshot()).toEqual(before)
    expect(runs.jobs).toEqual([])
    expect(emails.jobs).toEqual([])
  })
})
