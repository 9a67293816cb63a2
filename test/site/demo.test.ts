import { env, exports } from 'cloudflare:workers'
import { DOMParser } from 'linkedom/worker'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import type { PublicView } from '../../src/core/public-view'
import { createDemoFetch } from '../../src/site/demo/demo-fetch'
import { workersKv } from '../../src/store/kv'
import { kvKeys } from '../../src/store/kv-keys'
import { listSources } from '../../src/store/source-store'
import { seedSubject } from '../../src/worker/config'
import { ensureSubjects } from '../../src/worker/migrate-layout'
import { runAllNow } from '../../src/worker/run-now'

const BASE = 'http://localhost:8787'
const demoEnv = { ...env, DEMO_MODE: 'true' } as unknown as Env
const app = createApp()

/** A request to the app with demo mode on (wrangler.toml has it off). */
const demo = (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), demoEnv)

async function feedLinks(): Promise<string[]> {
  const doc = new DOMParser().parseFromString(await (await demo('/demo/feed.xml')).text(), 'text/xml')
  return [...doc.querySelectorAll('item > link')].map((l) => l.textContent ?? '')
}

const SLUG = seedSubject.slug

beforeEach(async () => {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  await env.DB.batch([env.DB.prepare('DELETE FROM subjects'), env.DB.prepare('DELETE FROM layout_migrations'), env.DB.prepare('DELETE FROM run_lock')])
})

/** Runs every subject now, as the demo's button does, and returns the first subject's report. */
async function runDemo() {
  const [first] = await runAllNow(demoEnv, 'test')
  return first!.report!
}

describe('demo routes', () => {
  it('do not exist outside demo mode', async () => {
    for (const path of ['/demo', '/demo/feed.xml', '/demo/everything-we-know', '/demo/articles/season-2-where-it-stands']) {
      expect((await exports.default.fetch(new Request(BASE + path))).status, path).toBe(404)
    }
    expect((await exports.default.fetch(new Request(`${BASE}/demo/advance`, { method: 'POST' }))).status).toBe(404)
    expect(await env.STATE.get(kvKeys.demoStep())).toBeNull()
  })

  it('publish more news as the step advances, and reset', async () => {
    expect(await feedLinks()).toEqual([`${BASE}/demo/articles/season-2-where-it-stands`])
    expect((await demo('/demo/articles/season-2-filming-begins')).status).toBe(404)

    expect(await (await demo('/demo/advance', { method: 'POST' })).json()).toEqual({ step: 1, lastStep: 2 })
    expect(await feedLinks()).toEqual([`${BASE}/demo/articles/season-2-filming-begins`, `${BASE}/demo/articles/season-2-where-it-stands`])
    const article = await (await demo('/demo/articles/season-2-filming-begins')).text()
    expect(article).toContain('<meta property="article:published_time" content="2025-07-14T08:00:00Z">')
    expect(article).toContain('Netflix confirmed on July 14, 2025 that filming has begun')
    expect(await (await demo('/demo/everything-we-know')).text()).toContain('filming of All of Us Are Dead Season 2 has begun')

    await demo('/demo/advance', { method: 'POST' })
    expect(await (await demo('/demo/advance', { method: 'POST' })).json()).toEqual({ step: 2, lastStep: 2 })
    expect((await feedLinks()).length).toBe(3)
    expect(await (await demo('/demo/everything-we-know')).text()).toContain('has wrapped')

    await ensureSubjects(demoEnv)
    await env.STATE.put(kvKeys.state(SLUG), '{}')
    expect(await (await demo('/demo/reset', { method: 'POST' })).json()).toMatchObject({ step: 0 })
    expect(await feedLinks()).toHaveLength(1)
    expect(await env.STATE.get(kvKeys.state(SLUG))).toBeNull()
  })

  it('answer conditional GETs with 304 while the step is unchanged', async () => {
    const first = await demo('/demo/everything-we-know')
    const etag = first.headers.get('ETag')!
    expect(first.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect((await demo('/demo/everything-we-know', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    await demo('/demo/advance', { method: 'POST' })
    expect((await demo('/demo/everything-we-know', { headers: { 'If-None-Match': etag } })).status).toBe(200)
  })

  it('redirect browsers back to /demo after a button', async () => {
    const res = await demo('/demo/advance', { method: 'POST', headers: { Accept: 'text/html' } })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/demo')
    const page = await (await demo('/demo')).text()
    expect(page).toContain('Step 1 of 2')
    expect(page).toContain('action="/demo/advance"')
  })
})

describe('scheduled wiring', () => {
  it('reads the demo documents in-process, other URLs through the real fetch', async () => {
    const calls: string[] = []
    const fallback = (async (input: RequestInfo | URL) => {
      calls.push(String(input instanceof Request ? input.url : input))
      return new Response('elsewhere')
    }) as typeof fetch
    const f = createDemoFetch(BASE, workersKv(env.STATE), fallback)
    const feed = await f(`${BASE}/demo/feed.xml`)
    expect(feed.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8')
    expect(await feed.text()).toContain('<rss version="2.0">')
    expect((await f(`${BASE}/demo/articles/nope`)).status).toBe(404)
    expect(await (await f('https://example.com/x')).text()).toBe('elsewhere')
    expect(calls).toEqual(['https://example.com/x'])
  })

  it('seeds the first subject with the demo sources in demo mode and data/sources.json otherwise', async () => {
    const first = await ensureSubjects(demoEnv)
    expect(first).toMatchObject({ slug: SLUG, season: 2 })
    expect((await listSources(env.DB, SLUG)).map((s) => s.url)).toEqual([`${BASE}/demo/feed.xml`, `${BASE}/demo/everything-we-know`])
    await env.DB.prepare('DELETE FROM subjects').run()
    await ensureSubjects(env)
    const prod = await listSources(env.DB, SLUG)
    expect(prod.length).toBeGreaterThan(0)
    expect(prod.every((s) => !s.url.includes('/demo/'))).toBe(true)
  })

  // The documented walkthrough, end to end through the real pipeline: baseline, then a change.
  it('runs the demo: a silent baseline, then filming as a material change', async () => {
    const first = await runDemo()
    expect(first.baseline).toBe(true)
    expect(first.email).toBeNull()
    expect(first.facts.stage?.value).toBe('renewed')

    const quiet = await runDemo()
    expect(quiet.changes.filter((c) => c.material)).toEqual([])

    await demo('/demo/advance', { method: 'POST' })
    const second = await runDemo()
    expect(second.failed).toEqual([])
    expect(second.changes.filter((c) => c.material).map((c) => c.field)).toContain('stage')
    expect(second.facts.stage?.value).toBe('filming')

    const view = JSON.parse((await env.STATE.get(kvKeys.publicView(SLUG)))!) as PublicView
    expect(view.history).toHaveLength(1)
    expect(view.facts.stage?.value).toBe('filming')

    await demo('/demo/advance', { method: 'POST' })
    const third = await runDemo()
    expect(third.facts.stage?.value).toBe('post-production')
    const body = (await (await demo('/api/changes')).json()) as { total: number }
    expect(body.total).toBe(2)
  })
})
