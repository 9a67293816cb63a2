/**
 * How a run survives a crash, a failed write and a slow web (issue 9, items 5, 6 and 9): inside
 * workerd with real KV and D1, the real notifier over D1, and a recording Queue producer.
 */
import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { PublicView } from '../../../src/core/public-view'
import type { Source, Subject } from '../../../src/core/types'
import { d1EditionStore } from '../../../src/mail/delivery/edition-store'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import { recordingNotifier, type Notifier } from '../../../src/mail/delivery/notifier'
import { createQueueNotifier } from '../../../src/mail/delivery/queue-notifier'
import { d1Lock } from '../../../src/pipeline/run/lock'
import { LOCK_TTL_MS, runCron, type RunDeps, type RunStep } from '../../../src/pipeline/run/run-cron'
import type { PipelineState } from '../../../src/pipeline/run/state'
import { countKv, workersKv, type KvLike } from '../../../src/store/kv'
import { kvKeys } from '../../../src/store/kv-keys'
import { clearTables, fakeQueue, seedActive } from '../../mail/subscribers/helpers'
import subjectJson from '../../../data/subject.json'

const subject = subjectJson as Subject
const SLUG = 'crash-s2'
const NEWS = 'https://news.test/season-2'
const sources: Source[] = [{ id: 'news', url: NEWS, kind: 'page', enabled: true }]

/** What the news page says at each step: renewed; wrapped; wrapped and a teaser. */
const SAYS = [
  ['Netflix has officially renewed All of Us Are Dead for a second season.'],
  ['Netflix confirmed that filming of All of Us Are Dead Season 2 has wrapped.'],
  ['Netflix confirmed that filming of All of Us Are Dead Season 2 has wrapped.', 'Netflix released the first teaser trailer for All of Us Are Dead Season 2.'],
]
const DAYS = ['2025-06-02', '2025-07-14', '2025-07-21']

function page(step: number): string {
  return `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="${DAYS[step]}T09:00:00Z"></head>
<body><article><h1>All of Us Are Dead Season 2</h1>${SAYS[step]!.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`
}

const web = (step: number): typeof fetch =>
  (async () => new Response(page(step), { headers: { 'content-type': 'text/html; charset=utf-8' } })) as typeof fetch

/** Thrown at a step boundary to stand for the Worker being killed there. */
class Killed extends Error {}
const killAt =
  (at: RunStep) =>
  (step: RunStep): void => {
    if (step === at) throw new Killed(`killed after ${step}`)
  }

function deps(notifier: Notifier, step: number, at: string, extra: Partial<RunDeps> = {}) {
  const { kv, counts } = countKv(workersKv(env.STATE))
  const d: RunDeps = { fetch: web(step), now: () => new Date(at), kv, slug: SLUG, subject, sources, notifier, lock: d1Lock(env.DB), ...extra }
  return { d, counts }
}

async function readState(): Promise<PipelineState> {
  return JSON.parse((await env.STATE.get(kvKeys.state(SLUG))) ?? 'null') as PipelineState
}
async function readView(): Promise<PublicView> {
  return JSON.parse((await env.STATE.get(kvKeys.publicView(SLUG))) ?? 'null') as PublicView
}
const fields = (changes: { field: string }[]) => changes.map((c) => c.field)

beforeEach(async () => {
  await clearTables()
  for (const key of [kvKeys.state(SLUG), kvKeys.publicView(SLUG)]) await env.STATE.delete(key)
  await env.DB.prepare('DELETE FROM run_lock').run()
})

/** The two notifiers a run meets: the Worker's (D1 + Queue) and the replay's (memory). */
const notifiers = {
  'the Worker (editions in D1)': () => {
    const queue = fakeQueue<EmailJob>()
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue })
    const editions = async () => {
      const { results } = await env.DB.prepare('SELECT id, changes_json FROM editions WHERE subject_slug = ?1 ORDER BY at').bind(SLUG).all<{ id: string; changes_json: string }>()
      return results.map((r) => ({ id: r.id, changes: JSON.parse(r.changes_json) as { field: string }[] }))
    }
    return { notifier, editions, queued: () => queue.jobs.map((j) => (j.kind === 'edition' ? j.editionId : '')) }
  },
  'the replay (in memory)': () => {
    const notifier = recordingNotifier()
    return { notifier, editions: async () => notifier.editions.map((e) => ({ id: e.id, changes: e.changes })), queued: () => notifier.editions.map((e) => e.id) }
  },
}

describe.each(Object.entries(notifiers))('a run killed between notify and save, with %s', (_name, make) => {
  it('the next run, which also finds a new change, sends exactly one more edition, holding only the new change', async () => {
    await seedActive(3)
    const { notifier, editions, queued } = make()
    await runCron(deps(notifier, 0, '2025-06-02T07:00:00Z').d)

    // Run 2 hands "wrapped" over, then dies before saving anything.
    const killed = runCron(deps(notifier, 1, '2025-07-14T07:00:00Z', { onStep: killAt('notified') }).d)
    await expect(killed).rejects.toThrow(Killed)
    expect((await editions()).map((e) => fields(e.changes))).toEqual([['stage']])
    expect((await readState()).version).toBe(1) // the baseline: the save never happened
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM run_lock').first('n')).toBe(0) // the lock was released

    // Run 3 finds "wrapped" again (its state never heard of it) and a new teaser.
    const { d } = deps(notifier, 2, '2025-07-21T07:00:00Z')
    const report = await runCron(d)
    const all = await editions()
    expect(all).toHaveLength(2)
    expect(fields(all[1]!.changes)).toEqual(['trailer'])
    expect(fields(report.changes.filter((c) => c.material))).toEqual(['trailer'])
    expect(report.recovered).toEqual([all[0]!.id])
    // Each edition was handed to delivery once.
    expect(queued()).toEqual([all[0]!.id, all[1]!.id])

    // The lost save is made good: history and view hold both editions, newest first.
    const state = await readState()
    expect(state.history.map((h) => h.id)).toEqual([all[1]!.id, all[0]!.id])
    expect((await readView()).history.map((h) => h.id)).toEqual([all[1]!.id, all[0]!.id])
    expect(state.facts.stage?.value).toBe('post-production')

    // And nothing more after that.
    const quiet = await runCron(deps(notifier, 2, '2025-07-24T07:00:00Z').d)
    expect(quiet.changes.filter((c) => c.material)).toEqual([])
    expect(await editions()).toHaveLength(2)
  })

  it('a run killed right after fetching hands nothing over, and the next run sends everything once', async () => {
    const { notifier, editions } = make()
    await runCron(deps(notifier, 0, '2025-06-02T07:00:00Z').d)
    await expect(runCron(deps(notifier, 1, '2025-07-14T07:00:00Z', { onStep: killAt('fetched') }).d)).rejects.toThrow(Killed)
    expect(await editions()).toEqual([])
    const report = await runCron(deps(notifier, 2, '2025-07-21T07:00:00Z').d)
    expect(report.recovered).toEqual([])
    expect((await editions()).map((e) => fields(e.changes).sort())).toEqual([['stage', 'trailer']])
  })
})

describe('a Queue that refuses the edition', () => {
  it('fails the run after three tries; the next run queues the recorded edition and sends only what is new', async () => {
    await seedActive(2)
    const queue = fakeQueue<EmailJob>()
    let refusing = true
    const flaky = {
      send: queue.send,
      async sendBatch(m: Iterable<MessageSendRequest<EmailJob>>) {
        if (refusing) throw new Error('Queue.sendBatch: service unavailable')
        return queue.sendBatch(m)
      },
    }
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue: flaky, sleep: async () => {} })
    await runCron(deps(notifier, 0, '2025-06-02T07:00:00Z').d)
    await expect(runCron(deps(notifier, 1, '2025-07-14T07:00:00Z').d)).rejects.toThrow(/refused edition/)
    expect(queue.jobs).toEqual([])

    refusing = false
    const report = await runCron(deps(notifier, 2, '2025-07-21T07:00:00Z').d)
    const { results } = await env.DB.prepare('SELECT id, changes_json FROM editions ORDER BY at').all<{ id: string; changes_json: string }>()
    expect(results.map((r) => fields(JSON.parse(r.changes_json)))).toEqual([['stage'], ['trailer']])
    expect(report.recovered).toEqual([results[0]!.id])
    expect(queue.jobs.map((j) => (j.kind === 'edition' ? j.editionId : ''))).toEqual([results[0]!.id, results[1]!.id])
  })
})

/** A KV whose puts to one key fail while `failing` is true. */
function failingPuts(inner: KvLike, key: string, control: { failing: boolean }): KvLike {
  return {
    get: (k) => inner.get(k),
    delete: (k) => inner.delete(k),
    async put(k, v) {
      if (k === key && control.failing) throw new Error('KV PUT failed: 500 Internal Server Error')
      await inner.put(k, v)
    },
  }
}

describe('the public view', () => {
  it('is written before the state: a failed view write saves nothing, and the retry writes both', async () => {
    const notifier = recordingNotifier()
    await runCron(deps(notifier, 0, '2025-06-02T07:00:00Z').d)
    const control = { failing: true }
    const { d } = deps(notifier, 1, '2025-07-14T07:00:00Z')
    await expect(runCron({ ...d, kv: failingPuts(d.kv, kvKeys.publicView(SLUG), control) })).rejects.toThrow(/KV PUT failed/)
    expect((await readState()).version).toBe(1)

    control.failing = false
    await runCron(deps(notifier, 1, '2025-07-14T07:02:00Z').d)
    const [state, view] = [await readState(), await readView()]
    expect(view.facts.stage?.value).toBe('post-production')
    expect(view.version).toBe(state.version)
    expect(state).toMatchObject({ version: 2, factsVersion: 2, viewVersion: 2 })
    expect(notifier.editions).toHaveLength(1)
  })

  it('a view left behind its state is rewritten by the next run, even a quiet one, without reading it', async () => {
    const notifier = recordingNotifier()
    await runCron(deps(notifier, 0, '2025-06-02T07:00:00Z').d)
    await runCron(deps(notifier, 1, '2025-07-14T07:00:00Z').d)
    // As a state saved with its view write failing (or by a version without view versions) leaves it.
    const stale = { ...(await readView()), facts: { ...(await readView()).facts, stage: null }, history: [] }
    await env.STATE.put(kvKeys.publicView(SLUG), JSON.stringify(stale))
    const state = await readState()
    await env.STATE.put(kvKeys.state(SLUG), JSON.stringify({ ...state, viewVersion: state.version - 1 }))

    const quiet = deps(notifier, 1, '2025-07-17T07:00:00Z')
    const report = await runCron(quiet.d)
    expect(report.changes.filter((c) => c.material)).toEqual([])
    expect(quiet.counts).toEqual({ reads: 1, writes: 2 }) // the view, then the state that records it
    expect((await readView()).facts.stage?.value).toBe('post-production')
    expect((await readView()).history).toHaveLength(1)

    // Caught up: the next quiet run is back to one read, no write.
    const after = deps(notifier, 1, '2025-07-20T07:00:00Z')
    await runCron(after.d)
    expect(after.counts).toEqual({ reads: 1, writes: 0 })
  })

  it('a state from before versioned views gets its view rewritten once', async () => {
    const notifier = recordingNotifier()
    await runCron(deps(notifier, 0, '2025-06-02T07:00:00Z').d)
    const { factsVersion: _f, viewVersion: _v, ...old } = await readState()
    await env.STATE.put(kvKeys.state(SLUG), JSON.stringify(old))
    const first = deps(notifier, 0, '2025-06-05T07:00:00Z')
    await runCron(first.d)
    expect(first.counts.writes).toBe(2)
    const second = deps(notifier, 0, '2025-06-09T07:00:00Z')
    await runCron(second.d)
    expect(second.counts).toEqual({ reads: 1, writes: 0 })
  })
})

describe('the run deadline', () => {
  /** Many slow sources: every fetch takes a minute of a fake clock. */
  function slowWeb(clock: { t: number }, count: number) {
    const started: { url: string; at: number }[] = []
    const many: Source[] = Array.from({ length: count }, (_, i) => ({ id: `s${i}`, url: `https://slow${i}.test/news`, kind: 'page', enabled: true }))
    const fetch = (async (input: RequestInfo | URL) => {
      started.push({ url: new Request(input).url, at: clock.t })
      await new Promise((r) => setTimeout(r, 1))
      clock.t += 60_000
      return new Response(page(0), { headers: { 'content-type': 'text/html' } })
    }) as typeof globalThis.fetch
    return { many, fetch, started }
  }

  it('starts no fetch past the budget, defers the rest without failing them, and reads them first next time', async () => {
    const clock = { t: Date.parse('2025-06-02T07:00:00Z') }
    const { many, fetch, started } = slowWeb(clock, 40)
    const start = clock.t
    const run = (budget: number) => runCron({ ...deps(recordingNotifier(), 0, '').d, fetch, now: () => new Date(clock.t), sources: many, runBudgetMs: budget })

    const report = await run(5 * 60_000)
    expect(report.deferred.length).toBeGreaterThan(0)
    expect(report.failed).toEqual([])
    expect(started.length + report.deferred.length).toBe(40)
    expect(Math.max(...started.map((s) => s.at))).toBeLessThan(start + 5 * 60_000)
    // Every fetch in flight at the deadline ends, and the run ends, inside the lease.
    expect(clock.t).toBeLessThan(start + LOCK_TTL_MS)
    const state = await readState()
    for (const url of report.deferred) expect(state.fetch[url]).toMatchObject({ failures: 0, deferredAt: '2025-06-02T07:00:00.000Z' })

    // The next run reads the deferred sources before any other, and clears their mark.
    started.length = 0
    const next = await run(60 * 60_000)
    expect(next.deferred).toEqual([])
    expect(started.slice(0, report.deferred.length).map((s) => s.url).sort()).toEqual([...report.deferred].sort())
    const after = await readState()
    for (const url of report.deferred) expect(after.fetch[url]?.deferredAt).toBeUndefined()
  })
})
