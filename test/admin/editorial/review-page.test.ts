import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { HeldChange } from '../../../src/core/editorial'
import { insertHeldEdition } from '../../../src/store/editorial-store'
import { auditMark, loginPage, makeAdmin, ORIGIN, postForm, TOKEN } from '../helpers'
import { auditOf, deliverEmails, freshWorld, makeEnv, makeWeb, newsArrives, outbox, pipelineState, publicView, run, SLUG, subscribe, type Web } from './world'

const HOSTILE = '<img src=x onerror=alert(1)><script>alert(2)</script>'

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
})

async function page(app: ReturnType<typeof makeAdmin>, e: Env, cookie: string, path = '/admin/review') {
  const res = await app.request(path, { headers: { Cookie: cookie } }, e)
  return { status: res.status, html: await res.text() }
}

describe('the review page', () => {
  it('shows a held edition with its evidence escaped, and lets the maintainer drop a change and send the rest', async () => {
    const { e, emails } = makeEnv({ PUBLIC_URL: ORIGIN })
    const app = makeAdmin({ now: () => new Date('2025-07-16T00:00:00Z') })
    const session = await loginPage(app, e)
    expect((await postForm(app, '/admin/review/mode', session, { mode: 'hold', holdHours: '' }, e)).status).toBe(303)

    await newsArrives(e, web)
    emails.jobs.length = 0
    await subscribe('fan@example.com', '2025-01-01T00:00:00.000Z')

    const shown = await page(app, e, session.cookie)
    expect(shown.status).toBe(200)
    expect(shown.html).toContain('Held editions (1)')
    expect(shown.html).toContain('Lomon returns as Lee Su-hyeok')
    expect(shown.html).toContain('https://news-one.test/aouad-s2')
    const held = /id="held-([0-9a-f]+)"/.exec(shown.html)![1]!
    const lomonId = /name="changeId" value="([^"]*Lomon[^"]*)"/.exec(shown.html)![1]!.replaceAll('&quot;', '"')

    const dropped = await postForm(app, `/admin/review/held/${held}/drop-change`, session, { changeId: lomonId, reason: 'Not confirmed.' }, e)
    expect(dropped.headers.get('location')).toBe('/admin/review?done=dropped-change')
    const sent = await postForm(app, `/admin/review/held/${held}/send`, session, {}, e)
    expect(sent.headers.get('location')).toBe('/admin/review?done=sent')
    expect((await page(app, e, session.cookie, '/admin/review?done=sent')).html).toContain('Edition sent')
    await deliverEmails(e, emails)
    const [update] = (await outbox()).filter((m) => m.kind === 'update')
    expect(update!.subject).toBe('Filming has begun on All of Us Are Dead Season 2; Park Ji-hu returns')

    // Retract from the page: a reason is required.
    const noReason = await postForm(app, '/admin/review/retract', session, { field: 'cast', actor: 'Park Ji-hu', reason: '' }, e)
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Say briefly why the fact is wrong.')
    const retracted = await postForm(app, '/admin/review/retract', session, { field: 'cast', actor: 'Park Ji-hu', reason: 'A different actor.' }, e)
    expect(retracted.headers.get('location')).toBe('/admin/review?done=retracted')
    expect((await pipelineState()).facts.cast).toEqual([])
    expect((await publicView()).history[0]!.correction?.reason).toBe('A different actor.')
  })

  it('escapes scraped text everywhere it shows it', async () => {
    const { e } = makeEnv()
    const app = makeAdmin({ now: () => new Date('2025-07-16T00:00:00Z') })
    const session = await loginPage(app, e)
    await run(e, web, '2025-01-11T07:00:00.000Z')
    const change: HeldChange = {
      id: `cast:${HOSTILE}`,
      change: { field: 'cast', material: true, from: null, to: { actor: HOSTILE, role: HOSTILE, status: 'new' }, certainty: 'reported', sources: [`javascript:${HOSTILE}`], evidence: HOSTILE },
      slot: { field: 'cast', actor: HOSTILE },
      before: null,
      after: { actor: HOSTILE, role: HOSTILE, status: 'new', certainty: 'reported', asOf: '2025-07-14', sources: [{ source: `javascript:alert(3)`, evidence: HOSTILE, published: HOSTILE, certainty: 'reported' }] },
    }
    await insertHeldEdition(env.DB, { id: 'hostile0', slug: SLUG, at: '2025-07-15T07:00:00.000Z', holdUntil: null, changes: [change] }, new Date())
    const { html } = await page(app, e, session.cookie)
    expect(html).toContain('Held editions (1)')
    expect(html).not.toContain('<script>alert(2)')
    expect(html).not.toContain('<img src=x')
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;')
  })

  it('run now: queues the subject on the runs Queue and audits it; a form without its CSRF token is refused', async () => {
    const { e, runs } = makeEnv()
    const app = makeAdmin({ now: () => new Date('2025-07-16T00:00:00Z') })
    const session = await loginPage(app, e)
    const mark = await auditMark()
    const res = await postForm(app, '/admin/run', session, {}, e)
    expect(res.headers.get('location')).toBe('/admin/review?done=queued')
    expect(runs.jobs).toEqual([{ kind: 'run', slug: SLUG, at: '2025-07-16T00:00:00.000Z' }])
    expect(await auditOf(mark, 'run')).toEqual([{ action: 'run', actor: expect.stringMatching(/^token:/), via: 'page', targetKind: 'run', target: SLUG, reason: null }])

    const forged = await postForm(app, '/admin/run', { cookie: session.cookie, csrf: 'f'.repeat(64) }, {}, e)
    expect(forged.status).toBe(403)
    const crossSite = await postForm(app, '/admin/run', session, {}, e, { Origin: 'https://evil.example' })
    expect(crossSite.status).toBe(403)
    expect(runs.jobs).toHaveLength(1)
  })

  it('run all now is the first admin call of a new install: it seeds the first subject and runs it', async () => {
    // A new install: no subject in D1 yet (the first one is seeded on first use).
    await env.DB.batch(['sources', 'subscriptions', 'subjects', 'layout_migrations'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
    const { e, runs } = makeEnv()
    const app = makeAdmin()
    const all = await app.request('/api/editorial/run', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } }, e)
    expect(all.status).toBe(202)
    expect(await all.json()).toEqual({ queued: [SLUG] })
    expect(runs.jobs).toHaveLength(1)
  })

  it('run now over the API answers 202 at once; without the token it is 401', async () => {
    const { e, runs } = makeEnv()
    const app = makeAdmin()
    const ok = await app.request(`/api/subjects/${SLUG}/run`, { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } }, e)
    expect(ok.status).toBe(202)
    expect(await ok.json()).toEqual({ queued: [SLUG] })
    const all = await app.request('/api/editorial/run', { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } }, e)
    expect(await all.json()).toEqual({ queued: [SLUG] })
    const anon = await app.request(`/api/subjects/${SLUG}/run`, { method: 'POST' }, e)
    expect(anon.status).toBe(401)
    expect(runs.jobs).toHaveLength(2)
    // The subjects API still answers its own paths under /api/subjects/…
    const audit = await app.request('/api/subjects/audit', { headers: { Authorization: `Bearer ${TOKEN}` } }, e)
    expect(audit.status).toBe(200)
  })
})
