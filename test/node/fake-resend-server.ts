import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A fake Resend API on loopback for the real `resend` SDK: `POST /emails` and
 * `POST /emails/batch`, with Resend's behaviour where it matters to us:
 * - Bearer auth, ≤ 100 emails per batch, `from`/`to`/`subject` required (422 otherwise);
 * - `Idempotency-Key`: the same key and body replays the first answer without sending, the
 *   same key with another body is `409 invalid_idempotent_request`, and a key still in flight
 *   is `409 concurrent_idempotent_requests`;
 * - an optional rate limit (fixed one-second windows) answering 429 with `retry-after` and
 *   the `ratelimit-*` headers on every answer;
 * - scripted answers (e.g. 429 or 500) for the next requests.
 * It records every request and every email it "delivered".
 */

export interface RecordedRequest {
  method: string
  path: string
  headers: Record<string, string | string[] | undefined>
  idempotencyKey: string | null
  body: unknown
  status: number
}

export interface DeliveredEmail {
  id: string
  idempotencyKey: string | null
  from: string
  to: string
  subject: string
  html?: string
  text?: string
  headers?: Record<string, string>
}

export interface ScriptedReply {
  /** Answer with this status (unless `process`). */
  status?: number
  body?: unknown
  headers?: Record<string, string>
  /** Wait this long before answering (a client with a shorter timeout gives up). */
  delayMs?: number
  /** Handle the request normally (send the emails), only answer late: the answer is lost. */
  process?: boolean
}

export interface FakeResendOptions {
  apiKey?: string
  /** Requests per second before 429 (Resend's default is a few per second). Off when unset. */
  rateLimitPerSecond?: number
  /** Added latency per request, ms. */
  latencyMs?: number
}

export interface FakeResend {
  url: string
  requests: RecordedRequest[]
  delivered: DeliveredEmail[]
  /** Answers the next requests with these, in order, before normal handling. */
  script(...replies: ScriptedReply[]): void
  reset(): void
  stop(): Promise<void>
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', ...headers })
  res.end(text)
}

const error = (statusCode: number, name: string, message: string) => ({ statusCode, name, message })

/** Starts the fake on 127.0.0.1 with an OS-chosen port. */
export async function startFakeResend(opts: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = opts.apiKey ?? 're_test_fake'
  const requests: RecordedRequest[] = []
  const delivered: DeliveredEmail[] = []
  const scripted: ScriptedReply[] = []
  const idempotent = new Map<string, { hash: string; status: number; body: unknown } | 'in-flight'>()
  let window = { second: 0, count: 0 }
  let ids = 0

  function rateHeaders(): { headers: Record<string, string>; limited: boolean } {
    if (!opts.rateLimitPerSecond) return { headers: {}, limited: false }
    const now = Date.now()
    const second = Math.floor(now / 1000)
    if (second !== window.second) window = { second, count: 0 }
    window.count++
    const limit = opts.rateLimitPerSecond
    const reset = Math.max(1, Math.ceil((1000 - (now % 1000)) / 1000))
    const remaining = Math.max(0, limit - window.count)
    return {
      headers: { 'ratelimit-limit': String(limit), 'ratelimit-remaining': String(remaining), 'ratelimit-reset': String(reset) },
      limited: window.count > limit,
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const raw = await readBody(req)
    const path = (req.url ?? '/').split('?')[0]!
    const key = (req.headers['idempotency-key'] as string | undefined) ?? null
    let body: unknown = null
    try {
      body = raw ? JSON.parse(raw) : null
    } catch {
      body = raw
    }
    const record: RecordedRequest = { method: req.method ?? 'GET', path, headers: req.headers, idempotencyKey: key, body, status: 0 }
    requests.push(record)
    const next = scripted.shift()
    const lateBy = next?.process ? (next.delayMs ?? 0) : 0
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      record.status = status
      if (lateBy > 0) setTimeout(() => send(res, status, payload, headers), lateBy)
      else send(res, status, payload, headers)
    }
    if (opts.latencyMs) await new Promise((r) => setTimeout(r, opts.latencyMs))

    const rate = rateHeaders()
    if (next && !next.process) {
      if (next.delayMs) await new Promise((r) => setTimeout(r, next.delayMs))
      const status = next.status ?? 500
      return reply(status, next.body ?? error(status, 'application_error', 'scripted failure'), { ...rate.headers, ...next.headers })
    }
    if (rate.limited) {
      return reply(429, error(429, 'rate_limit_exceeded', 'Too many requests. You can only make a few requests per second.'), { ...rate.headers, 'retry-after': rate.headers['ratelimit-reset']! })
    }
    if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, error(401, 'invalid_api_key', 'API key is invalid'), rate.headers)
    if (req.method !== 'POST' || (path !== '/emails' && path !== '/emails/batch')) return reply(404, error(404, 'not_found', 'Not found'), rate.headers)

    const emails = (path === '/emails/batch' ? body : [body]) as Record<string, unknown>[]
    if (!Array.isArray(emails) || emails.length === 0 || emails.length > 100) {
      return reply(422, error(422, 'validation_error', 'The batch must hold 1 to 100 emails.'), rate.headers)
    }
    for (const e of emails) {
      if (typeof e?.from !== 'string' || !e.to || typeof e.subject !== 'string') return reply(422, error(422, 'validation_error', 'Missing `from`, `to` or `subject`.'), rate.headers)
    }

    const hash = createHash('sha256').update(raw).digest('hex')
    if (key) {
      const seen = idempotent.get(key)
      if (seen === 'in-flight') return reply(409, error(409, 'concurrent_idempotent_requests', 'Same idempotency key used while original request is still in progress.'), rate.headers)
      if (seen && seen.hash !== hash) return reply(409, error(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload.'), rate.headers)
      if (seen) return reply(seen.status, seen.body, rate.headers)
      idempotent.set(key, 'in-flight')
    }
    const out = emails.map((e) => {
      const id = `fake_${++ids}`
      const tos = Array.isArray(e.to) ? (e.to as string[]) : [e.to as string]
      for (const to of tos) delivered.push({ id, idempotencyKey: key, from: e.from as string, to, subject: e.subject as string, html: e.html as string | undefined, text: e.text as string | undefined, headers: e.headers as Record<string, string> | undefined })
      return { id }
    })
    const payload = path === '/emails/batch' ? { data: out } : out[0]
    if (key) idempotent.set(key, { hash, status: 200, body: payload })
    return reply(200, payload, rate.headers)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => send(res, 500, error(500, 'internal_server_error', String(err))))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    delivered,
    script: (...replies) => scripted.push(...replies),
    reset: () => {
      requests.length = 0
      delivered.length = 0
      scripted.length = 0
      idempotent.clear()
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((err) => (err ? reject(err) : resolve()))
      }),
  }
}
