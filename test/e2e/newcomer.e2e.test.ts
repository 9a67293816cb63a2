import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_STEPS, LAST_DEMO_STEP } from '../../src/site/demo/demo-articles'
import { artifactPath } from './support/browser'
import { waitFor, type DevServer } from './support/dev-server'
import { closeBrowserSession, openBrowserSession, type BrowserSession } from './support/session'
import { readOutbox } from './support/outbox'

// A newcomer's first hour, in Chromium: the server started the way the README says,
// `npm run dev -- --port N`, on a port that is not 8787. Port 8811 (and inspector 18811).
const PORT = 8811
const FAN = 'fan@example.com'

let session: BrowserSession
let server: DevServer
let browser: Browser
let page: Page

const outbox = (kind: string) => readOutbox(server.url, FAN, kind)

/** Presses a button on /demo and returns what the page then says about the run (if anything). */
async function press(label: RegExp): Promise<string> {
  await page.getByRole('button', { name: label }).click()
  await page.waitForURL('**/demo**')
  const outcome = page.locator('#run-outcome')
  return (await outcome.count()) > 0 ? ((await outcome.textContent()) ?? '') : ''
}

/** Every absolute http(s) URL in a text (the XML namespace aside). */
function absoluteUrls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0]).filter((u) => !u.startsWith('http://www.w3.org/'))
}

/** A string expression for page.evaluate (this file is typed for Node, without the DOM lib). */
const style = (selector: string, prop: string) => `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(prop)}]`

beforeAll(async () => {
  session = await openBrowserSession({ port: PORT, viaNpmRunDev: true }, { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false })
  ;({ server, browser, page } = session)
}, 240_000)

afterAll(() => closeBrowserSession(session))

describe('a newcomer on another port, in Chromium', () => {
  it('is told how to start the first run, and every link follows the port actually served', async () => {
    await page.goto(`${server.url}/`)
    await page.screenshot({ path: artifactPath('newcomer-home-empty-1280.png'), fullPage: true })
    expect(await page.locator('main').textContent()).toContain('No facts yet: the first check has not run.')
    await page.locator('.empty a[href="/demo"]').click()
    expect(await press(/Run the cron now/)).toContain('Baseline recorded, nothing sent')

    // Subscribe; the answer page leads to the outbox, where the confirmation email is.
    await page.goto(`${server.url}/`)
    await page.locator('form.subscribe').getByLabel('Email address').fill(FAN)
    await page.locator('form.subscribe button[type="submit"]').click()
    await page.locator('main a[href="/outbox"]').click()
    const [confirm] = await waitFor('the confirmation email', async () => {
      const found = await outbox('confirm')
      return found.length > 0 ? found : undefined
    })
    expect(absoluteUrls(confirm!.text).every((u) => u.startsWith(`${server.url}/`)), confirm!.text).toBe(true)
    expect(confirm!.text).toContain('Mail scanners open links by themselves')
    // The link in the email itself works as it stands: no editing the port by hand.
    await page.goto(`${server.url}/outbox/${confirm!.id}/html`)
    await page.getByRole('link', { name: 'Confirm my subscription' }).click()
    await page.waitForURL(`${server.url}/confirm?token=*`)
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    expect(await page.locator('h1').textContent()).toBe('You’re subscribed')

    // A rumour stays quiet; Netflix's announcement is emailed, actors grouped in the subject.
    await page.goto(`${server.url}/demo`)
    await press(/Advance to step 1/)
    expect(await press(/Run the cron now/)).toContain('Nothing new')
    await press(/Advance to step 2/)
    expect(await press(/Run the cron now/)).toContain('3 material changes, email to 1 subscriber.')
    await page.screenshot({ path: artifactPath('newcomer-demo-sent-1280.png'), fullPage: true })

    const [update] = await waitFor('the update email', async () => {
      const found = await outbox('update')
      return found.length > 0 ? found : undefined
    })
    expect(update!.subject).toBe('Filming has begun on All of Us Are Dead Season 2; Lomon and Park Ji-hu return')
    expect(update!.headers['List-Unsubscribe']).toMatch(new RegExp(`^<${server.url}/unsubscribe/one-click\\?token=[^>]+>$`))
    const links = absoluteUrls(update!.text)
    expect(links.some((u) => u.startsWith(`${server.url}/demo/articles/`))).toBe(true)
    expect(links.filter((u) => !u.startsWith(`${server.url}/`)), update!.text).toEqual([])
    // One announcement behind both actors is quoted once.
    expect(update!.text.split('In the same announcement, Netflix confirmed').length - 1).toBe(1)

    // Pages, the feed, the API and the demo's own snippets all name this server.
    for (const path of ['/', '/history', '/feed.xml', '/api/facts', '/api/changes', '/demo', '/demo/feed.xml', '/follow']) {
      const body = await (await fetch(server.url + path)).text()
      const urls = absoluteUrls(body.replaceAll('&quot;', '"'))
      expect(urls.filter((u) => !u.startsWith(`${server.url}/`)), path).toEqual([])
    }
    await page.goto(`${server.url}/`)
    const sources = await page.evaluate("[...document.querySelectorAll('.sources a')].map((a) => a.href)")
    expect((sources as string[]).length).toBeGreaterThan(0)
    for (const href of sources as string[]) expect(href.startsWith(`${server.url}/demo/`), href).toBe(true)
    await page.locator('.sources a').first().click()
    expect(await page.locator('article h1').count()).toBe(1) // the demo article itself
  })

  it('walks the demo to its end: the quiet steps send nothing, real news does', async () => {
    await page.goto(`${server.url}/demo`)
    for (let step = 3; step <= LAST_DEMO_STEP; step++) {
      await press(new RegExp(`Advance to step ${step}`))
      const said = await press(/Run the cron now/)
      if (DEMO_STEPS[step]!.sends) expect(said, `step ${step}`).toContain('1 material change, email to 1 subscriber.')
      else expect(said, `step ${step}`).toMatch(/Nothing new|No material change, nothing sent/)
    }
    const sends = DEMO_STEPS.filter((s) => s.sends).length
    await waitFor('every update email', async () => ((await outbox('update')).length === sends ? true : undefined))
  })

  it('makes a disabled button look disabled, and Reset look unlike Run', async () => {
    await page.goto(`${server.url}/demo`)
    const advance = page.getByRole('button', { name: 'Last step reached' })
    expect(await advance.isDisabled()).toBe(true)
    const run = await page.evaluate(style('form[action="/demo/run"] button', 'backgroundColor'))
    expect(await page.evaluate(style('form[action="/demo/advance"] button', 'backgroundColor'))).not.toBe(run)
    expect(await page.evaluate(style('form[action="/demo/advance"] button', 'cursor'))).toBe('not-allowed')
    expect(await page.evaluate(style('form[action="/demo/reset"] button', 'backgroundColor'))).not.toBe(run)
    await page.screenshot({ path: artifactPath('newcomer-demo-end-1280.png'), fullPage: true })
  })

  it('says "already unsubscribed" when the link is opened again', async () => {
    const [update] = await outbox('update')
    const link = /https?:\S+\/unsubscribe\?token=\S+/.exec(update!.text)![0]
    await page.goto(link)
    await page.getByRole('button', { name: 'Unsubscribe from everything' }).click()
    expect(await page.locator('h1').textContent()).toBe('You’re unsubscribed')
    await page.goto(link)
    expect(await page.locator('h1').textContent()).toBe('You are already unsubscribed')
    expect(await page.getByRole('button', { name: 'Unsubscribe' }).count()).toBe(0)
  })

  for (const width of [1280, 390]) {
    it(`gives every page room under the header and nothing wider than the screen at ${width}px`, async () => {
      const ctx = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false })
      const p = await ctx.newPage()
      try {
        for (const path of ['/', '/demo', '/history', '/follow', '/outbox', '/no-such-page']) {
          const res = await p.goto(server.url + path)
          expect(res?.status(), path).toBe(path === '/no-such-page' ? 404 : 200)
          const name = path === '/' ? 'home' : path.slice(1).replaceAll('/', '-')
          await p.screenshot({ path: artifactPath(`newcomer-${name}-${width}.png`), fullPage: true })
          // The h1 sits clear of the header (and the demo strip under it): main's padding applies.
          const gap = (await p.evaluate(
            "document.querySelector('main h1').getBoundingClientRect().top - (document.querySelector('.demo-bar') ?? document.querySelector('.site-header')).getBoundingClientRect().bottom",
          )) as number
          expect(gap, path).toBeGreaterThanOrEqual(16)
          const overflow = (await p.evaluate('document.documentElement.scrollWidth - window.innerWidth')) as number
          expect(overflow, path).toBeLessThanOrEqual(0)
        }
        expect(await p.locator('a', { hasText: 'Back to the facts' }).count()).toBe(1) // on the 404 page
      } finally {
        await ctx.close()
      }
    })
  }
})
