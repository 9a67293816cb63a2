import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { PublicView } from '../../../src/core/public-view'
import type { Source, Subject } from '../../../src/core/types'
import { recordingNotifier } from '../../../src/mail/delivery/notifier'
import { d1Lock } from '../../../src/pipeline/run/lock'
import { runCron, type RunDeps } from '../../../src/pipeline/run/run-cron'
import type { PipelineState } from '../../../src/pipeline/run/state'
import { countKv, workersKv } from '../../../src/store/kv'
import { kvKeys } from '../../../src/store/kv-keys'
import subjectJson from '../../../data/subject.json'

const subject = subjectJson as Subject
const SLUG = 'aouad-s2'
const FEED = 'https://feeds.test/aouad.rss'
const WIKI = 'https://wiki.test/AOUAD_Season_2'
const DOWN = 'https://down.test/news'

const sources: Source[] = [
  { id: 'feed', url: FEED, kind: 'feed', enabled: true },
  { id: 'wiki', url: WIKI, kind: 'page', enabled: true },
  { id: 'down', url: DOWN, kind: 'page', enabled: true },
  { id: 'off', url: 'https://off.test/', kind: 'page', enabled: false },
]

function article(date: string, paragraphs: string[]): string {
  return `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="${date}T09:00:00Z"></head>
<body><article><h1>All of Us Are Dead Season 2</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article>
<aside class="related"><ul><li>Kingdom season 3 wraps filming</li></ul></aside></body></html>`
}

function feed(items: { url: string; date: string }[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>news</title>${items
    .map((i) => `<item><title>t</title><link>${i.url}</link><guid>${i.url}</guid><pubDate>${new Date(`${i.date}T09:00:00Z`).toUTCString()}</pubDate></item>`)
    .join('')}</channel></rss>`
}

interface Site {
  feedItems: { url: string; date: string }[]
  pages: Record<string, string>
  wikiEtag: string
  requests: string[]
}

/** A tiny web: answers like real servers (ETag/304, 503 + Retry-After, 404 for the rest). */
function webFetch(site: Site): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init)
    site.requests.push(req.url)
    if (req.url === FEED) return new Response(feed(site.feedItems), { headers: { 'content-type': 'application/rss+xml' } })
    if (req.url === DOWN) return new Response('busy', { status: 503, headers: { 'retry-after': '3600', 'content-type': 'text/html' } })
    if (req.url === WIKI) {
      if (req.headers.get('if-none-match') === site.wikiEtag) return new Response(null, { status: 304, headers: { etag: site.wikiEtag } })
      return new Response(site.pages[WIKI], { headers: { 'content-type': 'text/html; charset=utf-8', etag: site.wikiEtag } })
    }
    const body = site.pages[req.url]
    return body ? new Response(body, { headers: { 'content-type': 'text/html' } }) : new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } })
  }) as typeof fetch
}

function deps(site: Site, at: string, notifier = recordingNotifier()) {
  const { kv, counts } = countKv(workersKv(env.STATE))
  const d: RunDeps = { fetch: webFetch(site), now: () => new Date(at), kv, slug: SLUG, subject, sources, notifier, lock: d1Lock(env.DB) }
  return { d, counts, notifier }
}

async function readState(): Promise<PipelineState> {
  return JSON.parse((await env.STATE.get(kvKeys.state(SLUG))) ?? 'null') as PipelineState
}

describe('runCron inside workerd with real KV and D1', () => {
  let site: Site
  beforeEach(async () => {
    // Storage is shared by the tests of a file: start each from a fresh install.
    for (const key of [kvKeys.state(SLUG), kvKeys.publicView(SLUG)]) await env.STATE.delete(key)
    await env.DB.prepare('DELETE FROM run_lock').run()
    site = {
      feedItems: [{ url: 'https://news.test/renewal', date: '2022-06-06' }],
      pages: {
        'https://news.test/renewal': article('2022-06-06', ['Netflix has officially renewed All of Us Are Dead for a second season.']),
        [WIKI]: article('2022-06-06', ['Netflix announced a second season of All of Us Are Dead on June 6, 2022.']),
      },
      wikiEtag: '"v1"',
      requests: [],
    }
  })

  it('records a silent baseline, then a quiet run writes nothing, then a real change emails once', async () => {
    // 1. Baseline: facts recorded, nothing material, nothing sent.
    const first = deps(site, '2022-06-07T07:00:00Z')
    const baseline = await runCron(first.d)
    expect(baseline).toMatchObject({ baseline: true, email: null, skipped: false })
    expect(baseline.changes.every((c) => !c.material)).toBe(true)
    expect(first.notifier.editions).toEqual([])
    expect((await readState()).facts.stage?.value).toBe('renewed')
    // One read (the state: its claims fit in it, no shard yet); state and public view written.
    expect(first.counts).toEqual({ reads: 1, writes: 2 })

    // The disabled source is never fetched; the failing one is recorded with its Retry-After.
    expect(site.requests).not.toContain('https://off.test/')
    const down = (await readState()).fetch[DOWN]
    expect(down).toMatchObject({ failures: 1, lastStatus: 503, nextAttemptAt: '2022-06-07T08:00:00.000Z' })
    expect(down?.lastError).toMatch(/503/)

    // 2. Nothing new: the wiki answers 304, the feed item was seen, the down source waits.
    site.requests = []
    const quiet = deps(site, '2022-06-07T07:30:00Z')
    const q = await runCron(quiet.d)
    expect(q.changes).toEqual([])
    expect(quiet.counts).toEqual({ reads: 1, writes: 0 })
    expect(site.requests).not.toContain('https://news.test/renewal')
    expect(site.requests).not.toContain(DOWN)

    // 3. An official filming announcement: one material change, one email, state and public view move on.
    site.feedItems.push({ url: 'https://news.test/filming', date: '2025-07-23' })
    site.pages['https://news.test/filming'] = article('2025-07-23', ['Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.'])
    const third = deps(site, '2025-07-23T07:00:00Z')
    const report = await runCron(third.d)
    expect(report.changes.filter((c) => c.material)).toEqual([expect.objectContaining({ field: 'stage', from: 'renewed', to: 'filming', sources: ['https://news.test/filming'] })])
    expect(third.notifier.editions).toHaveLength(1)
    expect(report.email?.subject).toBeTruthy()
    const state = await readState()
    expect(state.version).toBe(2)
    // The feed that listed the article is credited with the change; the wiki (still 304) is not.
    expect(state.fetch[FEED]?.lastChangeAt).toBe('2025-07-23T07:00:00.000Z')
    expect(state.fetch[WIKI]?.lastChangeAt).toBeUndefined()
    expect(state.fetch[DOWN]).toMatchObject({ failures: 2 })
    const view = JSON.parse((await env.STATE.get(kvKeys.publicView(SLUG))) ?? '{}') as PublicView
    expect(view.facts.stage?.value).toBe('filming')
    expect(view.history[0]?.changes[0]).toMatchObject({ field: 'stage', to: 'filming' })

    // 4. The same news again (a re-published copy) is not news.
    site.feedItems.push({ url: 'https://copy.test/filming', date: '2025-07-24' })
    site.pages['https://copy.test/filming'] = site.pages['https://news.test/filming']!
    const fourth = deps(site, '2025-07-24T07:00:00Z')
    const again = await runCron(fourth.d)
    expect(again.changes.filter((c) => c.material)).toEqual([])
    expect(fourth.notifier.editions).toEqual([])
  })

  it('the first run reads a feed backlog whole; later runs take at most 10 new items per feed', async () => {
    site.feedItems = Array.from({ length: 15 }, (_, i) => ({ url: `https://news.test/old-${i}`, date: '2022-06-06' }))
    for (const item of site.feedItems) site.pages[item.url] = article('2022-06-06', ['Netflix has officially renewed All of Us Are Dead for a second season.'])
    await runCron(deps(site, '2022-06-07T07:00:00Z').d)
    expect(site.requests.filter((u) => u.startsWith('https://news.test/old-'))).toHaveLength(15)

    site.requests = []
    site.feedItems.push(...Array.from({ length: 12 }, (_, i) => ({ url: `https://news.test/new-${i}`, date: '2022-07-01' })))
    await runCron(deps(site, '2022-07-01T07:00:00Z').d)
    expect(site.requests.filter((u) => u.startsWith('https://news.test/'))).toHaveLength(10)
    const seen = (await readState()).feeds.feed ?? {}
    expect(Object.keys(seen)).toHaveLength(25)
  })

  it('a page that drops a sentence does not take the fact away', async () => {
    await runCron(deps(site, '2022-06-07T07:00:00Z').d)
    site.pages[WIKI] = article('2022-07-01', ['This page is being rewritten.'])
    site.wikiEtag = '"v2"'
    site.feedItems = []
    const r = await runCron(deps(site, '2022-07-01T07:00:00Z').d)
    expect(r.changes).toEqual([])
    expect(r.facts.stage?.value).toBe('renewed')
  })

  it('overlapping runs: the second finds the lock held and does nothing', async () => {
    const a = deps(site, '2022-06-07T07:00:00Z')
    const b = deps(site, '2022-06-07T07:00:01Z')
    const [ra, rb] = await Promise.all([runCron(a.d), runCron(b.d)])
    expect([ra.skipped, rb.skipped].sort()).toEqual([false, true])
    const skipped = ra.skipped ? a : b
    expect(skipped.counts.writes).toBe(0)
    expect((await readState()).version).toBe(1)
  })

  it('a malformed feed is recorded as a failure and the page source still counts', async () => {
    site.pages[WIKI] = article('2025-07-23', ['Netflix said All of Us Are Dead Season 2 is in production.'])
    const broken: typeof fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = new Request(input, init)
      if (req.url === FEED) return new Response('<rss><channel><item><title>cut', { headers: { 'content-type': 'application/rss+xml' } })
      return webFetch(site)(input, init)
    }) as typeof fetch
    const { d } = deps(site, '2025-07-23T07:00:00Z')
    const r = await runCron({ ...d, fetch: broken })
    expect(r.failed.map((f) => f.url)).toEqual(expect.arrayContaining([FEED, DOWN]))
    expect(r.facts.stage?.value).toBe('filming')
    expect((await readState()).fetch[FEED]).toMatchObject({ failures: 1 })
  })
})
