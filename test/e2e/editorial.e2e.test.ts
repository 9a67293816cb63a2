import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { artifactPath } from './support/browser'
import { waitFor, type DevServer } from './support/dev-server'
import { closeBrowserSession, openBrowserSession, type BrowserSession } from './support/session'
import { advanceDemo, openEmail, runCron } from './support/demo'
import { readOutbox } from './support/outbox'

// Editorial control end to end, offline: wrangler dev in demo mode with review set to `hold`,
// the real cron and runs Queue over the demo news, the admin's review page in Chromium, the
// email Queue into the local outbox. Port 8831 is this file's own (see support/dev-server.ts).
const PORT = 8831
const TOKEN = 'editorial-e2e-admin-token-0123456789abcdef'
const FAN = 'fan@example.com'
const EDITOR = 'editor@example.com'

let session: BrowserSession
let server: DevServer
let page: Page

const outbox = (to: string, kind?: string) => readOutbox(server.url, to, kind)

beforeAll(async () => {
  session = await openBrowserSession({ port: PORT, vars: { ADMIN_TOKEN: TOKEN, MAINTAINER_EMAILS: EDITOR, PUBLIC_URL: `http://localhost:${PORT}` } }, { viewport: { width: 1100, height: 900 } }, { resetDemo: true })
  ;({ server, page } = session)
}, 240_000)

afterAll(() => closeBrowserSession(session, 'editorial-last.png'))

describe('editorial control in Chromium against wrangler dev (review: hold)', () => {
  it('a reader subscribes and confirms; the silent baseline runs', async () => {
    // A confirmed subscriber, through the form and the confirmation email's button.
    await page.goto(`${server.url}/`)
    await page.locator('form.subscribe').getByLabel('Email address').fill(FAN)
    await page.locator('form.subscribe button[type="submit"]').click()
    const [confirm] = await waitFor('the confirmation email', async () => {
      const found = await outbox(FAN, 'confirm')
      return found.length > 0 ? found : undefined
    })
    await openEmail(page, server.url, confirm!)
    await page.getByRole('link', { name: 'Confirm my subscription' }).click()
    await page.getByRole('button', { name: 'Confirm my subscription' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You’re subscribed')

    // The silent baseline.
    await runCron(server.url)
    await waitFor('the baseline facts', async () => {
      const body = (await (await fetch(`${server.url}/api/facts`)).json()) as { facts: { stage: unknown } | null }
      return body.facts?.stage ? body : undefined
    })
  })

  it('logs in and sets review mode to hold', async () => {
    await page.goto(`${server.url}/admin`)
    await page.fill('input[name=token]', TOKEN)
    await page.click('button[type=submit]')
    await page.waitForSelector('#sources')
    await page.click('#review-link')
    await page.waitForSelector('#mode-form')
    await page.selectOption('#mode-form select[name=mode]', 'hold')
    await page.click('#mode-form button[type=submit]')
    await expect.poll(() => page.textContent('[role=status]')).toContain('Review mode saved')
    expect(await page.textContent('#effective-mode')).toContain('hold: each edition waits for a maintainer')
  })

  it('runs the cron: the news is held, shown in /admin, and nobody is emailed', async () => {
    await advanceDemo(server.url, 2) // Netflix confirms filming has begun, and that two actors return
    await runCron(server.url)
    await waitFor('the held edition', async () => {
      await page.goto(`${server.url}/admin/review`)
      return (await page.locator('article.held').count()) > 0 ? true : undefined
    })
    const held = page.locator('article.held')
    expect(await held.locator('tr.material').count()).toBe(3)
    const text = (await held.textContent()) ?? ''
    expect(text).toContain('Stage: Filming (was: Renewed)')
    expect(text).toContain('Lomon returns as Lee Su-hyeok')
    expect(text).toContain('Park Ji-hu returns as Nam On-jo')
    expect(text).toContain('confirmed')
    await page.screenshot({ path: artifactPath('editorial-held.png'), fullPage: true })
    expect(await outbox(FAN, 'update')).toEqual([])
    // The maintainer is told, with the link to this page.
    const [alert] = await waitFor('the maintainer alert', async () => {
      const found = await outbox(EDITOR, 'alert')
      return found.length > 0 ? found : undefined
    })
    expect(alert!.text).toContain(`/admin/s/`)
    // Visitors do not see it yet.
    const facts = (await (await fetch(`${server.url}/api/facts`)).json()) as { facts: { stage: { value: string } } }
    expect(facts.facts.stage.value).toBe('renewed')

    // The subject's run report says the news waits, not that it was sent, and leads to the review.
    await page.goto(`${server.url}/admin`)
    const newest = page.locator('#runs details.run').first()
    expect(await newest.locator('.run-gist').textContent()).toContain('3 changes held for review, waiting')
    expect(await newest.locator('li.finding[data-reason="sent"]').count()).toBe(0)
    expect(await newest.locator('li.finding[data-reason="held"]').count()).toBe(3)
    await page.screenshot({ path: artifactPath('editorial-held-report.png'), fullPage: true })
    await newest.getByRole('link', { name: 'send or drop it' }).click()
    await page.waitForSelector('article.held')
  })

  it('drops one change and sends the rest: the outbox holds one email with only the approved changes', async () => {
    // The row whose change (not just its quoted sentence) is about Lomon.
    const lomonRow = page.locator('article.held tr.material', { has: page.locator('td:first-child strong', { hasText: 'Lomon returns' }) })
    await lomonRow.locator('input[name=reason]').fill('Only the first name was announced.')
    await lomonRow.locator('form.drop-change button').click()
    await expect.poll(() => page.textContent('[role=status]')).toContain('Change dropped')
    await page.locator('article.held form.send-held button').click()
    await expect.poll(() => page.textContent('[role=status]')).toContain('Edition sent')

    const updates = await waitFor('the update email', async () => {
      const found = await outbox(FAN, 'update')
      return found.length > 0 ? found : undefined
    })
    expect(updates).toHaveLength(1)
    expect(updates[0]!.subject).toBe('Filming has begun on All of Us Are Dead Season 2; Park Ji-hu returns')
    const headlines = updates[0]!.text.split('\n').filter((l) => l.startsWith('* '))
    expect(headlines).toEqual(['* Filming has begun on All of Us Are Dead Season 2', '* Park Ji-hu returns for All of Us Are Dead Season 2 as Nam On-jo'])
    expect(updates[0]!.text).not.toMatch(/- Lomon/)
    // The run's report now says what became of its held news.
    await page.goto(`${server.url}/admin`)
    const report = page.locator('#runs details.run').first()
    expect(await report.locator('.run-gist').textContent()).toContain('3 changes held for review, then sent (1 dropped)')
    const lomonFinding = report.locator('li.finding[data-reason="held"]', { has: page.locator('.finding-what', { hasText: 'Lomon' }) })
    expect(await lomonFinding.locator('.finding-why').textContent()).toMatch(/; then dropped by /)
    await openEmail(page, server.url, updates[0]!)
    await page.screenshot({ path: artifactPath('editorial-approved-email.png'), fullPage: true })
  })

  it('retracts a fact: the outbox shows the correction, and / shows the correction note', async () => {
    await page.goto(`${server.url}/admin/review`)
    const row = page.locator('#fact-list tr[data-fact="cast:Park Ji-hu"]')
    await row.locator('input[name=reason]').fill('The announcement named a different actor.')
    await row.locator('form.retract button').click()
    await expect.poll(() => page.textContent('[role=status]')).toContain('Fact retracted')
    expect(await page.textContent('#correction-list')).toContain('The announcement named a different actor.')

    const [correction] = await waitFor('the correction email', async () => {
      const found = (await outbox(FAN, 'update')).filter((m) => m.subject.startsWith('Correction'))
      return found.length > 0 ? found : undefined
    })
    expect(correction!.subject).toBe('Correction: All of Us Are Dead Season 2')
    expect(correction!.text).toContain('Park Ji-hu returns as Nam On-jo. That was not right.')
    expect(correction!.text).toContain('Park Ji-hu is not on the cast list.')
    expect(correction!.text).toContain('The announcement named a different actor.')

    await page.goto(`${server.url}/`)
    const note = page.locator('article.correction')
    await expect.poll(() => note.count()).toBeGreaterThan(0)
    expect(await note.first().textContent()).toContain('The announcement named a different actor.')
    expect(await page.textContent('body')).toContain('retracted, see the correction')
    await page.screenshot({ path: artifactPath('editorial-correction-home.png'), fullPage: true })
  })
})
