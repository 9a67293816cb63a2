import { resendSender } from '../src/mail/delivery/resend-sender'
import { deliverEmailBatch } from '../src/mail/delivery/deliver-email-batch'
import { memoryEditionStore, type MemorySubscriber } from '../src/mail/delivery/memory-edition-store'
import { memoryQueue } from '../src/mail/delivery/memory-queue'
import { createQueueNotifier } from '../src/mail/delivery/queue-notifier'
import { renderUpdateEmail } from '../src/mail/render/render-email'
import { startFakeResend } from '../test/node/fake-resend-server'

/** The fake Resend's limit: requests per second before it answers 429 + retry-after. */
const RATE_LIMIT = 10

/** Consumer settings as in wrangler.toml (`max_batch_size`, `max_retries`, `max_concurrency`). */
const CONSUMER = { maxBatchSize: 10, maxRetries: 10 }

interface FanoutResult {
  subscribers: number
  concurrency: number
  batches: number
  requests: number
  rateLimited: number
  delivered: number
  unique: number
  seconds: number
}

async function fanout(subscribers: number, concurrency: number): Promise<FanoutResult> {
  const fake = await startFakeResend({ apiKey: 're_bench', rateLimitPerSecond: RATE_LIMIT })
  try {
    const subs: MemorySubscriber[] = Array.from({ length: subscribers }, (_, i) => ({ id: i + 1, email: `fan${i + 1}@example.com`, status: 'active', confirmedAt: '2026-01-01T00:00:00.000Z' }))
    const store = memoryEditionStore(subs)
    const queue = memoryQueue({ ...CONSUMER, concurrency })
    const facts = { stage: { value: 'post-production' as const, certainty: 'confirmed' as const, asOf: '2025-07-14', sources: [] }, release: { status: 'none' as const, date: null, window: null, text: null }, cast: [], trailer: null, episodes: null }
    const changes = [{ field: 'stage' as const, material: true, from: 'filming', to: 'post-production', certainty: 'confirmed' as const, sources: ['https://news.example.com/wrap'], evidence: 'Netflix confirmed filming has wrapped.' }]
    const email = renderUpdateEmail({ changes, facts, showTitle: 'All of Us Are Dead', season: 2, publicUrl: 'https://watch.example' })

    const started = performance.now()
    await createQueueNotifier({ store, queue }).notify({ id: `bench-${subscribers}`, at: new Date().toISOString(), changes, facts, email })
    await queue.drain((batch) =>
      deliverEmailBatch(batch, {
        store,
        sender: resendSender({ apiKey: 're_bench', baseUrl: fake.url }),
        signingKey: 'bench-signing-key',
        publicUrl: 'https://watch.example',
        from: 'Season Watch <updates@watch.example>',
      }),
    )
    const seconds = (performance.now() - started) / 1000
    return {
      subscribers,
      concurrency,
      batches: Math.ceil(subscribers / 100),
      requests: fake.requests.length,
      rateLimited: fake.requests.filter((r) => r.status === 429).length,
      delivered: fake.delivered.length,
      unique: new Set(fake.delivered.map((d) => d.to)).size,
      seconds,
    }
  } finally {
    await fake.stop()
  }
}

/**
 * Fan-out cost: Resend requests and wall time to send one edition to 1k and 10k subscribers
 * through the real notifier, Queue consumer logic and resend SDK, against the fake Resend
 * limited to 10 requests/s. The floor is one request per 100 recipients and
 * `batches / limit` seconds; the ratios say how close delivery gets to it.
 */
export async function benchFanout(): Promise<string[]> {
  const lines = [`fan-out (fake Resend at ${RATE_LIMIT} req/s, consumer batch ${CONSUMER.maxBatchSize} messages × 100 recipients):`]
  for (const [n, concurrency] of [
    [1_000, 1],
    [10_000, 1],
    [10_000, 4],
  ] as const) {
    const r = await fanout(n, concurrency)
    const floorSeconds = r.batches / RATE_LIMIT
    lines.push(
      `  ${n.toLocaleString('en')} subscribers, concurrency ${concurrency}: ${r.requests} requests (${r.rateLimited} × 429) for ${r.batches} batches = ${(r.requests / r.batches).toFixed(2)}× the floor; ` +
        `${r.seconds.toFixed(2)} s vs ${floorSeconds.toFixed(1)} s floor = ${(r.seconds / floorSeconds).toFixed(2)}×; ` +
        `delivered ${r.delivered} (${r.unique} unique${r.delivered === r.unique && r.unique === n ? ', no duplicates' : ', MISMATCH'})`,
    )
  }
  return lines
}

// `npx tsx bench/fanout-bench.ts` runs it on its own.
if (process.argv[1]?.endsWith('fanout-bench.ts')) {
  for (const line of await benchFanout()) console.log(line)
}
