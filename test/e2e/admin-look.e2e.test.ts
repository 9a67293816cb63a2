import { writeFileSync } from 'node:fs'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactPath, launchBrowser } from './support/browser'
import { startDevServer, waitFor, type DevServer } from './support/dev-server'
import { readOutbox } from './support/outbox'

// The admin (and the demo and outbox pages it sits beside) at a desktop and a phone width:
// no page wider than the window, the primary actions on screen and clickable at 390 px, and
// the run reports shown after demo runs. Port 8841 (support/dev-server.ts: one port per file).
const PORT = 8841
const TOKEN = 'admin-look-token-0123456789abcdef0123'
const WIDTHS = [1280, 390] as const
const READER = 'look@example.com'

let server: DevServer
let browser: Browser
const contexts = new Map<number, { context: BrowserContext; page: Page }>()
/** The page width each page measured at each window width: test-artifacts/admin-look-widths.json. */
const measured: { page: string; window: number; scrollWidth: number }[] = []

/** No horizontal scroll: the document is no wider than the window. */
async function expectNoOverflow(page: Page, name: string, width: number) {
  const scrollWidth = await page.evaluate<number>('Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)')
  measured.push({ page: name, window: width, scrollWidth })
  expect(scrollWidth, `${name} at ${width} px is ${scrollWidth} px wide`).toBeLessThanOrEqual(width)
}

/** On screen (within the window's width once scrolled to) and clickable: visible, enabled, not covered. */
async function expectUsable(button: Locator, what: string, width: number) {
  await button.scrollIntoViewIfNeeded()
  const box = await button.boundingBox()
  expect(box, `${what}: no box`).not.toBeNull()
  expect(box!.x, `${what} starts off-screen`).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width, `${what} ends off-screen`).toBeLessThanOrEqual(width)
  expect(box!.height, `${what} is too small to tap`).toBeGreaterThanOrEqual(24)
  // A trial click runs every actionability check (visible, stable, enabled, receives the
  // pointer at its centre) without clicking.
  await button.click({ trial: true, timeout: 5_000 })
}

/** A computed style of the element, read in the page. */
function styleOf(element: Locator, prop: 'color' | 'backgroundColor'): Promise<string> {
  return element.evaluate((el, p) => (globalThis as unknown as { getComputedStyle(e: unknown): Record<string, string> }).getComputedStyle(el)[p]!, prop)
}

async function shoot(page: Page, name: string, width: number) {
  await page.screenshot({ path: artifactPath(`admin-look-${name}-${width}.png`), fullPage: true })
}

async function post(path: string) {
  const res = await fetch(server.url + path, { method: 'POST', headers: { accept: 'application/json' } })
  expect(res.status, path).toBe(200)
}

beforeAll(async () => {
  server = await startDevServer({ port: PORT, vars: { ADMIN_TOKEN: TOKEN } })
  browser = await launchBrowser()
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: width === 390 ? 844 : 900 } })
    contexts.set(width, { context, page: await context.newPage() })
  }
  // A baseline, then the step where Netflix confirms filming: two reports, one with sent findings.
  await post('/demo/run')
  await post('/demo/advance')
  await post('/demo/advance')
  await post('/demo/run')
}, 300_000)

afterAll(async () => {
  writeFileSync(artifactPath('admin-look-widths.json'), `${JSON.stringify(measured, null, 1)}\n`)
  await browser?.close()
  await server?.stop()
})

describe.each(WIDTHS)('the admin at %i px', (width) => {
  const page = () => contexts.get(width)!.page
  const narrow = width < 600

  it('login page', async () => {
    await page().goto(`${server.url}/admin`)
    await expectNoOverflow(page(), 'login', width)
    await shoot(page(), 'login', width)
    if (narrow) await expectUsable(page().locator('#login-form button[type=submit]'), 'Log in', width)
    // The site's look, not the browser's: the button in the accent colour, not grey.
    expect(await styleOf(page().locator('#login-form button'), 'backgroundColor')).toBe('rgb(122, 31, 31)')
    await page().fill('input[name=token]', TOKEN)
    await page().click('#login-form button[type=submit]')
    await page().waitForSelector('#sources')
  })

  it('subject page: sources, recent runs with their reasons, forms, audit', async () => {
    await page().goto(`${server.url}/admin`)
    await expectNoOverflow(page(), 'sources', width)
    await shoot(page(), 'sources', width)
    // The run reports after the demo runs: the newest open, with the reasons.
    const runs = page().locator('#runs details.run')
    expect(await runs.count()).toBe(2)
    const sent = page().locator('#runs details.run[open] .finding-sent .finding-why')
    expect(await sent.allTextContents()).toEqual(['sent: confirmed by Netflix', 'sent: confirmed by Netflix', 'sent: confirmed by Netflix'])
    // Demo sources link to the served origin, not the demo's fixed one.
    for (const href of await page().locator('#sources a.url').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(href).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${PORT}/demo/`))
    }
    // Links in the site's colour, not the browser's default blue.
    expect(await styleOf(page().locator('#sources a.url').first(), 'color')).toBe('rgb(11, 79, 168)')
    if (!narrow) return
    const rows = page().locator('#sources tbody tr')
    expect(await rows.count()).toBeGreaterThan(0)
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i)
      for (const label of ['Edit', 'Disable', 'Dry-run', 'Delete']) {
        await expectUsable(row.getByRole(label === 'Edit' ? 'link' : 'button', { name: label, exact: true }), `row ${i} ${label}`, width)
      }
    }
    await expectUsable(page().locator('#runs details.run').first().locator('summary'), 'a run report', width)
    for (const [sel, what] of [
      ['#add-form button[type=submit]', 'Add source'],
      ['#dry-run-form button[type=submit]', 'Dry-run a URL'],
      ['#import-form button[type=submit]', 'Preview import'],
      ['#subject-form button[type=submit]', 'Save subject'],
      ['#add-subject-form button[type=submit]', 'Add subject'],
      ['#logout button', 'Log out'],
    ] as const) {
      await expectUsable(page().locator(sel), what, width)
    }
  })

  it('edit page', async () => {
    const id = ((await page().locator('#sources tbody tr').first().getAttribute('id')) ?? '').replace(/^source-/, '')
    await page().goto(`${server.url}/admin/sources/${id}`)
    await expectNoOverflow(page(), 'edit', width)
    await shoot(page(), 'edit', width)
    if (narrow) await expectUsable(page().locator('#edit-form button[type=submit]'), 'Save', width)
  })

  it('dry-run result', async () => {
    await page().goto(`${server.url}/admin`)
    await page().locator('#sources tbody tr').first().getByRole('button', { name: 'Dry-run', exact: true }).click()
    await page().waitForSelector('text=Nothing was saved')
    await expectNoOverflow(page(), 'dry-run', width)
    await shoot(page(), 'dry-run', width)
  })

  it('import preview', async () => {
    await page().goto(`${server.url}/admin`)
    const exported = (await (await page().request.get(`${server.url}/admin/export`)).json()) as { id: string; url: string }[]
    const list = [...exported, { id: 'a-long-new-source-id-for-the-preview', url: 'https://news.example/a/very/long/path/that/must/wrap/on/a/phone/screen/season-2', kind: 'page' }]
    await page().fill('#import-form textarea[name=json]', JSON.stringify(list))
    await page().click('#import-form button[type=submit]')
    await page().waitForSelector('#import-confirm')
    await expectNoOverflow(page(), 'import', width)
    await shoot(page(), 'import', width)
    if (narrow) await expectUsable(page().locator('#import-confirm button[type=submit]'), 'Apply this import', width)
  })

  it('a refusal page', async () => {
    await page().goto(`${server.url}/admin/s/no-such-subject`)
    await expectNoOverflow(page(), 'not-found', width)
  })

  it('demo page, with the run reports', async () => {
    await page().goto(`${server.url}/demo`)
    await expectNoOverflow(page(), 'demo', width)
    await shoot(page(), 'demo', width)
    expect(await page().locator('#demo-runs details.run').count()).toBe(2)
    expect(await page().locator('#demo-runs details.run[open] .finding-sent').count()).toBe(3)
    if (narrow) {
      for (const name of ['Run the cron now', 'Advance to step 3', 'Reset the demo']) await expectUsable(page().getByRole('button', { name }), name, width)
    }
  })

  it('outbox list and one email, with From and readable times', async () => {
    if (width === WIDTHS[0]) {
      await page().goto(`${server.url}/`)
      await page().locator('form.subscribe').getByLabel('Email address').fill(READER)
      await page().locator('form.subscribe button[type="submit"]').click()
      await waitFor('the confirmation email', async () => ((await readOutbox(server.url, READER)).length > 0 ? true : undefined))
    }
    await page().goto(`${server.url}/outbox`)
    await expectNoOverflow(page(), 'outbox', width)
    await shoot(page(), 'outbox', width)
    const meta = page().locator(`li[data-to="${READER}"] .meta`)
    expect(await meta.textContent()).toMatch(/from .+@/)
    expect(await meta.locator('time').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/)
    await page().locator(`li[data-to="${READER}"] a`).click()
    await page().waitForSelector('dl.headers')
    await expectNoOverflow(page(), 'outbox-email', width)
    await shoot(page(), 'outbox-email', width)
  })
})
