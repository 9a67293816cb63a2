import { env, exports } from 'cloudflare:workers'
import { DOMParser } from 'linkedom/worker'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import type { HistoryEntry, PublicView } from '../../src/core/public-view'
import type { Change, Facts } from '../../src/core/types'
import { kvKeys } from '../../src/store/kv-keys'
import { seedSubject } from '../../src/worker/config'
import { ensureSubjects } from '../../src/worker/migrate-layout'

const SCRIPT = '<script>alert(1)</script>'
const IMG = '"><img src=x onerror=alert(2)>'

const facts: Facts = {
  stage: {
    value: 'filming',
    certainty: 'confirmed',
    asOf: '2025-07-14',
    sources: [
      {
        source: 'https://news.example.com/aouad-filming',
        evidence: `Netflix confirmed that filming has begun ${SCRIPT}`,
        published: '2025-07-14',
        certainty: 'confirmed',
      },
      { source: 'javascript:alert(3)', evidence: 'bad link', published: '2025-07-01', certainty: 'reported' },
    ],
  },
  release: { status: 'estimated', date: null, window: { from: '2026-10-01', to: '2027-03-31' }, text: 'late 2026 or early 2027', certainty: 'speculated', asOf: '2025-07-01', sources: [] },
  cast: [
    { actor: `Park Ji-hu${IMG}`, role: `Nam On-jo${SCRIPT}`, status: 'returning', certainty: 'confirmed', asOf: '2025-07-14', sources: [] },
    { actor: 'Lomon', role: 'Lee Su-hyeok', status: 'returning', certainty: 'reported', asOf: '2025-07-10', sources: [] },
  ],
  trailer: null,
  episodes: null,
}

function change(i: number, extra: Partial<Change> = {}): Change {
  return {
    field: 'stage',
    material: true,
    from: 'renewed',
    to: 'filming',
    certainty: 'confirmed',
    sources: [`https://news.example.com/article-${i}`],
    evidence: `Evidence number ${i}`,
    ...extra,
  }
}

/** `n` editions, newest first, one a day back from 2026-01-31. */
function makeHistory(n: number): HistoryEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `ed${String(n - i).padStart(4, '0')}`,
    at: new Date(Date.UTC(2026, 0, 31 - i, 7)).toISOString(),
    changes: [change(n - i)],
  }))
}

const hostileEntry: HistoryEntry = {
  id: 'ed-hostile',
  at: '2026-02-01T07:00:00.000Z',
  changes: [
    change(0, { evidence: `Filming began ${SCRIPT} ${IMG}\u0001`, sources: ['https://x.example/a?b=1&c=2', 'javascript:alert(4)'] }),
    change(0, { field: 'cast', from: null, to: { actor: `Evil${SCRIPT}`, role: IMG, status: 'new' }, evidence: 'joins' }),
  ],
}

function view(history: HistoryEntry[]): PublicView {
  return { version: 1, updatedAt: '2026-02-01T07:00:00.000Z', facts, history }
}

/** Stores `v` as the first subject's view (the one `/`, `/history`, `/feed.xml` and `/api/*` show). */
async function seed(v: PublicView | null) {
  await ensureSubjects(env)
  if (v) await env.STATE.put(kvKeys.publicView(seedSubject.slug), JSON.stringify(v))
}

const get = (path: string, init?: RequestInit) => exports.default.fetch(new Request(`http://localhost${path}`, init))

beforeEach(async () => {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  await env.DB.batch([env.DB.prepare('DELETE FROM subjects'), env.DB.prepare('DELETE FROM layout_migrations')])
})

describe('empty state', () => {
  it('says no facts yet when the cron has not run', async () => {
    const res = await get('/')
    expect(res.status).toBe(200)
    const body = await res.text()
    expect(body).toContain('No facts yet: the first check has not run.')
    expect(body).toContain('action="/subscribe"')
  })

  it('serves an empty but valid feed and null facts', async () => {
    const feed = await get('/feed.xml')
    expect(feed.status).toBe(200)
    const doc = parseXml(await feed.text())
    expect(doc.querySelectorAll('entry').length).toBe(0)
    expect(doc.querySelector('updated')?.textContent).toMatch(RFC3339)
    expect(await (await get('/api/facts')).json()).toMatchObject({ facts: null, updatedAt: null })
    expect(await (await get('/api/changes')).json()).toMatchObject({ items: [], page: 1, pages: 1, total: 0 })
  })
})

describe('/', () => {
  it('shows every fact with certainty, as-of date and sources', async () => {
    await seed(view([hostileEntry, ...makeHistory(3)]))
    const res = await get('/')
    expect(res.headers.get('Content-Type')).toMatch(/^text\/html/)
    expect(res.headers.get('Content-Security-Policy')).toContain("default-src 'none'")
    const body = await res.text()
    const doc = new DOMParser().parseFromString(body, 'text/html')
    const stage = doc.querySelector('[aria-labelledby="fact-stage"]')!
    expect(stage.querySelector('.fact-value')?.textContent).toBe('Filming')
    expect(stage.querySelector('.badge-confirmed')?.textContent).toBe('Confirmed')
    expect(stage.querySelector('time')?.getAttribute('datetime')).toBe('2025-07-14')
    expect(stage.querySelector('a[href="https://news.example.com/aouad-filming"]')).not.toBeNull()
    expect(doc.querySelector('[aria-current="step"]')?.textContent).toBe('Filming')
    const release = doc.querySelector('[aria-labelledby="fact-release"]')!.textContent
    expect(release).toContain('Estimated: between 1 Oct 2026 and 31 Mar 2027')
    expect(release).toContain('Speculation')
    const cast = doc.querySelector('[aria-labelledby="fact-cast"]')!.textContent
    expect(cast).toContain('Lomon as Lee Su-hyeok')
    expect(cast).toContain('Returning')
    expect(doc.querySelector('[aria-labelledby="fact-trailer"]')!.textContent).toContain('No trailer yet')
    expect(doc.querySelector('[aria-labelledby="fact-episodes"]')!.textContent).toContain('Not announced')
    // Landmarks and the form label a screen reader needs.
    expect(doc.querySelector('main#main')).not.toBeNull()
    expect(doc.querySelector('header nav[aria-label]')).not.toBeNull()
    expect(doc.querySelector('label[for="subscribe-email"]')).not.toBeNull()
    expect(doc.querySelector('h1')?.textContent).toContain('All of Us Are Dead Season 2')
  })

  it('lists recent history newest first, capped, with evidence and sources', async () => {
    await seed(view(makeHistory(8)))
    const doc = new DOMParser().parseFromString(await (await get('/')).text(), 'text/html')
    const ids = [...doc.querySelectorAll('.history article')].map((a) => a.getAttribute('id'))
    expect(ids).toEqual(['edition-ed0008', 'edition-ed0007', 'edition-ed0006', 'edition-ed0005', 'edition-ed0004'])
    const first = doc.querySelector('.history article')!
    expect(first.querySelector('blockquote')?.textContent).toContain('Evidence number 8')
    expect(first.querySelector('a[href="https://news.example.com/article-8"]')).not.toBeNull()
    expect(first.textContent).toContain('Stage: Filming (was: Renewed)')
    expect(doc.querySelector('a[href="/history"]')).not.toBeNull()
  })

  it('escapes hostile scraped strings and never links non-http URLs', async () => {
    await seed(view([hostileEntry]))
    for (const path of ['/', '/history', '/history/ed-hostile']) {
      const body = await (await get(path)).text()
      expect(body, path).not.toContain('<script>alert')
      expect(body, path).not.toContain('<img src=x')
      expect(body, path).not.toMatch(/href="javascript:/i)
      const doc = new DOMParser().parseFromString(body, 'text/html')
      expect(doc.querySelectorAll('script').length, path).toBe(0)
      expect(doc.querySelectorAll('img').length, path).toBe(0)
      expect(doc.querySelectorAll('[onerror]').length, path).toBe(0)
    }
    const home = await (await get('/')).text()
    expect(home).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(home).toContain('Evil&lt;script&gt;')
    expect(home).toContain('https://x.example/a?b=1&amp;c=2')
    // A non-http source is shown as text, not as a link.
    expect(home).toContain('<li><span>javascript:alert(4)</span></li>')
  })
})

describe('/history', () => {
  it('paginates 20 per page, newest first, with prev/next links', async () => {
    await seed(view(makeHistory(45)))
    const page1 = new DOMParser().parseFromString(await (await get('/history')).text(), 'text/html')
    const ids1 = [...page1.querySelectorAll('.history article')].map((a) => a.getAttribute('id'))
    expect(ids1.length).toBe(20)
    expect(ids1[0]).toBe('edition-ed0045')
    expect(page1.querySelector('a[rel="next"]')?.getAttribute('href')).toBe('/history?page=2')
    expect(page1.querySelector('a[rel="prev"]')).toBeNull()

    const page3 = new DOMParser().parseFromString(await (await get('/history?page=3')).text(), 'text/html')
    const ids3 = [...page3.querySelectorAll('.history article')].map((a) => a.getAttribute('id'))
    expect(ids3).toEqual(['edition-ed0005', 'edition-ed0004', 'edition-ed0003', 'edition-ed0002', 'edition-ed0001'])
    expect(page3.querySelector('a[rel="prev"]')?.getAttribute('href')).toBe('/history?page=2')
    expect(page3.querySelector('a[rel="next"]')).toBeNull()
    expect(page3.body.textContent).toContain('Page 3 of 3')
  })

  it('rejects bad page numbers and pages past the end', async () => {
    await seed(view(makeHistory(3)))
    expect((await get('/history?page=0')).status).toBe(400)
    expect((await get('/history?page=abc')).status).toBe(400)
    expect((await get('/history?page=2')).status).toBe(404)
    expect((await get('/history/nope')).status).toBe(404)
    expect((await get('/history/ed0002')).status).toBe(200)
  })
})

describe('/api', () => {
  it('/api/facts returns the facts with cache and CORS headers', async () => {
    await seed(view(makeHistory(2)))
    const res = await get('/api/facts', { headers: { Origin: 'https://elsewhere.example' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Content-Type')).toMatch(/^application\/json/)
    const body = (await res.json()) as { facts: Facts; updatedAt: string }
    expect(body.facts).toEqual(facts)
    expect(body.updatedAt).toBe('2026-02-01T07:00:00.000Z')
  })

  it('/api/changes paginates and validates', async () => {
    await seed(view(makeHistory(25)))
    const res = await get('/api/changes?page=2')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    const body = (await res.json()) as { items: HistoryEntry[]; page: number; pages: number; total: number; perPage: number }
    expect(body).toMatchObject({ page: 2, pages: 2, total: 25, perPage: 20 })
    expect(body.items.map((e) => e.id)).toEqual(['ed0005', 'ed0004', 'ed0003', 'ed0002', 'ed0001'])
    expect((await get('/api/changes?page=-1')).status).toBe(400)
    expect((await get('/api/changes?page=3')).status).toBe(404)
  })

  it('answers CORS preflight for GET only', async () => {
    const res = await get('/api/changes', {
      method: 'OPTIONS',
      headers: { Origin: 'https://elsewhere.example', 'Access-Control-Request-Method': 'GET' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect(res.headers.get('Access-Control-Allow-Methods')).toBe('GET,OPTIONS')
    expect((await get('/api/facts', { method: 'POST' })).status).toBe(404)
  })

  it('does not put CORS on the HTML pages', async () => {
    const res = await get('/', { headers: { Origin: 'https://elsewhere.example' } })
    expect(res.headers.get('Access-Control-Allow-Origin')).toBeNull()
  })
})

/** The slice of a parsed XML element the feed checks use (linkedom's own types are loose). */
interface XmlElement {
  tagName: string
  children: ArrayLike<XmlElement>
  textContent: string | null
  getAttribute(name: string): string | null
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/
const ATOM_NS = 'http://www.w3.org/2005/Atom'

function parseXml(text: string) {
  const doc = new DOMParser().parseFromString(text, 'text/xml')
  // linkedom does not throw on bad XML, so check the document is what we sent: one <feed> root.
  expect(doc.documentElement?.tagName).toBe('feed')
  return doc
}

describe('/feed.xml', () => {
  it('is valid Atom 1.0 with stable ids, RFC 3339 times and escaped content', async () => {
    await seed(view([hostileEntry, ...makeHistory(3)]))
    const res = await get('/feed.xml')
    expect(res.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=300')
    const text = await res.text()
    expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true)
    // XML 1.0 forbids control characters even escaped.
    expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/)
    expect(text).not.toContain('<script>')
    expect(text).not.toContain('<img')

    const doc = parseXml(text)
    const feed = doc.documentElement as unknown as XmlElement
    expect(feed.getAttribute('xmlns')).toBe(ATOM_NS)
    const child = (el: XmlElement, name: string) => Array.from(el.children).filter((c) => c.tagName === name)
    // RFC 4287 §4.1.1: exactly one id, title, updated; a self link; an author (feed level).
    for (const name of ['id', 'title', 'updated']) expect(child(feed, name).length, name).toBe(1)
    expect(child(feed, 'updated')[0]!.textContent).toMatch(RFC3339)
    expect(child(feed, 'updated')[0]!.textContent).toBe('2026-02-01T07:00:00Z')
    const self = child(feed, 'link').find((l) => l.getAttribute('rel') === 'self')
    expect(self?.getAttribute('href')).toBe('http://localhost:8787/feed.xml')
    expect(child(child(feed, 'author')[0]!, 'name')[0]?.textContent).toBe('Season Watch')

    const entries = child(feed, 'entry')
    expect(entries.length).toBe(4)
    for (const entry of entries) {
      for (const name of ['id', 'title', 'updated']) expect(child(entry, name).length, name).toBe(1)
      expect(child(entry, 'updated')[0]!.textContent).toMatch(RFC3339)
      expect(child(entry, 'id')[0]!.textContent).toMatch(/^urn:season-watch:edition:/)
      expect(child(entry, 'link')[0]?.getAttribute('href')).toMatch(/^http:\/\/localhost:8787\/history\//)
      expect(child(entry, 'content')[0]?.getAttribute('type')).toBe('html')
    }
    const ids = entries.map((e) => child(e, 'id')[0]!.textContent)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids[0]).toBe('urn:season-watch:edition:ed-hostile')

    // The hostile entry: title and content are text to the XML parser, and the content's HTML
    // (decoded once) still has the scraped text escaped.
    const hostile = entries[0]!
    expect(child(hostile, 'title')[0]!.textContent).toContain('Evil<script>alert(1)</script> joins the cast')
    const contentHtml = child(hostile, 'content')[0]!.textContent ?? ''
    expect(contentHtml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(contentHtml).not.toContain('<script>')
    expect(contentHtml).not.toContain('href="javascript:')
    const inner = new DOMParser().parseFromString(`<!doctype html><body>${contentHtml}</body>`, 'text/html')
    expect(inner.querySelectorAll('script, img, [onerror]').length).toBe(0)
    expect(inner.querySelector('a[href="https://x.example/a?b=1&c=2"]')).not.toBeNull()
  })

  it('keeps entry ids stable when new editions arrive', async () => {
    const older = makeHistory(3)
    await seed(view(older))
    const first = parseXml(await (await get('/feed.xml')).text())
    const newer: HistoryEntry = { id: 'ed9999', at: '2026-03-01T07:00:00.000Z', changes: [change(9)] }
    await seed(view([newer, ...older]))
    const second = parseXml(await (await get('/feed.xml')).text())
    const idsOf = (d: ReturnType<typeof parseXml>) => [...d.querySelectorAll('entry > id')].map((e) => e.textContent)
    expect(idsOf(second).slice(1)).toEqual(idsOf(first))
    expect(idsOf(second)[0]).toBe('urn:season-watch:edition:ed9999')
    const updatedOf = (d: ReturnType<typeof parseXml>) => [...d.querySelectorAll('entry > updated')].map((e) => e.textContent)
    expect(updatedOf(second).slice(1)).toEqual(updatedOf(first))
  })
})

describe('reading costs no KV writes', () => {
  it('makes one KV read and zero writes per request on every public route', async () => {
    await seed(view(makeHistory(3)))
    let reads = 0
    let writes = 0
    const counted = new Proxy(env.STATE, {
      get(target, prop) {
        if (prop === 'get' || prop === 'getWithMetadata') reads++
        if (prop === 'put' || prop === 'delete') writes++
        const value = Reflect.get(target, prop)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const app = createApp()
    const paths = ['/', '/history', '/history?page=1', '/history/ed0001', '/feed.xml', '/api/facts', '/api/changes']
    for (const path of paths) {
      const res = await app.fetch(new Request(`http://localhost${path}`), { ...env, STATE: counted })
      expect(res.status, path).toBe(200)
    }
    expect(writes).toBe(0)
    expect(reads).toBe(paths.length)
    // And nothing new appeared in the real namespace.
    expect((await env.STATE.list()).keys.map((k) => k.name)).toEqual([kvKeys.publicView(seedSubject.slug)])
  })
})
