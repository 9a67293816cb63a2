import { env, SELF } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { DEMO_ARTICLES } from '../../src/site/demo/demo-articles'
import { listDemoSources, renderDemoArticle } from '../../src/site/demo/demo-documents'
import { emptyFacts } from '../../src/pipeline/facts/merge-facts'
import type { PipelineState } from '../../src/pipeline/run/state'
import { kvKeys, legacyKvKeys } from '../../src/store/kv-keys'
import { defaultSources, seedSubject } from '../../src/worker/config'
import { adminEnv, auditMark, fakeNetwork, kvSnapshot, makeAdmin, resetStorage, savedSources, storageSnapshot, TOKEN } from './helpers'

const net = fakeNetwork({})
const app = makeAdmin({ fetch: net.fetch, now: () => new Date('2026-03-01T10:00:00Z') })
const auth = { Authorization: `Bearer ${TOKEN}` }
const json = { ...auth, 'Content-Type': 'application/json' }

const call = (path: string, init: RequestInit = {}, e: Env = adminEnv()) => app.request(path, init, e)
const send = (method: string, path: string, body: unknown) => call(path, { method, headers: json, body: JSON.stringify(body) })

const newSource = { id: 'netflix-newsroom', url: 'https://about.netflix.com/en/newsroom', kind: 'page', enabled: true, notes: 'Official.' }

const SLUG = seedSubject.slug

let mark = 0
beforeEach(async () => {
  await resetStorage()
  mark = await auditMark()
})

/** This test's audit entries, newest first (the log is append-only, so earlier tests' stay). */
async function auditEntries(path = '/api/sources/audit'): Promise<any[]> {
  const { entries } = (await (await call(path, { headers: auth })).json()) as { entries: any[] }
  return entries.filter((e) => e.id > mark)
}

describe('access', () => {
  it('is off (503, JSON) when no ADMIN_TOKEN is configured, in the real Worker too', async () => {
    for (const res of [await call('/api/sources', { headers: auth }, adminEnv({})), await SELF.fetch('http://localhost/api/sources')]) {
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({ error: expect.stringMatching(/admin is off/) })
    }
  })

  it('answers 401 without a token or with a wrong one, and leaks nothing', async () => {
    const attempts: HeadersInit[] = [{}, { Authorization: 'Bearer nope' }, { Authorization: `Bearer ${TOKEN}x` }, { Authorization: `Basic ${TOKEN}` }, { Authorization: TOKEN }]
    for (const path of ['/api/sources', '/api/sources/export', '/api/sources/audit', '/api/sources/subject', `/api/sources/${defaultSources[0]!.id}`]) {
      for (const headers of attempts) {
        const res = await call(path, { headers })
        expect(res.status).toBe(401)
        expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/)
        const text = await res.text()
        expect(text).not.toContain(defaultSources[0]!.url)
        expect(text).not.toContain(defaultSources[0]!.id)
      }
    }
    const write = await call('/api/sources', { method: 'POST', headers: { Authorization: 'Bearer nope' }, body: JSON.stringify(newSource) })
    expect(write.status).toBe(401)
    expect(await kvSnapshot()).toEqual({})
    expect(await savedSources()).toBeNull() // not even the first subject was created
  })

  it('lets the right token in, with no-store caching', async () => {
    const res = await call('/api/sources', { headers: auth })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('no-store')
  })
})

describe('listing with health', () => {
  it('lists the defaults until a list is saved, joined with the pipeline state', async () => {
    const [feed, page] = [defaultSources.find((s) => s.kind === 'feed')!, defaultSources.find((s) => s.kind === 'page')!]
    const state: Partial<PipelineState> = {
      facts: emptyFacts(),
      claims: [],
      fetch: {
        [page.url]: { failures: 3, lastFetchAt: '2026-02-26T07:00:00Z', lastStatus: 503, lastError: 'HTTP 503 Service Unavailable', lastChangeAt: '2025-07-14T07:00:00Z' },
        [feed.url]: { failures: 0, lastFetchAt: '2026-02-26T07:00:00Z', lastOkAt: '2026-02-26T07:00:00Z', lastStatus: 200 },
      },
      feeds: { [feed.id]: { a: { url: 'https://x.example/a', firstSeen: '2026-01-01', attempts: 0, done: true }, b: { url: 'https://x.example/b', firstSeen: '2026-01-01', attempts: 0, done: true } } },
    }
    await env.STATE.put(kvKeys.state(SLUG), JSON.stringify(state))
    const body = (await (await call('/api/sources', { headers: auth })).json()) as { sources: any[] }
    expect(body.sources.map((s) => s.id)).toEqual(defaultSources.map((s) => s.id))
    expect(body.sources.find((s) => s.id === page.id).health).toMatchObject({
      lastFetchAt: '2026-02-26T07:00:00Z',
      lastStatus: 503,
      failures: 3,
      lastError: 'HTTP 503 Service Unavailable',
      lastChangeAt: '2025-07-14T07:00:00Z',
    })
    expect(body.sources.find((s) => s.id === feed.id).health).toMatchObject({ lastStatus: 200, failures: 0, articlesSeen: 2 })
    const one = (await (await call(`/api/sources/${page.id}`, { headers: auth })).json()) as { source: any }
    expect(one.source.health.failures).toBe(3)
    expect((await call('/api/sources/nope-nope', { headers: auth })).status).toBe(404)
  })
})

describe('add, edit, enable/disable, delete', () => {
  it('adds a valid source, saves the whole list and logs it', async () => {
    const res = await send('POST', '/api/sources', newSource)
    expect(res.status).toBe(201)
    expect(await res.json()).toEqual({ source: { ...newSource, version: 1 } })
    expect(await savedSources()).toEqual([...defaultSources, newSource])
    const audit = { entries: await auditEntries() }
    expect(audit.entries[0]).toEqual({
      id: expect.any(Number),
      at: '2026-03-01T10:00:00.000Z',
      actor: expect.stringMatching(/^token:[0-9a-f]{8}$/),
      action: 'add',
      subject: SLUG,
      targetKind: 'source',
      target: newSource.id,
      via: 'api',
      before: null,
      after: newSource,
      reason: null,
    })
    // Before it: the first subject, created from data/subject.json on first use.
    expect(audit.entries.slice(1)).toEqual([expect.objectContaining({ action: 'add', actor: 'migration', targetKind: 'subject', target: SLUG })])
    expect(JSON.stringify(audit)).not.toContain(TOKEN)
  })

  it('returns every bad field with its own message (422) and saves nothing', async () => {
    const res = await send('POST', '/api/sources', { id: 'X', url: 'http://user:pw@example.com/', kind: 'blog', enabled: 1, notes: 'n'.repeat(501) })
    expect(res.status).toBe(422)
    const { errors } = (await res.json()) as { errors: Record<string, string> }
    expect(Object.keys(errors).sort()).toEqual(['enabled', 'id', 'kind', 'notes', 'url'])
    expect(errors.url).toMatch(/user name and password/)
    expect(await kvSnapshot()).toEqual({})
    expect(await savedSources()).toEqual(defaultSources)
  })

  it.each([
    'http://localhost:8787/demo/feed.xml',
    'http://2130706433/',
    'http://0x7f.0.0.1/',
    'http://[::1]/',
    'http://[::ffff:192.168.0.10]/',
    'http://10.1.2.3/',
    'http://169.254.169.254/',
    'http://100.100.100.100/',
    'http://nas.local/',
    'http://svc.internal/',
    'file:///etc/passwd',
  ])('refuses the SSRF URL %s', async (url) => {
    const res = await send('POST', '/api/sources', { ...newSource, url })
    expect(res.status).toBe(422)
    expect(Object.keys(((await res.json()) as { errors: object }).errors)).toEqual(['url'])
    expect(await savedSources()).toEqual(defaultSources)
  })

  it('allows localhost URLs in demo mode only', async () => {
    const demo = adminEnv({ ADMIN_TOKEN: TOKEN, DEMO_MODE: 'true' })
    const res = await call('/api/sources', { method: 'POST', headers: json, body: JSON.stringify({ ...newSource, url: 'http://localhost:8791/demo/everything-we-know' }) }, demo)
    expect(res.status).toBe(201)
    const privateNet = await call('/api/sources', { method: 'POST', headers: json, body: JSON.stringify({ ...newSource, id: 'x2', url: 'http://192.168.1.1/' }) }, demo)
    expect(privateNet.status).toBe(422)
  })

  it('starts from the demo\'s own sources in demo mode, as the cron does', async () => {
    const demo = adminEnv({ ADMIN_TOKEN: TOKEN, DEMO_MODE: 'true', PUBLIC_URL: 'http://localhost:8791/' })
    const body = (await (await call('/api/sources', { headers: auth }, demo)).json()) as { sources: { id: string; url: string }[] }
    expect(body.sources.map((s) => [s.id, s.url])).toEqual(listDemoSources().map((s) => [s.id, s.url]))
    expect(body.sources.map((s) => s.id)).not.toContain(defaultSources[0]!.id)
  })

  it('refuses a duplicate id or URL', async () => {
    const res = await send('POST', '/api/sources', { ...newSource, id: defaultSources[0]!.id, url: defaultSources[1]!.url })
    expect(res.status).toBe(422)
    expect(Object.keys(((await res.json()) as { errors: object }).errors).sort()).toEqual(['id', 'url'])
  })

  it('answers 400 to a body that is not JSON', async () => {
    const res = await call('/api/sources', { method: 'POST', headers: json, body: '{nope' })
    expect(res.status).toBe(400)
  })

  it('edits, disables, enables and deletes, logging each with before/after', async () => {
    await send('POST', '/api/sources', newSource)
    const edited = await send('PATCH', `/api/sources/${newSource.id}`, { notes: null, kind: 'feed', url: 'https://about.netflix.com/en/newsroom/rss' })
    expect(edited.status).toBe(200)
    const after = { id: newSource.id, url: 'https://about.netflix.com/en/newsroom/rss', kind: 'feed', enabled: true }
    expect(await edited.json()).toEqual({ source: { ...after, version: 2 } })

    expect((await send('PATCH', `/api/sources/${newSource.id}`, { enabled: false })).status).toBe(200)
    expect((await send('PATCH', `/api/sources/${newSource.id}`, { enabled: true })).status).toBe(200)
    const bad = await send('PATCH', `/api/sources/${newSource.id}`, { enabled: 'no', url: 'http://127.0.0.1/' })
    expect(bad.status).toBe(422)
    expect(Object.keys(((await bad.json()) as { errors: object }).errors).sort()).toEqual(['enabled', 'url'])
    expect((await send('PATCH', `/api/sources/${newSource.id}`, { id: 'renamed' })).status).toBe(422)
    expect((await send('PATCH', '/api/sources/nope-nope', { enabled: false })).status).toBe(404)

    const del = await call(`/api/sources/${newSource.id}`, { method: 'DELETE', headers: auth })
    expect(del.status).toBe(200)
    expect((await call(`/api/sources/${newSource.id}`, { method: 'DELETE', headers: auth })).status).toBe(404)
    expect(await savedSources()).toEqual(defaultSources)

    const entries = await auditEntries()
    expect(entries.map((e) => e.action)).toEqual(['delete', 'enable', 'disable', 'edit', 'add', 'add'])
    expect(entries[3]).toMatchObject({ before: newSource, after })
    expect(entries[0]).toMatchObject({ before: after, after: null, target: newSource.id })
  })

  it('does not write or log an edit that changes nothing', async () => {
    await send('POST', '/api/sources', newSource)
    const before = await storageSnapshot()
    expect((await send('PATCH', `/api/sources/${newSource.id}`, { enabled: true })).status).toBe(200)
    expect(await storageSnapshot()).toEqual(before)
  })
})

describe('export and import', () => {
  const imported = [
    { ...defaultSources[0]!, enabled: false },
    defaultSources[1]!,
    { id: 'new-one', url: 'https://new.example/feed', kind: 'feed', enabled: true },
  ]

  it('exports the list as a JSON download', async () => {
    const res = await call('/api/sources/export', { headers: auth })
    expect(res.headers.get('Content-Disposition')).toMatch(/attachment; filename="sources.json"/)
    expect(await res.json()).toEqual(defaultSources)
  })

  it('previews without writing, then applies atomically with the preview version', async () => {
    const preview = await send('POST', '/api/sources/import', { sources: imported })
    expect(preview.status).toBe(200)
    const p = (await preview.json()) as any
    expect(p.applied).toBe(false)
    expect(p.plan.adds.map((s: any) => s.id)).toEqual(['new-one'])
    expect(p.plan.changes.map((c: any) => c.after.id)).toEqual([defaultSources[0]!.id])
    expect(p.plan.removes.map((s: any) => s.id)).toEqual(defaultSources.slice(2).map((s) => s.id))
    expect(await savedSources()).toEqual(defaultSources)

    const applied = await send('POST', '/api/sources/import', { sources: imported, confirm: true, base: p.base })
    expect(applied.status).toBe(200)
    expect(((await applied.json()) as any).applied).toBe(true)
    expect(await savedSources()).toEqual(imported)
    const entries = await auditEntries()
    expect(entries[0]).toMatchObject({ action: 'import', target: null, targetKind: 'sources' })
    expect(entries[0].after.map((s: any) => s.id).sort()).toEqual([defaultSources[0]!.id, 'new-one'].sort())

    const export2 = await (await call('/api/sources/export', { headers: auth })).json()
    expect(export2).toEqual(imported)
  })

  it('rejects the whole list when one entry is bad, writing nothing', async () => {
    const res = await send('POST', '/api/sources/import', { sources: [...imported, { id: 'evil', url: 'http://169.254.169.254/', kind: 'page' }, { id: 'new-one', url: 'https://dup.example/', kind: 'page' }], confirm: true })
    expect(res.status).toBe(422)
    const { errors } = (await res.json()) as { errors: Record<string, string> }
    expect(Object.keys(errors).sort()).toEqual(['sources.3.url', 'sources.4.id'])
    expect(await savedSources()).toEqual(defaultSources)
  })

  it('refuses to apply over a list that changed since the preview (409)', async () => {
    const p = (await (await send('POST', '/api/sources/import', imported)).json()) as any
    await send('POST', '/api/sources', newSource)
    const before = await storageSnapshot()
    const res = await send('POST', '/api/sources/import', { sources: imported, confirm: true, base: p.base })
    expect(res.status).toBe(409)
    expect(await storageSnapshot()).toEqual(before)
  })
})

describe('dry-run', () => {
  const filming = DEMO_ARTICLES.find((a) => a.slug === 'season-2-filming-begins')!

  it('dry-runs an unsaved URL and a saved source, writing nothing', async () => {
    const url = 'https://news.example/filming'
    const page = await renderDemoArticle(filming)
    const pages = fakeNetwork({ [url]: { body: page }, [defaultSources.find((s) => s.kind === 'page')!.url]: { body: page } })
    const dryApp = makeAdmin({ fetch: pages.fetch, now: () => new Date('2025-07-15T07:00:00Z') })
    const state = { version: 1, createdAt: '', updatedAt: '', facts: emptyFacts(), claims: [], fetch: {}, feeds: {}, reported: [], history: [] }
    await env.STATE.put(kvKeys.state(SLUG), JSON.stringify(state))
    await call('/api/sources', { headers: auth }) // the first subject exists before the snapshot
    const before = await storageSnapshot()

    const res = await dryApp.request('/api/sources/dry-run', { method: 'POST', headers: json, body: JSON.stringify({ url, kind: 'page' }) }, adminEnv())
    expect(res.status).toBe(200)
    const r = (await res.json()) as any
    expect(r.error).toBeNull()
    expect(r.documents).toHaveLength(1)
    expect(r.documents[0].url).toBe(url)
    expect(pages.calls).toEqual([url])

    const saved = defaultSources.find((s) => s.kind === 'page')!
    const res2 = await dryApp.request(`/api/sources/${saved.id}/dry-run`, { method: 'POST', headers: auth }, adminEnv())
    expect(res2.status).toBe(200)
    expect(((await res2.json()) as any).target.id).toBe(saved.id)

    expect(await storageSnapshot()).toEqual(before)
  })

  it('validates an unsaved target and 404s an unknown id', async () => {
    const res = await send('POST', '/api/sources/dry-run', { url: 'http://192.168.0.1/', kind: 'rss' })
    expect(res.status).toBe(422)
    expect(Object.keys(((await res.json()) as { errors: object }).errors).sort()).toEqual(['kind', 'url'])
    expect((await call('/api/sources/nope-nope/dry-run', { method: 'POST', headers: auth })).status).toBe(404)
    expect(net.calls).toEqual([])
  })
})

describe('subject', () => {
  it('shows the first subject, seeded from data/subject.json', async () => {
    const d = (await (await call('/api/sources/subject', { headers: auth })).json()) as any
    expect(d).toMatchObject({ origin: 'storage', version: 1, subject: { slug: SLUG, show: 'All of Us Are Dead', season: 2, status: 'active' } })
  })

  it('seeds the first subject from an override the single-subject admin saved', async () => {
    await env.STATE.put(legacyKvKeys.subject(), JSON.stringify({ show: 'Other Show', season: 3, aliases: [], people: [] }))
    const o = (await (await call('/api/sources/subject', { headers: auth })).json()) as any
    expect(o.subject).toEqual({ slug: SLUG, status: 'active', show: 'Other Show', season: 3, aliases: [], people: [], officialSources: seedSubject.officialSources })
  })
})
