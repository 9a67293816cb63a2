import type { EmailJob, JobQueue } from './email-job'

/** Consumer settings, mirroring `[[queues.consumers]]` in wrangler.toml. */
export interface MemoryQueueOptions {
  maxBatchSize: number
  maxRetries: number
  /** Default delay of `retry()` without `delaySeconds`. */
  retryDelaySeconds?: number
  /** Consumer invocations running at once (`max_concurrency`). */
  concurrency?: number
  /** Multiplies every retry delay (tests use < 1 to run backoffs quickly). Default 1. */
  delayScale?: number
}

interface Pending {
  id: string
  body: EmailJob
  attempts: number
  visibleAt: number
}

/**
 * A Cloudflare Queue in memory with real time: batches of up to `maxBatchSize` visible
 * messages, explicit ack/retry with `delaySeconds`, retries counted against `maxRetries`,
 * then a dead-letter list; a handler that throws retries the whole batch. For the fan-out
 * bench and the Node tests, which drive the real consumer against the fake Resend server.
 */
export function memoryQueue(opts: MemoryQueueOptions): JobQueue & {
  drain(consumer: (batch: MessageBatch<unknown>) => Promise<void>): Promise<void>
  dead: EmailJob[]
  invocations: number
} {
  const pending: Pending[] = []
  const dead: EmailJob[] = []
  let seq = 0
  const state = { invocations: 0 }
  const add = (body: EmailJob, delaySeconds = 0) => pending.push({ id: `m${++seq}`, body, attempts: 0, visibleAt: Date.now() + delaySeconds * 1000 })
  const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

  async function invoke(take: Pending[], consumer: (batch: MessageBatch<unknown>) => Promise<void>) {
    state.invocations++
    const outcome = new Map<string, { ack: boolean; delay?: number }>()
    let all: { ack: boolean; delay?: number } | null = null
    for (const p of take) p.attempts++
    const batch = {
      queue: 'memory',
      messages: take.map((p) => ({
        id: p.id,
        timestamp: new Date(),
        body: p.body,
        attempts: p.attempts,
        ack: () => outcome.set(p.id, { ack: true }),
        retry: (o?: QueueRetryOptions) => outcome.set(p.id, { ack: false, delay: o?.delaySeconds }),
      })),
      ackAll: () => (all = { ack: true }),
      retryAll: (o?: QueueRetryOptions) => (all = { ack: false, delay: o?.delaySeconds }),
    } as unknown as MessageBatch<unknown>
    try {
      await consumer(batch)
    } catch {
      all = { ack: false }
    }
    for (const p of take) {
      // As on Cloudflare: an explicit call wins; otherwise a batch-wide call; otherwise ack.
      const o = outcome.get(p.id) ?? all ?? { ack: true }
      if (o.ack) continue
      if (p.attempts > opts.maxRetries) dead.push(p.body)
      else pending.push({ ...p, visibleAt: Date.now() + (o.delay ?? opts.retryDelaySeconds ?? 0) * 1000 * (opts.delayScale ?? 1) })
    }
  }

  return {
    dead,
    get invocations() {
      return state.invocations
    },
    async send(body) {
      add(body)
    },
    async sendBatch(messages) {
      for (const m of messages) add(m.body, m.delaySeconds)
    },
    async drain(consumer) {
      const running = new Set<Promise<void>>()
      while (pending.length > 0 || running.size > 0) {
        const now = Date.now()
        pending.sort((a, b) => a.visibleAt - b.visibleAt)
        if (running.size < (opts.concurrency ?? 1) && pending[0] && pending[0].visibleAt <= now) {
          const take: Pending[] = []
          while (take.length < opts.maxBatchSize && pending[0] && pending[0].visibleAt <= now) take.push(pending.shift()!)
          const run: Promise<void> = invoke(take, consumer).finally(() => running.delete(run))
          running.add(run)
          continue
        }
        const nextVisible = pending[0] ? Math.max(0, pending[0].visibleAt - now) : Infinity
        await Promise.race([...running, sleep(Math.min(nextVisible, 50))])
      }
    },
  }
}
