import { env, SELF } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { legacyKvKeys } from '../../src/store/kv-keys'
import { defaultSources } from '../../src/worker/config'
import { adminEnv, fakeNetwork, loginPage, makeAdmin, ORIGIN, postForm, resetStorage, savedSources, storageSnapshot, TOKEN } from './helpers'

const net = fakeNetwork({})
const app = makeAdmin({ fetch: net.fetch })
const HOSTILE = `"><script>alert(1)</script><img src=x onerror=alert(2)>`

const unescapeAttr = (s: string) =>
  s.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

const saved = async () => (await savedSources()) as any[]

beforeEach(resetStorage)

describe('access to the page', () => {
  it('says the admin is off without a token, in the real Worker too', async () => {
    for (const res of [await app.request('/admin', {}, adminEnv({})), await SELF.fetch('http://localhost/admin')]) {
      expect(res.status).toBe(503)
      expect(await res.text()).toMatch(/admin is off/)
    }
  })

  it('shows only a login form (401) without a session, and no source data', async () => {
    for (const headers of [{}, { Cookie: 'sw_admin=garbage' }, { Cookie: `sw_admin=${TOKEN}` }] as Record<string, string>[]) {
      const res = await app.request('/admin', { headers }, adminEnv())
      expect(res.status).toBe(401)
      const html = await res.text()
      expect(html).toContain('name="token"')
      expect(html).not.toContain(defaultSources[0]!.url)
    }
    const res = await app.request('/admin/export', {}, adminEnv())
    expect(res.status).toBe(401)
  })

  it('refuses a wrong token and a cross-site login', async () => {
    const wrong = await app.request('/admin/login', { method: 'POST', headers: { Origin: ORIGIN }, body: new URLSearchParams({ token: 'nope' }) }, adminEnv())
    expect(wrong.status).toBe(401)
    expect(wrong.headers.get('set-cookie')).toBeNull()
    const foreign = await app.request('/admin/login', { method: 'POST', headers: { Origin: 'https://evil.example' }, body: new URLSearchParams({ token: TOKEN }) }, adminEnv())
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('set-cookie')).toBeNull()
  })

  it('logs in with a derived, HttpOnly, SameSite=Strict cookie (Secure except on http://localhost)', async () => {
    const { setCookie, cookie, csrf } = await loginPage(app)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Strict/i)
    expect(setCookie).toMatch(/Path=\/admin/)
    expect(setCookie).not.toMatch(/Secure/i)
    expect(cookie).not.toContain(TOKEN)
    expect(csrf).toMatch(/^[0-9a-f]{64}$/)

    const https = await app.request(
      'https://watch.example/admin/login',
      { method: 'POST', headers: { Origin: 'https://watch.example' }, body: new URLSearchParams({ token: TOKEN }) },
      adminEnv(),
    )
    expect(https.status).toBe(303)
    expect(https.headers.get('set-cookie')).toMatch(/; Secure/i)
  })

  it('shows the dashboard with strict security headers once logged in', async () => {
    const { cookie } = await loginPage(app)
    const res = await app.request('/admin', { headers: { Cookie: cookie } }, adminEnv())
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Security-Policy')).toMatch(/default-src 'none'/)
    expect(res.headers.get('X-Frame-Options')).toBe('DENY')
    expect(res.headers.get('Cache-Control')).toBe('no-store')
    const html = await res.text()
    for (const s of defaultSources) expect(html).toContain(`id="source-${s.id}"`)
    expect(html).toContain('All of Us Are Dead') // subject
    expect(html).toContain('Park Ji-hu')
  })

  it('logs out', async () => {
    const session = await loginPage(app)
    const res = await postForm(app, '/admin/logout', session, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('set-cookie')).toMatch(/sw_admin=;.*Max-Age=0/)
  })
})

describe('cross-site protection', () => {
  const fields = { id: 'csrf-test', url: 'https://ok.example/', kind: 'page', enabled: 'on' }

  it('refuses a form without the CSRF token, with another session\'s token, or from another origin', async () => {
    const session = await loginPage(app)
    const noToken = await postForm(app, '/admin/sources', { ...session, csrf: '' }, fields)
    expect(noToken.status).toBe(403)
    const otherToken = await postForm(app, '/admin/sources', { ...session, csrf: 'a'.repeat(64) }, fields)
    expect(otherToken.status).toBe(403)
    const foreign = await postForm(app, '/admin/sources', session, fields, adminEnv(), { Origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    const noOrigin = await postForm(app, '/admin/sources', session, fields, adminEnv(), {})
    expect(noOrigin.status).toBe(403)
    const viaReferer = await postForm(app, '/admin/sources', session, fields, adminEnv(), { Referer: `${ORIGIN}/admin` })
    expect(viaReferer.status).toBe(303)
  })

  it('refuses a form with no session', async () => {
    const res = await postForm(app, '/admin/sources', { cookie: '', csrf: '' }, fields)
    expect(res.status).toBe(401)
    expect(await saved()).toBeNull()
  })
})

describe('operations through the page', () => {
  it('adds, edits, disables, enables and deletes a source, and shows the audit log', async () => {
    const session = await loginPage(app)
    const add = await postForm(app, '/admin/sources', session, { id: 'page-src', url: 'https://page.example/news', kind: 'page', enabled: 'on', notes: '' })
    expect(add.status).toBe(303)
    expect(add.headers.get('location')).toBe('/admin?done=add&id=page-src')
    expect((await saved()).at(-1)).toEqual({ id: 'page-src', url: 'https://page.example/news', kind: 'page', enabled: true })

    const notice = await (await app.request(add.headers.get('location')!, { headers: { Cookie: session.cookie } }, adminEnv())).text()
    expect(notice).toContain('Added source &quot;page-src&quot;.')

    const editPage = await app.request('/admin/sources/page-src', { headers: { Cookie: session.cookie } }, adminEnv())
    expect(editPage.status).toBe(200)
    expect(await editPage.text()).toContain('value="https://page.example/news"')

    const edit = await postForm(app, '/admin/sources/page-src', session, { url: 'https://page.example/rss', kind: 'feed', enabled: 'on', notes: 'now a feed' })
    expect(edit.status).toBe(303)
    expect((await saved()).at(-1)).toEqual({ id: 'page-src', url: 'https://page.example/rss', kind: 'feed', enabled: true, notes: 'now a feed' })

    expect((await postForm(app, '/admin/sources/page-src/disable', session, {})).status).toBe(303)
    expect((await saved()).at(-1).enabled).toBe(false)
    expect((await postForm(app, '/admin/sources/page-src/enable', session, {})).status).toBe(303)
    expect((await saved()).at(-1).enabled).toBe(true)
    expect((await postForm(app, '/admin/sources/page-src/delete', session, {})).status).toBe(303)
    expect((await saved()).map((s: { id: string }) => s.id)).toEqual(defaultSources.map((s) => s.id))
    expect((await postForm(app, '/admin/sources/page-src/delete', session, {})).status).toBe(404)

    const html = await (await app.request('/admin', { headers: { Cookie: session.cookie } }, adminEnv())).text()
    const log = html.slice(html.indexOf('id="audit-log"'))
    for (const action of ['add', 'edit', 'disable', 'enable', 'delete']) expect(log).toContain(`<td data-label="Action">${action}</td>`)
    expect(log).toMatch(/token:[0-9a-f]{8}/)
  })

  it('shows each bad field next to the form (422) and saves nothing', async () => {
    const session = await loginPage(app)
    const res = await postForm(app, '/admin/sources', session, { id: 'Bad!', url: 'http://[::1]/', kind: 'zine', notes: 'x'.repeat(501) })
    expect(res.status).toBe(422)
    const html = await res.text()
    for (const f of ['id', 'url', 'kind', 'notes']) expect(html).toContain(`id="err-${f}"`)
    expect(html).toContain('value="Bad!"') // what was typed stays in the form
    expect(await saved()).toEqual(defaultSources)

    const edit = await postForm(app, `/admin/sources/${defaultSources[0]!.id}`, session, { url: 'http://10.0.0.1/', kind: 'page', enabled: 'on' })
    expect(edit.status).toBe(422)
    expect(await edit.text()).toContain('id="err-url"')
    expect(await saved()).toEqual(defaultSources)
  })

  it('escapes hostile text everywhere it is shown', async () => {
    const session = await loginPage(app)
    const hostile = { id: 'hostile', url: `https://x.example/?q=${encodeURIComponent(HOSTILE)}`, kind: 'page', enabled: true, notes: HOSTILE }
    // Hostile text in the single-subject layout, carried into the first subject on first use.
    await resetStorage()
    await env.STATE.put(legacyKvKeys.sources(), JSON.stringify([hostile]))
    await env.STATE.put(legacyKvKeys.state(), JSON.stringify({ fetch: { [hostile.url]: { failures: 1, lastError: HOSTILE } }, feeds: {} }))
    await env.STATE.put(legacyKvKeys.subject(), JSON.stringify({ show: HOSTILE, season: 2, aliases: [HOSTILE], people: [{ name: HOSTILE, aliases: [HOSTILE] }] }))
    const html = await (await app.request('/admin', { headers: { Cookie: session.cookie } }, adminEnv())).text()
    expect(html).not.toContain('<script>alert')
    expect(html).not.toContain('<img src=x')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')

    const add = await postForm(app, '/admin/sources', session, { id: HOSTILE, url: HOSTILE, kind: HOSTILE, notes: HOSTILE })
    const errorPage = await add.text()
    expect(add.status).toBe(422)
    expect(errorPage).not.toContain('<script>alert')
    expect(errorPage).not.toContain('<img src=x')
  })

  it('dry-runs an unsaved URL from the page and writes nothing', async () => {
    const session = await loginPage(app)
    const before = await storageSnapshot()
    const res = await postForm(app, '/admin/dry-run', session, { url: 'https://unknown.example/a', kind: 'page' })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('Nothing was saved')
    expect(html).toContain('id="dry-run-error"') // the fake network 404s
    const bad = await postForm(app, '/admin/dry-run', session, { url: 'http://169.254.169.254/', kind: 'page' })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('id="err-url"')
    expect(await storageSnapshot()).toEqual(before)
  })

  it('previews an import, then applies it on confirm', async () => {
    const session = await loginPage(app)
    const next = [defaultSources[0]!, { id: 'fresh', url: 'https://fresh.example/', kind: 'page', enabled: true }]
    const preview = await postForm(app, '/admin/import', session, { json: JSON.stringify(next) })
    expect(preview.status).toBe(200)
    const html = await preview.text()
    expect(html).toMatch(/1 to add, 0 to change, \d+ to remove/)
    expect(await saved()).toEqual(defaultSources)
    const base = /name="base" value="([0-9a-f]+)"/.exec(html)![1]!
    const json = unescapeAttr(/name="json" value="([^"]+)"/.exec(html)![1]!)
    const confirm = await postForm(app, '/admin/import/confirm', session, { base, json })
    expect(confirm.status).toBe(303)
    expect(await saved()).toEqual(next)
  })

  it('shows import errors and keeps the pasted text', async () => {
    const session = await loginPage(app)
    const notJson = await postForm(app, '/admin/import', session, { json: '[{' })
    expect(notJson.status).toBe(422)
    expect(await notJson.text()).toContain('Not valid JSON')
    const bad = await postForm(app, '/admin/import', session, { json: JSON.stringify([{ id: 'a1', url: 'http://127.0.0.1/', kind: 'page' }]) })
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('sources.0.url')
    expect(await saved()).toEqual(defaultSources)
  })

  it('downloads the export', async () => {
    const { cookie } = await loginPage(app)
    const res = await app.request('/admin/export', { headers: { Cookie: cookie } }, adminEnv())
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Disposition')).toMatch(/attachment/)
    expect(await res.json()).toEqual(defaultSources)
  })
})
