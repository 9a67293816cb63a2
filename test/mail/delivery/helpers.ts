import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test'
import type { Change, Facts } from '../../../src/core/types'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import type { Edition } from '../../../src/mail/delivery/notifier'
import { renderUpdateEmail } from '../../../src/mail/render/render-email'
import { queue } from '../../../src/worker/queue'

export const FACTS: Facts = {
  stage: { value: 'post-production', certainty: 'confirmed', asOf: '2025-07-14', sources: [] },
  release: { status: 'none', date: null, window: null, text: null },
  cast: [],
  trailer: null,
  episodes: null,
}

export const WRAP: Change = {
  field: 'stage',
  material: true,
  from: 'filming',
  to: 'post-production',
  certainty: 'confirmed',
  sources: ['https://news.example.com/wrap'],
  evidence: 'Netflix confirmed <b>filming</b> has wrapped.',
}

/** An edition as the cron hands it over (rendered without an unsubscribe link). */
export function makeEdition(id: string, at = '2026-03-02T07:00:00.000Z'): Edition {
  const email = renderUpdateEmail({ changes: [WRAP], facts: FACTS, showTitle: 'All of Us Are Dead', season: 2, publicUrl: 'http://localhost:8787' })
  return { id, at, changes: [WRAP], facts: FACTS, email }
}

/**
 * Delivers jobs to the Worker's queue handler as one Queue batch. Returns the runtime's
 * ack/retry result plus the retry delays asked for (the result does not report them).
 */
export async function consume(e: Env, jobs: EmailJob[], attempts = 1) {
  const batch = createMessageBatch<EmailJob>(
    'season-watch-email',
    jobs.map((body, i) => ({ id: `msg-${i}`, timestamp: new Date(), attempts, body })),
  )
  const delays: Record<string, number | undefined> = {}
  let retryAllDelay: number | undefined
  // Same messages, with retry() observed on the way through to the real batch.
  const observed = {
    queue: batch.queue,
    messages: batch.messages.map((m) => ({
      id: m.id,
      timestamp: m.timestamp,
      body: m.body,
      attempts: m.attempts,
      ack: () => m.ack(),
      retry: (o?: QueueRetryOptions) => {
        delays[m.id] = o?.delaySeconds
        m.retry(o)
      },
    })),
    ackAll: () => batch.ackAll(),
    retryAll: (o?: QueueRetryOptions) => {
      retryAllDelay = o?.delaySeconds
      batch.retryAll(o)
    },
  } as unknown as MessageBatch<unknown>
  const ctx = createExecutionContext()
  await queue(observed, e, ctx)
  return { ...(await getQueueResult(batch, ctx)), delays, retryAllDelay }
}

interface SentEmail {
  from: string
  to: string | string[]
  subject: string
  html: string
  text: string
  headers?: Record<string, string>
}

export interface ResendCall {
  url: string
  idempotencyKey: string | null
  authorization: string | null
  emails: SentEmail[]
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> }

/**
 * A fetch that answers like Resend's `POST /emails/batch` (the real SDK runs on top of it):
 * records each request, replays a known idempotency key, and answers scripted errors first.
 */
export function fakeResendFetch(script: Reply[] = []) {
  const calls: ResendCall[] = []
  const byKey = new Map<string, string>()
  const delivered: string[] = []
  let n = 0
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = new Request(input, init)
    const emails = (await req.json()) as SentEmail[]
    const key = req.headers.get('idempotency-key')
    calls.push({ url: req.url, idempotencyKey: key, authorization: req.headers.get('authorization'), emails })
    const scripted = script.shift()
    if (scripted) return new Response(JSON.stringify(scripted.body ?? { statusCode: scripted.status, name: 'application_error', message: 'scripted' }), { status: scripted.status, headers: { 'content-type': 'application/json', ...scripted.headers } })
    const body = JSON.stringify(emails)
    if (key && byKey.has(key)) {
      if (byKey.get(key) !== body) return new Response(JSON.stringify({ statusCode: 409, name: 'invalid_idempotent_request', message: 'Same idempotency key used with a different request payload.' }), { status: 409 })
      return new Response(JSON.stringify({ data: emails.map((_, i) => ({ id: `${key}-${i}` })) }), { status: 200 })
    }
    if (key) byKey.set(key, body)
    for (const e of emails) delivered.push(String(e.to))
    return new Response(JSON.stringify({ data: emails.map(() => ({ id: `em_${++n}` })) }), { status: 200, headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  return { fetch, calls, delivered }
}
