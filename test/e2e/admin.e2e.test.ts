import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactPath, launchBrowser } from './support/browser'
import { startDevServer, type DevServer } from './support/dev-server'

// Own port and state. Demo mode allows localhost source URLs, and PUBLIC_URL on localhost makes
// the demo documents under http://localhost:8791/demo/ answer in-process (as the cron sees them).
const PORT = 8791
const TOKEN = 'e2e-admin-token-0123456789-abcdef'
// A demo article (the demo's own two sources already read the feed and the overview page).
const DEMO_PAGE = `http://localhost:${PORT}/demo/articles/season-2-where-it-stands`

let server: DevServer
let browser: Browser
let page: Page

beforeAll(async () => {
  server = await startDevServer({ port: PORT, vars: { ADMIN_TOKEN: TOKEN, PUBLIC_URL: `http://localhost:${PORT}` } })
  browser = await launchBrowser()
  page = await browser.newPage()
}, 240_000)

afterAll(async () => {
  if (page) await page.screenshot({ path: artifactPath('admin-last.png'), fullPage: true }).catch(() => {})
  await browser?.close()
  await server?.stop()
})

describe('admin page in Chromium', () => {
  it('refuses the API without the token', async () => {
    const res = await fetch(`${server.url}/api/sources`)
    expect(res.status).toBe(401)
  })

  it('logs in', async () => {
    await page.goto(`${server.url}/admin`)
    await page.fill('input[name=token]', 'wrong')
    await page.click('button[type=submit]')
    await expect.poll(() => page.textContent('body')).toContain('not the admin token')

    await page.fill('input[name=token]', TOKEN)
    await page.click('button[type=submit]')
    await page.waitForSelector('#sources')
    const cookies = await page.context().cookies()
    const session = cookies.find((c) => c.name === 'sw_admin')!
    expect(session.httpOnly).toBe(true)
    expect(session.sameSite).toBe('Strict')
    expect(session.value).not.toContain(TOKEN)
  })

  it('adds a source through the form (a localhost demo URL, allowed in demo mode)', async () => {
    // A bad field first: the message shows next to the field and nothing is saved.
    await page.fill('#add-form input[name=id]', 'demo-overview')
    await page.fill('#add-form input[name=url]', 'http://10.0.0.1/')
    await page.click('#add-form button[type=submit]')
    await page.waitForSelector('#err-url')
    expect(await page.locator('#source-demo-overview').count()).toBe(0)

    await page.fill('#add-form input[name=url]', DEMO_PAGE)
    await page.selectOption('#add-form select[name=kind]', 'page')
    await page.fill('#add-form textarea[name=notes]', 'Added by the browser test <b>not bold</b>')
    await page.click('#add-form button[type=submit]')
    await page.waitForSelector('#source-demo-overview')
    expect(await page.textContent('[role=status]')).toContain('Added source "demo-overview"')
    const row = page.locator('#source-demo-overview')
    expect(await row.getAttribute('data-enabled')).toBe('true')
    expect(await row.textContent()).toContain('<b>not bold</b>') // shown as text, not markup
    expect(await page.locator('#audit-log').textContent()).toContain('add')
  })

  it('dry-runs it: the published date and claims, and nothing saved', async () => {
    await page.locator('#source-demo-overview form[action="/admin/dry-run"] button').click()
    await page.waitForSelector('text=Nothing was saved')
    expect(await page.locator('#dry-run-error').count()).toBe(0)
    expect(await page.textContent('.published')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(await page.locator('table.claims tbody tr').count()).toBeGreaterThan(0)
    expect(await page.textContent('table.claims')).toMatch(/confirmed|reported|speculated/)
    expect(await page.textContent('body')).toContain('Material changes it would cause')
    await page.screenshot({ path: artifactPath('admin-dry-run.png'), fullPage: true })
  })

  it('disables it', async () => {
    await page.goto(`${server.url}/admin`)
    await page.locator('#source-demo-overview form[action$="/disable"] button').click()
    await page.waitForSelector('#source-demo-overview[data-enabled="false"]')
    expect(await page.textContent('[role=status]')).toContain('Disabled source "demo-overview"')

    const res = await fetch(`${server.url}/api/sources/demo-overview`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(((await res.json()) as { source: { enabled: boolean } }).source.enabled).toBe(false)
    const audit = await fetch(`${server.url}/api/sources/audit`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    const { entries } = (await audit.json()) as { entries: { action: string; via: string }[] }
    expect(entries.map((e) => e.action).slice(0, 2)).toEqual(['disable', 'add'])
    expect(entries[0]!.via).toBe('page')
  })

  it('edits the subject: a bad season is shown next to its field, then an alias is saved', async () => {
    await page.goto(`${server.url}/admin`)
    await page.fill('#subject-form input[name=season]', 'two')
    await page.click('#subject-form button[type=submit]')
    await page.waitForSelector('#err-season')
    expect(await page.inputValue('#subject-form input[name=season]')).toBe('two') // what was typed stays

    await page.fill('#subject-form input[name=season]', '2')
    const aliases = page.locator('#subject-form textarea[name=aliases]')
    await aliases.fill(`${await aliases.inputValue()}\nAOUAD`)
    await page.click('#subject-form button[type=submit]')
    await expect.poll(() => page.textContent('[role=status]')).toContain('Saved subject')
    expect(await page.textContent('#subject-config')).toContain('AOUAD')
  })

  it('adds a second subject with a source of its own, kept apart from the first', async () => {
    await page.fill('#add-subject-form input[name=slug]', 'second-show-s1')
    await page.fill('#add-subject-form input[name=show]', 'Second Show')
    await page.fill('#add-subject-form input[name=season]', '1')
    await page.click('#add-subject-form button[type=submit]')
    await page.waitForURL('**/admin/s/second-show-s1?**')
    expect(await page.textContent('#current-subject')).toContain('Second Show')
    expect(await page.locator('#sources tbody tr').count()).toBe(0)

    await page.fill('#add-form input[name=id]', 'second-overview')
    await page.fill('#add-form input[name=url]', DEMO_PAGE)
    await page.click('#add-form button[type=submit]')
    await page.waitForSelector('#source-second-overview')
    await page.screenshot({ path: artifactPath('admin-second-subject.png'), fullPage: true })

    await page.goto(`${server.url}/admin`)
    expect(await page.locator('#source-second-overview').count()).toBe(0)
    expect(await page.locator('#subject-second-show-s1').count()).toBe(1)
    const res = await fetch(`${server.url}/api/subjects/second-show-s1/sources`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    expect(((await res.json()) as { sources: { id: string }[] }).sources.map((s) => s.id)).toEqual(['second-overview'])
  })
})
