/**
 * The runs fan-out at 1, 10 and 100 subjects of 10 sources each: the real cron (`runScheduled`,
 * which enqueues one message per subject) and the real runs consumer (`consumeRuns`), driven
 * in-process over real D1 and KV (workerd via wrangler's platform proxy, on loopback) with
 * generated pages from an in-process fetch. Each message is delivered as its own batch, one
 * after another, so each invocation's CPU (this process's), KV operations and wall time are its own.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getPlatformProxy } from 'wrangler'
import type { Source, Subject } from '../src/core/types'
import type { PipelineState } from '../src/pipeline/run/state'
import { saveState } from '../src/pipeline/run/state-store'
import { emptyFacts } from '../src/pipeline/facts/merge-facts'
import { memoryKv } from '../src/store/kv'
import { insertSubject } from '../src/store/subject-store'
import { consumeRuns } from '../src/worker/run-consumer'
import type { RunJob } from '../src/worker/run-job'
import { runScheduled } from '../src/worker/scheduled'
import subjectJson from '../data/subject.json' with { type: 'json' }
import { actorName, buildRealisticPage } from './realistic-page'

const SOURCES_PER_SUBJECT = 10
const PAGE_BYTES = 40_000

/** KV operation counters around the real namespace. */
function countingKv(inner: KVNamespace) {
  const counts = { reads: 0, writes: 0, bytesWritten: 0 }
  const ns = {
    get: (key: string, type?: unknown) => (counts.reads++, inner.get(key, type as 'text')),
    put: (key: string, value: string) => (counts.writes++, (counts.bytesWritten += value.length), inner.put(key, value)),
    delete: (key: string) => (counts.writes++, inner.delete(key)),
    list: (opts?: KVNamespaceListOptions) => inner.list(opts),
  } as unknown as KVNamespace
  return { ns, counts }
}

/**
 * D1 operation counters around the real database: round trips (a query or a batch) and the
 * statements that write (INSERT, UPDATE, DELETE, REPLACE), batched ones included.
 */
function countingD1(inner: D1Database) {
  const counts = { calls: 0, writes: 0 }
  const writes = (sql: string) => /^\s*(insert|update|delete|replace)\b/i.test(sql)
  // Batches need the runtime's own statements, so each wrapper remembers the one it wraps.
  const unwrap = new WeakMap<object, { stmt: D1PreparedStatement; sql: string }>()
  const wrap = (stmt: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const wrapped = {
      bind: (...args: unknown[]) => wrap(stmt.bind(...args), sql),
      first: (col?: string) => (counts.calls++, (counts.writes += writes(sql) ? 1 : 0), col === undefined ? stmt.first() : stmt.first(col)),
      run: () => (counts.calls++, (counts.writes += writes(sql) ? 1 : 0), stmt.run()),
      all: () => (counts.calls++, (counts.writes += writes(sql) ? 1 : 0), stmt.all()),
      raw: (opts?: { columnNames?: boolean }) => (counts.calls++, (counts.writes += writes(sql) ? 1 : 0), stmt.raw(opts as { columnNames: true })),
    } as unknown as D1PreparedStatement
    unwrap.set(wrapped, { stmt, sql })
    return wrapped
  }
  const db = {
    prepare: (sql: string) => wrap(inner.prepare(sql), sql),
    batch: (stmts: D1PreparedStatement[]) => {
      counts.calls++
      const real = stmts.map((s) => unwrap.get(s) ?? { stmt: s, sql: '' })
      counts.writes += real.filter((r) => writes(r.sql)).length
      return inner.batch(real.map((r) => r.stmt))
    },
    exec: (sql: string) => (counts.calls++, inner.exec(sql)),
  } as unknown as D1Database
  return { db, counts }
}

/** Pages of every subject's sources; in "news" rounds each page names a new actor (a material change). */
function makeWeb(round: { value: number; news: boolean }): typeof fetch {
  const pages = new Map<number, string>()
  return (async (input: RequestInfo | URL) => {
    const url = new Request(input).url
    const m = /s(\d+)-site(\d+)/.exec(url)
    const i = Number(m?.[2] ?? 0)
    if (!pages.has(i)) pages.set(i, buildRealisticPage(PAGE_BYTES, i))
    let body = pages.get(i)!
    if (round.news) body = body.replace('</article>', `<p>Netflix confirmed that the actor ${actorName(round.value, i)} joins the cast of All of Us Are Dead Season 2.</p></article>`)
    return new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', etag: `"${round.value}-${i}-${round.news}"` } })
  }) as typeof fetch
}

/** A one-message batch as the runtime hands it to the consumer, recording ack/retry. */
function batchOf(job: RunJob, outcome: { acked: number; retried: number }): MessageBatch<unknown> {
  const message = { id: job.slug, timestamp: new Date(), attempts: 1, body: job, ack: () => void outcome.acked++, retry: () => void outcome.retried++ }
  return { queue: 'season-watch-runs', messages: [message], ackAll: () => void outcome.acked++, retryAll: () => void outcome.retried++ } as unknown as MessageBatch<unknown>
}

interface InvocationCost {
  cpuMs: number
  wallMs: number
  reads: number
  writes: number
  /** D1 round trips, and the statements among them that write. */
  d1Calls: number
  d1Writes: number
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const max = (xs: number[]) => Math.max(...xs)

async function measureFanout(base: Env, subjects: number): Promise<{ news: InvocationCost[]; quiet: InvocationCost[]; cronMs: number; failed: number }> {
  const db = base.DB
  await db.batch([db.prepare('DELETE FROM subjects'), db.prepare('DELETE FROM run_lock'), db.prepare('DELETE FROM edition_batches'), db.prepare('DELETE FROM editions')])
  for (const { name } of (await base.STATE.list()).keys) await base.STATE.delete(name)
  const now = new Date('2025-07-01T07:00:00Z')
  for (let k = 0; k < subjects; k++) {
    const sources: Source[] = Array.from({ length: SOURCES_PER_SUBJECT }, (_, i) => ({ id: `src-${i}`, url: `https://s${k}-site${i}.example/story`, kind: 'page', enabled: true }))
    await insertSubject(db, { ...(subjectJson as Subject), slug: `bench-${k}-s2`, status: 'active' }, { now, sources })
  }
  const counted = countingKv(base.STATE)
  const d1 = countingD1(base.DB)
  const runs: RunJob[] = []
  const env = {
    ...base,
    STATE: counted.ns,
    DB: d1.db,
    DEMO_MODE: 'false',
    PUBLIC_URL: 'https://bench.test',
    RUNS_QUEUE: { send: async (j: RunJob) => void runs.push(j), sendBatch: async (ms: Iterable<{ body: RunJob }>) => void [...ms].forEach((m) => runs.push(m.body)) },
    EMAIL_QUEUE: { send: async () => {}, sendBatch: async () => {} },
  } as unknown as Env
  const round = { value: 0, news: true }
  const fetch = makeWeb(round)
  const outcome = { acked: 0, retried: 0 }

  const fanOut = async (): Promise<{ costs: InvocationCost[]; cronMs: number }> => {
    runs.length = 0
    const t = performance.now()
    await runScheduled(env, 'bench')
    const cronMs = performance.now() - t
    const costs: InvocationCost[] = []
    for (const job of runs) {
      counted.counts.reads = counted.counts.writes = 0
      d1.counts.calls = d1.counts.writes = 0
      const cpu = process.cpuUsage()
      const start = performance.now()
      await consumeRuns(batchOf(job, outcome), env, { fetch, now: () => new Date(now.getTime() + round.value * 86_400_000) })
      const used = process.cpuUsage(cpu)
      costs.push({ cpuMs: (used.user + used.system) / 1000, wallMs: performance.now() - start, reads: counted.counts.reads, writes: counted.counts.writes, d1Calls: d1.counts.calls, d1Writes: d1.counts.writes })
    }
    return { costs, cronMs }
  }

  await fanOut() // baseline round
  // At least 10 invocations per row (10 rounds of 1 subject), so every median has the same footing.
  const news: InvocationCost[] = []
  let cronMs = 0
  for (let r = 0; r < Math.ceil(10 / subjects); r++) {
    round.value++
    const fanned = await fanOut()
    news.push(...fanned.costs)
    cronMs = fanned.cronMs
  }
  round.value++
  round.news = false
  await fanOut() // the pages lose the news sentence: same claims, new bytes
  const quiet = await fanOut() // and now the same bytes again
  return { news, quiet: quiet.costs, cronMs, failed: outcome.retried }
}

/** Bytes a run writes when it adds one claim to a ledger of `size`: the old single value vs the sharded state. */
async function stateWriteBytes(size: number): Promise<{ old: number; sharded: number }> {
  const claims = Array.from({ length: size }, (_, i) => ({
    field: 'cast' as const,
    value: { actor: `Made Up ${i}`, role: null, status: 'new' as const },
    certainty: 'reported' as const,
    evidence: `A generated sentence of ordinary length that reports actor number ${i} joining the cast of the season.`,
    source: `https://gen${i % 40}.example/story-${i}`,
    published: '2025-01-01',
  }))
  const state = (n: number): PipelineState => ({ version: 1, createdAt: 't', updatedAt: 't', facts: emptyFacts(), claims: claims.slice(0, n), fetch: {}, feeds: {}, reported: [], history: [] })
  const store = memoryKv()
  await saveState(store, 'b', null, state(size - 1), { compacted: false })
  const loaded = { state: state(size - 1), ...(JSON.parse(store.dump()['subject:b:state']!) as { shards: []; nextShard: number }) }
  let written = 0
  const counting = { ...store, put: async (k: string, v: string) => ((written += v.length), store.put(k, v)) }
  await saveState(counting, 'b', loaded, state(size), { compacted: false })
  // The single-subject layout wrote the whole state, every claim included, in one value.
  return { old: JSON.stringify(state(size)).length, sharded: written }
}

export async function benchRunsFanout(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'season-watch-bench-'))
  const migrate = spawnSync(join('node_modules', '.bin', 'wrangler'), ['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', dir], { encoding: 'utf8' })
  if (migrate.status !== 0) throw new Error(`d1 migrations failed: ${migrate.stderr}`)
  const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist: { path: join(dir, 'v3') } })
  const quietLog = console.log
  console.log = () => {} // the runs log one line each; the table says it all
  const lines = [
    `runs fan-out (${SOURCES_PER_SUBJECT} page sources of ${PAGE_BYTES / 1000} KB per subject; real runScheduled + consumeRuns, D1 and KV in workerd on loopback):`,
    '  subjects | invocations (measured) | CPU/invocation median (max) | KV reads / writes per invocation | wall/invocation median | cron (enqueue) | quiet run: CPU, KV r/w | D1 calls (writes) per invocation: news, quiet',
  ]
  try {
    await measureFanout(proxy.env, 20) // warm-up: JIT and the proxy, so the 1-subject row is not the cold one
    let unit = 0
    for (const n of [1, 10, 100]) {
      const r = await measureFanout(proxy.env, n)
      const cpu = r.news.map((c) => c.cpuMs)
      if (n === 1) unit = median(cpu)
      const kv = `${median(r.news.map((c) => c.reads))} / ${median(r.news.map((c) => c.writes))}`
      const quietKv = `${median(r.quiet.map((c) => c.reads))} / ${median(r.quiet.map((c) => c.writes))}`
      const d1Of = (cs: InvocationCost[]) => `${median(cs.map((c) => c.d1Calls))} (${median(cs.map((c) => c.d1Writes))})`
      lines.push(
        `  ${String(n).padStart(8)} | ${`${n} (${r.news.length})`.padStart(22)} | ${`${median(cpu).toFixed(1)} ms (${max(cpu).toFixed(1)}), ${(median(cpu) / unit).toFixed(2)}x`.padStart(27)} | ${kv.padStart(32)} | ${`${median(r.news.map((c) => c.wallMs)).toFixed(0)} ms`.padStart(22)} | ${`${r.cronMs.toFixed(0)} ms`.padStart(14)} | ${median(r.quiet.map((c) => c.cpuMs)).toFixed(1)} ms, ${quietKv} | ${d1Of(r.news)}, ${d1Of(r.quiet)}${r.failed ? `  (${r.failed} retried!)` : ''}`,
      )
    }
    lines.push('', 'state bytes written by a run that adds one claim, single-subject layout vs sharded state:')
    for (const size of [100, 1000, 2000, 3999]) {
      const b = await stateWriteBytes(size)
      lines.push(`  ledger of ${String(size).padStart(4)} claims: ${(b.old / 1024).toFixed(0).padStart(5)} KB vs ${(b.sharded / 1024).toFixed(0).padStart(4)} KB (${(b.old / b.sharded).toFixed(1)}x less)`)
    }
  } finally {
    console.log = quietLog
    await proxy.dispose()
    rmSync(dir, { recursive: true, force: true })
  }
  return lines
}
