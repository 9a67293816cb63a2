import type { Page } from 'playwright-core'
import type { OutboxEntry } from './outbox'

/** The main cron's URL under `wrangler dev --test-scheduled`. */
export const CRON_PATH = '/__scheduled?cron=0+7+*+*+1,4'

/** Fires the cron (it answers at once; the runs Queue does the work). */
export async function runCron(serverUrl: string): Promise<void> {
  const res = await fetch(serverUrl + CRON_PATH)
  if (res.status !== 200) throw new Error(`cron: ${res.status} ${await res.text()}`)
}

/** Advances the demo until it reaches `step` (the steps between are quiet news). Returns the step reached. */
export async function advanceDemo(serverUrl: string, step: number): Promise<number> {
  let at = -1
  while (at < step) {
    const res = await fetch(`${serverUrl}/demo/advance`, { method: 'POST', headers: { accept: 'application/json' } })
    at = ((await res.json()) as { step: number }).step
  }
  return at
}

/** Opens an outbox email's HTML part the way a reader opens the email, via the outbox page. */
export async function openEmail(page: Page, serverUrl: string, entry: OutboxEntry): Promise<void> {
  await page.goto(`${serverUrl}/outbox?to=${encodeURIComponent(entry.to)}`)
  await page.locator(`a[href="/outbox/${entry.id}"]`).click()
  await page.locator('#open-html').click()
  await page.waitForURL(`**/outbox/${entry.id}/html`)
}
