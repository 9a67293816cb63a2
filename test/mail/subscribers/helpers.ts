import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { Hono } from 'hono'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import { createSubscribeRoutes, type SubscribeRouteDeps } from '../../../src/mail/routes/subscribe'
import type { Choice } from '../../../src/mail/subscribers/choices'
import { DEMO_SECOND_SUBJECT } from '../../../src/site/demo/demo-second-show'
import { insertSubject } from '../../../src/store/subject-store'
import { seedSubject } from '../../../src/worker/config'

/** The seasons the mail tests follow: the first subject, and a second one. */
export const FIRST = seedSubject.slug
export const SECOND = DEMO_SECOND_SUBJECT.slug

export const ORIGIN = 'http://localhost:8787'
export const SIGNING_KEY = 'test-signing-key-0123456789abcdef'
/** `whsec_` + base64 of 24 bytes, shaped like a Resend webhook secret. */
export const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'

/** A Queue producer that records what it was given (the consumer is driven by hand). */
export function fakeQueue<T = EmailJob>() {
  const jobs: T[] = []
  return {
    jobs,
    async send(body: T) {
      jobs.push(body)
    },
    async sendBatch(messages: Iterable<MessageSendRequest<T>>) {
      for (const m of messages) jobs.push(m.body)
    },
  }
}

/** The real D1, KV and rate limiter with test secrets; the Queue producer is a recording fake unless given. */
export function testEnv(overrides: Record<string, unknown> = {}): Env & { EMAIL_QUEUE: ReturnType<typeof fakeQueue<EmailJob>> } {
  return {
    ...env,
    PUBLIC_URL: ORIGIN,
    SIGNING_KEY,
    RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    DEMO_MODE: 'false',
    EMAIL_QUEUE: fakeQueue(),
    ...overrides,
  } as unknown as Env & { EMAIL_QUEUE: ReturnType<typeof fakeQueue<EmailJob>> }
}

/** The subscription routes mounted like the Worker mounts them. */
export function makeApp(deps: SubscribeRouteDeps = {}) {
  const app = new Hono<{ Bindings: Env }>()
  app.route('/', createSubscribeRoutes(deps))
  return app
}

/** Sends one request through the app and waits for its waitUntil work. */
export async function call(app: Hono<{ Bindings: Env }>, e: Env, path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext()
  const res = await app.fetch(new Request(ORIGIN + path, init), e, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

/** A form POST from a given IP (each test uses its own IP, so the rate limiter does not interfere). */
export function form(fields: Record<string, string>, ip = '203.0.113.1', extra: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'cf-connecting-ip': ip, ...extra },
    body: new URLSearchParams(fields).toString(),
  }
}

let ipCounter = 0
/** A fresh documentation-range IP per call. */
export function nextIp(): string {
  ipCounter++
  return `198.51.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`
}

/**
 * Empties the tables this feature owns, and leaves two active subjects (`FIRST`, `SECOND`) with
 * the layout migration marked done, as on an install that follows two seasons.
 */
export async function clearTables(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM edition_variants'),
    env.DB.prepare('DELETE FROM edition_batches'),
    env.DB.prepare('DELETE FROM editions'),
    env.DB.prepare('DELETE FROM outbox'),
    env.DB.prepare('DELETE FROM subscriptions'),
    env.DB.prepare('DELETE FROM subscribers'),
    env.DB.prepare('DELETE FROM sources'),
    env.DB.prepare('DELETE FROM subjects'),
    env.DB.prepare(`INSERT OR IGNORE INTO layout_migrations (name, done_at) VALUES ('d1-v1', '2026-01-01T00:00:00.000Z')`),
  ])
  const now = new Date('2025-01-01T00:00:00.000Z')
  await insertSubject(env.DB, seedSubject, { now })
  await insertSubject(env.DB, DEMO_SECOND_SUBJECT, { now })
}

/**
 * Adds active subscribers directly (ids ascending), confirmed at `confirmedAt`, following
 * `seasons` (default: the first subject, everything) since then.
 */
export async function seedActive(count: number, opts: { prefix?: string; confirmedAt?: string; seasons?: Record<string, Choice> } = {}): Promise<number[]> {
  const at = opts.confirmedAt ?? '2026-01-01T00:00:00.000Z'
  const prefix = opts.prefix ?? 'reader'
  const seasons = Object.entries(opts.seasons ?? { [FIRST]: 'all' })
  const stmt = env.DB.prepare(
    `INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES (?1, 'active', ?2, ?2, ?2) RETURNING id`,
  )
  const follow = env.DB.prepare(`INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at) VALUES (?1, ?2, ?3, ?4)`)
  const ids: number[] = []
  for (let i = 0; i < count; i += 50) {
    const chunk = Array.from({ length: Math.min(50, count - i) }, (_, j) => stmt.bind(`${prefix}${i + j}@example.com`, at))
    const results = await env.DB.batch<{ id: number }>(chunk)
    const added = results.map((r) => r.results[0]!.id)
    ids.push(...added)
    if (seasons.length > 0) await env.DB.batch(added.flatMap((id) => seasons.map(([slug, choice]) => follow.bind(id, slug, choice, at))))
  }
  return ids
}

/** The seasons a subscriber follows, slug → choice. */
export async function seasonsOf(id: number): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare('SELECT subject_slug AS slug, choice FROM subscriptions WHERE subscriber_id = ?1').bind(id).all<{ slug: string; choice: string }>()
  return Object.fromEntries(results.map((r) => [r.slug, r.choice]))
}

/** The subscriber row for an address (null when there is none). */
export async function rowFor(email: string) {
  return env.DB.prepare('SELECT * FROM subscribers WHERE email = ?1').bind(email).first<{ id: number; status: string; confirm_sends: number; confirmed_at: string | null }>()
}
