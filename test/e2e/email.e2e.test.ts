import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactPath } from './support/browser'
import { waitFor, type DevServer } from './support/dev-server'
import { closeBrowserSession, openBrowserSession, type BrowserSession } from './support/session'
import { advanceDemo as advanceDemoTo, runCron as runDemoCron } from './support/demo'
import { readOutbox, type OutboxEntry } from './support/outbox'

// The email flow end to end, offline: wrangler dev in demo mode (no RESEND_API_KEY, so every
// email lands in the local outbox), the real Queue and its consumer, the real cron over the
// demo news. Port of its own (see support/dev-server.ts).
const PORT = 8790
const LEAVER = 'leaver@example.com'
const STAYER = 'stayer@example.com'

let session: BrowserSession
let server: DevServer
let page: Page

const outbox = (to: string, kind?: string) => readOutbox(server.url, to, kind)

const runCron = () => runDemoCron(server.url)
const advanceDemo = (step: number) => advanceDemoTo(server.url, step)

/** Subscribes on the form on `/`, as a visitor would. */
async function subscribe(email: string) {
  await page.goto(`${server.url}/`)
  const form = page.locator('form.subscribe')
  await form.getByLabel('Email address').fill(email)
  await form.locator('button[type="submit"]').click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox')
}

/** Opens an outbox email's HTML part the way a reader opens the email, via the outbox page. */
async function openEmail(entry: OutboxEntry) {
  await page.goto(`${server.url}/outbox?to=${encodeURIComponent(entry.to)}`)
  await page.locator(`a[href="/outbox/${entry.id}"]`).click()
  await page.locator('#open-html').click()
  await page.waitForURL(`**/outbox/${entry.id}/html`)
}

async function confirmFromOutbox(email: string) {
  const [mail] = await waitFor(`the confirmation email to ${email}`, async () => {
    const found = await outbox(email, 'confirm')
    return found.length > 0 ? found : undefined
  })
  expect(mail!.subject).toBe('Confirm your Season Watch subscription')
  await openEmail(mail!)
  await page.getByRole('link', { name: 'Confirm my subscription' }).click()
  // The link lands on a page with a button: opening it changed nothing yet.
  await page.waitForURL('**/confirm?token=*')
  await expect.poll(() => page.locator('h1').textContent()).toBe('Confirm your subscription')
  await page.getByRole('button', { name: 'Confirm my subscription' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('You’re subscribed')
}

beforeAll(async () => {
  session = await openBrowserSession({ port: PORT }, { viewport: { width: 800, height: 900 } }, { resetDemo: true })
  ;({ server, page } = session)
  // The silent baseline run.
  await runCron()
  await waitFor('the baseline facts', async () => {
    const body = (await (await fetch(`${server.url}/api/facts`)).json()) as { facts: { stage: unknown } | null }
    return body.facts?.stage ? body : undefined
  })
}, 240_000)

afterAll(() => closeBrowserSession(session))

describe('subscriber email flow in Chromium against wrangler dev', () => {
  it('subscribe on the form, confirm from the outbox by the button', async () => {
    await subscribe(LEAVER)
    await subscribe(STAYER)
    await confirmFromOutbox(LEAVER)
    await confirmFromOutbox(STAYER)
    await page.screenshot({ path: artifactPath('email-confirmed.png') })
  })

  it('a cron run with a material change emails both, with List-Unsubscribe headers', async () => {
    await advanceDemo(2) // Netflix confirms filming has begun
    await runCron()
    const [update] = await waitFor('the first update email', async () => {
      const found = await outbox(LEAVER, 'update')
      return found.length > 0 ? found : undefined
    })
    expect(update!.subject).toMatch(/^Filming has begun on All of Us Are Dead Season 2/)
    expect(update!.headers['List-Unsubscribe']).toMatch(new RegExp(`^<${server.url}/unsubscribe/one-click\\?token=[^>]+>$`))
    expect(update!.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    expect(update!.text).not.toMatch(/<\/?(p|div|a|h\d)\b/)
    await waitFor('the first update to the other subscriber', async () => ((await outbox(STAYER, 'update')).length === 1 ? true : undefined))
    await openEmail(update!)
    await page.screenshot({ path: artifactPath('email-update.png'), fullPage: true })
  })

  it('unsubscribe by the email’s link and button; the next update does not reach that address', async () => {
    const [update] = await outbox(LEAVER, 'update')
    await openEmail(update!)
    await page.getByRole('link', { name: 'Unsubscribe' }).click()
    await page.waitForURL('**/unsubscribe?token=*')
    await expect.poll(() => page.locator('h1').textContent()).toBe('Unsubscribe')
    // The link is for this season; leaving the only season one follows erases the address.
    await page.getByRole('button', { name: 'Unsubscribe from All of Us Are Dead Season 2' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You’re unsubscribed')

    await advanceDemo(5) // Netflix confirms filming has wrapped
    await runCron()
    const stayer = await waitFor('the second update to the subscriber who stayed', async () => {
      const found = await outbox(STAYER, 'update')
      return found.length === 2 ? found : undefined
    })
    expect(stayer[0]!.subject).toMatch(/^Filming has wrapped on All of Us Are Dead Season 2/)
    // The second edition went out; the address that left got nothing more.
    expect(await outbox(LEAVER, 'update')).toHaveLength(1)
  })
})
