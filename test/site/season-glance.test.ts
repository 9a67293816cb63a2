import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { glanceOf } from '../../src/site/season-glance'
import { listSubjectsWithGlance } from '../../src/store/subject-store'
import { adminApi, deliverEmails, freshWorld, makeEnv, makeWeb, ONE, publicView, run, SAYS, SLUG, type Web } from '../admin/editorial/world'

const storedGlance = async () => {
  const row = (await listSubjectsWithGlance(env.DB)).find((r) => r.subject.slug === SLUG)!
  return row.glanceJson === null ? null : (JSON.parse(row.glanceJson) as unknown)
}

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
})

describe('a season’s glance (what the list of seasons shows)', () => {
  it('is written with every public view: by runs and by editorial actions', async () => {
    const { e, emails } = makeEnv()
    expect(await storedGlance()).toBeNull()
    await run(e, web, '2025-01-11T07:00:00.000Z')
    expect(await storedGlance()).toEqual(glanceOf(await publicView()))
    expect(await storedGlance()).toMatchObject({ stage: 'renewed', latest: null })

    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming, SAYS.twoReturn] }
    await run(e, web, '2025-07-15T07:00:00.000Z')
    await deliverEmails(e, emails)
    expect(await storedGlance()).toEqual(glanceOf(await publicView()))
    expect(await storedGlance()).toMatchObject({ stage: 'filming', latest: { summary: expect.stringContaining('Filming') } })

    const api = adminApi(e, () => new Date('2025-08-01T10:00:00Z'))
    expect((await api('POST', `/api/subjects/${SLUG}/review/retract`, { field: 'stage', reason: 'A rehearsal.' })).status).toBe(200)
    expect(await storedGlance()).toEqual(glanceOf(await publicView()))
    expect(await storedGlance()).toMatchObject({ stage: 'renewed', latest: { summary: expect.stringMatching(/^Correction: /) } })
  })
})
