import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { LAST_DEMO_STEP } from '../../src/site/demo/demo-articles'
import { listSecondShowSources, secondShowPaths } from '../../src/site/demo/demo-documents'
import { DEMO_NEWS_ORIGIN } from '../../src/site/demo/demo-origin'
import { DEMO_SECOND_SUBJECT, SECOND_SHOW_STEPS } from '../../src/site/demo/demo-second-show'
import { insertSubject } from '../../src/store/subject-store'
import { fakeQueue, seedActive } from '../mail/subscribers/helpers'

const BASE = 'http://localhost:8802'
const SLUG = DEMO_SECOND_SUBJECT.slug
const app = createApp()
const demoEnv = () => ({ ...env, DEMO_MODE: 'true', PUBLIC_URL: BASE, EMAIL_QUEUE: fakeQueue() }) as unknown as Env

beforeEach(async () => {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  const tables = ['edition_variants', 'edition_batches', 'editions', 'subscriptions', 'subscribers', 'sources', 'subjects', 'layout_migrations', 'run_lock']
  await env.DB.batch(tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
})

describe('the demo’s second show', () => {
  it('is served under the demo news origin: a feed, articles as their steps come, an overview', async () => {
    const e = demoEnv()
    const call = (path: string) => app.fetch(new Request(BASE + path), e)
    const feed = await (await call(secondShowPaths.feed())).text()
    expect(feed).toContain('<title>Demo TV News: The Glass Orchard</title>')
    expect(feed).toContain(`${BASE}/demo/glass-orchard/articles/glass-orchard-season-2-renewed`)
    expect(feed).not.toContain('filming-begins')
    expect((await call('/demo/glass-orchard/articles/glass-orchard-season-2-filming-begins')).status).toBe(404)
    expect(await (await call(secondShowPaths.overview())).text()).toContain('The Glass Orchard Season 2: everything we know')
    expect(listSecondShowSources().map((s) => s.url)).toEqual([`${DEMO_NEWS_ORIGIN}${secondShowPaths.feed()}`, `${DEMO_NEWS_ORIGIN}${secondShowPaths.overview()}`])
  })

  it('can be followed from /demo in one press, as a subject with its two sources (once)', async () => {
    const e = demoEnv()
    const call = (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), e)
    expect(await (await call('/demo')).text()).toContain('action="/demo/follow-second-show"')
    const first = await call('/demo/follow-second-show', { method: 'POST', headers: { Accept: 'text/html' } })
    expect(first.status).toBe(303)
    expect(await (await call('/demo/follow-second-show', { method: 'POST' })).json()).toEqual({ slug: SLUG, added: false })
    const sources = await env.DB.prepare('SELECT id, url FROM sources WHERE subject_slug = ?1 ORDER BY position').bind(SLUG).all<{ id: string; url: string }>()
    expect(sources.results).toEqual(listSecondShowSources().map(({ id, url }) => ({ id, url })))
    // The first subject was seeded first, so the second show does not take its place.
    expect((await env.DB.prepare('SELECT slug FROM subjects ORDER BY seq').all<{ slug: string }>()).results.map((r) => r.slug)).toEqual(['all-of-us-are-dead-s2', SLUG])
    const page = await (await call('/demo')).text()
    expect(page).toContain(`It is followed: see <a href="/s/${SLUG}/">its page</a>`)
    expect(page).not.toContain(DEMO_NEWS_ORIGIN)
  })

  it('followed as a second subject, does at every step what its table says, for both kinds of subscriber', async () => {
    const e = demoEnv()
    const call = (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), e)
    const run = async () => ((await (await call('/demo/run', { method: 'POST' })).json()) as { subjects: { slug: string; material: number }[]; failed: unknown[] })
    // The first run seeds the first subject; then a maintainer adds the second show.
    await run()
    await insertSubject(env.DB, DEMO_SECOND_SUBJECT, { now: new Date(), sources: listSecondShowSources() })
    await seedActive(1, { prefix: 'everything', seasons: { [SLUG]: 'all' }, confirmedAt: '2020-01-01T00:00:00.000Z' })
    await seedActive(1, { prefix: 'release', seasons: { [SLUG]: 'release' }, confirmedAt: '2020-01-01T00:00:00.000Z' })

    const seen: { step: number; material: number; choices: string[] }[] = []
    for (let step = 0; step <= LAST_DEMO_STEP; step++) {
      if (step > 0) await call('/demo/advance', { method: 'POST' })
      const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM editions WHERE subject_slug = ?1').bind(SLUG).first<{ n: number }>()
      const r = await run()
      expect(r.failed, `step ${step}`).toEqual([])
      const material = r.subjects.find((s) => s.slug === SLUG)!.material
      const { results } = await env.DB.prepare(
        `SELECT b.choice FROM edition_batches b JOIN editions e ON e.id = b.edition_id WHERE e.subject_slug = ?1 ORDER BY e.created_at DESC, b.batch_index LIMIT ?2`,
      )
        .bind(SLUG, material > 0 ? 2 : 0)
        .all<{ choice: string }>()
      const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM editions WHERE subject_slug = ?1').bind(SLUG).first<{ n: number }>()
      seen.push({ step, material, choices: after!.n > before!.n ? [...new Set(results.map((x) => x.choice))] : [] })
    }
    expect(seen.map((s) => s.material > 0)).toEqual(SECOND_SHOW_STEPS.map((s) => s.sends))
    // Release-only subscribers are in an edition exactly where the table says.
    expect(seen.map((s) => s.choices.includes('release'))).toEqual(SECOND_SHOW_STEPS.map((s) => s.releaseOnly))
    expect(seen.filter((s) => s.material > 0).every((s) => s.choices.includes('all'))).toBe(true)

    const facts = ((await (await call(`/s/${SLUG}/api/facts`)).json()) as { facts: { stage: { value: string }; release: { status: string; date: string }; trailer: { kind: string } } }).facts
    expect(facts.stage.value).toBe('post-production')
    expect(facts.release).toMatchObject({ status: 'confirmed', date: '2026-11-20' })
    expect(facts.trailer.kind).toBe('trailer')
    // Its step 5 email: both changes for "everything", the trailer alone for "release".
    const step5 = await env.DB.prepare(
      `SELECT e.subject AS everything, v.subject AS release, v.text AS releaseText FROM editions e JOIN edition_variants v ON v.edition_id = e.id
       WHERE e.subject_slug = ?1 ORDER BY e.created_at LIMIT 1`,
    )
      .bind(SLUG)
      .first<{ everything: string; release: string; releaseText: string }>()
    expect(step5!.everything).toBe('Filming has wrapped on The Glass Orchard Season 2; the first trailer is out')
    expect(step5!.release).toBe('The first trailer for The Glass Orchard Season 2 is out')
    expect(step5!.releaseText).not.toContain('Filming has wrapped')
    // And its calendar file, now that the date is confirmed.
    expect((await call(`/s/${SLUG}/release.ics`)).status).toBe(200)
  })
})
