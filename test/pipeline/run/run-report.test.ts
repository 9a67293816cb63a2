import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Source, Subject } from '../../../src/core/types'
import { recordingNotifier } from '../../../src/mail/delivery/notifier'
import type { Finding } from '../../../src/pipeline/facts/explain-findings'
import { d1Lock } from '../../../src/pipeline/run/lock'
import { runCron, type RunDeps } from '../../../src/pipeline/run/run-cron'
import { fitBytes, MAX_REPORT_BYTES, MAX_REPORT_DOCUMENTS, MAX_REPORT_FINDINGS, REPORTS_KEPT, summarizeRun, type RunSummary } from '../../../src/pipeline/run/run-report'
import { d1RunReports, listRunReports } from '../../../src/pipeline/run/run-report-store'
import type { DocumentRead } from '../../../src/pipeline/run/collect-claims'
import { countKv, workersKv } from '../../../src/store/kv'
import { kvKeys } from '../../../src/store/kv-keys'
import { deleteSubject, insertSubject } from '../../../src/store/subject-store'
import subjectJson from '../../../data/subject.json'

const subject = subjectJson as Subject
const SLUG = 'report-s2'
const FEED = 'https://feeds.test/news.rss'
const PAGE = 'https://wiki.test/season-2'
const DOWN = 'https://down.test/news'
const sources: Source[] = [
  { id: 'feed', url: FEED, kind: 'feed', enabled: true },
  { id: 'page', url: PAGE, kind: 'page', enabled: true },
  { id: 'down', url: DOWN, kind: 'page', enabled: true },
]

function article(date: string, text: string): string {
  return `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="${date}T09:00:00Z"></head>
<body><article><h1>All of Us Are Dead Season 2</h1><p>${text}</p></article></body></html>`
}

const rss = (items: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>${items.map((u) => `<item><title>t</title><link>${u}</link><guid>${u}</guid></item>`).join('')}</channel></rss>`

/** A small web: the page answers 304 to its ETag, the down source 503 with Retry-After, unknown URLs 404. */
function web(pages: Record<string, string>, feedItems: string[]): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init)
    if (req.url === FEED) return new Response(rss(feedItems), { headers: { 'content-type': 'application/rss+xml' } })
    if (req.url === DOWN) return new Response('busy', { status: 503, headers: { 'retry-after': '3600', 'content-type': 'text/html' } })
    if (req.url === PAGE && req.headers.get('if-none-match') === '"p1"') return new Response(null, { status: 304, headers: { etag: '"p1"' } })
    const body = pages[req.url]
    if (!body) return new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } })
    return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...(req.url === PAGE ? { etag: '"p1"' } : {}) } })
  }) as typeof fetch
}

function deps(fetchFn: typeof fetch, at: string): { d: RunDeps; counts: { reads: number; writes: number } } {
  const { kv, counts } = countKv(workersKv(env.STATE))
  return { d: { fetch: fetchFn, now: () => new Date(at), kv, slug: SLUG, subject, sources, notifier: recordingNotifier(), lock: d1Lock(env.DB), reports: d1RunReports(env.DB) }, counts }
}

const newest = async () => (await listRunReports(env.DB, SLUG, 1))[0]!.summary

beforeEach(async () => {
  for (const key of [kvKeys.state(SLUG), kvKeys.publicView(SLUG)]) await env.STATE.delete(key)
  await env.DB.batch([env.DB.prepare('DELETE FROM run_lock'), env.DB.prepare('DELETE FROM subjects WHERE slug = ?1').bind(SLUG)])
  await insertSubject(env.DB, { ...subject, slug: SLUG, status: 'active' }, { now: new Date('2022-01-01T00:00:00Z'), sources })
})

describe('a run report, kept by the run', () => {
  it('counts documents new, unchanged, failed and skipped, and the claims they gave', async () => {
    const pages = {
      [PAGE]: article('2022-06-06', 'Netflix announced a second season of All of Us Are Dead on June 6, 2022.'),
      'https://news.test/rumour': article('2022-06-07', 'Filming of All of Us Are Dead Season 2 could start in secret, fans believe.'),
    }
    const first = await runCron(deps(web(pages, ['https://news.test/rumour', 'https://news.test/missing']), '2022-06-08T07:00:00Z').d)
    const s = await newest()
    expect(s).toEqual(first.summary)
    expect(s.baseline).toBe(true)
    // The feed, its two articles (one a 404), the page, and the down source.
    expect(s.documents).toEqual({ new: 3, unchanged: 0, failed: 2, skipped: 0 })
    expect(s.read.slice(0, 2).map((d) => d.outcome)).toEqual(['failed', 'failed']) // failures listed first
    expect(s.read.find((d) => d.url === DOWN)?.error).toMatch(/503/)
    expect(s.read.find((d) => d.url === PAGE)).toMatchObject({ kind: 'page', outcome: 'new' })
    expect(s.claims.found).toBeGreaterThan(0)
    expect(s.claims.new).toBe(s.claims.found)

    // A quiet run: the page answers 304, the down source waits out its Retry-After, no KV write.
    const quiet = deps(web(pages, ['https://news.test/rumour']), '2022-06-08T07:30:00Z')
    await runCron(quiet.d)
    expect(quiet.counts.writes).toBe(0)
    const q = await newest()
    expect(q.at).toBe('2022-06-08T07:30:00.000Z')
    expect(q.documents).toEqual({ new: 1, unchanged: 1, failed: 0, skipped: 1 })
    expect(q.claims).toEqual({ found: 0, new: 0 })
    expect(q.findings).toEqual([])
  })

  it('says why each finding went out or not, in the run that decided it', async () => {
    const pages: Record<string, string> = { [PAGE]: article('2022-06-06', 'Netflix announced a second season of All of Us Are Dead on June 6, 2022.') }
    await runCron(deps(web(pages, []), '2022-06-08T07:00:00Z').d)
    pages['https://news.test/filming'] = article('2025-07-14', 'Netflix confirmed that filming of All of Us Are Dead Season 2 has begun.')
    pages['https://news.test/rumour'] = article('2025-07-14', 'Lee Jae-in could join All of Us Are Dead Season 2, according to rumours.')
    const r = await runCron(deps(web(pages, ['https://news.test/filming', 'https://news.test/rumour']), '2025-07-15T07:00:00Z').d)
    const s = await newest()
    expect(s.sent).toBe(r.changes.filter((c) => c.material).length)
    const stage = s.findings.find((f) => f.field === 'stage')!
    expect(stage).toMatchObject({ value: 'filming', reason: 'sent', by: ['Netflix'], sources: ['https://news.test/filming'] })
    expect(s.findings[0]!.reason).toBe('sent')
  })

  it('a report that cannot be kept is logged and the run still succeeds', async () => {
    const logs: Record<string, unknown>[] = []
    const { d } = deps(web({ [PAGE]: article('2022-06-06', 'Netflix renewed All of Us Are Dead for a second season.') }, []), '2022-06-08T07:00:00Z')
    const r = await runCron({ ...d, reports: { save: async () => Promise.reject(new Error('D1 is down')) }, log: (e) => logs.push(e) })
    expect(r.wrote).toBe(true)
    expect(logs).toContainEqual(expect.objectContaining({ event: 'run-report', level: 'error', error: 'Error: D1 is down' }))
  })
})

describe('the report store (D1)', () => {
  const summary = (at: string): RunSummary => ({
    at,
    baseline: false,
    documents: { new: 0, unchanged: 1, failed: 0, skipped: 0 },
    read: [],
    claims: { found: 0, new: 0 },
    sent: 0,
    findings: [],
    omitted: { documents: 0, findings: 0 },
  })

  it(`keeps the newest ${REPORTS_KEPT} per subject, newest first, each subject its own`, async () => {
    await insertSubject(env.DB, { ...subject, slug: 'other-s1', status: 'active' }, { now: new Date() }).catch(() => {})
    const store = d1RunReports(env.DB)
    for (let i = 0; i < REPORTS_KEPT + 5; i++) await store.save(SLUG, summary(`2025-01-${String(i + 1).padStart(2, '0')}T07:00:00.000Z`))
    await store.save('other-s1', summary('2025-02-01T07:00:00.000Z'))
    const kept = await listRunReports(env.DB, SLUG, 100)
    expect(kept).toHaveLength(REPORTS_KEPT)
    expect(kept[0]!.summary.at).toBe('2025-01-15T07:00:00.000Z')
    expect(kept.at(-1)!.summary.at).toBe('2025-01-06T07:00:00.000Z')
    expect(await listRunReports(env.DB, 'other-s1')).toHaveLength(1)
  })

  it('goes with its subject', async () => {
    await d1RunReports(env.DB).save(SLUG, summary('2025-01-01T07:00:00.000Z'))
    const row = await env.DB.prepare('SELECT version FROM subjects WHERE slug = ?1').bind(SLUG).first<{ version: number }>()
    await insertSubject(env.DB, { ...subject, slug: 'keeper-s1', status: 'active' }, { now: new Date() }).catch(() => {})
    const removed = await deleteSubject(env.DB, SLUG, row!.version, {
      audit: { at: new Date().toISOString(), actor: 'test', via: 'api', action: 'delete', subject: SLUG, targetKind: 'subject', target: SLUG, before: null, after: null },
    })
    expect(removed.ok).toBe(true)
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM run_reports WHERE subject_slug = ?1').bind(SLUG).first('n')).toBe(0)
  })

  it('refuses a body over the byte bound', async () => {
    const huge = { ...summary('2025-01-01T07:00:00.000Z'), read: [{ url: `https://x.test/${'a'.repeat(MAX_REPORT_BYTES)}`, kind: 'page', outcome: 'new', claims: 0 }] as DocumentRead[] }
    await expect(d1RunReports(env.DB).save(SLUG, huge)).rejects.toThrow()
  })
})

describe('summarizeRun: bounded in entries and bytes', () => {
  const doc = (i: number, outcome: DocumentRead['outcome']): DocumentRead => ({ url: `https://site${i}.test/${'p'.repeat(200)}`, kind: 'article', outcome, claims: 1 })
  const finding = (i: number, reason: Finding['reason']): Finding => ({
    field: 'cast',
    value: { actor: `Actor ${i}`, role: null, status: 'new' },
    reason,
    by: [],
    certainty: 'reported',
    claims: 1,
    sources: [`https://site${i}.test/a`],
    evidence: `Actor ${i} joins the season. ${'Long sentence. '.repeat(60)}`,
  })

  it('lists at most the bounded number of documents and findings, counting the rest, failures and sent ones first', () => {
    const documents = [...Array.from({ length: 150 }, (_, i) => doc(i, 'new')), doc(999, 'failed')]
    const findings = [finding(0, 'sent'), ...Array.from({ length: 80 }, (_, i) => finding(i + 1, 'one-site'))]
    const s = summarizeRun({ at: '2025-01-01T07:00:00.000Z', baseline: false, collected: { documents, claims: [] }, newClaims: 0, findings })
    expect(s.documents).toEqual({ new: 150, unchanged: 0, failed: 1, skipped: 0 })
    expect(s.read[0]!.outcome).toBe('failed')
    expect(s.read.length + s.omitted.documents).toBe(151)
    expect(s.findings.length + s.omitted.findings).toBe(81)
    expect(s.read.length).toBeLessThanOrEqual(MAX_REPORT_DOCUMENTS)
    expect(s.findings.length).toBeLessThanOrEqual(MAX_REPORT_FINDINGS)
    expect(s.findings[0]!.reason).toBe('sent')
    expect(s.findings[0]!.evidence!.length).toBeLessThanOrEqual(240)
    expect(new TextEncoder().encode(JSON.stringify(s)).length).toBeLessThanOrEqual(MAX_REPORT_BYTES)
  })

  it('drops listed documents before findings to fit the byte bound, and keeps the counts', () => {
    const s = summarizeRun({
      at: '2025-01-01T07:00:00.000Z',
      baseline: false,
      collected: { documents: Array.from({ length: 10 }, (_, i) => doc(i, 'new')), claims: [] },
      newClaims: 0,
      findings: Array.from({ length: 10 }, (_, i) => finding(i, i === 0 ? 'sent' : 'speculation')),
    })
    // Documents go down to five before any finding goes.
    const some = fitBytes(s, new TextEncoder().encode(JSON.stringify(s)).length - 1000)
    expect(some.read.length).toBeLessThan(10)
    expect(some.read.length).toBeGreaterThanOrEqual(5)
    expect(some.findings).toHaveLength(10)
    // A tight bound empties the lists but keeps the counts and the sent finding.
    const fitted = fitBytes(s, 3000)
    expect(new TextEncoder().encode(JSON.stringify(fitted)).length).toBeLessThanOrEqual(3000)
    expect(fitted.read).toEqual([])
    expect(fitted.documents).toEqual(s.documents)
    expect(fitted.findings[0]!.reason).toBe('sent')
    expect(fitted.omitted.documents).toBe(10)
    expect(fitted.findings.length + fitted.omitted.findings).toBe(10)
  })
})
