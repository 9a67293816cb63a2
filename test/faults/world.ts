/**
 * The fault suite's world: the real Worker code over real bindings. KV and D1 are Miniflare's
 * (wrangler's platform proxy, the same simulators `wrangler dev` and the workerd tests use), email
 * goes through the real `resend` SDK to the fake Resend server on loopback, and the email Queue is
 * `memoryQueue` (Cloudflare's ack/retry/dead-letter semantics, with the wrangler.toml settings),
 * because the proxy gives a Queue producer but never runs our consumer.
 */
import { getPlatformProxy } from 'wrangler'
import { deliverEmailBatch } from '../../src/mail/delivery/deliver-email-batch'
import { d1EditionStore } from '../../src/mail/delivery/edition-store'
import { memoryQueue } from '../../src/mail/delivery/memory-queue'
import { resendSender } from '../../src/mail/delivery/resend-sender'
import { startFakeResend, type FakeResend } from '../node/fake-resend-server'
import { applySqlMigrations } from './migrate'

export const SIGNING_KEY = 'fault-suite-signing-key-0123456789abcdef'
export const ADMIN_TOKEN = 'fault-suite-admin-token-0123456789abcdef'
export const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'
export const PUBLIC_URL = 'https://watch.example'
export const FROM = 'Season Watch <updates@watch.example>'
const RESEND_KEY = 're_fault_suite'

/** How long one Resend request may take in the suite (a "timeout" fault answers later). */
export const RESEND_TIMEOUT_MS = 300

/** A Queue producer that only records what it was given (routes must not enqueue on bad input). */
export function recordingQueue() {
  const sent: unknown[] = []
  return {
    sent,
    async send(body: unknown) {
      sent.push(body)
    },
    async sendBatch(messages: Iterable<{ body: unknown }>) {
      for (const m of messages) sent.push(m.body)
    },
  }
}

/** Bindings and fakes shared by every row; reset between rows. */
export interface World {
  /** Miniflare's bindings plus the secrets and vars the Worker reads. */
  env: Env
  resend: FakeResend
  /** Empties every table and KV key (the migrations stay applied). */
  reset(): Promise<void>
  /** A fresh email Queue with the consumer settings of wrangler.toml (retry delays shortened). */
  newQueue(): ReturnType<typeof memoryQueue>
  /** Runs the real consumer over the queue until it is empty (over `db`, default the world's). */
  deliver(queue: ReturnType<typeof memoryQueue>, db?: D1Database): Promise<void>
  close(): Promise<void>
}

/** Names of our tables (not SQLite's or Cloudflare's own). */
export async function listTables(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations'").all<{ name: string }>()
  return results.map((r) => r.name).sort()
}

/** Starts the world: Miniflare bindings (in memory), migrations, the fake Resend. */
export async function openWorld(): Promise<World> {
  const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist: false })
  await applySqlMigrations(proxy.env.DB)
  const resend = await startFakeResend({ apiKey: RESEND_KEY })
  const env = {
    ...proxy.env,
    PUBLIC_URL,
    DEMO_MODE: 'false',
    EMAIL_FROM: FROM,
    SIGNING_KEY,
    ADMIN_TOKEN,
    RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    RESEND_API_KEY: RESEND_KEY,
    RESEND_BASE_URL: resend.url,
  } as unknown as Env
  const tables = await listTables(env.DB)
  return {
    env,
    resend,
    async reset() {
      // The audit log is append-only (its triggers refuse DELETE); rows there change nothing here.
      await env.DB.batch(tables.filter((t) => t !== 'audit_log').map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
      await env.DB.prepare('INSERT OR IGNORE INTO admin_state (id, session_epoch) VALUES (1, 0)').run()
      const { keys } = await env.STATE.list()
      await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
      resend.reset()
    },
    newQueue: () => memoryQueue({ maxBatchSize: 10, maxRetries: 10, concurrency: 1, delayScale: 0.001 }),
    async deliver(queue, db = env.DB) {
      await queue.drain((batch) =>
        deliverEmailBatch(batch, {
          store: d1EditionStore(db),
          sender: resendSender({ apiKey: RESEND_KEY, baseUrl: resend.url, timeoutMs: RESEND_TIMEOUT_MS }),
          signingKey: SIGNING_KEY,
          publicUrl: PUBLIC_URL,
          from: FROM,
          sleep: (ms) => new Promise((r) => setTimeout(r, Math.min(ms, 20))),
        }),
      )
    },
    async close() {
      await resend.stop()
      await proxy.dispose()
    },
  }
}
