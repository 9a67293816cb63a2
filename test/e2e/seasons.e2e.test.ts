import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_SECOND_SUBJECT } from '../../src/site/demo/demo-second-show'
import { listSecondShowSources } from '../../src/site/demo/demo-documents'
import { artifactPath } from './support/browser'
import { waitFor, type DevServer } from './support/dev-server'
import { closeBrowserSession, openBrowserSession, type BrowserSession } from './support/session'
import { advanceDemo as advanceDemoTo, runCron as runDemoCron } from './support/demo'
import { readOutbox, type OutboxEntry } from './support/outbox'

// Following several seasons, end to end and offline: wrangler dev in demo mode (every email in
// the local outbox), the real runs and email Queues, the real cron over the demo news site and
// its second show. Port 8821, used by no other e2e file.
const PORT = 8821
const TOKEN = 'e2e-seasons-admin-token-0123456789abcdef'
const FIRST = 'all-of-us-are-dead-s2'
const SECOND = DEMO_SECOND_SUBJECT.slug
/** Follows the first season for everything and the second for its release date and trailers. */
const MIXED = 'mixed@example.com'
/** Follows the second season for everything. */
const ORCHARD = 'orchard@example.com'

let session: BrowserSession
let server: DevServer
let page: Page

const outbox = (to: string, kind?: string) => readOutbox(server.url, to, kind)
const updates = async (to: string) => (await outbox(to, 'update')).map((e) => e.subject)

const runCron = () => runDemoCron(server.url)
const advanceDemo = (step: number) => advanceDemoTo(server.url, step)

/** Waits until `to` has exactly `count` update emails, and returns their subjects (newest first). */
async function waitForUpdates(to: string, count: number): Promise<string[]> {
  return waitFor(`${count} update emails to ${to}`, async () => {
    const subjects = await updates(to)
    return subjects.length >= count ? subjects : undefined
  })
}

/** Opens an outbox email's HTML part the way a reader opens the email. */
async function openEmail(entry: OutboxEntry) {
  await page.goto(`${server.url}/outbox/${entry.id}/html`)
}

async function confirmFromOutbox(email: string) {
  const [mail] = await waitFor(`the confirmation email to ${email}`, async () => {
    const found = await outbox(email, 'confirm')
    return found.length > 0 ? found : undefined
  })
  await openEmail(mail!)
  await page.getByRole('link', { name: 'Confirm my subscription' }).click()
  await page.waitForURL('**/confirm?token=*')
  await page.getByRole('button', { name: 'Confirm my subscription' }).click()
  await expect.poll(() => page.locator('h1').textContent()).toBe('You’re subscribed')
  return (await page.locator('#following').textContent()) ?? ''
}

beforeAll(async () => {
  session = await openBrowserSession({ port: PORT, vars: { ADMIN_TOKEN: TOKEN } }, { viewport: { width: 900, height: 1000 } }, { resetDemo: true })
  ;({ server, page } = session)
}, 240_000)

afterAll(() => closeBrowserSession(session, 'seasons-last.png'))

describe('following several seasons, in Chromium against wrangler dev', () => {
  it('1. a maintainer adds the second show in the admin, with its sources from the demo news site', async () => {
    await page.goto(`${server.url}/admin`)
    await page.fill('input[name=token]', TOKEN)
    await page.click('button[type=submit]')
    await page.waitForSelector('#add-subject-form')
    const add = page.locator('#add-subject-form')
    await add.locator('input[name=slug]').fill(SECOND)
    await add.locator('input[name=show]').fill(DEMO_SECOND_SUBJECT.show)
    await add.locator('input[name=season]').fill(String(DEMO_SECOND_SUBJECT.season))
    await add.locator('textarea[name=aliases]').fill(DEMO_SECOND_SUBJECT.aliases.join('\n'))
    await add.locator('textarea[name=officialSources]').fill((DEMO_SECOND_SUBJECT.officialSources ?? []).join('\n'))
    await add.locator('textarea[name=people]').fill(JSON.stringify(DEMO_SECOND_SUBJECT.people))
    await add.locator('button[type=submit]').click()
    await page.waitForURL(`**/admin/s/${SECOND}?**`)

    for (const source of listSecondShowSources()) {
      await page.fill('#add-form input[name=id]', source.id)
      await page.fill('#add-form input[name=url]', source.url)
      await page.selectOption('#add-form select[name=kind]', source.kind)
      await page.click('#add-form button[type=submit]')
      await page.waitForSelector(`#source-${source.id}`)
    }
    await page.screenshot({ path: artifactPath('seasons-admin.png'), fullPage: true })

    // The baseline run of both seasons, then both are listed with their stage.
    await runCron()
    const subjects = await waitFor('both baselines', async () => {
      const body = (await (await fetch(`${server.url}/api/subjects`)).json()) as { subjects: { slug: string; stage: string | null }[] }
      return body.subjects.every((s) => s.stage !== null) && body.subjects.length === 2 ? body.subjects : undefined
    })
    expect(subjects.map((s) => [s.slug, s.stage])).toEqual([
      [FIRST, 'renewed'],
      [SECOND, 'renewed'],
    ])
  })

  it('2. visitors subscribe to both on the form, one choosing release-only for a season', async () => {
    await page.goto(`${server.url}/`)
    expect(await page.locator('h1').textContent()).toBe('The seasons we follow')
    expect(await page.locator('#seasons > li').count()).toBe(2)

    const form = page.locator('form.subscribe')
    await form.getByLabel('Email address').fill(MIXED)
    await page.check(`#season-${FIRST}`)
    await page.check(`#season-${SECOND}`)
    await page.check(`input[name="choice-${SECOND}"][value="release"]`)
    await page.screenshot({ path: artifactPath('seasons-form.png'), fullPage: true })
    await form.locator('button[type="submit"]').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox')

    // The second visitor comes from the season's own page, where it is ticked already.
    await page.goto(`${server.url}/s/${SECOND}/`)
    await page.locator('form.subscribe').getByLabel('Email address').fill(ORCHARD)
    expect(await page.isChecked(`#season-${SECOND}`)).toBe(true)
    await page.locator('form.subscribe button[type="submit"]').click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('Check your inbox')

    const mixed = await confirmFromOutbox(MIXED)
    expect(mixed).toContain('All of Us Are Dead Season 2: everything that changes')
    expect(mixed).toContain('The Glass Orchard Season 2: only the release date and trailers')
    expect(await confirmFromOutbox(ORCHARD)).toContain('The Glass Orchard Season 2: everything that changes')
  })

  it('3–4. the demo moves on, the cron runs, and each person gets the right emails with the right changes', async () => {
    await advanceDemo(2) // both shows start filming
    await runCron()
    expect(await waitForUpdates(MIXED, 1)).toEqual([expect.stringMatching(/^Filming has begun on All of Us Are Dead Season 2/)])
    expect(await waitForUpdates(ORCHARD, 1)).toEqual(['Filming has begun on The Glass Orchard Season 2'])

    await advanceDemo(5) // both wrap; the second show's first trailer is out
    await runCron()
    const mixed = await waitForUpdates(MIXED, 3)
    expect(mixed).toHaveLength(3)
    expect(mixed).toContain('Filming has wrapped on All of Us Are Dead Season 2')
    expect(mixed).toContain('The first trailer for The Glass Orchard Season 2 is out')
    // Not the second show's filming news: that one hears about its release date and trailers only.
    expect(mixed.filter((s) => s.includes('Glass Orchard'))).toEqual(['The first trailer for The Glass Orchard Season 2 is out'])
    expect(await waitForUpdates(ORCHARD, 2)).toContain('Filming has wrapped on The Glass Orchard Season 2; the first trailer is out')

    // The release-only email shows the trailer and not the stage change; the other shows both.
    const [trailerOnly] = (await outbox(MIXED, 'update')).filter((e) => e.subject.includes('Glass Orchard'))
    expect(trailerOnly!.text).toContain('The first trailer for The Glass Orchard Season 2 is out')
    expect(trailerOnly!.text).not.toContain('Filming has wrapped on The Glass Orchard')
    expect(trailerOnly!.text).toContain('(only the release date and trailers)')
    // Its fact sheet is the release date and trailer too: no production stage, no cast list.
    const sheet = trailerOnly!.text.slice(trailerOnly!.text.indexOf('THE FACTS NOW'))
    expect(sheet).toContain('Trailer:')
    expect(sheet).not.toContain('Production stage')
    expect(sheet).not.toContain('Cast:')
    const [both] = (await outbox(ORCHARD, 'update')).filter((e) => e.subject.includes('wrapped'))
    expect(both!.text).toContain('Filming has wrapped on The Glass Orchard Season 2')
    expect(both!.text).toContain('The first trailer for The Glass Orchard Season 2 is out')
    // One-click headers are for the season of that email.
    expect(trailerOnly!.headers['List-Unsubscribe']).toMatch(/^<http:\/\/127\.0\.0\.1:8821\/unsubscribe\/one-click\?token=v2\.u\./)
    await openEmail(trailerOnly!)
    await page.screenshot({ path: artifactPath('seasons-release-only-email.png'), fullPage: true })
  })

  it('5. the manage link changes the choices', async () => {
    const [latest] = await outbox(MIXED, 'update')
    await openEmail(latest!)
    await page.getByRole('link', { name: 'change your seasons and what you hear about' }).click()
    await page.waitForURL('**/manage?token=*')
    expect(await page.locator('h1').textContent()).toBe('Your subscription')
    expect(await page.isChecked(`#season-${FIRST}`)).toBe(true)
    expect(await page.isChecked(`input[name="choice-${SECOND}"][value="release"]`)).toBe(true)
    // Now: the first season for its release date and trailers only, the second for everything.
    await page.check(`input[name="choice-${FIRST}"][value="release"]`)
    await page.check(`input[name="choice-${SECOND}"][value="all"]`)
    await page.click('#manage-form button[type=submit]')
    await page.waitForSelector('#manage-saved')
    expect(await page.isChecked(`input[name="choice-${FIRST}"][value="release"]`)).toBe(true)
    expect(await page.isChecked(`input[name="choice-${SECOND}"][value="all"]`)).toBe(true)
    await page.screenshot({ path: artifactPath('seasons-manage.png'), fullPage: true })
  })

  it('6. unsubscribing from one season keeps the other', async () => {
    const [fromFirst] = (await outbox(MIXED, 'update')).filter((e) => e.subject.includes('All of Us Are Dead'))
    await openEmail(fromFirst!)
    await page.getByRole('link', { name: 'Unsubscribe' }).click()
    await page.waitForURL('**/unsubscribe?token=*')
    await page.getByRole('button', { name: 'Unsubscribe from All of Us Are Dead Season 2' }).click()
    await expect.poll(() => page.locator('h1').textContent()).toBe('You left All of Us Are Dead Season 2')
    expect(await page.locator('#still-following').textContent()).toContain('The Glass Orchard Season 2: everything that changes')

    // Both premiere dates are confirmed at step 9: only the season still followed is emailed.
    const before = (await updates(MIXED)).length
    await advanceDemo(9)
    await runCron()
    await waitForUpdates(ORCHARD, 3)
    const after = await waitForUpdates(MIXED, before + 1)
    expect(after[0]).toBe('The Glass Orchard Season 2 premieres on 20 Nov 2026')
    // Give the first season's run time to have sent anything, then check it did not.
    await waitFor('the first season’s premiere run', async () => {
      const body = (await (await fetch(`${server.url}/s/${FIRST}/api/facts`)).json()) as { facts: { release: { status: string } } }
      return body.facts.release.status === 'confirmed' ? true : undefined
    })
    await new Promise((r) => setTimeout(r, 2_000))
    expect((await updates(MIXED)).filter((s) => s.includes('All of Us Are Dead') && s.includes('premieres'))).toEqual([])

    // The premiere email offers the calendar file, which is there now.
    const [premiere] = await outbox(MIXED, 'update')
    const ics = /http:\/\/\S+\/s\/the-glass-orchard-s2\/release\.ics/.exec(premiere!.text)![0]
    const res = await fetch(ics)
    expect(res.status).toBe(200)
    expect(await res.text()).toContain('DTSTART;VALUE=DATE:20261120')
  })

  it('7. the maintainer removes the second season, ticking the box that says who follows it: its pages are gone', async () => {
    await page.goto(`${server.url}/admin/s/${SECOND}`)
    const remove = page.locator('#subject-delete')
    expect(await remove.textContent()).toContain('2 people follow it')
    // The box is required: the button alone does nothing.
    await remove.locator('button[type=submit]').click()
    expect(page.url()).toContain(`/admin/s/${SECOND}`)
    await remove.locator('input[name=confirm]').check()
    await remove.locator('button[type=submit]').click()
    await page.waitForURL('**/admin?done=subject-delete*')

    const gone = await page.goto(`${server.url}/s/${SECOND}/`)
    expect(gone!.status()).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('No such season')
    expect(await page.getByRole('link', { name: 'The seasons we follow' }).getAttribute('href')).toBe('/')
    expect(await page.locator('header.site-header').count()).toBe(1)
    await page.screenshot({ path: artifactPath('seasons-removed.png'), fullPage: true })
    // One season left: / is its page again.
    await page.goto(`${server.url}/`)
    expect(await page.locator('h1').textContent()).toContain('All of Us Are Dead')

    // The lists and the API forget it too.
    const listed = (await (await fetch(`${server.url}/api/subjects`)).json()) as { subjects: { slug: string }[] }
    expect(listed.subjects.map((x) => x.slug)).toEqual([FIRST])
    expect((await fetch(`${server.url}/s/${SECOND}/api/facts`)).status).toBe(404)
  })
})
