import { env } from 'cloudflare:test'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { d1EditionStore } from '../../../src/mail/delivery/edition-store'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import { createQueueNotifier } from '../../../src/mail/delivery/queue-notifier'
import { verifyLinkToken } from '../../../src/mail/subscribers/link-token'
import { clearTables, fakeQueue, seedActive, SIGNING_KEY, testEnv } from '../subscribers/helpers'
import { consume, fakeResendFetch, makeEdition } from './helpers'

const RESEND = 'https://resend.test'
const sendingEnv = () => testEnv({ RESEND_API_KEY: 're_test_123', RESEND_BASE_URL: RESEND, EMAIL_FROM: 'Season Watch <updates@watch.example>' })

/** Seeds subscribers, notifies one edition, and returns the queued jobs. */
async function prepare(count: number, editionId = 'ed-c1') {
  const ids = await seedActive(count)
  const queue = fakeQueue()
  await createQueueNotifier({ store: d1EditionStore(env.DB), queue, now: () => new Date('2026-03-02T07:00:05Z') }).notify(makeEdition(editionId))
  return { ids, jobs: queue.jobs as EmailJob[] }
}

async function batchRow(editionId: string, index: number) {
  return env.DB.prepare('SELECT status, sent, attempts, last_error FROM edition_batches WHERE edition_id = ?1 AND batch_index = ?2').bind(editionId, index).first<{ status: string; sent: number | null; attempts: number; last_error: string | null }>()
}

beforeEach(clearTables)
afterEach(() => vi.restoreAllMocks())

describe('the email Queue consumer (real resend SDK, Resend answered by a fake fetch)', () => {
  it('sends each batch once with the batch API, an idempotency key and per-recipient unsubscribe headers', async () => {
    const { ids, jobs } = await prepare(250)
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)

    const result = await consume(sendingEnv(), jobs)
    expect(result.explicitAcks.sort()).toEqual(['msg-0', 'msg-1', 'msg-2'])
    expect(result.retryMessages).toEqual([])

    expect(resend.calls.map((c) => c.url)).toEqual(Array(3).fill(`${RESEND}/emails/batch`))
    expect(resend.calls.map((c) => c.emails.length)).toEqual([100, 100, 50])
    expect(resend.calls.map((c) => c.idempotencyKey)).toEqual(['ed-c1/0', 'ed-c1/1', 'ed-c1/2'])
    expect(resend.calls[0]!.authorization).toBe('Bearer re_test_123')
    expect(new Set(resend.delivered).size).toBe(250)

    const first = resend.calls[0]!.emails[0]!
    expect(first).toMatchObject({ from: 'Season Watch <updates@watch.example>', to: 'reader0@example.com', subject: 'Filming has wrapped on All of Us Are Dead Season 2' })
    expect(first.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const oneClick = /^<(http:\/\/localhost:8787\/unsubscribe\/one-click\?token=([^>]+))>$/.exec(first.headers!['List-Unsubscribe']!)
    expect(oneClick).not.toBeNull()
    const token = decodeURIComponent(oneClick![2]!)
    expect(await verifyLinkToken(SIGNING_KEY, 'unsubscribe', token)).toMatchObject({ ok: true, subscriberId: ids[0] })
    // The body carries the same person's link to the page with the button.
    expect(first.text).toContain(`http://localhost:8787/unsubscribe?token=${oneClick![2]}`)
    expect(first.html).toContain(`href="http://localhost:8787/unsubscribe?token=${oneClick![2]}"`)
    expect(first.html).toContain('&lt;b&gt;filming&lt;/b&gt;')
    // Every recipient got their own token.
    const tokens = new Set(resend.calls.flatMap((c) => c.emails.map((e) => e.headers!['List-Unsubscribe'])))
    expect(tokens.size).toBe(250)

    expect(await batchRow('ed-c1', 2)).toMatchObject({ status: 'sent', sent: 50, attempts: 1 })
  })

  it('a redelivered message, or the edition enqueued twice, sends nothing again', async () => {
    const { jobs } = await prepare(120)
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    await consume(sendingEnv(), jobs)
    const again = await consume(sendingEnv(), [...jobs, ...jobs], 2)
    expect(again.explicitAcks).toHaveLength(4)
    expect(resend.calls).toHaveLength(2)
    expect(resend.delivered).toHaveLength(120)
  })

  it('429: retries honouring retry-after and defers the rest of the batch; then sends without duplicates', async () => {
    const { jobs } = await prepare(250)
    const resend = fakeResendFetch([{ status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, headers: { 'retry-after': '7' } }])
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    const first = await consume(sendingEnv(), jobs)
    expect(first.explicitAcks).toEqual([])
    expect(first.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['msg-0', 'msg-1', 'msg-2'])
    expect(first.delays).toEqual({ 'msg-0': 7, 'msg-1': 7, 'msg-2': 7 })
    expect(resend.calls).toHaveLength(1) // did not hammer the limit
    expect(await batchRow('ed-c1', 0)).toMatchObject({ status: 'pending', last_error: expect.stringContaining('429') })

    const second = await consume(sendingEnv(), jobs, 2)
    expect(second.explicitAcks).toHaveLength(3)
    expect(resend.delivered).toHaveLength(250)
    expect(new Set(resend.delivered).size).toBe(250)
    // The retried batch went out with the same idempotency key.
    expect(resend.calls.map((c) => c.idempotencyKey)).toEqual(['ed-c1/0', 'ed-c1/0', 'ed-c1/1', 'ed-c1/2'])
  })

  it('5xx: retried with backoff (retry-after when longer), the other batches still go out', async () => {
    const { jobs } = await prepare(150)
    const resend = fakeResendFetch([{ status: 500, body: 'upstream exploded' }, { status: 503, body: { statusCode: 503, name: 'application_error', message: 'down' }, headers: { 'retry-after': '120' } }])
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    const first = await consume(sendingEnv(), jobs)
    expect(first.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(['msg-0', 'msg-1'])
    expect(first.delays).toEqual({ 'msg-0': 10, 'msg-1': 120 })
    const second = await consume(sendingEnv(), jobs, 2)
    expect(second.explicitAcks).toHaveLength(2)
    expect(new Set(resend.delivered).size).toBe(150)
  })

  it('skips addresses that unsubscribed or bounced since the edition, and people who joined after it', async () => {
    const { ids, jobs } = await prepare(5)
    await env.DB.prepare("UPDATE subscribers SET status = 'unsubscribed', email = NULL WHERE id = ?1").bind(ids[1]).run()
    await env.DB.prepare("UPDATE subscribers SET status = 'bounced', email = NULL WHERE id = ?1").bind(ids[3]).run()
    await seedActive(1, { prefix: 'newcomer', confirmedAt: '2026-03-02T08:00:00.000Z' })
    const resend = fakeResendFetch()
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    await consume(sendingEnv(), jobs)
    expect(resend.delivered.sort()).toEqual(['reader0@example.com', 'reader2@example.com', 'reader4@example.com'])
  })

  it('an accepted earlier attempt (409 invalid_idempotent_request) counts as sent; a 422 is not retried', async () => {
    const { jobs } = await prepare(150)
    const resend = fakeResendFetch([
      { status: 409, body: { statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' } },
      { status: 422, body: { statusCode: 422, name: 'validation_error', message: 'Invalid `from` field.' } },
    ])
    vi.spyOn(globalThis, 'fetch').mockImplementation(resend.fetch)
    const result = await consume(sendingEnv(), jobs)
    expect(result.explicitAcks).toHaveLength(2)
    expect(await batchRow('ed-c1', 0)).toMatchObject({ status: 'sent' })
    expect(await batchRow('ed-c1', 1)).toMatchObject({ status: 'failed', last_error: expect.stringContaining('validation_error') })
    await consume(sendingEnv(), jobs, 2)
    expect(resend.calls).toHaveLength(2)
  })

  it('without RESEND_API_KEY, writes each recipient’s email to the outbox once', async () => {
    const { jobs } = await prepare(130)
    const spy = vi.spyOn(globalThis, 'fetch')
    await consume(testEnv(), jobs)
    await consume(testEnv(), jobs, 2)
    expect(spy).not.toHaveBeenCalled()
    const count = await env.DB.prepare("SELECT COUNT(*) AS n, COUNT(DISTINCT to_addr) AS d FROM outbox WHERE kind = 'update'").first<{ n: number; d: number }>()
    expect(count).toEqual({ n: 130, d: 130 })
    const one = await env.DB.prepare("SELECT headers_json, text FROM outbox WHERE to_addr = 'reader7@example.com'").first<{ headers_json: string; text: string }>()
    expect(JSON.parse(one!.headers_json)).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' })
    expect(one!.text).toContain('/unsubscribe?token=')
  })

  it('acks messages it cannot understand, and keeps everything when SIGNING_KEY is missing', async () => {
    const junk = await consume(testEnv(), [{ kind: 'nope' } as unknown as EmailJob])
    expect(junk.explicitAcks).toEqual(['msg-0'])
    const { jobs } = await prepare(3)
    const misconfigured = await consume(testEnv({ SIGNING_KEY: undefined }), jobs)
    expect(misconfigured.retryBatch).toMatchObject({ retry: true })
    expect(misconfigured.retryAllDelay).toBe(300)
    expect(await batchRow('ed-c1', 0)).toMatchObject({ status: 'pending', attempts: 0 })
  })
})
