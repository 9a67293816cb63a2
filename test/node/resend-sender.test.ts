import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { OutgoingEmail } from '../../src/mail/delivery/mail-types'
import { classifyResendResult, resendSender } from '../../src/mail/delivery/resend-sender'
import { startFakeResend, type FakeResend } from './fake-resend-server'

let fake: FakeResend

beforeAll(async () => {
  fake = await startFakeResend({ apiKey: 're_node_test' })
})
afterAll(() => fake.stop())
beforeEach(() => fake.reset())

function emails(n: number, tag = 'a'): OutgoingEmail[] {
  return Array.from({ length: n }, (_, i) => ({
    from: 'Season Watch <updates@watch.example>',
    to: `${tag}${i}@example.com`,
    subject: 'Filming has wrapped on All of Us Are Dead Season 2',
    html: '<p>hi</p>',
    text: 'hi',
    headers: { 'List-Unsubscribe': `<https://watch.example/unsubscribe/one-click?token=t${i}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }))
}

describe('resendSender: the real resend SDK over HTTP against the fake Resend', () => {
  it('posts one batch with the idempotency key, the auth header and every email header', async () => {
    const sender = resendSender({ apiKey: 're_node_test', baseUrl: fake.url })
    const outcome = await sender.sendBatch(emails(100), { key: 'ed-1/0', kind: 'update', attempts: 1 })
    expect(outcome).toMatchObject({ kind: 'sent' })
    expect(outcome.kind === 'sent' && outcome.ids).toHaveLength(100)
    expect(fake.requests).toHaveLength(1)
    const [req] = fake.requests
    expect(req).toMatchObject({ method: 'POST', path: '/emails/batch', idempotencyKey: 'ed-1/0' })
    expect(req!.headers.authorization).toBe('Bearer re_node_test')
    expect(req!.headers['x-batch-validation']).toBe('strict')
    expect(req!.body).toHaveLength(100)
    expect(fake.delivered[3]!.headers).toEqual({ 'List-Unsubscribe': '<https://watch.example/unsubscribe/one-click?token=t3>', 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
  })

  it('a retry with the same key and body is replayed, not sent again', async () => {
    const sender = resendSender({ apiKey: 're_node_test', baseUrl: fake.url })
    const a = await sender.sendBatch(emails(5), { key: 'ed-2/0', kind: 'update', attempts: 1 })
    const b = await sender.sendBatch(emails(5), { key: 'ed-2/0', kind: 'update', attempts: 2 })
    expect(b).toEqual(a)
    expect(fake.requests).toHaveLength(2)
    expect(fake.delivered).toHaveLength(5)
  })

  it('maps 429 with retry-after, 500, 409 and 422 to retry / already-sent / failed', async () => {
    const sender = resendSender({ apiKey: 're_node_test', baseUrl: fake.url })
    fake.script({ status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' }, headers: { 'retry-after': '3' } })
    expect(await sender.sendBatch(emails(2), { key: 'k/0', kind: 'update', attempts: 1 })).toMatchObject({ kind: 'retry', delaySeconds: 3, status: 429, rateLimited: true })
    fake.script({ status: 500, body: 'Internal Server Error' })
    expect(await sender.sendBatch(emails(2), { key: 'k/0', kind: 'update', attempts: 3 })).toMatchObject({ kind: 'retry', delaySeconds: 40, status: 500, rateLimited: false })
    // Sent for real now…
    expect(await sender.sendBatch(emails(2), { key: 'k/0', kind: 'update', attempts: 4 })).toMatchObject({ kind: 'sent' })
    // …so a later attempt with fewer recipients (one unsubscribed meanwhile) is already out.
    expect(await sender.sendBatch(emails(1), { key: 'k/0', kind: 'update', attempts: 5 })).toMatchObject({ kind: 'already-sent' })
    expect(await sender.sendBatch([{ ...emails(1)[0]!, subject: undefined as unknown as string }], { key: 'k/1', kind: 'update', attempts: 1 })).toMatchObject({ kind: 'failed', status: 422 })
    expect(fake.delivered).toHaveLength(2)
  })

  it('treats a wrong API key and an unreachable server as retryable', async () => {
    const wrong = resendSender({ apiKey: 're_wrong', baseUrl: fake.url })
    expect(await wrong.sendBatch(emails(1), { key: 'x/0', kind: 'update', attempts: 1 })).toMatchObject({ kind: 'retry', status: 401 })
    const down = resendSender({ apiKey: 're_node_test', baseUrl: 'http://127.0.0.1:1' })
    expect(await down.sendBatch(emails(1), { key: 'x/0', kind: 'update', attempts: 1 })).toMatchObject({ kind: 'retry', status: null })
  })
})

describe('classifyResendResult: the branches the fake server does not reach', () => {
  const err = (statusCode: number | null, name: string, headers: Record<string, string> | null = null) => ({ data: null, error: { statusCode, name, message: 'm' }, headers })

  it('waits an hour for a used-up quota, or until the rate window resets', () => {
    expect(classifyResendResult(err(429, 'daily_quota_exceeded'), 1)).toMatchObject({ kind: 'retry', delaySeconds: 3600, rateLimited: true })
    expect(classifyResendResult(err(429, 'rate_limit_exceeded', { 'ratelimit-remaining': '0', 'ratelimit-reset': '4' }), 1)).toMatchObject({ kind: 'retry', delaySeconds: 4, rateLimited: true })
  })

  it('retries 403, 408 and a concurrent request with the same key; fails other 4xx', () => {
    for (const [status, name] of [[403, 'invalid_access'], [408, 'request_timeout'], [409, 'concurrent_idempotent_requests']] as const) {
      expect(classifyResendResult(err(status, name), 2)).toMatchObject({ kind: 'retry', delaySeconds: 20, status, rateLimited: false })
    }
    expect(classifyResendResult(err(404, 'not_found'), 1)).toMatchObject({ kind: 'failed', status: 404 })
  })

  it('reads ids and the rate state from a success', () => {
    expect(classifyResendResult({ data: { data: [{ id: 'a' }, { id: 'b' }] }, error: null, headers: { 'ratelimit-remaining': '3' } }, 1)).toEqual({
      kind: 'sent',
      ids: ['a', 'b'],
      rate: { remaining: 3, resetSeconds: null },
    })
  })
})
