import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { kvKeys } from '../../src/store/kv-keys'
import { insertSubject } from '../../src/store/subject-store'
import { seedSubject } from '../../src/worker/config'
import { consumeRuns } from '../../src/worker/run-consumer'
import type { RunJob } from '../../src/worker/run-job'
import { adminApi, deliverEmails, freshWorld, makeEnv, makeWeb, ONE, outbox, SAYS, SLUG, subscribe, webFetch, type Web } from './editorial/world'

/** A second season followed beside the first, reading the same news site. */
const SECOND = 'second-look-s2'

async function follow(id: number, slug: string, at: string) {
  await env.DB.prepare(`INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at) VALUES (?1, ?2, 'all', ?3)`).bind(id, slug, at).run()
}

async function runSecond(e: Env, fetchFn: typeof fetch, at: string) {
  const job: RunJob = { kind: 'run', slug: SECOND, at }
  const batch = createMessageBatch<RunJob>('season-watch-runs', [{ id: `run-${at}`, timestamp: new Date(at), attempts: 1, body: job }])
  await consumeRuns(batch, e, { fetch: fetchFn, now: () => new Date(at) })
  return getQueueResult(batch, createExecutionContext())
}

const subscriptionsOf = async (slug: string) =>
  (await env.DB.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE subject_slug = ?1').bind(slug).first<{ n: number }>())!.n

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
  await insertSubject(env.DB, { ...seedSubject, slug: SECOND, status: 'active' }, { now: new Date('2025-01-01T00:00:00Z'), sources: [{ id: 'one', url: ONE, kind: 'page', enabled: true }] })
})

describe('removing a subject while its run is in flight', () => {
  it('ends its subscriptions, emails nobody about it, leaves no state behind, and its pages 404 with the site around them', async () => {
    const { e, emails } = makeEnv()
    const both = await subscribe('both@example.com', '2025-01-01T00:00:00.000Z')
    await follow(both, SECOND, '2025-01-01T00:00:00.000Z')
    const only = await subscribe('only-second@example.com', '2025-01-01T00:00:00.000Z')
    await env.DB.prepare('DELETE FROM subscriptions WHERE subscriber_id = ?1 AND subject_slug = ?2').bind(only, SLUG).run()
    await follow(only, SECOND, '2025-01-01T00:00:00.000Z')

    await runSecond(e, webFetch(web), '2025-01-11T07:00:00.000Z') // the baseline
    expect(await env.STATE.get(kvKeys.state(SECOND))).not.toBeNull()

    // News arrives; the maintainer removes the subject while the run is fetching it.
    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming, SAYS.twoReturn] }
    const api = adminApi(e, () => new Date('2025-07-15T07:00:01Z'))
    let removal: { status: number } | null = null
    const fetchDuringRemoval = (async (input: RequestInfo | URL, init?: RequestInit) => {
      removal ??= await api('DELETE', `/api/subjects/${SECOND}`)
      return webFetch(web)(input, init)
    }) as typeof fetch
    const result = await runSecond(e, fetchDuringRemoval, '2025-07-15T07:00:00.000Z')
    expect(removal).toMatchObject({ status: 200 })
    expect(result.explicitAcks).toHaveLength(1) // the run ended cleanly, not retried

    // Nothing of it is left in KV (the run wrote state after the removal cleared it; it is gone again).
    for (const key of [kvKeys.state(SECOND), kvKeys.publicView(SECOND)]) expect(await env.STATE.get(key), key).toBeNull()
    expect(await subscriptionsOf(SECOND)).toBe(0)
    await deliverEmails(e, emails)
    expect((await outbox()).filter((m) => m.kind === 'update')).toEqual([])

    // The other season goes on: its subscriber still follows it and hears its news.
    expect(await subscriptionsOf(SLUG)).toBe(1)

    // Its pages are gone, with the site's chrome and a way back; the API and feed say so plainly.
    const app = createApp()
    const get = (path: string) => app.fetch(new Request(`https://watch.test${path}`), e)
    for (const path of [`/s/${SECOND}/`, `/s/${SECOND}/history`]) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      const html = await res.text()
      expect(html).toContain('No such season')
      expect(html).toContain('class="site-header"')
      expect(html).toContain('class="site-footer"')
    }
    expect((await get(`/s/${SECOND}/api/facts`)).status).toBe(404)
    expect((await get(`/s/${SECOND}/feed.xml`)).status).toBe(404)
    const listed = (await (await get('/api/subjects')).json()) as { subjects: { slug: string }[] }
    expect(listed.subjects.map((s) => s.slug)).toEqual([SLUG])
  })

  it('drops its editions still held for review, so the hold window never sends them', async () => {
    const { e, emails } = makeEnv()
    const id = await subscribe('reader@example.com', '2025-01-01T00:00:00.000Z')
    await follow(id, SECOND, '2025-01-01T00:00:00.000Z')
    const api = adminApi(e, () => new Date('2025-07-15T08:00:00Z'))
    expect((await api('PATCH', `/api/subjects/${SECOND}/review`, { mode: 'hold', holdHours: 2 })).status).toBe(200)
    await runSecond(e, webFetch(web), '2025-01-11T07:00:00.000Z')
    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming] }
    await runSecond(e, webFetch(web), '2025-07-15T07:00:00.000Z')
    const held = await env.DB.prepare(`SELECT id, status FROM held_editions WHERE subject_slug = ?1`).bind(SECOND).all<{ id: string; status: string }>()
    expect(held.results.map((h) => h.status)).toEqual(['held'])

    expect((await api('DELETE', `/api/subjects/${SECOND}`)).status).toBe(200)
    const after = await env.DB.prepare(`SELECT status, decided_by AS by FROM held_editions WHERE subject_slug = ?1`).bind(SECOND).all<{ status: string; by: string }>()
    expect(after.results).toEqual([{ status: 'dropped', by: 'system' }])
    const { sweepEditorial } = await import('../../src/worker/scheduled')
    await sweepEditorial(e, new Date('2025-07-16T00:00:00Z'))
    await deliverEmails(e, emails)
    expect((await outbox()).filter((m) => m.kind === 'update')).toEqual([])
  })
})
