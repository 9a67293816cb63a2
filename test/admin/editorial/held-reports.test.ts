import { beforeEach, describe, expect, it } from 'vitest'
import type { RunSummary } from '../../../src/pipeline/run/run-report'
import { findingOutcomeLine, RunReportList, runGist } from '../../../templates/run-report'
import { adminApi, freshWorld, makeEnv, makeWeb, newsArrives, ONE, run, SAYS, SLUG, subscribe, type Web } from './world'

/** A baseline run, then site one confirms filming and two actors: three material changes, held. */
async function heldNews(api: ReturnType<typeof adminApi>, e: Env, web: Web) {
  await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })
  await newsArrives(e, web)
  const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string; changes: { id: string; change: { to: { actor?: string } } }[] }[]
  return held!
}

async function newestReport(api: ReturnType<typeof adminApi>): Promise<RunSummary> {
  return ((await api('GET', `/api/subjects/${SLUG}/runs`)).body.runs as RunSummary[])[0]!
}

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
  await subscribe('early@example.com', '2025-01-01T00:00:00.000Z')
})

describe('the run report of a run that held its edition', () => {
  it('says the changes were held for review, not sent, and names the held edition', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    const held = await heldNews(api, e, web)
    const s = await newestReport(api)
    expect(s.sent).toBe(0)
    expect(s.held).toMatchObject({ edition: held.id, changes: 3, outcome: { status: 'held', at: null, by: null, dropped: [] } })
    const reasons = s.findings.filter((f) => f.change).map((f) => f.reason)
    expect(reasons).toEqual(['held', 'held', 'held'])
    expect(s.findings.map((f) => f.reason)).not.toContain('sent')
    expect(runGist(s)).toContain('3 changes held for review, waiting')
    expect(runGist(s)).not.toContain('sent')
    // The admin's report links to the review page while it waits.
    const html = String(await RunReportList({ reports: [s], reviewHref: (id) => `/admin/review#held-${id}` }))
    expect(html).toContain(`<a href="/admin/review#held-${held.id}">send or drop it</a>`)
    // Each held finding names its change, so a decision can be read against it.
    expect(s.findings.filter((f) => f.reason === 'held').map((f) => f.change).sort()).toEqual(held.changes.map((c) => c.id).sort())
  })

  it('after a maintainer drops one change and sends the rest, says so per change', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    const held = await heldNews(api, e, web)
    const lomon = held.changes.find((c) => c.change.to.actor === 'Lomon')!
    await api('POST', `/api/subjects/${SLUG}/review/held/${held.id}/drop-change`, { changeId: lomon.id, reason: 'One outlet only.' })
    await api('POST', `/api/subjects/${SLUG}/review/held/${held.id}/send`)

    const s = await newestReport(api)
    expect(s.held?.outcome).toMatchObject({ status: 'sent', dropped: [lomon.id], at: '2025-07-16T00:00:00.000Z' })
    expect(s.held?.outcome?.by).toBeTruthy()
    expect(runGist(s)).toContain('3 changes held for review, then sent (1 dropped)')
    expect(String(await RunReportList({ reports: [s], reviewHref: (id) => `/admin/review#held-${id}` }))).not.toContain('send or drop it')
    const lines = new Map(s.findings.filter((f) => f.reason === 'held').map((f) => [f.change, findingOutcomeLine(f, s.held)]))
    expect(lines.get(lomon.id)).toMatch(/^held for review.*; then dropped by /)
    const others = held.changes.filter((c) => c.id !== lomon.id).map((c) => lines.get(c.id))
    expect(others).toHaveLength(2)
    for (const line of others) expect(line).toMatch(/; then sent by /)
  })

  it('after the whole edition is dropped, every held change reads as dropped', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    const held = await heldNews(api, e, web)
    await api('POST', `/api/subjects/${SLUG}/review/held/${held.id}/drop`, { reason: 'A hoax.' })
    const s = await newestReport(api)
    expect(runGist(s)).toContain('held for review, then dropped')
    for (const f of s.findings.filter((x) => x.reason === 'held')) expect(findingOutcomeLine(f, s.held)).toMatch(/; then dropped/)
  })

  it('a run with review off says "sent", and names no held edition', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    await run(e, web, '2025-01-11T07:00:00.000Z')
    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming] }
    await run(e, web, '2025-07-15T07:00:00.000Z')
    const s = await newestReport(api)
    expect(s.held).toBeNull()
    expect(s.sent).toBeGreaterThan(0)
    expect(s.findings[0]!.reason).toBe('sent')
    expect(runGist(s)).toMatch(/changes? sent$/)
  })
})
