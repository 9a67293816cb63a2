import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { Hono } from 'hono'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import { createSubscribeRoutes, type SubscribeRouteDeps } from '../../../src/mail/routes/subscribe'

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

/** Empties the tables this feature owns. */
export async function clearTables(): Promise<void> {
  await env.DB.batch([
    env.DB.prepare('DELETE FROM edition_batches'),
    env.DB.prepare('DELETE FROM editions'),
    env.DB.prepare('DELETE FROM outbox'),
    env.DB.prepare('DELETE FROM subscribers'),
  ])
}

/** Adds active subscribers directly (ids ascending), confirmed at `confirmedAt`. */
export async function seedActive(count: number, opts: { prefix?: string; confirmedAt?: string } = {}): Promise<number[]> {
  const at = opts.confirmedAt ?? '2026-01-01T00:00:00.000Z'
  const prefix = opts.prefix ?? 'reader'
  const stmt = env.DB.prepare(
    `INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES (?1, 'active', ?2, ?2, ?2) RETURNING id`,
  )
  const ids: number[] = []
  for (let i = 0; i < count; i += 50) {
    const chunk = Array.from({ length: Math.min(50, count - i) }, (_, j) => stmt.bind(`${prefix}${i + j}@example.com`, at))
    const results = await env.DB.batch<{ id: number }>(chunk)
    for (const r of results) ids.push(r.results[0]!.id)
  }
  return ids
}

/** The subscriber row for an address (null when there is none). */
export async function rowFor(email: string) {
  return env.DB.prepare('SELECT * FROM subscribers WHERE email = ?1').bind(email).first<{ id: number; status: string; confirm_sends: number; confirmed_at: string | null }>()
}
