import { env, exports } from 'cloudflare:workers'
import { DOMParser } from 'linkedom/worker'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { DEMO_STEPS, LAST_DEMO_STEP } from '../../src/site/demo/demo-articles'
import { createDemoFetch } from '../../src/site/demo/demo-fetch'
import { DEMO_NEWS_ORIGIN } from '../../src/site/demo/demo-origin'
import { workersKv } from '../../src/store/kv'
import { kvKeys } from '../../src/store/kv-keys'
import { listSources } from '../../src/store/source-store'
import { seedSubject } from '../../src/worker/config'
import { ensureSubjects } from '../../src/worker/migrate-layout'

// Served from a port other than PUBLIC_URL's (wrangler.toml says 8787): links follow this one.
const BASE = 'http://localhost:8801'
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

describe('demo routes', () => {
  it('do not exist outside demo mode', async () => {
    for (const path of ['/demo', '/demo/feed.xml', '/demo/everything-we-know', '/demo/articles/season-2-where-it-stands']) {
      expect((await exports.default.fetch(new Request(BASE + path))).status, path).toBe(404)
    }
    expect((await exports.default.fetch(new Request(`${BASE}/demo/advance`, { method: 'POST' }))).status).toBe(404)
    expect(await env.STATE.get(kvKeys.demoStep())).toBeNull()
  })

  it('publish one more article per step, linked under the origin that serves them, and reset', async () => {
    expect(await feedLinks()).toEqual([`${BASE}/demo/articles/season-2-where-it-stands`])
    expect((await demo('/demo/articles/season-2-filming-begins')).status).toBe(404)

    expect(await (await demo('/demo/advance', { method: 'POST' })).json()).toEqual({ step: 1, lastStep: LAST_DEMO_STEP })
    expect(await feedLinks()).toEqual([`${BASE}/demo/articles/season-2-filming-rumour`, `${BASE}/demo/articles/season-2-where-it-stands`])
    await demo('/demo/advance', { method: 'POST' })
    const article = await (await demo('/demo/articles/season-2-filming-begins')).text()
    expect(article).toContain('<meta property="article:published_time" content="2025-07-14T08:00:00Z">')
    expect(article).toContain('Netflix confirmed on July 14, 2025 that filming has begun')
    expect(await (await demo('/demo/everything-we-know')).text()).toContain('filming of All of Us Are Dead Season 2 has begun')

    for (let i = 0; i < LAST_DEMO_STEP + 3; i++) await demo('/demo/advance', { method: 'POST' })
    expect(await (await demo('/demo/advance', { method: 'POST' })).json()).toEqual({ step: LAST_DEMO_STEP, lastStep: LAST_DEMO_STEP })
    expect(await feedLinks()).toHaveLength(DEMO_STEPS.length)

    await ensureSubjects(demoEnv)
    await env.STATE.put(kvKeys.state(SLUG), '{}')
    expect(await (await demo('/demo/reset', { method: 'POST' })).json()).toMatchObject({ step: 0 })
    expect(await feedLinks()).toHaveLength(1)
    expect(await env.STATE.get(kvKeys.state(SLUG))).toBeNull()
  })

  it('answer conditional GETs with 304 while a document is unchanged', async () => {
    const first = await demo('/demo/everything-we-know')
    const etag = first.headers.get('ETag')!
    expect(first.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
    expect((await demo('/demo/everything-we-know', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    // Step 1 (a rumour) publishes an article but does not touch the overview page.
    await demo('/demo/advance', { method: 'POST' })
    expect((await demo('/demo/everything-we-know', { headers: { 'If-None-Match': etag } })).status).toBe(304)
    await demo('/demo/advance', { method: 'POST' })
    expect((await demo('/demo/everything-we-know', { headers: { 'If-None-Match': etag } })).status).toBe(200)
  })

  it('redirect browsers back to /demo after a button', async () => {
    const res = await demo('/demo/advance', { method: 'POST', headers: { Accept: 'text/html' } })
    expect(res.status).toBe(303)
    expect(res.headers.get('Location')).toBe('/demo')
    const page = await (await demo('/demo')).text()
    expect(page).toContain(`Step 1 of ${LAST_DEMO_STEP}`)
    expect(page).toContain('action="/demo/advance"')
  })
})

describe('scheduled wiring', () => {
  it('reads the demo news in-process, under its own origin or the site\'s, and other URLs through the real fetch', async () => {
    const calls: string[] = []
    const fallback = (async (input: RequestInfo | URL) => {
      calls.push(String(input instanceof Request ? input.url : input))
      return new Response('elsewhere')
    }) as typeof fetch
    const f = createDemoFetch('http://localhost:8787', workersKv(env.STATE), fallback)
    const feed = await f(`${DEMO_NEWS_ORIGIN}/demo/feed.xml`)
    expect(feed.headers.get('Content-Type')).toBe('application/rss+xml; charset=utf-8')
    const xml = await feed.text()
    expect(xml).toContain('<rss version="2.0">')
    expect(xml).toContain(`<link>${DEMO_NEWS_ORIGIN}/demo/articles/season-2-where-it-stands</link>`)
    // A demo page a maintainer added by its local address is served too, with local links.
    expect(await (await f('http://localhost:8787/demo/feed.xml')).text()).toContain('<link>http://localhost:8787/demo/articles/')
    expect((await f(`${DEMO_NEWS_ORIGIN}/demo/articles/nope`)).status).toBe(404)
    expect(await (await f('https://example.com/x')).text()).toBe('elsewhere')
    expect(calls).toEqual(['https://example.com/x'])
  })

  it('seeds the first subject with the demo sources (under the demo news origin) in demo mode, and data/sources.json otherwise', async () => {
    const first = await ensureSubjects(demoEnv)
    expect(first).toMatchObject({ slug: SLUG, season: 2 })
    expect((await listSources(env.DB, SLUG)).map((s) => s.url)).toEqual([`${DEMO_NEWS_ORIGIN}/demo/feed.xml`, `${DEMO_NEWS_ORIGIN}/demo/everything-we-know`])
    await env.DB.prepare('DELETE FROM subjects').run()
    await ensureSubjects(env)
    const prod = await listSources(env.DB, SLUG)
    expect(prod.length).toBeGreaterThan(0)
    expect(prod.every((s) => !s.url.includes('/demo/'))).toBe(true)
  })
})
