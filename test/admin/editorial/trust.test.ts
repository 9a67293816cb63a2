import { beforeEach, describe, expect, it } from 'vitest'
import { makeAdmin, TOKEN, auditMark } from '../helpers'
import { adminApi, auditOf, freshWorld, webFetch, makeEnv, makeWeb, pipelineState, run, SAYS, SLUG, THREE, TWO, type Web } from './world'

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
})

/** Baseline, then two sites report (not confirm) that Yoon Chan-young returns: enough, from two sites. */
async function twoSitesReport(e: Env) {
  await run(e, web, '2025-01-11T07:00:00.000Z')
  web.pages[TWO] = { date: '2025-07-14', says: [SAYS.yoonA] }
  web.pages[THREE] = { date: '2025-07-15', says: [SAYS.yoonB] }
  await run(e, web, '2025-07-16T07:00:00.000Z')
  return (await pipelineState()).facts.cast.map((c) => c.actor)
}

describe('source trust', () => {
  it('two sites reporting the same thing establish it (the rule the next specs switch off)', async () => {
    const { e } = makeEnv()
    expect(await twoSitesReport(e)).toEqual(['Yoon Chan-young'])
  })

  it('an unreliable source no longer corroborates, is audited with its reason, and the dry-run shows its claims marked', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-01T00:00:00Z'))
    const mark = await auditMark()
    const marked = await api('POST', `/api/subjects/${SLUG}/review/trust`, { source: 'three', unreliable: true, reason: 'Copies rumours from forums.' })
    expect(marked).toMatchObject({ status: 200, body: { source: { id: 'three', unreliable: true } } })
    expect(await auditOf(mark, 'mark-unreliable')).toEqual([{ action: 'mark-unreliable', actor: expect.stringMatching(/^token:/), via: 'api', targetKind: 'source', target: 'three', reason: 'Copies rumours from forums.' }])

    expect(await twoSitesReport(e)).toEqual([])
    const state = await pipelineState()
    expect(state.claims.some((c) => c.source === THREE)).toBe(true) // kept in the ledger, just not counted

    // The dry-run still reads it, and says its claims do not count.
    const res = await makeAdmin({ now: () => new Date('2025-07-17T00:00:00Z'), fetch: webFetch(web) }).request(
      `/api/subjects/${SLUG}/sources/three/dry-run`,
      { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}` } },
      e,
    )
    const dry = (await res.json()) as { unreliable: boolean; documents: { claims: unknown[] }[]; changes: unknown[] }
    expect(dry.unreliable).toBe(true)
    expect(dry.documents[0]!.claims).toHaveLength(1)
    expect(dry.changes).toEqual([])

    // Trusted again: the next run counts it.
    await api('POST', `/api/subjects/${SLUG}/review/trust`, { source: 'three', unreliable: false, reason: 'Checked: it cites its sources.' })
    expect(await auditOf(mark, 'mark-reliable')).toHaveLength(1)
    await run(e, web, '2025-07-20T07:00:00.000Z')
    expect((await pipelineState()).facts.cast.map((c) => c.actor)).toEqual(['Yoon Chan-young'])
  })

  it('an ignored sentence stops counting, once, audited', async () => {
    const { e } = makeEnv()
    const api = adminApi(e, () => new Date('2025-07-01T00:00:00Z'))
    const mark = await auditMark()
    const body = { source: TWO, evidence: SAYS.yoonA, reason: 'The "industry sources" are a fan account.' }
    expect(await api('POST', `/api/subjects/${SLUG}/review/ignore`, body)).toMatchObject({ status: 200, body: { added: true } })
    expect(await api('POST', `/api/subjects/${SLUG}/review/ignore`, body)).toMatchObject({ status: 200, body: { added: false } })
    expect(await auditOf(mark, 'ignore-evidence')).toEqual([{ action: 'ignore-evidence', actor: expect.stringMatching(/^token:/), via: 'api', targetKind: 'evidence', target: TWO, reason: body.reason }])
    expect(await twoSitesReport(e)).toEqual([])
    expect(await api('POST', `/api/subjects/${SLUG}/review/ignore`, { source: 'javascript:alert(1)', evidence: 'x' })).toMatchObject({ status: 422, body: { errors: { source: expect.any(String) } } })
  })
})
