import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { resendSender } from '../../src/mail/delivery/resend-sender'
import { deliverEmailBatch, type DeliveryDeps } from '../../src/mail/delivery/deliver-email-batch'
import { memoryEditionStore, type MemorySubscriber } from '../../src/mail/delivery/memory-edition-store'
import { memoryQueue } from '../../src/mail/delivery/memory-queue'
import { createQueueNotifier } from '../../src/mail/delivery/queue-notifier'
import { renderUpdateEmail } from '../../src/mail/render/render-email'
import { verifyLinkToken } from '../../src/mail/subscribers/link-token'
import { startFakeResend, type FakeResend } from './fake-resend-server'

const KEY = 'node-signing-key'
const API_KEY = 're_fanout'
let fake: FakeResend

beforeAll(async () => {
  fake = await startFakeResend({ apiKey: API_KEY, rateLimitPerSecond: 5 })
})
afterAll(() => fake.stop())
beforeEach(() => fake.reset())

function subscribers(n: number): MemorySubscriber[] {
  return Array.from({ length: n }, (_, i) => ({ id: i + 1, email: `fan${i + 1}@example.com`, status: 'active', confirmedAt: '2026-01-01T00:00:00.000Z' }))
}

function edition(id: string) {
  const facts = { stage: { value: 'filming' as const, certainty: 'confirmed' as const, asOf: '2025-07-01', sources: [] }, release: { status: 'none' as const, date: null, window: null, text: null }, cast: [], trailer: null, episodes: null }
  const changes = [{ field: 'stage' as const, material: true, from: 'pre-production', to: 'filming', certainty: 'confirmed' as const, sources: ['https://news.example.com/x'], evidence: 'Filming <began>.' }]
  return { id, at: '2026-03-02T07:00:00.000Z', changes, facts, email: renderUpdateEmail({ changes, facts, showTitle: 'All of Us Are Dead', season: 2, publicUrl: 'https://watch.example' }) }
}

function deps(store: ReturnType<typeof memoryEditionStore>): DeliveryDeps {
  return { store, sender: resendSender({ apiKey: API_KEY, baseUrl: fake.url }), signingKey: KEY, publicUrl: 'https://watch.example', from: 'Season Watch <updates@watch.example>' }
}

describe('fan-out through the Queue to the fake Resend (real SDK, real HTTP)', () => {
  it('reaches every subscriber exactly once, in batches of ≤100, through 429s and a 500', async () => {
    const store = memoryEditionStore(subscribers(730))
    const queue = memoryQueue({ maxBatchSize: 10, maxRetries: 10, concurrency: 2, delayScale: 0.1 })
    const notifier = createQueueNotifier({ store, queue })
    await notifier.notify(edition('ed-fan'))
    await notifier.notify(edition('ed-fan')) // an overlapping run: no-op
    fake.script(
      { status: 500, body: { statusCode: 500, name: 'internal_server_error', message: 'boom' } },
      { status: 429, body: { statusCode: 429, name: 'rate_limit_exceeded', message: 'slow down' }, headers: { 'retry-after': '1' } },
    )
    await queue.drain((batch) => deliverEmailBatch(batch, deps(store)))

    const ok = fake.requests.filter((r) => r.status === 200)
    expect(ok.map((r) => (r.body as unknown[]).length).sort((a, b) => b - a)).toEqual([100, 100, 100, 100, 100, 100, 100, 30])
    expect(new Set(ok.map((r) => r.idempotencyKey))).toEqual(new Set([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `ed-fan/${i}`)))
    expect(fake.delivered).toHaveLength(730)
    expect(new Set(fake.delivered.map((d) => d.to)).size).toBe(730)
    expect(fake.requests.some((r) => r.status === 500)).toBe(true)
    expect(fake.requests.some((r) => r.status === 429)).toBe(true)
    expect(queue.dead).toEqual([])
    // Each email carries its own recipient's one-click link.
    for (const d of fake.delivered.slice(0, 50)) {
      const token = decodeURIComponent(/token=([^>]+)>/.exec(d.headers!['List-Unsubscribe']!)![1]!)
      const check = await verifyLinkToken(KEY, 'unsubscribe', token)
      expect(check.ok && `fan${check.subscriberId}@example.com`).toBe(d.to)
      expect(d.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    }
  }, 60_000)

  it('a crash after Resend accepted a batch (before it was marked sent) sends nothing twice', async () => {
    const store = memoryEditionStore(subscribers(150))
    let crash = true
    const finish = store.finishBatch.bind(store)
    store.finishBatch = async (...args) => {
      if (crash) {
        crash = false
        throw new Error('worker died')
      }
      return finish(...args)
    }
    const queue = memoryQueue({ maxBatchSize: 10, maxRetries: 10, delayScale: 0.1 })
    await createQueueNotifier({ store, queue }).notify(edition('ed-crash'))
    // A short lease, so the redelivered message may take the batch over.
    await queue.drain((batch) => deliverEmailBatch(batch, { ...deps(store), leaseMs: 1 }))
    expect(fake.requests.filter((r) => r.status === 200 && r.idempotencyKey === 'ed-crash/0')).toHaveLength(2)
    expect(fake.delivered).toHaveLength(150)
    expect(new Set(fake.delivered.map((d) => d.to)).size).toBe(150)
  }, 60_000)

  it('someone who unsubscribes before their batch goes out is skipped', async () => {
    const subs = subscribers(120)
    const store = memoryEditionStore(subs)
    const queue = memoryQueue({ maxBatchSize: 10, maxRetries: 10, delayScale: 0.1 })
    await createQueueNotifier({ store, queue }).notify(edition('ed-leave'))
    subs[110]!.status = 'unsubscribed'
    subs[110]!.email = null
    await queue.drain((batch) => deliverEmailBatch(batch, deps(store)))
    expect(fake.delivered).toHaveLength(119)
    expect(fake.delivered.some((d) => d.to === 'fan111@example.com')).toBe(false)
  }, 60_000)
})
