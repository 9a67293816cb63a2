import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { kvKeys } from '../../src/store/kv-keys'
import { seedSubject } from '../../src/worker/config'
import { adminEnv, auditMark, loginPage, makeAdmin, postForm, resetStorage, savedSources, storageSnapshot, TOKEN } from './helpers'

const app = makeAdmin({ now: () => new Date('2026-03-01T10:00:00Z') })
const auth = { Authorization: `Bearer ${TOKEN}` }
const json = { ...auth, 'Content-Type': 'application/json' }
const call = (path: string, init: RequestInit = {}) => app.request(path, init, adminEnv())
const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  call(path, { method, headers: { ...json, ...headers }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })

const harbor = {
  slug: 'harbor-lights-s3',
  show: 'Harbor Lights',
  season: 3,
  aliases: ['Hangu-ui Bit', '항구의 빛'],
  officialSources: ['Netflix'],
  people: [{ name: 'Kim Da-on', aliases: ['Kim Daon'], roles: ['Captain Seo'], previousCast: true }],
}

let mark = 0
beforeEach(async () => {
  await resetStorage()
  mark = await auditMark()
})

describe('the subjects API', () => {
  it('lists the first subject, seeded from data/subject.json, and adds another', async () => {
    const list = (await (await call('/api/subjects', { headers: auth })).json()) as { subjects: any[] }
    expect(list.subjects.map((s) => s.slug)).toEqual([seedSubject.slug])
    expect(list.subjects[0]).not.toHaveProperty('legacy')

    const created = await send('POST', '/api/subjects', harbor)
    expect(created.status).toBe(201)
    expect(((await created.json()) as any).subject).toMatchObject({ ...harbor, status: 'active', version: 1, sourcesVersion: 0 })
    const again = (await (await call('/api/subjects', { headers: auth })).json()) as { subjects: any[] }
    expect(again.subjects.map((s) => s.slug)).toEqual([seedSubject.slug, harbor.slug])
    const one = await call(`/api/subjects/${harbor.slug}`, { headers: auth })
    expect(one.headers.get('ETag')).toBe('"1"')
  })

  it('lists subjects publicly (slug, show, season, status) without a token; a wrong token still gets 401', async () => {
    await send('POST', '/api/subjects', harbor)
    await send('POST', '/api/subjects', { ...harbor, slug: 'paused-s1', status: 'paused' })
    // The admin alone keeps its list behind the token; the whole Worker serves the public list first.
    expect((await call('/api/subjects')).status).toBe(401)
    const open = await createApp().request('/api/subjects', {}, adminEnv())
    expect(open.status).toBe(200)
    // The public list (src/site/routes/public.ts; test/site/seasons.test.ts covers the rest of its shape).
    const { subjects } = (await open.json()) as { subjects: { slug: string; show: string; season: number; status: string }[] }
    expect(subjects.map(({ slug, show, season, status }) => ({ slug, show, season, status }))).toEqual([
      { slug: seedSubject.slug, show: seedSubject.show, season: seedSubject.season, status: 'active' },
      { slug: harbor.slug, show: harbor.show, season: harbor.season, status: 'active' },
      { slug: 'paused-s1', show: harbor.show, season: harbor.season, status: 'paused' },
    ])
    expect(open.headers.get('Access-Control-Allow-Origin')).toBe('*')
    expect((await call('/api/subjects', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401)
    expect((await call(`/api/subjects/${harbor.slug}`)).status).toBe(401)
    expect((await call('/api/subjects', { method: 'POST', body: JSON.stringify(harbor) })).status).toBe(401)
  })

  it('answers every bad field with its own message (422) and stores nothing', async () => {
    await call('/api/subjects', { headers: auth })
    const before = await storageSnapshot()
    const res = await send('POST', '/api/subjects', {
      slug: 'Bad Slug!',
      show: '  ',
      season: 0,
      aliases: ['ok', 7],
      officialSources: 'Netflix',
      people: [{ name: '' }, { name: 'A', aliases: 'not a list', previousCast: 'yes' }, { name: 'B', aliases: [], age: 30 }],
      status: 'gone',
      extra: true,
    })
    expect(res.status).toBe(422)
    const { errors } = (await res.json()) as { errors: Record<string, string> }
    expect(Object.keys(errors).sort()).toEqual(
      ['aliases.1', 'extra', 'officialSources', 'people.0.name', 'people.1.aliases', 'people.1.previousCast', 'people.2.age', 'season', 'show', 'slug', 'status'].sort(),
    )
    expect(errors.season).toMatch(/1 to 99/)
    expect(errors.slug).toMatch(/lowercase/)
    expect(errors['people.2.age']).toBe('Unknown field.')
    for (const message of Object.values(errors)) expect(message.length).toBeGreaterThan(5)
    expect(await storageSnapshot()).toEqual(before)
  })

  it.each([
    [{ season: 100 }, 'season'],
    [{ season: 2.5 }, 'season'],
    [{ season: '3' }, 'season'],
    [{ slug: 'audit' }, 'slug'],
    [{ slug: seedSubject.slug }, 'slug'],
    [{ slug: 'x' }, 'slug'],
    [{ show: 'x'.repeat(201) }, 'show'],
    [{ people: 'Kim' }, 'people'],
    [{ people: [{ name: 'Kim', aliases: [''] }] }, 'people.0.aliases.0'],
  ])('refuses %j (field %s)', async (patch, field) => {
    const res = await send('POST', '/api/subjects', { ...harbor, ...patch })
    expect(res.status).toBe(422)
    expect(Object.keys(((await res.json()) as { errors: object }).errors)).toEqual([field])
  })

  it('edits with the version it read (409 when stale), pauses, and never changes the slug', async () => {
    await send('POST', '/api/subjects', harbor)
    const edited = await send('PATCH', `/api/subjects/${harbor.slug}`, { aliases: ['HL'], version: 1 })
    expect(edited.status).toBe(200)
    expect(((await edited.json()) as any).subject).toMatchObject({ aliases: ['HL'], version: 2, people: harbor.people })

    expect((await send('PATCH', `/api/subjects/${harbor.slug}`, { show: 'Lost' }, { 'If-Match': '"1"' })).status).toBe(409)
    expect((await send('PATCH', `/api/subjects/${harbor.slug}`, { slug: 'renamed-s3' })).status).toBe(422)
    expect((await send('PATCH', `/api/subjects/${harbor.slug}`, { season: 0 })).status).toBe(422)
    expect((await send('PATCH', '/api/subjects/nope-s1', { show: 'x' })).status).toBe(404)

    const paused = await send('PATCH', `/api/subjects/${harbor.slug}`, { status: 'paused', version: 2 })
    expect(((await paused.json()) as any).subject).toMatchObject({ status: 'paused', version: 3, show: 'Harbor Lights' })
    const { entries } = (await (await call('/api/subjects/audit', { headers: auth })).json()) as { entries: any[] }
    expect(entries.filter((e) => e.id > mark && e.subject === harbor.slug).map((e) => e.action)).toEqual(['pause', 'edit', 'add'])
  })

  it('gives each subject its own sources, under /api/subjects/:slug/sources', async () => {
    await send('POST', '/api/subjects', harbor)
    const add = await send('POST', `/api/subjects/${harbor.slug}/sources`, { id: 'hl-news', url: 'https://hl.example/news', kind: 'page' })
    expect(add.status).toBe(201)
    // The same id and URL are fine in another subject.
    expect((await send('POST', '/api/sources', { id: 'hl-news', url: 'https://hl.example/news', kind: 'page' })).status).toBe(201)
    const own = (await (await call(`/api/subjects/${harbor.slug}/sources`, { headers: auth })).json()) as { sources: any[] }
    expect(own.sources.map((s) => s.id)).toEqual(['hl-news'])
    expect(((await savedSources()) as { id: string }[]).map((s) => s.id)).toContain('hl-news')
    const exported = await call(`/api/subjects/${harbor.slug}/sources/export`, { headers: auth })
    expect(exported.headers.get('Content-Disposition')).toContain(`sources-${harbor.slug}.json`)
    expect(await exported.json()).toEqual([{ id: 'hl-news', url: 'https://hl.example/news', kind: 'page', enabled: true }])
    expect((await call('/api/subjects/nope-s1/sources', { headers: auth })).status).toBe(404)
  })

  it('removes a subject with the version it read, with its sources and state; never the last one', async () => {
    await send('POST', '/api/subjects', harbor)
    await send('POST', `/api/subjects/${harbor.slug}/sources`, { id: 'hl-news', url: 'https://hl.example/news', kind: 'page' })
    await env.STATE.put(kvKeys.state(harbor.slug), '{}')
    expect((await send('DELETE', `/api/subjects/${harbor.slug}`, { version: 7 })).status).toBe(409)
    const removed = await send('DELETE', `/api/subjects/${harbor.slug}`, undefined, { 'If-Match': '"1"' })
    expect(removed.status).toBe(200)
    expect((await call(`/api/subjects/${harbor.slug}`, { headers: auth })).status).toBe(404)
    expect(await savedSources(harbor.slug)).toBeNull()
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM sources WHERE subject_slug = ?1').bind(harbor.slug).first<{ n: number }>())!.n).toBe(0)
    expect(await env.STATE.get(kvKeys.state(harbor.slug))).toBeNull()

    const last = await send('DELETE', `/api/subjects/${seedSubject.slug}`)
    expect(last.status).toBe(409)
    expect(((await last.json()) as any).errors.slug).toMatch(/Pause it instead/)
  })
})

describe('subjects on the admin page', () => {
  it('edits the subject through its form, showing each bad field next to it', async () => {
    const session = await loginPage(app)
    const html = await (await call('/admin', { headers: { Cookie: session.cookie } })).text()
    expect(html).toContain('id="subject-form"')
    expect(html).toContain('name="version" value="1"')

    const people = JSON.stringify([{ name: 'Park Ji-hu', aliases: ['Park Ji-hoo'], previousCast: true }, { name: '' }])
    const bad = await postForm(app, '/admin/subject', session, { show: '', season: 'two', aliases: 'A\nB', officialSources: 'Netflix', people, status: 'active', version: '1' })
    expect(bad.status).toBe(422)
    const page = await bad.text()
    for (const id of ['err-show', 'err-season', 'err-people']) expect(page).toContain(`id="${id}"`)
    expect(page).toContain('people.1.name')
    expect(page).toContain('value="two"') // what was typed stays

    const notJson = await postForm(app, '/admin/subject', session, { show: 'X', season: '2', aliases: '', officialSources: '', people: '[{', status: 'active', version: '1' })
    expect(notJson.status).toBe(422)
    expect(await notJson.text()).toContain('Not valid JSON')

    const fixedPeople = JSON.stringify([{ name: 'Park Ji-hu', aliases: ['Park Ji-hoo'], previousCast: true }])
    const ok = await postForm(app, '/admin/subject', session, { show: 'All of Us Are Dead', season: '2', aliases: 'All of Us Are Dead\n지금 우리 학교는', officialSources: 'Netflix', people: fixedPeople, status: 'paused', version: '1' })
    expect(ok.status).toBe(303)
    const { subject } = (await (await call(`/api/subjects/${seedSubject.slug}`, { headers: auth })).json()) as any
    expect(subject).toMatchObject({ status: 'paused', version: 2, aliases: ['All of Us Are Dead', '지금 우리 학교는'], people: [{ name: 'Park Ji-hu', aliases: ['Park Ji-hoo'], previousCast: true }] })

    const stale = await postForm(app, '/admin/subject', session, { show: 'Changed', season: '2', aliases: '', officialSources: '', people: '[]', status: 'active', version: '1' })
    expect(stale.status).toBe(409)
    expect(await stale.text()).toContain('id="err-version"')
  })

  it('adds a subject from the form and opens its own page, with its own source forms', async () => {
    const session = await loginPage(app)
    const bad = await postForm(app, '/admin/subjects', session, { slug: 'Nope', show: '', season: '0', aliases: '', officialSources: '', people: '', status: 'active' })
    expect(bad.status).toBe(422)
    const badPage = await bad.text()
    for (const id of ['err-slug', 'err-show', 'err-season']) expect(badPage).toContain(`id="${id}"`)

    const res = await postForm(app, '/admin/subjects', session, { slug: harbor.slug, show: harbor.show, season: '3', aliases: harbor.aliases.join('\n'), officialSources: '', people: '', status: 'active' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/admin/s/${harbor.slug}?done=subject-add&id=${harbor.slug}`)
    const page = await (await call(res.headers.get('location')!, { headers: { Cookie: session.cookie } })).text()
    expect(page).toContain('Added subject &quot;harbor-lights-s3&quot;')
    expect(page).toContain(`action="/admin/s/${harbor.slug}/sources"`)

    const add = await postForm(app, `/admin/s/${harbor.slug}/sources`, session, { id: 'hl-page', url: 'https://hl.example/', kind: 'page', enabled: 'on' })
    expect(add.headers.get('location')).toBe(`/admin/s/${harbor.slug}?done=add&id=hl-page`)
    expect(await savedSources(harbor.slug)).toEqual([{ id: 'hl-page', url: 'https://hl.example/', kind: 'page', enabled: true }])
    expect(((await savedSources()) as { id: string }[]).map((s) => s.id)).not.toContain('hl-page')
    expect((await call('/admin/s/nope-s1', { headers: { Cookie: session.cookie } })).status).toBe(404)
  })

  it('removes a subject only with its box ticked, saying how many people follow it', async () => {
    const session = await loginPage(app)
    await send('POST', '/api/subjects', harbor)
    const reader = await env.DB.prepare(`INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES ('hl-fan@example.com', 'active', ?1, ?1, ?1) RETURNING id`)
      .bind('2026-01-01T00:00:00.000Z')
      .first<{ id: number }>()
    await env.DB.prepare(`INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at) VALUES (?1, ?2, 'all', '2026-01-01T00:00:00.000Z')`).bind(reader!.id, harbor.slug).run()
    const page = await (await call(`/admin/s/${harbor.slug}`, { headers: { Cookie: session.cookie } })).text()
    expect(page).toContain('<input type="checkbox" name="confirm" value="yes" required=""')
    expect(page).toContain('1 person follows it')

    const unticked = await postForm(app, `/admin/s/${harbor.slug}/subject/delete`, session, { version: '1' })
    expect(unticked.status).toBe(422)
    expect(await unticked.text()).toContain('Tick the box to confirm')
    expect((await call(`/api/subjects/${harbor.slug}`, { headers: auth })).status).toBe(200)

    const ticked = await postForm(app, `/admin/s/${harbor.slug}/subject/delete`, session, { version: '1', confirm: 'yes' })
    expect(ticked.status).toBe(303)
    expect(ticked.headers.get('location')).toBe(`/admin?done=subject-delete&id=${harbor.slug}`)
    expect((await call(`/api/subjects/${harbor.slug}`, { headers: auth })).status).toBe(404)
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE subject_slug = ?1').bind(harbor.slug).first<{ n: number }>())!.n).toBe(0)
  })

  it('refuses a source button that carries a version someone else moved on', async () => {
    const session = await loginPage(app)
    await send('POST', '/api/sources', { id: 'btn-src', url: 'https://btn.example/', kind: 'page' })
    await send('PATCH', '/api/sources/btn-src', { notes: 'edited elsewhere' })
    const res = await postForm(app, '/admin/sources/btn-src/disable', session, { version: '1' })
    expect(res.status).toBe(409)
    expect(await res.text()).toContain('changed since you read it')
    expect(((await savedSources()) as { id: string; enabled: boolean }[]).find((s) => s.id === 'btn-src')?.enabled).toBe(true)
  })
})
