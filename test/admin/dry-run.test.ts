import { describe, expect, it } from 'vitest'
import { dryRunSource, guardFetch } from '../../src/admin/dry-run'
import { DEMO_ARTICLES } from '../../src/site/demo/demo-articles'
import { renderDemoArticle, renderDemoFeed } from '../../src/site/demo/demo-documents'
import { emptyFacts } from '../../src/pipeline/facts/merge-facts'
import { defaultSubject } from '../../src/worker/config'
import { fakeNetwork } from './helpers'

const now = () => new Date('2025-07-15T07:00:00Z')
const SITE = 'https://news.example'
const filmingArticle = DEMO_ARTICLES.find((a) => a.slug === 'season-2-filming-begins')!

/** Facts as they stood before filming: renewed, nothing else. */
const renewedState = {
  facts: {
    ...emptyFacts(),
    stage: { value: 'renewed' as const, certainty: 'confirmed' as const, asOf: '2022-06-12', sources: [] },
  },
  claims: [],
  reported: [],
}

describe('dryRunSource', () => {
  it('reads a page and reports its published date, claims and the material change', async () => {
    const net = fakeNetwork({ [`${SITE}/filming`]: { body: await renderDemoArticle(filmingArticle) } })
    const r = await dryRunSource({ url: `${SITE}/filming`, kind: 'page' }, { fetch: net.fetch, now, subject: defaultSubject, state: renewedState })
    expect(r.error).toBeNull()
    expect(r.documents).toHaveLength(1)
    expect(r.documents[0]!.published).toBe('2025-07-14')
    expect(r.documents[0]!.lang).toBe('en')
    const stage = r.documents[0]!.claims.find((c) => c.field === 'stage')
    expect(stage).toMatchObject({ value: 'filming', certainty: 'confirmed' })
    expect(stage!.evidence).toMatch(/filming has begun/)
    expect(r.changes.filter((c) => c.material).map((c) => [c.field, c.to])).toContainEqual(['stage', 'filming'])
    expect(r.baseline).toBe(false)
  })

  it('marks nothing material on a fresh install (baseline) and calls it so', async () => {
    const net = fakeNetwork({ [`${SITE}/filming`]: { body: await renderDemoArticle(filmingArticle) } })
    const r = await dryRunSource({ url: `${SITE}/filming`, kind: 'page' }, { fetch: net.fetch, now, subject: defaultSubject, state: null })
    expect(r.baseline).toBe(true)
    expect(r.changes.some((c) => c.material)).toBe(false)
  })

  it('reads a feed and then its items as articles', async () => {
    const feed = await renderDemoFeed(1, SITE)
    const pages: Record<string, { body: string; type?: string }> = { [`${SITE}/demo/feed.xml`]: { body: feed, type: 'application/rss+xml' } }
    for (const a of DEMO_ARTICLES.filter((x) => x.step <= 1)) pages[`${SITE}/demo/articles/${a.slug}`] = { body: await renderDemoArticle(a) }
    const net = fakeNetwork(pages)
    const r = await dryRunSource({ url: `${SITE}/demo/feed.xml`, kind: 'feed', id: 'demo-feed' }, { fetch: net.fetch, now, subject: defaultSubject, state: renewedState })
    expect(r.error).toBeNull()
    expect(r.documents.map((d) => d.url).sort()).toEqual(Object.keys(pages).filter((u) => u.includes('/articles/')).sort())
    expect(net.calls[0]).toBe(`${SITE}/demo/feed.xml`)
  })

  it('reports a source that cannot be read, and an article that fails', async () => {
    const down = await dryRunSource({ url: `${SITE}/gone`, kind: 'page' }, { fetch: fakeNetwork({}).fetch, now, subject: defaultSubject, state: null })
    expect(down.error).toMatch(/404/)
    expect(down.documents).toEqual([])

    const feed = await renderDemoFeed(0, SITE)
    const net = fakeNetwork({ [`${SITE}/feed`]: { body: feed, type: 'application/rss+xml' } })
    const r = await dryRunSource({ url: `${SITE}/feed`, kind: 'feed' }, { fetch: net.fetch, now, subject: defaultSubject, state: null })
    expect(r.error).toBeNull()
    expect(r.documents[0]).toMatchObject({ error: expect.stringMatching(/404/), claims: [] })
  })

  it('refuses to follow a redirect to a private address', async () => {
    const net = fakeNetwork({ [`${SITE}/r`]: { body: '', status: 302, headers: { location: 'http://169.254.169.254/latest/meta-data/' } } })
    const r = await dryRunSource({ url: `${SITE}/r`, kind: 'page' }, { fetch: net.fetch, now, subject: defaultSubject, state: null })
    expect(r.error).toMatch(/refused/)
    expect(net.calls).toEqual([`${SITE}/r`])
  })
})

describe('guardFetch', () => {
  it('passes safe URLs through and refuses unsafe ones before any request', async () => {
    const net = fakeNetwork({ 'https://ok.example/': { body: 'hi' } })
    const guarded = guardFetch(net.fetch, {})
    expect((await guarded('https://ok.example/')).status).toBe(200)
    await expect(guarded('http://127.0.0.1/')).rejects.toThrow(/refused/)
    await expect(guarded(new URL('http://[::1]/'))).rejects.toThrow(/refused/)
    expect(net.calls).toEqual(['https://ok.example/'])
    expect((await guardFetch(net.fetch, { allowLoopback: true })('http://localhost:1/')).status).toBe(404)
  })
})
