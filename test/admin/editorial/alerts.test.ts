import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { kvKeys } from '../../../src/store/kv-keys'
import { fakeResendFetch } from '../../mail/delivery/helpers'
import { adminApi, deliverEmails, freshWorld, MAINTAINER, makeEnv, makeWeb, ONE, outbox, run, SAYS, SLUG, TWO, type Web } from './world'

const RESEND = 'https://resend.test'

let web: Web
beforeEach(async () => {
  await freshWorld()
  web = makeWeb()
})
afterEach(() => vi.restoreAllMocks())

const alerts = async () => (await outbox()).filter((m) => m.kind === 'alert')

describe('maintainer alerts', () => {
  it('an edition held for review: one email through the Resend SDK, with the link to review it', async () => {
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    const { e, emails } = makeEnv({ RESEND_API_KEY: 're_test_123', RESEND_BASE_URL: RESEND })
    const api = adminApi(e, () => new Date('2025-07-01T00:00:00Z'))
    await api('PATCH', `/api/editorial/alerts`, { alertEmails: ['second@example.com', MAINTAINER], failureThreshold: 3 })
    await api('PATCH', `/api/subjects/${SLUG}/review`, { mode: 'hold', holdHours: 24 })
    await run(e, web, '2025-01-11T07:00:00.000Z')
    web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming] }
    await run(e, web, '2025-07-15T07:00:00.000Z')
    const [held] = (await api('GET', `/api/subjects/${SLUG}/review`)).body.pending as { id: string }[]

    expect(emails.jobs).toEqual([{ kind: 'alert', alertId: `held/${held!.id}` }])
    await deliverEmails(e, emails)
    expect(resend.calls).toHaveLength(1)
    expect(resend.calls[0]!.idempotencyKey).toBe(`alert/held/${held!.id}`)
    expect(resend.calls[0]!.emails.map((m) => m.to)).toEqual([MAINTAINER, 'second@example.com']) // the var's first, each once
    const mail = resend.calls[0]!.emails[0]!
    expect(mail.subject).toBe('Review: an update about All of Us Are Dead Season 2 is waiting')
    expect(mail.text).toContain('Stage: Filming (was: Renewed)')
    expect(mail.text).toContain('2025-07-16 07:00 UTC unless you drop it')
    expect(mail.html).toContain(`href="https://watch.test/admin/s/${SLUG}/review#held-${held!.id}"`)

    // The same job again (a redelivery) sends nothing new.
    await deliverEmails(e, { jobs: [{ kind: 'alert', alertId: `held/${held!.id}` }] } as never)
    expect(resend.calls).toHaveLength(1)
  })

  it('a source failing several runs in a row: once per failure streak, with its last error', async () => {
    const { e, emails } = makeEnv()
    const api = adminApi(e, () => new Date('2025-01-01T00:00:00Z'))
    await api('PATCH', `/api/editorial/alerts`, { alertEmails: [], failureThreshold: 2 })
    await run(e, web, '2025-01-11T07:00:00.000Z')
    web.down.add(TWO)
    await run(e, web, '2025-01-12T07:00:00.000Z')
    await deliverEmails(e, emails)
    expect(await alerts()).toEqual([]) // one failure: not yet

    await run(e, web, '2025-01-13T07:00:00.000Z')
    await deliverEmails(e, emails)
    const [first] = await alerts()
    expect(first).toMatchObject({ to: MAINTAINER, subject: 'Source "two" of All of Us Are Dead Season 2 has failed 2 runs in a row' })
    expect(first!.text).toContain('Last error: HTTP 503')
    expect(first!.text).toContain(TWO)

    await run(e, web, '2025-01-14T07:00:00.000Z') // a third failure: same streak, no new alert
    await deliverEmails(e, emails)
    expect(await alerts()).toHaveLength(1)

    web.down.delete(TWO) // it works again, then fails again twice: a new streak, a new alert
    await run(e, web, '2025-01-15T07:00:00.000Z')
    web.down.add(TWO)
    await run(e, web, '2025-01-16T07:00:00.000Z')
    await run(e, web, '2025-01-17T07:00:00.000Z')
    await deliverEmails(e, emails)
    expect(await alerts()).toHaveLength(2)
  })

  it('a failed run: one alert per scheduled run, whatever the retries', async () => {
    const { e, emails } = makeEnv()
    await run(e, web, '2025-01-11T07:00:00.000Z')
    await env.STATE.put(kvKeys.state(SLUG), '{"facts": broken')
    const at = '2025-01-12T07:00:00.000Z'
    const first = await run(e, web, at, 1)
    expect(first.retryMessages).toHaveLength(1)
    await run(e, web, at, 2) // the Queue's retry of the same run
    await deliverEmails(e, emails)
    const sent = await alerts()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ to: MAINTAINER, subject: `The run of ${SLUG} failed` })
    expect(sent[0]!.text).toContain(`started at ${at}`)
    expect(sent[0]!.text).toMatch(/Error: .*JSON/)
  })

  it('with no maintainer address, nothing is recorded or sent', async () => {
    const { e, emails } = makeEnv({ MAINTAINER_EMAILS: '' })
    await run(e, web, '2025-01-11T07:00:00.000Z')
    await env.STATE.put(kvKeys.state(SLUG), 'not json')
    await run(e, web, '2025-01-12T07:00:00.000Z')
    expect(emails.jobs).toEqual([])
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM maintainer_alerts').first<{ n: number }>()).toEqual({ n: 0 })
  })
})
