/**
 * Pipeline and delivery faults: each row runs the real cron four times (a baseline, a run that
 * brings one material change, a run that brings a second one, a quiet run) and delivers every
 * edition through the real consumer and SDK, with one fault in place. Expected: no run fails for
 * good, each subscriber gets each change exactly once and by the end of the run that found it,
 * and the public view is never left behind the state.
 *
 * Each run is a runs Queue job, as in the Worker: a run that fails (or crashes) is retried up to
 * three times, 2, 4 and 8 minutes later (`consumeRuns`); a retry takes over the lease its crashed
 * attempt left, and first re-queues editions left unqueued, as the consumer does. A run counts as
 * failed only when every attempt failed. A run killed by `InjectedCrash` is the fault itself: it
 * is retried like any other, and skips the lock release (a killed Worker runs no `finally`).
 *
 * Adding a row: give it an `arrange` that sets up the fault through the scenario's seams: `serve`
 * (the web, by news step), `resendScript` (the fake Resend's next answers), `wrapKv` / `wrapDb` /
 * `wrapQueue` (a binding that fails: see `failing-bindings.ts`), `onStep` (crash at a step
 * boundary), `invocations` (overlapping runs), `beforeRun`; `now` says where the harness is.
 */
import { sameJson } from '../../src/core/canonical-json'
import type { PublicView } from '../../src/core/public-view'
import type { Source, Subject } from '../../src/core/types'
import { d1EditionStore } from '../../src/mail/delivery/edition-store'
import type { JobQueue } from '../../src/mail/delivery/email-job'
import { createQueueNotifier } from '../../src/mail/delivery/queue-notifier'
import { d1Lock, type RunLock } from '../../src/pipeline/run/lock'
import { runCron, type RunDeps, type RunStep } from '../../src/pipeline/run/run-cron'
import type { PipelineState } from '../../src/pipeline/run/state'
import { workersKv, type KvLike } from '../../src/store/kv'
import { kvKeys } from '../../src/store/kv-keys'
import subjectJson from '../../data/subject.json' with { type: 'json' }
import type { ScriptedReply } from '../node/fake-resend-server'
import { buildHostilePages } from '../fixtures/hostile/hostile-pages'
import { failingDb, failingKv, failingQueue, times } from './failing-bindings'
import { PUBLIC_URL, type World } from './world'

const subject = subjectJson as Subject
const SUBSCRIBERS = 250
const SLUG = 'fault-suite'
const GOOD = 'https://news.example/aouad-season-2'
const FAULTY = 'https://faulty.example/page'
const FEED = 'https://faulty.example/feed.xml'
/** The document budget of one fetch in the suite (a "timeout" source never answers). */
const FETCH_TIMEOUT_MS = 200
/** Scheduled runs per row. */
const RUNS = 4
/** When each attempt of a run starts, in minutes after the first: the runs Queue's retries. */
const ATTEMPT_OFFSETS_MIN = [0, 2, 6, 14]
/** What every subscriber must get, and the run by whose end it is due (later counts as lost). */
const EXPECTED = [
  { field: 'stage', due: 2 },
  { field: 'trailer', due: 3 },
] as const

/** Thrown by a fault to kill a run at a step boundary; not counted as a failed run. */
export class InjectedCrash extends Error {
  override name = 'InjectedCrash'
}

/** How a URL answers: a Response, or a handler of the request (which may never resolve). */
export type Answer = Response | ((request: Request, signal: AbortSignal | null) => Response | Promise<Response>)
/** A URL's answer at a given news step (1 to 4; the run's number unless a fault moves it). */
export type AnswerFor = (step: number) => Answer

/** Where the harness is: the run, its attempt, and the news step the web is at. */
export interface Position {
  run: number
  attempt: number
  web: number
}

/** The seams a fault arranges. */
export interface Scenario {
  /** Configured sources besides the good page. */
  sources: Source[]
  /** How a URL answers, by news step (serving the good page's URL replaces it). */
  serve(url: string, answer: AnswerFor): void
  /** The fake Resend's next answers, after `passFirst` normal ones (mid-batch). */
  resendScript(passFirst: number, ...replies: ScriptedReply[]): void
  wrapKv?: (kv: KvLike) => KvLike
  /** Wraps the D1 the run, the notifier and the email consumer use. */
  wrapDb?: (db: D1Database) => D1Database
  wrapQueue?: (queue: JobQueue) => JobQueue
  /** Called at each step boundary of every run (`RunDeps.onStep`). */
  onStep?: (step: RunStep) => void | Promise<void>
  /** Runs of the subject started at once for each attempt, as separate jobs (default 1). */
  invocations?: number
  /** Called before each attempt of each run. */
  beforeRun?: (run: number, attempt: number) => void | Promise<void>
  /** Where the harness is; a fault may move `web` on (news arriving before a retry). */
  readonly now: Position
  /** Kills the run here: throws `InjectedCrash`, and the run's lock is not released. */
  crash(where: string): never
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
  /** Runs after which the public view did not show the saved state's facts and history. */
  viewsStale: number
  /** Attempts beyond the first (the runs Queue's retries), for the reader of the table. */
  retries: number
  /** Failures the runs recorded (sources, articles), for the reader of the table. */
  recorded: number
  error?: string
}

const html = (body: string, init: ResponseInit = {}) => new Response(body, { ...init, headers: { 'content-type': 'text/html; charset=utf-8', ...(init.headers as Record<string, string>) } })
const article = (...sentences: string[]) =>
  `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="2025-07-22T09:00:00Z"></head><body><article><h1>All of Us Are Dead Season 2</h1>${sentences.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
const page = (id: string, url: string): Source => ({ id, url, kind: 'page', enabled: true })

const NEWS = [
  'Netflix has officially renewed All of Us Are Dead for a second season.',
  'Netflix confirmed that filming of All of Us Are Dead Season 2 has wrapped.',
  'Netflix released the first teaser trailer for All of Us Are Dead Season 2.',
]

/**
 * The good source: renewed at the baseline, wrapped from step 2 (one material change), and a
 * first teaser besides from step 3 (a second one). Not "filming": the readable hostile pages say
 * filming began, which lands in the silent baseline.
 */
function goodPage(step: number): Response {
  return html(step <= 1 ? article(NEWS[0]!) : step === 2 ? article(NEWS[1]!) : article(NEWS[1]!, NEWS[2]!))
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
  rows.push(...wave2Faults())
  return rows
}

/** The second run's first attempt: where most wave-2 faults strike. */
const inRun2 = (s: Scenario, attempt = 1) => s.now.run === 2 && s.now.attempt === attempt

/** Overlapping runs, crashes at each step boundary, and KV, Queue and D1 failures. */
function wave2Faults(): PipelineFault[] {
  const crash = (step: RunStep, label: string): PipelineFault => ({
    group: 'crash',
    name: `${label} (run 2), new news before the retry`,
    arrange: (s) => {
      s.onStep = (reached) => {
        if (reached !== step || !inRun2(s)) return
        // The retry also finds the next change: it must send that, and not the first again.
        s.now.web = 3
        s.crash(`after ${step}`)
      }
    },
  })
  const kv = (name: string, op: 'get' | 'put', key: string): PipelineFault => ({
    group: 'kv',
    name: `${name} (run 2)`,
    arrange: (s) => {
      s.wrapKv = (inner) => failingKv(inner, times(1, (o, k) => o === op && k === key && inRun2(s)))
    },
  })
  const d1 = (name: string, sql: RegExp, when: (s: Scenario) => boolean = (s) => inRun2(s)): PipelineFault => ({
    group: 'd1',
    name,
    arrange: (s) => {
      s.wrapDb = (db) => failingDb(db, times(1, (q) => sql.test(q) && when(s)))
    },
  })
  return [
    {
      group: 'overlap',
      name: 'two runs of the subject at once, every run',
      arrange: (s) => {
        s.invocations = 2
        // Slow enough that the second starts while the first still fetches.
        s.serve(GOOD, (step) => async () => {
          await new Promise((r) => setTimeout(r, 30))
          return goodPage(step)
        })
      },
    },
    crash('fetched', 'crash after fetch'),
    crash('notified', 'crash after notify'),
    crash('view-saved', 'crash after the view write'),
    crash('state-saved', 'crash after the state write'),
    kv('KV put fails writing the public view', 'put', kvKeys.publicView(SLUG)),
    kv('KV put fails writing the state', 'put', kvKeys.state(SLUG)),
    kv('KV get fails reading the state', 'get', kvKeys.state(SLUG)),
    {
      group: 'queue',
      name: 'email Queue send fails once (run 2)',
      arrange: (s) => {
        s.wrapQueue = (q) => failingQueue(q, times(1, () => inRun2(s)))
      },
    },
    {
      group: 'queue',
      name: 'email Queue refuses every send of a run (run 2)',
      arrange: (s) => {
        s.wrapQueue = (q) => failingQueue(q, () => inRun2(s))
      },
    },
    {
      group: 'queue',
      name: 'email Queue refuses a run (run 2), source down at the retry',
      arrange: (s) => {
        s.wrapQueue = (q) => failingQueue(q, () => inRun2(s))
        s.serve(GOOD, (step) => (s.now.run === 2 && s.now.attempt > 1 ? html('busy', { status: 503 }) : goodPage(step)))
      },
    },
    d1('D1 error taking the run lock (run 2)', /INSERT INTO run_lock/),
    d1('D1 error recalling past editions (run 2)', /AS changesJson/),
    d1('D1 error recording the edition (run 2)', /INSERT INTO editions/),
    d1('D1 error planning the batches (run 2)', /INSERT INTO edition_batches/),
    d1('D1 error marking the edition queued (run 2)', /SET enqueued_at/),
    d1('D1 error in the email consumer, leasing a batch', /SET status = 'sending'/, (s) => s.now.run === 2),
  ]
}

/** Runs one row: four cron runs (each with its retries) with the fault in place, each followed by delivery. */
export async function runPipelineFault(world: World, fault: PipelineFault): Promise<FaultCounts> {
  await world.reset()
  const { env } = world
  const confirmed = '2020-01-01T00:00:00.000Z'
  const insert = env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES (?1, 'active', ?2, ?2, ?2)")
  const addresses = Array.from({ length: SUBSCRIBERS }, (_, i) => `reader${i}@example.com`)
  for (let i = 0; i < addresses.length; i += 50) await env.DB.batch(addresses.slice(i, i + 50).map((a) => insert.bind(a, confirmed)))

  const answers = new Map<string, AnswerFor>([[GOOD, goodPage]])
  const now: Position = { run: 0, attempt: 0, web: 0 }
  /** Set by a crash: the dying run's lock release is skipped. */
  let dying = false
  const scenario: Scenario = {
    sources: [],
    serve: (url, answer) => answers.set(url, answer),
    resendScript: (passFirst, ...replies) => world.resend.script(...Array.from({ length: passFirst }, () => ({ process: true })), ...replies),
    now,
    crash(where) {
      dying = true
      throw new InjectedCrash(`killed ${where}`)
    },
  }
  fault.arrange(scenario)
  const sources = [page('good', GOOD), ...scenario.sources]

  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init)
    const url = request.url.replace(/\?again$/, '')
    const answer = answers.get(url)?.(now.web) ?? html('not found', { status: 404 })
    return typeof answer === 'function' ? answer(request, init?.signal ?? null) : answer
  }) as typeof globalThis.fetch

  const counts: FaultCounts = { runsFailed: 0, emailsLost: 0, emailsDuplicated: 0, viewsStale: 0, retries: 0, recorded: 0 }
  const db = scenario.wrapDb ? scenario.wrapDb(env.DB) : env.DB
  const d1 = d1Lock(db)
  // A killed Worker never releases its lease; the next attempt of the same job takes it over.
  const lock: RunLock = { acquire: (...args) => d1.acquire(...args), release: (name, token) => (dying ? Promise.resolve() : d1.release(name, token)) }
  const kv = scenario.wrapKv ? scenario.wrapKv(workersKv(env.STATE)) : workersKv(env.STATE)

  for (let run = 1; run <= RUNS; run++) {
    Object.assign(now, { run, web: run })
    const jobs = Array.from({ length: scenario.invocations ?? 1 }, (_, i) => ({ owner: `${SLUG}@run-${run}/job-${i}`, done: false }))
    let lastError: string | undefined
    for (let attempt = 1; attempt <= ATTEMPT_OFFSETS_MIN.length && jobs.some((j) => !j.done); attempt++) {
      now.attempt = attempt
      dying = false
      if (attempt > 1) counts.retries++
      await scenario.beforeRun?.(run, attempt)
      const at = new Date(Date.UTC(2025, 6, 20 + run, 7) + ATTEMPT_OFFSETS_MIN[attempt - 1]! * 60_000)
      const queue = world.newQueue()
      const notifier = createQueueNotifier({ store: d1EditionStore(db), queue: scenario.wrapQueue ? scenario.wrapQueue(queue) : queue, now: () => at, sleep: async () => {} })
      // The cron, and the runs consumer on a redelivery, first re-queue editions left unqueued.
      await notifier.resume().catch(() => 0)
      const deps = (owner: string): RunDeps => ({
        fetch,
        fetchTimeoutMs: FETCH_TIMEOUT_MS,
        now: () => at,
        kv,
        slug: SLUG,
        subject,
        sources,
        notifier,
        lock,
        lockOwner: owner,
        publicUrl: PUBLIC_URL,
        ...(scenario.onStep ? { onStep: scenario.onStep } : {}),
      })
      const pending = jobs.filter((j) => !j.done)
      const outcomes = await Promise.allSettled(pending.map((j) => runCron(deps(j.owner))))
      outcomes.forEach((o, i) => {
        if (o.status === 'fulfilled') {
          // A run that found the lock held is acknowledged, as the consumer does.
          pending[i]!.done = true
          counts.recorded += o.value.failed.length
        } else if (!(o.reason instanceof InjectedCrash)) {
          lastError = o.reason instanceof Error ? `${o.reason.name}: ${o.reason.message}` : String(o.reason)
        }
      })
      await world.deliver(queue, db)
    }
    if (jobs.some((j) => !j.done)) {
      counts.runsFailed++
      counts.error ??= lastError ?? 'crashed on every attempt'
    }
    // Due by the end of this run: every subscriber has it.
    const received = await receivedChanges(world)
    for (const e of EXPECTED.filter((x) => x.due === run)) for (const a of addresses) if ((received.get(a)?.get(e.field) ?? 0) === 0) counts.emailsLost++
    if (await isViewStale(env.STATE)) counts.viewsStale++
  }

  for (const byField of (await receivedChanges(world)).values()) for (const n of byField.values()) counts.emailsDuplicated += Math.max(0, n - 1)
  return counts
}

/** Per address, how many emails it got carrying each changed field (editions by idempotency key). */
async function receivedChanges(world: World): Promise<Map<string, Map<string, number>>> {
  const { results } = await world.env.DB.prepare('SELECT id, changes_json FROM editions').all<{ id: string; changes_json: string }>()
  const fieldsOf = new Map(results.map((r) => [r.id, (JSON.parse(r.changes_json) as { field: string }[]).map((c) => c.field)]))
  const out = new Map<string, Map<string, number>>()
  for (const d of world.resend.delivered) {
    const editionId = d.idempotencyKey?.split('/')[0] ?? ''
    const byField = out.get(d.to) ?? new Map<string, number>()
    for (const field of fieldsOf.get(editionId) ?? ['unknown edition']) byField.set(field, (byField.get(field) ?? 0) + 1)
    out.set(d.to, byField)
  }
  return out
}

/** True when the public view does not show the saved state's facts and history. */
async function isViewStale(store: KVNamespace): Promise<boolean> {
  const state = JSON.parse((await store.get(kvKeys.state(SLUG))) ?? 'null') as PipelineState | null
  if (!state) return false
  const view = JSON.parse((await store.get(kvKeys.publicView(SLUG))) ?? 'null') as PublicView | null
  return !view || !sameJson(view.facts, state.facts) || view.history.map((h) => h.id).join() !== state.history.map((h) => h.id).join()
}
