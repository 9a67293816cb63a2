import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { sweepEditorial } from '../../../src/worker/scheduled'
import { auditMark } from '../helpers'
import { adminApi, auditOf, deliverEmails, freshWorld, MAINTAINER, makeEnv, makeWeb, newsArrives, ONE, outbox, pipelineState, publicView, run, SAYS, SLUG, subscribe, TWO, type Web } from './world'

const BASELINE = '2025-01-11T07:00:00.000Z'
const NEWS = '2025-07-15T07:00:00.000Z'

async function editions() {
  const { results } = await env.DB.prepare('SELECT id, snapshot_at AS snapshotAt, changes_json AS changes FROM editions ORDER BY created_at').all<{ id: string; snapshotAt: string; changes: string }>()
  return results
}

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
  await subscribe('early@example.com', '2025-01-01T00:00:00.000Z')
})

describe('review mode hold', () => {
  it('holds the edition instead of sending it, keeps it off the public page, and tells the maintainers', async () => {
    const { e, emails } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-01T00:00:00Z'))
    expect((await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })).status).toBe(200)

    await newsArrives(e, web)
    expect(await editions()).toEqual([]) // nothing sent
    const review = await api('GET', `/api/subjects/${SLUG}/review`)
    const pending = review.body.pending as { id: string; changes: { id: string; change: { field: string } }[]; holdUntil: string | null }[]
    expect(pending).toHaveLength(1)
    expect(pending[0]!.changes.map((c) => c.change.field).sort()).toEqual(['cast', 'cast', 'stage'])
    expect(pending[0]!.holdUntil).toBeNull()
    // The pipeline knows the facts (so the next run does not find them again); visitors do not yet.
    expect((await pipelineState()).facts.stage?.value).toBe('filming')
    expect((await publicView()).facts.stage?.value).toBe('renewed')
    expect((await publicView()).facts.cast).toEqual([])
    expect((await publicView()).history).toEqual([])

    // One alert, to the maintainer, with the link to review it.
    await deliverEmails(e, emails)
    const mails = await outbox()
    expect(mails.map((m) => [m.kind, m.to])).toEqual([['alert', MAINTAINER]])
    expect(mails[0]!.text).toContain(`https://watch.test/admin/s/${SLUG}/review#held-${pending[0]!.id}`)
    expect(mails[0]!.text).toContain('Filming')

    // A second run finds nothing new and holds nothing more.
    await run(e, web, '2025-07-18T07:00:00.000Z')
    expect(((await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as unknown[]).length).toBe(1)
    await deliverEmails(e, emails)
    expect(await outbox()).toHaveLength(1)
  })

  it('hold, then approve: the email goes to those confirmed before the approval, not after', async () => {
    const { e, emails } = makeEnv()
    let now = new Date('2025-07-01T00:00:00Z')
    const api = adminApi(e, () => now)
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })
    await newsArrives(e, web)
    await deliverEmails(e, emails) // the alert
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string }[]

    await subscribe('while-held@example.com', '2025-07-16T00:00:00.000Z')
    const mark = await auditMark()
    now = new Date('2025-07-17T09:00:00Z')
    const sent = await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/send`)
    expect(sent.status).toBe(200)
    expect(sent.body.sentEditionId).toBe(held!.id) // nothing dropped: the id it was found with
    await subscribe('after@example.com', '2025-07-17T10:00:00.000Z')

    const [edition] = await editions()
    expect(edition!.snapshotAt).toBe('2025-07-17T09:00:00.000Z')
    await deliverEmails(e, emails)
    const updates = (await outbox()).filter((m) => m.kind === 'update')
    expect(updates.map((m) => m.to).sort()).toEqual(['early@example.com', 'while-held@example.com'])
    expect(updates[0]!.subject).toMatch(/Filming has begun/)

    // Now public, and in the history with the time it was found.
    const view = await publicView()
    expect(view.facts.stage?.value).toBe('filming')
    expect(view.history.map((h) => [h.id, h.at])).toEqual([[held!.id, NEWS]])
    expect(await auditOf(mark, 'send-edition')).toEqual([{ action: 'send-edition', actor: expect.stringMatching(/^token:/), via: 'api', targetKind: 'edition', target: held!.id, reason: null }])

    // Sending twice sends nothing twice.
    const again = await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/send`)
    expect(again.status).toBe(409)
    expect(emails.jobs).toEqual([])
  })

  it('hold, drop one change, approve the rest: the email holds exactly the approved changes, and the dropped claims stop counting', async () => {
    const { e, emails } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })
    await newsArrives(e, web)
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string; changes: { id: string; change: { field: string; to: { actor?: string } } }[] }[]
    const lomon = held!.changes.find((c) => c.change.to.actor === 'Lomon')!

    const mark = await auditMark()
    const drop = await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/drop-change`, { changeId: lomon.id, reason: 'Only one outlet says so.' })
    expect(drop.status).toBe(200)
    expect(await auditOf(mark, 'drop-change')).toMatchObject([{ targetKind: 'edition', target: held!.id, reason: 'Only one outlet says so.' }])
    // The fact goes back at once: Lomon is not in the pipeline's cast either.
    expect((await pipelineState()).facts.cast.map((c) => c.actor)).toEqual(['Park Ji-hu'])

    const sent = await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/send`)
    expect(sent.body.sentEditionId).not.toBe(held!.id) // fewer changes, another edition id
    const [edition] = await editions()
    expect((JSON.parse(edition!.changes) as { field: string }[]).map((c) => c.field).sort()).toEqual(['cast', 'stage'])
    emails.jobs.splice(0, emails.jobs.length - 1) // the alert is another spec's business
    await deliverEmails(e, emails)
    const [update] = (await outbox()).filter((m) => m.kind === 'update')
    // Headlines and the cast list: Park Ji-hu, never Lomon (the shared sentence still quotes both).
    const told = update!.text.split('\n').filter((l) => l.startsWith('* ') || l.startsWith('- ') && !l.startsWith('- http'))
    expect(told).toEqual(['* Filming has begun on All of Us Are Dead Season 2', '* Park Ji-hu returns for All of Us Are Dead Season 2 as Nam On-jo', '- Park Ji-hu as Nam On-jo (Returning)'])
    expect(update!.subject).not.toContain('Lomon')
    expect((await publicView()).facts.cast.map((c) => c.actor)).toEqual(['Park Ji-hu'])

    // Review off from now on. The same site saying it again does not bring Lomon back...
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'off' })
    web.pages[ONE] = { date: '2025-07-20', says: [SAYS.renewed, SAYS.filming, SAYS.twoReturn, SAYS.lomon] }
    await run(e, web, '2025-07-21T07:00:00.000Z')
    expect((await pipelineState()).facts.cast.map((c) => c.actor)).toEqual(['Park Ji-hu'])
    expect(await editions()).toHaveLength(1)

    // ...new evidence from another site does, and it is news again.
    web.pages[TWO] = { date: '2025-07-22', says: [SAYS.lomon] }
    await run(e, web, '2025-07-23T07:00:00.000Z')
    const facts = (await pipelineState()).facts
    expect(facts.cast.map((c) => c.actor)).toEqual(['Lomon', 'Park Ji-hu'])
    expect(facts.cast.find((c) => c.actor === 'Lomon')!.sources!.map((s) => s.source)).toEqual([TWO])
    const all = await editions()
    expect(all).toHaveLength(2)
    expect((JSON.parse(all[1]!.changes) as { to: { actor: string } }[]).map((c) => c.to.actor)).toEqual(['Lomon'])
  })

  it('drop the whole edition: nothing is sent, every fact goes back, the claims stop counting', async () => {
    const { e, emails } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })
    await newsArrives(e, web)
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string }[]
    const mark = await auditMark()
    expect((await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/drop`, { reason: 'A hoax.' })).status).toBe(200)
    expect(await auditOf(mark, 'drop-edition')).toMatchObject([{ target: held!.id, reason: 'A hoax.' }])
    const facts = (await pipelineState()).facts
    expect(facts.stage?.value).toBe('renewed')
    expect(facts.cast).toEqual([])
    expect(await editions()).toEqual([])

    // The same page read again changes nothing; nothing is held again.
    await run(e, web, '2025-07-18T07:00:00.000Z')
    expect((await pipelineState()).facts.stage?.value).toBe('renewed')
    const review = await api('GET', `/api/subjects/${SLUG}/review`)
    expect(review.body.pending).toEqual([])
    emails.jobs.length = 0
  })

  it('hold N hours: the sweep sends it once the window has passed, and not before', async () => {
    const { e, emails } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-01T00:00:00Z'))
    expect((await api('PATCH', `/api/editorial/review`, { mode: 'hold', holdHours: 6 })).status).toBe(200) // the default for every subject
    await newsArrives(e, web)
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string; holdUntil: string }[]
    expect(held!.holdUntil).toBe('2025-07-15T13:00:00.000Z')
    emails.jobs.length = 0

    await sweepEditorial(e, new Date('2025-07-15T12:30:00Z'))
    expect(await editions()).toEqual([])
    const mark = await auditMark()
    await sweepEditorial(e, new Date('2025-07-15T13:30:00Z'))
    const [edition] = await editions()
    expect(edition!.id).toBe(held!.id)
    expect(edition!.snapshotAt).toBe('2025-07-15T13:30:00.000Z')
    expect(await auditOf(mark, 'auto-send-edition')).toEqual([{ action: 'auto-send-edition', actor: 'system', via: 'system', targetKind: 'edition', target: held!.id, reason: 'the hold window passed' }])
    await deliverEmails(e, emails)
    expect((await outbox()).filter((m) => m.kind === 'update').map((m) => m.to)).toEqual(['early@example.com'])

    // A later sweep finds nothing to do.
    await sweepEditorial(e, new Date('2025-07-15T14:30:00Z'))
    expect(await editions()).toHaveLength(1)
    expect(emails.jobs).toEqual([])
  })

  it('dropping its last change settles the edition: nothing is left to send', async () => {
    const { e, emails } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-16T00:00:00Z'))
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })
    await run(e, web, BASELINE)
    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming] }
    await run(e, web, NEWS)
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string; changes: { id: string }[] }[]
    expect(held!.changes).toHaveLength(1)
    await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/drop-change`, { changeId: held!.changes[0]!.id })
    const review = await api('GET', `/api/subjects/${SLUG}/review`)
    expect(review.body.pending).toEqual([])
    expect((review.body.decided as { status: string }[]).map((d) => d.status)).toEqual(['dropped'])
    expect(await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/send`)).toMatchObject({ status: 409 })
    expect(await editions()).toEqual([])
    emails.jobs.length = 0
  })

  it('a dropped edition is not sent when its window passes', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-15T08:00:00Z'))
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold', holdHours: 1 })
    await newsArrives(e, web)
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string }[]
    await api('POST', `/api/subjects/${SLUG}/review/held/${held!.id}/drop`, {})
    await sweepEditorial(e, new Date('2025-07-16T08:00:00Z'))
    expect(await editions()).toEqual([])
  })

  it('refuses bad settings field by field, and unknown editions', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-01T00:00:00Z'))
    expect(await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'sometimes', holdHours: 0 })).toMatchObject({ status: 422, body: { errors: { mode: expect.any(String), holdHours: expect.any(String) } } })
    expect(await api('PATCH', `/api/editorial/alerts`, { alertEmails: ['not an address'], failureThreshold: 0 })).toMatchObject({ status: 422, body: { errors: { 'alertEmails.0': expect.any(String), failureThreshold: expect.any(String) } } })
    // An unknown field is named, as the source and subject forms name it.
    expect(await api('PATCH', `/api/editorial/review`, { mode: 'off', loud: true })).toMatchObject({ status: 422, body: { errors: { loud: 'Unknown field.' } } })
    await run(e, web, BASELINE)
    expect(await api('POST', `/api/subjects/${SLUG}/review/held/nope/send`)).toMatchObject({ status: 404 })
    expect(await api('POST', `/api/subjects/no-such-s1/review/held/nope/send`)).toMatchObject({ status: 404 })
  })
})
