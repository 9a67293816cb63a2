import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Source, Subject } from '../../../src/core/types'
import { recordingNotifier } from '../../../src/mail/delivery/notifier'
import { createSubjectMatcher } from '../../../src/pipeline/extract/subject-matcher'
import { collectClaims, type CollectInput } from '../../../src/pipeline/run/collect-claims'
import { runCron } from '../../../src/pipeline/run/run-cron'
import type { PipelineState } from '../../../src/pipeline/run/state'
import { workersKv } from '../../../src/store/kv'
import { kvKeys } from '../../../src/store/kv-keys'
import { fetchRulesFor } from '../../../src/worker/config'
import subjectJson from '../../../data/subject.json'
import { buildHostilePages, type HostilePage } from '../../fixtures/hostile/hostile-pages'

const subject = subjectJson as Subject
const matcher = createSubjectMatcher(subject)
const now = new Date('2025-07-23T07:00:00Z')

const GOOD = 'https://good.example/filming'
const OTHER = 'https://other.example/cast'
const FEED = 'https://feeds.example/news.rss'

function article(paragraph: string): string {
  return `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="2025-07-22T09:00:00Z"></head>
<body><article><h1>All of Us Are Dead Season 2</h1><p>${paragraph}</p></article></body></html>`
}

function rss(links: string[]): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>news</title>${links
    .map((l) => `<item><title>t</title><link>${l}</link><guid>${l}</guid><pubDate>Tue, 22 Jul 2025 09:00:00 GMT</pubDate></item>`)
    .join('')}</channel></rss>`
}

type Answer = { body: string | Uint8Array; type?: string; status?: number; headers?: Record<string, string> }

/** A stub network: a table of URL → answer, and every URL it was asked for. Nothing leaves the test. */
function stubNetwork(pages: Record<string, Answer>) {
  const calls: string[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new Request(input, init).url
    calls.push(url)
    const page = pages[url]
    if (!page) return new Response('not found', { status: 404, headers: { 'content-type': 'text/html' } })
    return new Response(page.body, { status: page.status ?? 200, headers: { 'content-type': page.type ?? 'text/html; charset=utf-8', ...page.headers } })
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

const page = (id: string, url: string): Source => ({ id, url, kind: 'page', enabled: true })

function collect(sources: Source[], fetch: typeof globalThis.fetch, extra: Partial<CollectInput> = {}) {
  return collectClaims({ sources, fetchMemory: {}, feeds: {}, subject, matcher, fetch, now, ...extra })
}

const hostile = buildHostilePages()
const asAnswer = (p: HostilePage): Answer => ({ body: p.body, type: p.contentType })

describe('collectClaims: one page never stops the others', () => {
  const goodPages: Record<string, Answer> = {
    [GOOD]: { body: article('Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.') },
    [OTHER]: { body: article('Netflix confirmed that Park Ji-hu returns for All of Us Are Dead Season 2.') },
  }

  it.each(hostile.map((p) => [p.name, p] as const))('%s among good sources: their claims stay, the outcome is recorded', async (_name, p) => {
    const HOSTILE = 'https://hostile.example/page'
    const net = stubNetwork({ ...goodPages, [HOSTILE]: asAnswer(p) })
    const r = await collect([page('good', GOOD), page('hostile', HOSTILE), page('other', OTHER)], net.fetch)
    expect(r.claims.some((c) => c.source === GOOD && c.field === 'stage')).toBe(true)
    expect(r.claims.some((c) => c.source === OTHER && c.field === 'cast')).toBe(true)
    const failure = r.failed.find((f) => f.url === HOSTILE)
    // Either the page is read (claims) or refused with a clear sentence, recorded on the source.
    if (failure) {
      expect(failure.error).toMatch(/^page too (large|deeply nested) to read/)
      expect(r.fetchMemory[HOSTILE]).toMatchObject({ failures: 1, lastError: failure.error })
      expect(r.fetchMemory[HOSTILE]?.hash).toBeUndefined()
    } else {
      expect(r.claims.some((c) => c.source === HOSTILE)).toBe(true)
    }
  })

  it('refuses the nested, huge and crowded pages and reads the one with NUL bytes', async () => {
    const results = await Promise.all(
      hostile.map(async (p) => {
        const r = await collect([page('h', 'https://hostile.example/')], stubNetwork({ 'https://hostile.example/': asAnswer(p) }).fetch)
        return [p.name, r.failed[0]?.error ?? `${r.claims.length} claims`]
      }),
    )
    expect(Object.fromEntries(results)).toEqual({
      '6,000 nested divs': expect.stringMatching(/too deeply nested/),
      '6,000 unclosed font tags': expect.stringMatching(/too deeply nested/),
      '60,000 nested div/span pairs': expect.stringMatching(/too deeply nested/),
      'one 2 MiB text node': expect.stringMatching(/main text of 2,046,039 characters/),
      'one element with 60,000 attributes': expect.stringMatching(/more than 60,000 nodes/),
      '40,000 links': expect.stringMatching(/more than 60,000 nodes/),
      'NUL bytes and invalid UTF-8': expect.stringMatching(/^[1-9]\d* claims$/),
    })
  })

  it('keeps counting consecutive failures of an unreadable page across runs', async () => {
    const URL = 'https://hostile.example/'
    const net = stubNetwork({ [URL]: asAnswer(hostile[0]!) })
    const first = await collect([page('h', URL)], net.fetch)
    const second = await collect([page('h', URL)], net.fetch, { fetchMemory: first.fetchMemory })
    expect(second.fetchMemory[URL]).toMatchObject({ failures: 2 })
    expect(second.failed).toHaveLength(1)
  })

  it('records a hostile feed item as that item\'s failure and still reads the others', async () => {
    const BAD = 'https://hostile.example/article'
    const net = stubNetwork({
      [FEED]: { body: rss([BAD, GOOD]), type: 'application/rss+xml' },
      [BAD]: asAnswer(hostile[2]!),
      ...goodPages,
    })
    const r = await collect([{ id: 'feed', url: FEED, kind: 'feed', enabled: true }], net.fetch)
    expect(r.failed).toEqual([{ url: BAD, error: expect.stringMatching(/too deeply nested/) }])
    expect(r.claims.some((c) => c.source === GOOD)).toBe(true)
    expect(r.feeds.feed?.[BAD]).toMatchObject({ attempts: 1, done: false })
    expect(r.feeds.feed?.[GOOD]).toMatchObject({ done: true })
  })
})

describe('collectClaims: Retry-After', () => {
  it.each([
    ['99999999999999999', '2025-07-30T07:00:00.000Z'],
    ['8000000000000', '2025-07-30T07:00:00.000Z'],
    ['Fri, 31 Dec 9999 23:59:59 GMT', '2025-07-30T07:00:00.000Z'],
    ['3600', '2025-07-23T08:00:00.000Z'],
    ['8e12', undefined],
    ['soon', undefined],
  ])('a 503 with Retry-After %s neither throws nor parks the source past a week', async (value, until) => {
    const net = stubNetwork({ [GOOD]: { body: 'busy', status: 503, headers: { 'retry-after': value } } })
    const r = await collect([page('busy', GOOD)], net.fetch)
    expect(r.failed).toEqual([{ url: GOOD, error: expect.stringMatching(/^HTTP 503/) }])
    expect(r.fetchMemory[GOOD]?.nextAttemptAt).toBe(until)
  })
})

describe('collectClaims: one guarded fetch for sources, redirect hops and feed items', () => {
  it.each([
    ['http://127.0.0.1/admin', /Loopback/],
    ['http://[::ffff:127.0.0.1]/', /Loopback/],
    ['http://[::ffff:7f00:1]/x', /Loopback/],
    ['http://169.254.169.254/latest/meta-data/', /link-local/],
    ['http://[64:ff9b:1::a00:1]/', /private/],
  ])('refuses a redirect to %s without requesting it', async (target, why) => {
    const START = 'https://public.example/r'
    const net = stubNetwork({ [START]: { body: '', status: 302, headers: { location: target } }, [target]: { body: article('secret') } })
    const r = await collect([page('p', START)], net.fetch)
    expect(net.calls).toEqual([START])
    expect(r.failed).toEqual([{ url: START, error: expect.stringMatching(why) }])
    expect(r.failed[0]!.error).toMatch(/^refused http/)
    expect(r.claims).toEqual([])
    // A refusal is not transient: no Retry-After, recorded like any failure.
    expect(r.fetchMemory[START]).toMatchObject({ failures: 1, lastError: expect.stringMatching(/^refused /) })
  })

  it('never fetches a feed item that links to loopback, so its text is never published', async () => {
    const LOOP = 'http://127.0.0.1:8787/internal-news'
    const net = stubNetwork({
      [FEED]: { body: rss([LOOP, 'http://[::ffff:127.0.0.1]/x', GOOD]), type: 'application/rss+xml' },
      [LOOP]: { body: article('Netflix confirmed that All of Us Are Dead Season 2 has wrapped filming.') },
      [GOOD]: { body: article('Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.') },
    })
    const r = await collect([{ id: 'feed', url: FEED, kind: 'feed', enabled: true }], net.fetch)
    expect(net.calls).toEqual([FEED, GOOD])
    expect(r.claims.map((c) => c.source)).not.toContain(LOOP)
    expect(r.failed.map((f) => f.error)).toEqual([expect.stringMatching(/^refused .*Loopback/), expect.stringMatching(/^refused .*Loopback/)])
  })

  it('refuses a source URL itself when it is private', async () => {
    const net = stubNetwork({})
    const r = await collect([page('p', 'http://10.0.0.5/news')], net.fetch)
    expect(net.calls).toEqual([])
    expect(r.failed[0]?.error).toMatch(/private address/)
  })

  it('in demo mode lets only the demo documents (served in-process) through, not other loopback URLs', async () => {
    const rules = fetchRulesFor({ DEMO_MODE: 'true', PUBLIC_URL: 'http://localhost:8787' } as unknown as Env)
    const demo = 'http://localhost:8787/demo/everything-we-know'
    const net = stubNetwork({ [demo]: { body: article('Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.') } })
    const r = await collect(
      [page('demo', demo), page('admin', 'http://localhost:8787/admin'), page('escape', 'http://localhost:8787/demo/../admin'), page('port', 'http://localhost:9999/demo/x')],
      net.fetch,
      { urlRules: rules },
    )
    expect(net.calls).toEqual([demo])
    expect(r.failed).toHaveLength(3)
    expect(r.failed.every((f) => /^refused .*Loopback/.test(f.error))).toBe(true)
    expect(fetchRulesFor({ DEMO_MODE: 'false', PUBLIC_URL: 'http://localhost:8787' } as unknown as Env)).toEqual({})
  })

  it('lets replay-style hosts (feeds.example) through', async () => {
    const net = stubNetwork({ [FEED]: { body: rss([]), type: 'application/rss+xml' } })
    const r = await collect([{ id: 'feed', url: FEED, kind: 'feed', enabled: true }], net.fetch)
    expect(r.failed).toEqual([])
    expect(net.calls).toEqual([FEED])
  })
})

describe('runCron with a hostile source (real KV)', () => {
  const SLUG = 'hostile-test'
  beforeEach(async () => {
    const { keys } = await env.STATE.list({ prefix: `subject:${SLUG}:` })
    for (const k of keys) await env.STATE.delete(k.name)
  })

  it('does not rewrite state when the stored facts differ only in key order', async () => {
    const net = stubNetwork({ [GOOD]: { body: article('Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.'), headers: { etag: '"v1"' } } })
    const run = (at: string) => runCron({ fetch: net.fetch, now: () => new Date(at), kv: workersKv(env.STATE), subject, slug: SLUG, sources: [page('good', GOOD)], notifier: recordingNotifier() })
    await run('2025-07-23T07:00:00Z')
    // Rewrite the stored state with every object's keys reversed (same data).
    const reverse = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reverse) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reverse(x)])) : v
    const stored = JSON.parse((await env.STATE.get(kvKeys.state(SLUG)))!) as PipelineState
    await env.STATE.put(kvKeys.state(SLUG), JSON.stringify({ ...stored, facts: reverse(stored.facts) }))
    expect(JSON.stringify(reverse(stored.facts))).not.toBe(JSON.stringify(stored.facts))
    const again = await run('2025-07-24T07:00:00Z')
    expect(again.wrote).toBe(false)
  })

  it('runs to the end, keeps the good source\'s facts and records the failure in state', async () => {
    const HOSTILE = 'https://hostile.example/page'
    const net = stubNetwork({
      [GOOD]: { body: article('Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.') },
      [HOSTILE]: asAnswer(hostile[1]!),
    })
    const report = await runCron({
      fetch: net.fetch,
      now: () => now,
      kv: workersKv(env.STATE),
      slug: SLUG,
      subject,
      sources: [page('hostile', HOSTILE), page('good', GOOD)],
      notifier: recordingNotifier(),
    })
    expect(report.facts.stage?.value).toBe('filming')
    expect(report.failed).toEqual([{ url: HOSTILE, error: expect.stringMatching(/too deeply nested/) }])
    const state = JSON.parse((await env.STATE.get(kvKeys.state(SLUG))) ?? '{}') as PipelineState
    expect(state.fetch[HOSTILE]).toMatchObject({ failures: 1, lastError: expect.stringMatching(/too deeply nested/) })
  })
})
