import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactPath, launchBrowser } from './support/browser'
import { startDevServer, waitFor, type DevServer } from './support/dev-server'

// Each e2e file has its own port (and so its own wrangler dev and state).
const PORT = 8792
const CRON = '/__scheduled?cron=0+7+*+*+1,4'

interface ChangesPage {
  total: number
  items: { id: string; changes: { field: string; to: unknown }[] }[]
}

let server: DevServer
let browser: Browser

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(server.url + path)
  if (!res.ok) throw new Error(`${path}: ${res.status}`)
  return (await res.json()) as T
}

/** Triggers the cron and waits until its effect is visible (the run finishes in waitUntil). */
async function runCronUntil<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  const res = await fetch(server.url + CRON)
  expect(res.status, await res.text()).toBe(200)
  return waitFor(what, check, 60_000)
}

beforeAll(async () => {
  server = await startDevServer({ port: PORT })
  browser = await launchBrowser()

  await fetch(`${server.url}/demo/reset`, { method: 'POST' })
  // Step 0: the silent baseline.
  await runCronUntil('the baseline facts', async () => {
    const body = await getJson<{ facts: { stage: { value: string } | null } | null }>('/api/facts')
    return body.facts?.stage ? body : undefined
  })
  expect((await getJson<ChangesPage>('/api/changes')).total).toBe(0)

  // Step 1 is a rumour (quiet); step 2: Netflix announces filming has begun.
  await fetch(`${server.url}/demo/advance`, { method: 'POST' })
  const advanced = await fetch(`${server.url}/demo/advance`, { method: 'POST' })
  expect(await advanced.json()).toMatchObject({ step: 2 })
  await runCronUntil('the filming change', async () => {
    const page = await getJson<ChangesPage>('/api/changes')
    return page.total > 0 ? page : undefined
  })
}, 240_000)

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('public page in Chromium', () => {
  it('the API recorded filming as a material change', async () => {
    const page = await getJson<ChangesPage>('/api/changes')
    expect(page.total).toBe(1)
    expect(page.items[0]!.changes.some((c) => c.field === 'stage' && c.to === 'filming')).toBe(true)
  })

  for (const width of [375, 1280]) {
    it(`shows the facts and the history at ${width}px`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false })
      const page = await context.newPage()
      try {
        const res = await page.goto(`${server.url}/`)
        expect(res?.status()).toBe(200)
        await page.screenshot({ path: artifactPath(`public-${width}.png`), fullPage: true })

        await expect.poll(() => page.locator('#fact-stage + .fact-value').textContent()).toBe('Filming')
        expect(await page.locator('[aria-labelledby="fact-stage"] .badge-confirmed').count()).toBe(1)
        expect(await page.locator('[aria-labelledby="fact-stage"] .sources a').count()).toBeGreaterThan(0)

        const history = page.locator('.history article')
        expect(await history.count()).toBeGreaterThanOrEqual(1)
        expect(await history.first().textContent()).toContain('Stage: Filming')
        expect(await history.first().locator('blockquote').count()).toBeGreaterThanOrEqual(1)

        expect(await page.getByLabel('Email address').count()).toBe(1)

        // Nothing wider than the screen: the phone layout must not scroll sideways.
        // (A string expression: this file is typed for Node, without the DOM lib.)
        const overflow = (await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number
        expect(overflow).toBeLessThanOrEqual(0)
      } finally {
        await context.close()
      }
    })
  }

  it('the history page and the feed show the same change', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 }, javaScriptEnabled: false })
    const page = await context.newPage()
    try {
      await page.goto(`${server.url}/history`)
      expect(await page.locator('.history article').count()).toBe(1)
      await page.screenshot({ path: artifactPath('history-375.png'), fullPage: true })
    } finally {
      await context.close()
    }
    const feed = await (await fetch(`${server.url}/feed.xml`)).text()
    expect(feed).toContain('<entry>')
    expect(feed).toContain('Stage: Filming')
  })
})
