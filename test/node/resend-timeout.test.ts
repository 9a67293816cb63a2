import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '../../src/mail/delivery/mail-types'
import { resendSender } from '../../src/mail/delivery/resend-sender'
import { startFakeResend, type FakeResend } from './fake-resend-server'

let fake: FakeResend
beforeAll(async () => {
  fake = await startFakeResend({ apiKey: 're_timeout' })
})
afterAll(() => fake.stop())
beforeEach(() => fake.reset())

const emails: OutgoingEmail[] = [{ from: 'Season Watch <updates@watch.example>', to: 'a@example.com', subject: 's', html: '<p>x</p>', text: 'x' }]

describe('resendSender when Resend does not answer in time', () => {
  it('gives up after its timeout and asks for a retry, instead of hanging the consumer', async () => {
    fake.script({ status: 500, delayMs: 2_000 })
    const sender = resendSender({ apiKey: 're_timeout', baseUrl: fake.url, timeoutMs: 200 })
    const started = Date.now()
    const outcome = await sender.sendBatch(emails, { key: 'ed/0', kind: 'update', attempts: 1 })
    expect(Date.now() - started).toBeLessThan(1_500)
    expect(outcome).toMatchObject({ kind: 'retry', status: null, error: expect.stringMatching(/timeout/) })
  })

  it('a request Resend accepted but answered too late is replayed on retry, not sent twice', async () => {
    fake.script({ process: true, delayMs: 600 })
    const sender = resendSender({ apiKey: 're_timeout', baseUrl: fake.url, timeoutMs: 200 })
    expect(await sender.sendBatch(emails, { key: 'ed/1', kind: 'update', attempts: 1 })).toMatchObject({ kind: 'retry' })
    await new Promise((r) => setTimeout(r, 800))
    expect(await sender.sendBatch(emails, { key: 'ed/1', kind: 'update', attempts: 2 })).toMatchObject({ kind: 'sent' })
    expect(fake.delivered).toHaveLength(1)
  })
})
