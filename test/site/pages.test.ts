import { env, exports } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import type { PublicView } from '../../src/core/public-view'
import type { Change, Facts } from '../../src/core/types'
import { kvKeys } from '../../src/store/kv-keys'
import { seedSubject } from '../../src/worker/config'
import { ensureSubjects } from '../../src/worker/migrate-layout'

const ANNOUNCEMENT = 'Netflix confirmed that Ann Lee returns as Mira and Bo Kim returns as Jun.'
const ARTICLE = 'https://news.example/announcement'

const evidence = [{ source: ARTICLE, evidence: ANNOUNCEMENT, published: '2025-07-14', certainty: 'confirmed' as const }]
const facts: Facts = {
  stage: { value: 'filming', certainty: 'confirmed', asOf: '2025-07-14', sources: [{ ...evidence[0]!, evidence: 'Netflix confirmed that filming has begun.' }] },
  release: { status: 'none', date: null, window: null, text: null },
  cast: [
    { actor: 'Ann Lee', role: 'Mira', status: 'returning', certainty: 'confirmed', asOf: '2025-07-14', sources: evidence },
    { actor: 'Bo Kim', role: 'Jun', status: 'returning', certainty: 'confirmed', asOf: '2025-07-14', sources: evidence },
  ],
  trailer: null,
  episodes: null,
}
const castChange = (actor: string): Change => ({
  field: 'cast',
  material: true,
  from: null,
  to: { actor, role: null, status: 'returning' },
  certainty: 'confirmed',
  sources: [ARTICLE],
  evidence: ANNOUNCEMENT,
  asOf: '2025-07-14',
})

/** Stores `view` as the first subject's view (the one `/` shows). */
async function seed(view: PublicView) {
  await ensureSubjects(env)
  await env.STATE.put(kvKeys.publicView(seedSubject.slug), JSON.stringify(view))
}
const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://localhost${path}`, init))
const demoEnv = { ...env, DEMO_MODE: 'true' } as unknown as Env
const app = createApp()
const getDemo = (path: string) => app.fetch(new Request(`http://localhost:8801${path}`), demoEnv)
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1

beforeEach(async () => {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  await env.DB.batch([env.DB.prepare('DELETE FROM subjects'), env.DB.prepare('DELETE FROM layout_migrations')])
})

describe('the home page', () => {
  it('quotes a sentence behind several changes once, in the facts and in the history', async () => {
    await seed({ version: 2, updatedAt: '2026-12-02T05:00:00.000Z', facts, history: [{ id: 'ed1', at: '2026-12-02T05:00:00.000Z', changes: [castChange('Ann Lee'), castChange('Bo Kim')] }] })
    const body = await (await get('/')).text()
    // Once under the cast card, once under the recent change: not once per actor in each.
    expect(count(body, ANNOUNCEMENT)).toBe(2)
    expect(body).toContain('Ann Lee returns')
    expect(body).toContain('Bo Kim returns')
  })

  it('dates a change by its news, and, smaller, by when it was detected', async () => {
    await seed({ version: 2, updatedAt: '2026-12-02T05:00:00.000Z', facts, history: [{ id: 'ed1', at: '2026-12-02T05:00:00.000Z', changes: [castChange('Ann Lee')] }] })
    const body = await (await get('/')).text()
    expect(body).toMatch(/<h3 id="edition-ed1-h"><time datetime="2025-07-14">14 Jul 2025<\/time> <span class="detected">detected <time datetime="2026-12-02T05:00:00.000Z">2 Dec 2026, 05:00 UTC<\/time><\/span><\/h3>/)
    expect(body).toContain('Last changed <time datetime="2025-07-14">14 Jul 2025</time> (detected <time')
    const history = await (await get('/history')).text()
    expect(history).toContain('<span class="detected">detected')
  })

  it('says nothing about a last change after a silent baseline', async () => {
    await seed({ version: 1, updatedAt: '2026-12-02T05:00:00.000Z', facts, history: [] })
    const body = await (await get('/')).text()
    expect(body).not.toContain('Last changed')
    expect(body).toContain('No material change since the first check.')
  })

  it('points demo users at the demo page and the outbox, and says how to start the first run', async () => {
    const empty = await (await getDemo('/')).text()
    expect(empty).toContain('No facts yet: the first check has not run.')
    expect(empty).toMatch(/Start it on the <a href="\/demo">demo page<\/a> with <strong>Run the cron now<\/strong>/)
    expect(empty).toContain('href="/outbox"')
    // Outside the demo: no demo links, and the pointer for maintainers instead.
    const prod = await (await get('/')).text()
    expect(prod).not.toContain('href="/demo"')
    expect(prod).not.toContain('href="/outbox"')
    expect(prod).toContain('The first run')
  })

  it('is never cached by the browser in the demo, where state changes at a button press', async () => {
    expect((await getDemo('/')).headers.get('Cache-Control')).toBe('no-store')
    expect((await get('/')).headers.get('Cache-Control')).toBe('public, max-age=60')
  })
})

describe('the follow page', () => {
  it('explains email, feed readers and the JSON API, with the feed address to copy', async () => {
    const res = await get('/follow')
    expect(res.status).toBe(200)
    const body = await res.text()
    expect(body).toContain('<h1>Follow the updates</h1>')
    expect(body).toContain('A feed reader is an app or website')
    expect(body).toContain('<code>http://localhost:8787/feed.xml</code>')
    expect(body).toContain('href="/api/facts"')
    expect(body).toContain('href="/subscribe"')
  })

  it('is what the nav links to, instead of raw XML and JSON', async () => {
    const body = await (await get('/')).text()
    const nav = /<nav class="site-nav"[^>]*>(.*?)<\/nav>/s.exec(body)![1]!
    expect(nav).toContain('href="/follow"')
    expect(nav).not.toContain('href="/feed.xml"')
    expect(nav).not.toContain('href="/api/facts"')
  })
})

describe('unknown addresses', () => {
  it('get the site\'s page with a way back, or JSON under /api', async () => {
    const res = await get('/no/such/page')
    expect(res.status).toBe(404)
    const body = await res.text()
    expect(body).toContain('<h1>Page not found</h1>')
    expect(body).toContain('class="site-header"')
    expect(body).toContain('<a href="/">Back to the facts</a>')

    const api = await get('/api/nope')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: 'not found' })
  })

  it('include the demo and outbox pages outside demo mode', async () => {
    const prod = { ...env, SIGNING_KEY: 'a-production-signing-key-0123456789' } as unknown as Env
    for (const path of ['/demo', '/outbox']) {
      const res = await app.fetch(new Request(`http://localhost${path}`), prod)
      expect(res.status).toBe(404)
      expect(await res.text()).toContain('<h1>Page not found</h1>')
    }
  })
})

describe('subscribing in the demo', () => {
  it('sends people from the answer page to the outbox, where the email is', async () => {
    const e = { ...env, DEMO_MODE: 'true', EMAIL_QUEUE: { send: async () => {}, sendBatch: async () => {} } } as unknown as Env
    const res = await app.fetch(
      new Request('http://localhost:8801/subscribe', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': '203.0.113.77' },
        body: 'email=fan%40example.com',
      }),
      e,
    )
    expect(res.status).toBe(200)
    const body = await res.text()
    expect(body).toContain('<h1>Check your inbox</h1>')
    expect(body).toContain('Find the confirmation email in the <a href="/outbox">outbox</a>')
  })

  it('explains in one line why confirming takes a second press', async () => {
    const { confirmEmailText, ConfirmEmailHtml } = await import('../../templates/email-confirm')
    const props = { confirmUrl: 'http://localhost:8801/confirm?token=t', siteUrl: 'http://localhost:8801/', validFor: '48 hours' }
    expect(confirmEmailText(props)).toContain('Why two steps? Mail scanners open links by themselves; a button press shows a person said yes.')
    expect(String(ConfirmEmailHtml(props))).toContain('Mail scanners open links by themselves')
    const { ConfirmPage } = await import('../../templates/confirm-page')
    expect(String(ConfirmPage({ token: 't' }))).toContain('Why a second step? Mail scanners open links by themselves')
  })
})
