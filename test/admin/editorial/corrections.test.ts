import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { renderAtomFeed } from '../../../templates/atom-feed'
import { HistoryList } from '../../../templates/history-list'
import { auditMark } from '../helpers'
import { adminApi, auditOf, deliverEmails, freshWorld, makeEnv, makeWeb, newsArrives, ONE, outbox, pipelineState, publicView, run, SAYS, SLUG, subscribe, TWO, type Web } from './world'

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
})

/** Baseline, then site one confirms filming and two actors (review off: the update goes out). */
async function announce(e: Env, emails: Parameters<typeof deliverEmails>[1]) {
  await newsArrives(e, web)
  await deliverEmails(e, emails)
}

describe('retracting an announced fact', () => {
  it('takes it off the facts, shows the correction, and emails its recipients once, even when repeated', async () => {
    const { e, emails } = makeEnv()
    await subscribe('got-it@example.com', '2025-02-01T00:00:00.000Z')
    await announce(e, emails)
    // The run's notifier snapshots with the real clock: "later" is after that.
    await subscribe('joined-later@example.com', new Date(Date.now() + 60_000).toISOString())
    expect((await outbox()).filter((m) => m.kind === 'update').map((m) => m.to)).toEqual(['got-it@example.com'])
    const [announced] = (await publicView()).history

    const api = adminApi(e, () => new Date('2025-08-01T10:00:00Z'))
    const mark = await auditMark()
    const retracted = await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'cast', actor: 'Lomon', reason: 'Netflix never said so; the announcement named one actor.' })
    expect(retracted.status).toBe(200)
    const note = (retracted.body as { note: { id: string; wrong: string; now: string; editionId: string } }).note
    expect(note).toMatchObject({ wrong: 'Lomon returns as Lee Su-hyeok', now: 'Lomon is not on the cast list.', editionId: announced!.id })

    // The facts, the public view, the history (the original change marked) and the feed.
    expect((await pipelineState()).facts.cast.map((c) => c.actor)).toEqual(['Park Ji-hu'])
    const view = await publicView()
    expect(view.facts.cast.map((c) => c.actor)).toEqual(['Park Ji-hu'])
    expect(view.history[0]).toMatchObject({ id: note.id, changes: [], correction: { reason: 'Netflix never said so; the announcement named one actor.' } })
    expect(view.history[1]!.retracted).toEqual([{ changeId: expect.stringContaining('Lomon'), correctionId: note.id }])
    const history = String(await HistoryList({ entries: view.history }))
    expect(history).toContain('Correction')
    expect(history).toContain('<s>Lomon returns as Lee Su-hyeok</s>')
    const feed = await renderAtomFeed({ publicUrl: 'https://watch.test', show: 'All of Us Are Dead', season: 2, entries: view.history, updatedAt: view.updatedAt })
    expect(feed).toContain(`urn:season-watch:edition:${note.id}`)
    expect(feed).toContain('Correction: Lomon returns as Lee Su-hyeok was wrong')
    expect(await auditOf(mark, 'retract')).toEqual([{ action: 'retract', actor: expect.stringMatching(/^token:/), via: 'api', targetKind: 'fact', target: 'cast:lomon:in', reason: 'Netflix never said so; the announcement named one actor.' }])

    // One short correction, to the one who got the wrong fact (not to who joined later).
    await deliverEmails(e, emails)
    const corrections = (await outbox()).filter((m) => m.subject.startsWith('Correction'))
    expect(corrections.map((m) => m.to)).toEqual(['got-it@example.com'])
    expect(corrections[0]!.text).toContain('Lomon returns as Lee Su-hyeok. That was not right.')
    expect(corrections[0]!.text).toContain('Lomon is not on the cast list.')
    expect(corrections[0]!.text).toContain('Netflix never said so')
    expect(corrections[0]!.text).toContain('Unsubscribe')

    // Again: nothing to retract, nothing sent; and a re-delivered job sends nothing twice.
    expect(await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'cast', actor: 'Lomon', reason: 'again' })).toMatchObject({ status: 404 })
    expect(emails.jobs).toEqual([])
    const { results } = await env.DB.prepare(`SELECT batch_index FROM edition_batches WHERE edition_id = ?1`).bind(note.id).all<{ batch_index: number }>()
    await deliverEmails(e, { jobs: results.map((r) => ({ kind: 'edition' as const, editionId: note.id, batchIndex: r.batch_index })) } as never)
    expect((await outbox()).filter((m) => m.subject.startsWith('Correction'))).toHaveLength(1)
    expect(await auditOf(mark, 'retract')).toHaveLength(1)
  })

  it('the retracted claims never bring the fact back; new evidence from another site does', async () => {
    const { e, emails } = makeEnv()
    await announce(e, emails)
    const api = adminApi(e, () => new Date('2025-08-01T10:00:00Z'))
    await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'stage', reason: 'The filming report was about a rehearsal.' })
    expect((await pipelineState()).facts.stage?.value).toBe('renewed')

    // The same site repeating it, in a new article, changes nothing.
    web.pages[ONE] = { date: '2025-08-05', says: [SAYS.renewed, SAYS.filming, SAYS.twoReturn] }
    await run(e, web, '2025-08-06T07:00:00.000Z')
    expect((await pipelineState()).facts.stage?.value).toBe('renewed')
    expect((await publicView()).facts.stage?.value).toBe('renewed')

    // Another site confirming it does, and it is emailed again.
    web.pages[TWO] = { date: '2025-08-10', says: [SAYS.filming] }
    await run(e, web, '2025-08-11T07:00:00.000Z')
    expect((await pipelineState()).facts.stage).toMatchObject({ value: 'filming', sources: [{ source: TWO }] })
    const { results } = await env.DB.prepare(`SELECT changes_json FROM editions ORDER BY rowid`).all<{ changes_json: string }>()
    // The update, the correction (it carries the corrected change), the new update.
    expect(results.map((r) => (JSON.parse(r.changes_json) as { field: string }[]).map((c) => c.field))).toEqual([['stage', 'cast', 'cast'], ['stage'], ['stage']])
  })

  it('a retracted actor coming back on another site’s word is news again, emailed as an update', async () => {
    const { e, emails } = makeEnv()
    await subscribe('reader@example.com', '2025-02-01T00:00:00.000Z')
    await announce(e, emails)
    const api = adminApi(e, () => new Date('2025-08-01T10:00:00Z'))
    await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'cast', actor: 'Lomon', reason: 'Not confirmed.' })
    await deliverEmails(e, emails)
    // Nothing about Lomon reads as already reported any more.
    expect((await pipelineState()).reported.filter((id) => id.includes('Lomon'))).toEqual([])

    web.pages[TWO] = { date: '2025-08-10', says: [SAYS.lomon] }
    await run(e, web, '2025-08-11T07:00:00.000Z')
    await deliverEmails(e, emails)
    const mails = (await outbox()).filter((m) => m.to === 'reader@example.com').map((m) => m.subject)
    expect(mails).toHaveLength(3) // the update, the correction, Lomon again
    expect(mails[1]).toMatch(/^Correction/)
    expect(mails[2]).toContain('Lomon')
    expect((await publicView()).facts.cast.map((c) => c.actor).sort()).toEqual(['Lomon', 'Park Ji-hu'])
  })

  it('a fact no update carried (the baseline) is corrected in public, with no email', async () => {
    const { e, emails } = makeEnv()
    await subscribe('reader@example.com', '2025-01-01T00:00:00.000Z')
    web.pages[ONE] = { date: '2025-01-10', says: [SAYS.renewed, SAYS.lomon] }
    await run(e, web, '2025-01-11T07:00:00.000Z')
    const api = adminApi(e, () => new Date('2025-02-01T00:00:00Z'))
    const r = await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'cast', actor: 'Lomon', reason: 'Wrong season.' })
    expect(r).toMatchObject({ status: 200, body: { correctionEditionId: null } })
    expect(emails.jobs).toEqual([])
    expect((await publicView()).history[0]!.correction).toMatchObject({ wrong: 'Lomon returns as Lee Su-hyeok', editionId: null })
  })

  it('refuses a retraction without a reason, of a field that is empty, or of a fact still held', async () => {
    const { e } = makeEnv()
    await run(e, web, '2025-01-11T07:00:00.000Z')
    const api = adminApi(e, () => new Date('2025-02-01T00:00:00Z'))
    expect(await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'stage', reason: ' ' })).toMatchObject({ status: 422, body: { errors: { reason: expect.any(String) } } })
    expect(await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'cast', reason: 'x' })).toMatchObject({ status: 422, body: { errors: { actor: expect.any(String) } } })
    expect(await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'trailer', reason: 'x' })).toMatchObject({ status: 404 })

    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold' })
    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming] }
    await run(e, web, '2025-07-15T07:00:00.000Z')
    expect(await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'stage', reason: 'x' })).toMatchObject({ status: 409, body: { error: expect.stringContaining('held') } })
  })
})
