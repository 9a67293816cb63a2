/**
 * Pipeline and delivery faults: each row runs the real cron three times (a baseline, the run
 * that brings one material change, a quiet run) and delivers every edition through the real
 * consumer and SDK, with one fault in place. Expected: every run completes, and each of the
 * subscribers gets the one update email exactly once.
 *
 * Adding a row (wave 2: crash at each step boundary, KV put failure, Queue send failure, D1
 * errors, overlapping runs): give it an `arrange` that sets up the fault through the scenario's
 * seams: `serve` (the web), `resendScript` (the fake Resend's next answers), `wrapKv` /
 * `wrapDb` / `wrapQueue` (a binding that fails), `beforeRun` / `runs` (crash, restart, overlap).
 * A run that throws `InjectedCrash` is the fault itself and not counted as a failed run.
 */
import type { Source, Subject } from '../../src/core/types'
import { d1EditionStore } from '../../src/mail/delivery/edition-store'
import type { memoryQueue } from '../../src/mail/delivery/memory-queue'
import { createQueueNotifier } from '../../src/mail/delivery/queue-notifier'
import { d1Lock } from '../../src/pipeline/run/lock'
import { runCron, type RunDeps } from '../../src/pipeline/run/run-cron'
import { workersKv, type KvLike } from '../../src/store/kv'
import subjectJson from '../../data/subject.json' with { type: 'json' }
import type { ScriptedReply } from '../node/fake-resend-server'
import { buildHostilePages } from '../fixtures/hostile/hostile-pages'
import { PUBLIC_URL, type World } from './world'

const subject = subjectJson as Subject
const SUBSCRIBERS = 250
const SLUG = 'fault-suite'
const GOOD = 'https://news.example/aouad-season-2'
const FAULTY = 'https://faulty.example/page'
const FEED = 'https://faulty.example/feed.xml'
/** The document budget of one fetch in the suite (a "timeout" source never answers). */
const FETCH_TIMEOUT_MS = 200

/** Thrown by a wave-2 fault to kill a run at a step boundary; not counted as a failed run. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash'
}

/** How a URL answers: a Response, or a handler of the request (which may never resolve). */
export type Answer = Response | ((request: Request, signal: AbortSignal | null) => Response | Promise<Response>)
/** A URL's answer in a given run (1, 2, 3). */
export type AnswerFor = (run: number) => Answer

/** The seams a fault arranges. */
export interface Scenario {
  /** Configured sources besides the good page. */
  sources: Source[]
  /** How a URL answers, run by run. */
  serve(url: string, answer: AnswerFor): void
  /** The fake Resend's next answers, after `passFirst` normal ones (mid-batch). */
  resendScript(passFirst: number, ...replies: ScriptedReply[]): void
  wrapKv?: (kv: KvLike) => KvLike
  wrapDb?: (db: D1Database) => D1Database
  wrapQueue?: (queue: ReturnType<typeof memoryQueue>) => ReturnType<typeof memoryQueue>
  /** Called before each run (1-based). */
  beforeRun?: (run: number) => void | Promise<void>
}

/** One row of the table. */
export interface PipelineFault {
  group: string
  name: string
  arrange(s: Scenario): void
}

/** What a row measured. */
export interface FaultCounts {
  runsFailed: number
  emailsLost: number
  emailsDuplicated: number
  /** Failures the runs recorded (sources, articles), for the reader of the table. */
  recorded: number
  error?: string
}

const html = (body: string, init: ResponseInit = {}) => new Response(body, { ...init, headers: { 'content-type': 'text/html; charset=utf-8', ...(init.headers as Record<string, string>) } })
const article = (sentence: string) =>
  `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="2025-07-22T09:00:00Z"></head><body><article><h1>All of Us Are Dead Season 2</h1><p>${sentence}</p></article></body></html>`
const page = (id: string, url: string): Source => ({ id, url, kind: 'page', enabled: true })

/**
 * The good source: renewed at the baseline, wrapped from the second run on (one material
 * change). Not "filming": the readable hostile pages say filming began, which lands in the
 * silent baseline.
 */
function goodPage(run: number): Response {
  return html(article(run === 1 ? 'Netflix has officially renewed All of Us Are Dead for a second season.' : 'Netflix confirmed that filming of All of Us Are Dead Season 2 has wrapped.'))
}

/** A response whose body stream breaks after a few bytes. */
function cutStream(): Response {
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode('<html><body><article><p>Netflix confirmed'))
      controller.error(new Error('connection reset by peer'))
    },
  })
  return new Response(stream, { headers: { 'content-type': 'text/html' } })
}

/** Never answers; rejects when the fetcher gives up (as a real fetch does on abort). */
function hang(_request: Request, signal: AbortSignal | null): Promise<Response> {
  return new Promise((_, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))
}

const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)])
const rss = (links: string[]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>news</title>${links.map((l) => `<item><title>t</title><link>${l}</link><guid>${l}</guid></item>`).join('')}</channel></rss>`

/** The rows of the pipeline table, in print order. */
export function pipelineFaults(): PipelineFault[] {
  const rows: PipelineFault[] = [{ group: 'control', name: 'no fault', arrange: () => {} }]
  for (const p of buildHostilePages()) {
    rows.push({
      group: 'hostile page',
      name: p.name,
      arrange: (s) => {
        s.sources.push(page('faulty', FAULTY))
        s.serve(FAULTY, () => new Response(p.body, { headers: { 'content-type': p.contentType } }))
      },
    })
  }
  const source = (name: string, answer: AnswerFor, kind: Source['kind'] = 'page', url = FAULTY): PipelineFault => ({
    group: 'source',
    name,
    arrange: (s) => {
      s.sources.push({ id: 'faulty', url, kind, enabled: true })
      s.serve(url, answer)
    },
  })
  rows.push(
    source('404 Not Found', () => html('gone', { status: 404 })),
    source('503, Retry-After 99999999999999999', () => html('busy', { status: 503, headers: { 'retry-after': '99999999999999999' } })),
    source('503, Retry-After an HTTP date', () => html('busy', { status: 503, headers: { 'retry-after': 'Fri, 31 Dec 9999 23:59:59 GMT' } })),
    source('timeout (never answers)', () => hang),
    source('redirect loop', () => new Response(null, { status: 302, headers: { location: `${FAULTY}?again` } })),
    source('redirect to 127.0.0.1', () => new Response(null, { status: 302, headers: { location: 'http://127.0.0.1:8787/admin' } })),
    source('binary body (image/png)', () => new Response(pngBytes, { headers: { 'content-type': 'image/png' } })),
    source('binary body sent as text/html', () => new Response(pngBytes, { headers: { 'content-type': 'text/html' } })),
    source('truncated body (Content-Length 50000)', () => html(article('Netflix confirmed filming'), { headers: { 'content-length': '50000' } })),
    source('connection cut mid-body', () => cutStream),
    source('truncated feed (cut mid-tag)', () => new Response(rss([GOOD]).slice(0, 90), { headers: { 'content-type': 'application/rss+xml' } }), 'feed', FEED),
    {
      group: 'source',
      name: 'feed item linking to loopback',
      arrange: (s) => {
        s.sources.push({ id: 'feed', url: FEED, kind: 'feed', enabled: true })
        s.serve(FEED, () => new Response(rss(['http://127.0.0.1/internal', 'http://[::ffff:127.0.0.1]/x']), { headers: { 'content-type': 'application/rss+xml' } }))
      },
    },
  )
  const resend = (name: string, ...replies: ScriptedReply[]): PipelineFault => ({ group: 'resend', name, arrange: (s) => s.resendScript(1, ...replies) })
  const err = (status: number, name: string) => ({ statusCode: status, name, message: 'scripted' })
  rows.push(
    resend('429 mid-batch (retry-after 1)', { status: 429, body: err(429, 'rate_limit_exceeded'), headers: { 'retry-after': '1' } }),
    resend('429 mid-batch, twice in a row', { status: 429, body: err(429, 'rate_limit_exceeded') }, { status: 429, body: err(429, 'rate_limit_exceeded') }),
    resend('500 mid-batch', { status: 500, body: err(500, 'internal_server_error') }),
    resend('timeout mid-batch, not processed', { status: 500, delayMs: 1_000 }),
    resend('timeout mid-batch, sent but answer lost', { process: true, delayMs: 1_000 }),
  )
  return rows
}

/** Runs one row: three cron runs with the fault in place, each followed by delivery. */
export async function runPipelineFault(world: World, fault: PipelineFault): Promise<FaultCounts> {
  await world.reset()
  const { env } = world
  const confirmed = '2020-01-01T00:00:00.000Z'
  const insert = env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES (?1, 'active', ?2, ?2, ?2)")
  const addresses = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.com`)
  for (let i = 0; i < addresses.length; i += 50) await env.DB.batch(addresses.slice(i, i + 50).map((a) => insert.bind(a, confirmed)))

  const answers = new Map<string, AnswerFor>([[GOOD, goodPage]])
  const scenario: Scenario = {
    sources: [],
    serve: (url, answer) => answers.set(url, answer),
    resendScript: (passFirst, ...replies) => world.resend.script(...Array.from({ length: passFirst }, () => ({ process: true })), ...replies),
  }
  fault.arrange(scenario)
  const sources = [page('good', GOOD), ...scenario.sources]

  let run = 0
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const url = request.url.replace(/\?again$/, '')
    const answer = answers.get(url)?.(run) ?? html('not found', { status: 404 })
    return typeof answer === 'function' ? answer(request, init?.signal ?? null) : answer
  }) as typeof globalThis.fetch

  const counts: FaultCounts = { runsFailed: 0, emailsLost: 0, emailsDuplicated: 0, recorded: 0 }
  const db = scenario.wrapDb ? scenario.wrapDb(env.DB) : env.DB
  for (run = 1; run <= 3; run++) {
    await scenario.beforeRun?.(run)
    const queue = scenario.wrapQueue ? scenario.wrapQueue(world.newQueue()) : world.newQueue()
    const at = new Date(Date.UTC(2025, 6, 20 + run, 7))
    const notifier = createQueueNotifier({ store: d1EditionStore(db), queue })
    const kv = workersKv(env.STATE)
    const deps: RunDeps = {
      fetch,
      fetchTimeoutMs: FETCH_TIMEOUT_MS,
      now: () => at,
      kv: scenario.wrapKv ? scenario.wrapKv(kv) : kv,
      slug: SLUG,
      subject,
      sources,
      notifier,
      lock: d1Lock(db),
      publicUrl: PUBLIC_URL,
    }
    try {
      // As the scheduled handler does: finish editions a crash left unqueued, then run.
      await notifier.resume()
      const report = await runCron(deps)
      counts.recorded += report.failed.length
    } catch (e) {
      if (!(e instanceof InjectedCrash)) {
        counts.runsFailed++
        counts.error ??= e instanceof Error ? `${e.name}: ${e.message}` : String(e)
      }
    }
    await world.deliver(queue)
  }

  // Each subscriber must have received the one update exactly once.
  const received = new Map<string, number>()
  for (const d of world.resend.delivered) received.set(d.to, (received.get(d.to) ?? 0) + 1)
  for (const a of addresses) {
    const n = received.get(a) ?? 0
    if (n === 0) counts.emailsLost++
    if (n > 1) counts.emailsDuplicated += n - 1
  }
  return counts
}
