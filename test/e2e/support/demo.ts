import { expect } from 'vitest'

/** The cron as `wrangler dev --test-scheduled` exposes it (the schedule in wrangler.toml, run now). */
export const CRON_PATH = '/__scheduled?cron=0+7+*+*+1,4'

/** Fires the scheduled handler once; it returns at once and the runs go on through the Queue. */
export async function runCron(serverUrl: string): Promise<void> {
  const res = await fetch(serverUrl + CRON_PATH)
  expect(res.status, await res.text()).toBe(200)
}

/** Advances the demo's news until it reaches `step` (the steps between are passed through). */
export async function advanceDemo(serverUrl: string, step: number): Promise<void> {
  let at = -1
  while (at < step) {
    const res = await fetch(`${serverUrl}/demo/advance`, { method: 'POST', headers: { accept: 'application/json' } })
    at = ((await res.json()) as { step: number }).step
  }
  expect(at).toBe(step)
}
