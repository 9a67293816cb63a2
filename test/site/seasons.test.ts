import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import type { PublicView } from '../../src/core/public-view'
import type { Change, Facts } from '../../src/core/types'
import { kvKeys } from '../../src/store/kv-keys'
import { insertSubject } from '../../src/store/subject-store'
import { seedSubject } from '../../src/worker/config'
import { ensureSubjects } from '../../src/worker/migrate-layout'
import { countedBindings } from './counted-bindings'
import { saveSeasonGlance } from '../../src/site/season-glance'

const FIRST = seedSubject.slug
const SECOND = 'harbor-lights-s3'
const PAUSED = 'quiet-valley-s1'
const SCRIPT = '<script>alert(1)</script>'

const facts = (stage: 'filming' | 'post-production', release: Facts['release'] = { status: 'none', date: null, window: null, text: null }): Facts => ({
  stage: { value: stage, certainty: 'confirmed', asOf: '2026-03-01', sources: [{ source: 'https://news.example/a', evidence: `Filming news ${SCRIPT}`, published: '2026-03-01', certainty: 'confirmed' }] },
  release,
  cast: [],
  trailer: null,
  episodes: null,
})
const change = (to: string, evidence: string): Change => ({ field: 'stage', material: true, from: 'renewed', to, certainty: 'confirmed', sources: ['https://news.example/a'], evidence, asOf: '2026-03-01' })
const DATE: Facts['release'] = { status: 'confirmed', date: '2026-11-20', window: null, text: null, certainty: 'confirmed', asOf: '2026-09-08', sources: [{ source: 'https://news.example/date', evidence: 'Netflix confirmed the premiere; fans, rejoice.', published: '2026-09-08', certainty: 'confirmed' }] }

const views: Record<string, PublicView> = {
  [FIRST]: { version: 3, updatedAt: '2026-03-02T07:00:00.000Z', facts: facts('filming'), history: [{ id: 'first-ed1', at: '2026-03-02T07:00:00.000Z', changes: [change('filming', 'First show filming')] }] },
  [SECOND]: {
    version: 5,
    updatedAt: '2026-09-09T07:00:00.000Z',
    facts: facts('post-production', DATE),
    history: [
      { id: 'second-ed2', at: '2026-09-09T07:00:00.000Z', changes: [{ field: 'release', material: true, from: { status: 'estimated' }, to: { status: 'confirmed', date: '2026-11-20', window: null, text: null }, sources: [], evidence: 'Netflix confirmed the premiere.', asOf: '2026-09-08' }] },
      { id: 'second-ed1', at: '2026-03-04T07:00:00.000Z', changes: [change('post-production', `Second show wrapped ${SCRIPT}`)] },
    ],
  },
}

const app = createApp()
const publicEnv = { ...env, DEMO_MODE: 'false', PUBLIC_URL: 'https://watch.example' } as unknown as Env
const get = (path: string, init?: RequestInit, e: Env = publicEnv) => app.fetch(new Request(`https://watch.example${path}`, init), e)

async function seed(opts: { several?: boolean } = {}) {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  await env.DB.batch(['subscriptions', 'sources', 'subjects', 'layout_migrations'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
  await ensureSubjects(env)
  await env.STATE.put(kvKeys.publicView(FIRST), JSON.stringify(views[FIRST]))
  if (opts.several === false) return
  const now = new Date('2026-01-01T00:00:00Z')
  await insertSubject(env.DB, { slug: SECOND, show: `Harbor Lights ${SCRIPT}`, season: 3, aliases: [], people: [], officialSources: ['Netflix'], status: 'active' }, { now })
  await insertSubject(env.DB, { slug: PAUSED, show: 'Quiet Valley', season: 1, aliases: [], people: [], status: 'paused' }, { now })
  await env.STATE.put(kvKeys.publicView(SECOND), JSON.stringify(views[SECOND]))
}

beforeEach(() => seed())

describe('/ with several seasons', () => {
  it('lists each season with its stage and latest change, paused ones marked, all escaped', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>The seasons we follow</h1>')
    expect(html).toContain(`href="/s/${FIRST}/"`)
    expect(html).toContain(`href="/s/${SECOND}/"`)
    expect(html).toMatch(new RegExp(`id="season-card-${PAUSED}" data-status="paused"`))
    expect(html).toContain('paused: not checked for now')
    expect(html).toContain('Stage: Post-production')
    expect(html).toContain('Latest change: Release date confirmed')
    expect(html).toContain('Not checked yet.') // the paused one has no view
    expect(html).not.toContain(SCRIPT)
    expect(html).toContain('Harbor Lights &lt;script&gt;')
    // The form offers the open seasons only, none ticked.
    expect(html).toContain(`name="season" value="${FIRST}"`)
    expect(html).toContain(`name="season" value="${SECOND}"`)
    expect(html).not.toContain(`name="season" value="${PAUSED}"`)
    expect(html).not.toMatch(/name="season" value="[^"]+" checked/)
  })

  it('names a correction as the latest change for what it took back, on / and in /api/subjects', async () => {
    const note = { id: 'correction-1', at: '2026-03-05T09:00:00.000Z', field: 'cast' as const, wrong: `Kim ${SCRIPT} joins the cast`, now: 'Kim is not on the cast list', reason: 'Wrong person.', editionId: 'first-ed1' }
    await env.STATE.put(kvKeys.publicView(FIRST), JSON.stringify({ ...views[FIRST], history: [{ id: note.id, at: note.at, changes: [], correction: note }, ...views[FIRST]!.history] }))
    const html = await (await get('/')).text()
    expect(html).toContain('Latest change: Correction: Kim &lt;script&gt;alert(1)&lt;/script&gt; joins the cast was wrong')
    const { subjects } = (await (await get('/api/subjects')).json()) as { subjects: { slug: string; latestChange: { summary: string } | null }[] }
    expect(subjects.find((s) => s.slug === FIRST)?.latestChange?.summary).toBe(`Correction: Kim ${SCRIPT} joins the cast was wrong`)
  })

  it('/follow gives each season’s feed address', async () => {
    const html = await (await get('/follow')).text()
    for (const slug of [FIRST, SECOND, PAUSED]) expect(html).toContain(`<code>https://watch.example/s/${slug}/feed.xml</code>`)
    expect(html).not.toContain(SCRIPT)
  })

  it('with one season, / is still its fact sheet, with the form ticking it', async () => {
    await seed({ several: false })
    const html = await (await get('/')).text()
    expect(html).toContain('All of Us Are Dead Season 2: where it stands')
    expect(html).toMatch(new RegExp(`name="season" value="${FIRST}" checked`))
    expect(html).toContain('href="/history"')
  })
})

describe('each season under /s/<slug>/', () => {
  it('has its page, history, edition, feed and JSON, reading its own view', async () => {
    const page = await (await get(`/s/${SECOND}/`)).text()
    expect(page).toContain('where it stands')
    expect(page).toContain('Post-production')
    expect(page).not.toContain(SCRIPT)
    expect(page).toMatch(new RegExp(`name="season" value="${SECOND}" checked`))
    expect(page).toContain(`href="/s/${SECOND}/history"`)
    expect(page).toContain(`href="/s/${SECOND}/feed.xml"`)
    expect(page).toContain(`href="/s/${SECOND}/release.ics"`) // its date is confirmed

    const history = await (await get(`/s/${SECOND}/history`)).text()
    expect(history).toContain('Release date confirmed')
    expect(history).not.toContain('First show filming')
    expect((await get(`/s/${SECOND}/history/second-ed1`)).status).toBe(200)
    expect((await get(`/s/${SECOND}/history/first-ed1`)).status).toBe(404)

    const feed = await (await get(`/s/${SECOND}/feed.xml`)).text()
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="https://watch.example/s/${SECOND}/feed.xml"/>`)
    expect(feed).toContain(`href="https://watch.example/s/${SECOND}/history/second-ed2"`)
    expect(feed).toContain('<id>urn:season-watch:edition:second-ed2</id>')

    const api = await get(`/s/${SECOND}/api/facts`, { headers: { Origin: 'https://fan.example' } })
    expect(api.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(api.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(await api.json()).toMatchObject({ slug: SECOND, season: 3, facts: { stage: { value: 'post-production' } } })
    const changes = (await (await get(`/s/${SECOND}/api/changes`)).json()) as { total: number; slug: string }
    expect(changes).toMatchObject({ slug: SECOND, total: 2 })
  })

  it('a paused season keeps its pages, says it is paused, and its form does not tick it', async () => {
    const html = await (await get(`/s/${PAUSED}/`)).text()
    expect(html).toContain('id="paused-notice"')
    expect(html).not.toContain(`value="${PAUSED}"`)
  })

  it('an unknown season is a 404 page, or a 404 JSON error under /api', async () => {
    for (const path of ['/s/no-such-s9/', '/s/no-such-s9/history', '/s/no-such-s9/history/x']) {
      const res = await get(path)
      expect(res.status, path).toBe(404)
      expect(await res.text()).toContain('No such season')
    }
    const api = await get('/s/no-such-s9/api/facts')
    expect(api.status).toBe(404)
    expect(await api.json()).toEqual({ error: 'no such season' })
    expect((await get('/s/no-such-s9/feed.xml')).status).toBe(404)
    expect((await get('/s/no-such-s9/release.ics')).status).toBe(404)
  })

  it('serves the confirmed premiere as an .ics, and a clear 404 while no date is confirmed', async () => {
    const res = await get(`/s/${SECOND}/release.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
    const ics = await res.text()
    expect(ics).toContain('UID:release-harbor-lights-s3@watch.example\r\n')
    expect(ics).toContain('DTSTART;VALUE=DATE:20261120\r\n')
    const unfolded = ics.replace(/\r\n /g, '')
    expect(unfolded).toContain('Netflix confirmed the premiere\\; fans\\, rejoice.')
    expect(unfolded).toContain(`URL:https://watch.example/s/${SECOND}/`)

    const none = await get(`/s/${FIRST}/release.ics`)
    expect(none.status).toBe(404)
    expect(await none.text()).toBe('No release date is confirmed yet for All of Us Are Dead Season 2. The calendar event appears here once one is.\n')
    expect(await (await get(`/s/${FIRST}/`)).text()).not.toContain('release.ics')
  })
})

describe('the single-subject URLs keep showing the first season', () => {
  it('/history, /history/<id>, /feed.xml, /api/facts and /api/changes, with the same Atom ids', async () => {
    expect(await (await get('/history')).text()).toContain('First show filming')
    expect((await get('/history/first-ed1')).status).toBe(200)
    const legacy = await (await get('/feed.xml')).text()
    const perSeason = await (await get(`/s/${FIRST}/feed.xml`)).text()
    const ids = (xml: string) => [...xml.matchAll(/<id>([^<]+)<\/id>/g)].map((m) => m[1])
    expect(ids(legacy)).toEqual(['urn:season-watch:feed:all-of-us-are-dead-s2', 'urn:season-watch:edition:first-ed1'])
    expect(ids(perSeason)).toEqual(ids(legacy))
    expect(legacy).toContain('href="https://watch.example/history/first-ed1"')
    expect(await (await get('/api/facts')).json()).toMatchObject({ show: 'All of Us Are Dead', season: 2, facts: { stage: { value: 'filming' } } })
    expect(await (await get('/api/changes')).json()).toMatchObject({ total: 1 })
  })
})

describe('GET /api/subjects', () => {
  it('lists every season with slug, show, season, status, stage and latest change, with CORS and cache headers', async () => {
    const res = await get('/api/subjects', { headers: { Origin: 'https://fan.example' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    const { subjects } = (await res.json()) as { subjects: Record<string, unknown>[] }
    expect(subjects.map((s) => s.slug)).toEqual([FIRST, SECOND, PAUSED])
    expect(subjects[1]).toEqual({
      slug: SECOND,
      show: `Harbor Lights ${SCRIPT}`,
      season: 3,
      status: 'active',
      stage: 'post-production',
      updatedAt: '2026-09-09T07:00:00.000Z',
      latestChange: { id: 'second-ed2', at: '2026-09-09T07:00:00.000Z', happened: '2026-09-08', summary: 'Release date confirmed: 20 Nov 2026' },
      links: {
        page: `https://watch.example/s/${SECOND}/`,
        facts: `https://watch.example/s/${SECOND}/api/facts`,
        changes: `https://watch.example/s/${SECOND}/api/changes`,
        feed: `https://watch.example/s/${SECOND}/feed.xml`,
      },
    })
    expect(subjects[2]).toMatchObject({ status: 'paused', stage: null, latestChange: null })
    // JSON escapes for its own format; the show is data, not markup, here.
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
  })

  it('leaves the authenticated admin list to the admin, and approves no Authorization header cross-site', async () => {
    const admin = await get('/api/subjects', { headers: { Authorization: 'Bearer wrong' } }, { ...publicEnv, ADMIN_TOKEN: 'a'.repeat(40) } as unknown as Env)
    expect(admin.status).toBe(401)
    expect(admin.headers.get('Access-Control-Allow-Origin')).toBeNull()
    const preflight = await get('/api/subjects', { method: 'OPTIONS', headers: { Origin: 'https://fan.example', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } })
    expect(preflight.headers.get('Access-Control-Allow-Headers') ?? '').not.toMatch(/authorization/i)
  })
})

/** A GET through counting bindings: its body and the KV reads and D1 queries it made. */
function costMeter() {
  const { kv, db, counts } = countedBindings(env.STATE, env.DB)
  const e = { ...publicEnv, STATE: kv, DB: db } as unknown as Env
  const read = async (path: string) => {
    counts.kvReads = 0
    counts.d1Queries = 0
    const res = await get(path, {}, e)
    expect(res.status, path).toBe(200)
    return { body: await res.text(), kv: counts.kvReads, d1: counts.d1Queries }
  }
  return { read, counts }
}

describe('what a page view costs', () => {
  it('reads one KV value per season shown (no glance stored yet), writes nothing, and one D1 query', async () => {
    const { read, counts } = costMeter()
    const cost = async (path: string) => {
      const { kv, d1 } = await read(path)
      return { kv, d1 }
    }
    // One per season shown: the list shows three.
    expect(await cost('/')).toEqual({ kv: 3, d1: 1 })
    expect(await cost('/api/subjects')).toEqual({ kv: 3, d1: 1 })
    for (const path of [`/s/${SECOND}/`, `/s/${SECOND}/history`, `/s/${SECOND}/history/second-ed1`, `/s/${SECOND}/feed.xml`, `/s/${SECOND}/api/facts`, `/s/${SECOND}/api/changes`, `/s/${SECOND}/release.ics`, '/history', '/feed.xml', '/api/facts']) {
      expect(await cost(path), path).toEqual({ kv: 1, d1: 1 })
    }
    expect(counts.kvWrites).toBe(0)
  })

  it('with each season’s glance stored beside it, the list is one D1 query and no KV read, and says the same', async () => {
    const { read, counts } = costMeter()
    const fromViews = { home: await read('/'), api: await read('/api/subjects') }
    for (const slug of [FIRST, SECOND]) await saveSeasonGlance(env.DB, slug, views[slug]!)
    const fromGlances = { home: await read('/'), api: await read('/api/subjects') }
    // The paused season has no view, so no glance: it alone is still read from KV.
    expect([fromViews.home.kv, fromViews.api.kv]).toEqual([3, 3])
    expect([fromGlances.home.kv, fromGlances.api.kv]).toEqual([1, 1])
    expect([fromGlances.home.d1, fromGlances.api.d1]).toEqual([1, 1])
    expect(fromGlances.home.body).toBe(fromViews.home.body)
    expect(fromGlances.api.body).toBe(fromViews.api.body)
    // Once every season has one, no KV read at all, however many seasons.
    await saveSeasonGlance(env.DB, PAUSED, { version: 1, updatedAt: '2026-01-02T00:00:00.000Z', facts: facts('filming'), history: [] })
    expect((await read('/')).kv).toBe(0)
    expect((await read('/api/subjects')).kv).toBe(0)
    expect(counts.kvWrites).toBe(0)
  })
})
