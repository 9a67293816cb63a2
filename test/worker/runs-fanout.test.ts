import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { applyImport } from '../../src/admin/sources/source-admin'
import { createSubject } from '../../src/admin/subjects/subject-admin'
import type { PublicView } from '../../src/core/public-view'
import type { EmailJob } from '../../src/mail/delivery/email-job'
import { workersKv } from '../../src/store/kv'
import { kvKeys } from '../../src/store/kv-keys'
import { seedSubject } from '../../src/worker/config'
import { ensureSubjects } from '../../src/worker/migrate-layout'
import { consumeRuns } from '../../src/worker/run-consumer'
import type { RunJob } from '../../src/worker/run-job'
import { runScheduled } from '../../src/worker/scheduled'
import { queue } from '../../src/worker/queue'
import { articleHtml, resetStorage } from '../admin/helpers'
import { consume } from '../mail/delivery/helpers'
import { fakeQueue } from '../mail/subscribers/helpers'

const A = seedSubject.slug
const B = 'harbor-lights-s3'
const PAUSED = 'quiet-valley-s1'
const SIGNING_KEY = 'test-signing-key-0123456789abcdef'

/** What each show's news page says at each step (made-up text, written for this test). */
const NEWS: Record<string, string[]> = {
  'https://a.test/news': [
    'Netflix has officially renewed All of Us Are Dead for a second season.',
    'Netflix confirmed that All of Us Are Dead Season 2 is now in production in Seoul.',
    'Netflix confirmed that filming of All of Us Are Dead Season 2 has wrapped.',
  ],
  'https://b.test/news': [
    'Netflix has officially renewed Harbor Lights for a third season.',
    'Netflix confirmed that Harbor Lights Season 3 is now in production in Busan.',
    'Netflix confirmed that Harbor Lights Season 3 is now in production in Busan.',
  ],
}
const DATES = ['2025-01-10', '2025-07-14', '2025-11-20']

/** A tiny web: each show's page, as of `step`. */
function web(step: { value: number }): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new Request(input).url
    const says = NEWS[url]?.[step.value]
    if (!says) return new Response('not found', { status: 404, headers: { 'content-type': 'text/html' } })
    const published = `${DATES[step.value]}T08:00:00Z`
    return new Response(articleHtml({ title: 'Season news', published, paragraphs: [says] }), { headers: { 'content-type': 'text/html; charset=utf-8' } })
  }) as typeof fetch
}

function makeEnv() {
  const runs = fakeQueue<RunJob>()
  const emails = fakeQueue<EmailJob>()
  const e = { ...env, DEMO_MODE: 'false', PUBLIC_URL: 'https://watch.test', SIGNING_KEY, RUNS_QUEUE: runs, EMAIL_QUEUE: emails } as unknown as Env
  return { e, runs, emails }
}

/** What the runtime did with a batch's messages (getQueueResult's answer). */
interface QueueOutcome {
  explicitAcks: string[]
  retryMessages: { msgId: string }[]
  retryBatch: { retry: boolean }
}

/** Delivers one run message as its own Queue batch to the runs consumer, like the runtime does. */
async function deliver(e: Env, job: RunJob, step: { value: number }, at: string, attempts = 1): Promise<QueueOutcome> {
  const batch = createMessageBatch<RunJob>('season-watch-runs', [{ id: `run-${job.slug}`, timestamp: new Date(), attempts, body: job }])
  const ctx = createExecutionContext()
  await consumeRuns(batch, e, { fetch: web(step), now: () => new Date(at) })
  return (await getQueueResult(batch, ctx)) as QueueOutcome
}

async function view(slug: string): Promise<PublicView | null> {
  return JSON.parse((await env.STATE.get(kvKeys.publicView(slug))) ?? 'null') as PublicView | null
}

const actor = { actor: 'token:test', via: 'api' as const }

beforeEach(async () => {
  await resetStorage()
  await env.DB.batch([env.DB.prepare('DELETE FROM edition_batches'), env.DB.prepare('DELETE FROM editions'), env.DB.prepare('DELETE FROM outbox'), env.DB.prepare('DELETE FROM subscribers')])
  const now = new Date('2025-01-01T00:00:00Z')
  await ensureSubjects(env, now)
  const ctx = { db: env.DB, rules: {}, ...actor, now }
  await applyImport({ ...ctx, subject: A }, [{ id: 'a-news', url: 'https://a.test/news', kind: 'page' }])
  const created = await createSubject({ ...ctx, kv: workersKv(env.STATE) }, { slug: B, show: 'Harbor Lights', season: 3, officialSources: ['Netflix'] })
  expect(created.ok).toBe(true)
  await applyImport({ ...ctx, subject: B }, [{ id: 'b-news', url: 'https://b.test/news', kind: 'page' }])
  await createSubject({ ...ctx, kv: workersKv(env.STATE) }, { slug: PAUSED, show: 'Quiet Valley', season: 1, status: 'paused' })
  await env.DB.prepare(`INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES ('fan@example.com', 'active', ?1, ?1, ?1)`).bind(now.toISOString()).run()
})

describe('runs fan out through the runs Queue', () => {
  it('the cron enqueues one message per active subject, and nothing else', async () => {
    const { e, runs } = makeEnv()
    const report = await runScheduled(e, '0 7 * * 1,4')
    expect(report.enqueued).toEqual([A, B])
    expect(runs.jobs).toEqual([
      { kind: 'run', slug: A, at: expect.any(String) },
      { kind: 'run', slug: B, at: expect.any(String) },
    ])
  })

  it('two subjects run in parallel, each with its own lock, state, view and edition', async () => {
    const { e, runs, emails } = makeEnv()
    const step = { value: 0 }
    await runScheduled(e, 'test')
    const baseline = await Promise.all(runs.jobs.map((job) => deliver(e, job, step, '2025-01-11T07:00:00Z')))
    expect(baseline.map((r) => r.explicitAcks)).toEqual([[`run-${A}`], [`run-${B}`]])
    expect(emails.jobs).toEqual([])
    expect((await view(A))?.facts.stage?.value).toBe('renewed')
    expect((await view(B))?.facts.stage?.value).toBe('renewed')

    step.value = 1
    runs.jobs.length = 0
    await runScheduled(e, 'test')
    const second = await Promise.all(runs.jobs.map((job) => deliver(e, job, step, '2025-07-15T07:00:00Z')))
    expect(second.map((r) => r.retryMessages)).toEqual([[], []])
    expect((await view(A))?.facts.stage?.value).toBe('filming')
    expect((await view(B))?.facts.stage?.value).toBe('filming')

    const editions = await env.DB.prepare('SELECT id, subject_slug AS slug, subject FROM editions ORDER BY subject_slug').all<{ id: string; slug: string; subject: string }>()
    expect(editions.results.map((r) => r.slug)).toEqual([A, B].sort())
    expect(editions.results.find((r) => r.slug === B)!.subject).toMatch(/Harbor Lights/)
    expect(new Set(editions.results.map((r) => r.id)).size).toBe(2) // the same change, two subjects, two editions
    expect(emails.jobs.map((j) => j.kind)).toEqual(['edition', 'edition'])
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM run_lock').first<{ n: number }>()).toEqual({ n: 0 })
  })

  it("one subject's failure retries only it, while the other sends its edition", async () => {
    const { e, runs, emails } = makeEnv()
    const step = { value: 0 }
    await runScheduled(e, 'test')
    await Promise.all(runs.jobs.map((job) => deliver(e, job, step, '2025-01-11T07:00:00Z')))

    // B's state is now unreadable; A has news.
    await env.STATE.put(kvKeys.state(B), '{"facts": broken')
    step.value = 1
    runs.jobs.length = 0
    await runScheduled(e, 'test')
    const results = await Promise.all(runs.jobs.map((job) => deliver(e, job, step, '2025-07-15T07:00:00Z')))
    const [a, b] = results
    expect(a).toMatchObject({ explicitAcks: [`run-${A}`], retryMessages: [] })
    expect(b).toMatchObject({ explicitAcks: [], retryMessages: [{ msgId: `run-${B}` }] })
    expect(await env.STATE.get(kvKeys.state(B))).toBe('{"facts": broken') // untouched
    expect((await view(B))?.facts.stage?.value).toBe('renewed')

    // A's edition goes all the way out: the email consumer writes it to the outbox (no RESEND_API_KEY).
    expect(emails.jobs).toEqual([{ kind: 'edition', editionId: expect.any(String), batchIndex: 0 }])
    const sent = await consume(e, emails.jobs)
    expect(sent.explicitAcks).toHaveLength(1)
    const outbox = await env.DB.prepare('SELECT to_addr AS "to", subject FROM outbox').all<{ to: string; subject: string }>()
    expect(outbox.results).toEqual([{ to: 'fan@example.com', subject: expect.stringMatching(/All of Us Are Dead/) }])
  })

  it('an edition the email Queue refused goes out with the run\'s retry, minutes later, even if that retry finds no news', async () => {
    const { e, runs, emails } = makeEnv()
    const step = { value: 0 }
    await runScheduled(e, 'test')
    const jobA = runs.jobs.find((j) => j.slug === A)!
    await deliver(e, jobA, step, '2025-01-11T07:00:00Z')

    // The news run records its edition, but the email Queue refuses it (three tries): the run is retried.
    let refusing = true
    const send = emails.sendBatch.bind(emails)
    emails.sendBatch = async (m) => {
      if (refusing) throw new Error('Queue.sendBatch: service unavailable')
      return send(m)
    }
    step.value = 1
    expect(await deliver(e, jobA, step, '2025-07-15T07:00:00Z')).toMatchObject({ explicitAcks: [], retryMessages: [{ msgId: `run-${A}` }] })
    expect(emails.jobs).toEqual([])

    // Minutes later (the retry delay) the Queue is back, but the news site is down for the retry.
    refusing = false
    await env.DB.prepare("UPDATE editions SET created_at = '2025-01-01T00:00:00.000Z'").run()
    step.value = 9
    expect(await deliver(e, jobA, step, '2025-07-15T07:02:00Z', 2)).toMatchObject({ explicitAcks: [`run-${A}`] })
    expect(emails.jobs).toEqual([{ kind: 'edition', editionId: expect.any(String), batchIndex: 0 }])
    const editions = await env.DB.prepare('SELECT enqueued_at FROM editions').all<{ enqueued_at: string | null }>()
    expect(editions.results).toEqual([{ enqueued_at: expect.any(String) }])
  })

  it("a retry of a run that crashed holding the lock takes its lease over; another job's run still waits", async () => {
    const { e } = makeEnv()
    const step = { value: 0 }
    const job: RunJob = { kind: 'run', slug: A, at: '2025-01-11T07:00:00.000Z' }
    // The crashed attempt never released its lease (a killed Worker runs no finally).
    const lease = (owner: string) =>
      env.DB.prepare("INSERT OR REPLACE INTO run_lock (name, token, expires_at, owner) VALUES (?1, 'dead', ?2, ?3)").bind(`cron:${A}`, Date.parse('2025-01-11T07:10:00Z'), owner).run()

    await lease(`${A}@2025-01-10T07:00:00.000Z`) // another job's run, still within its lease
    await deliver(e, job, step, '2025-01-11T07:02:00Z', 2)
    expect(await env.STATE.get(kvKeys.state(A))).toBeNull()

    await lease(`${A}@${job.at}`) // this job's own crashed attempt
    expect(await deliver(e, job, step, '2025-01-11T07:02:00Z', 2)).toMatchObject({ explicitAcks: [`run-${A}`] })
    expect((await view(A))?.facts.stage?.value).toBe('renewed')
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM run_lock').first('n')).toBe(0)
  })

  it('a paused or removed subject is not run, and a bad message is dropped, not retried forever', async () => {
    const { e } = makeEnv()
    const batch = createMessageBatch<unknown>('season-watch-runs', [
      { id: 'paused', timestamp: new Date(), attempts: 1, body: { kind: 'run', slug: PAUSED, at: 'x' } },
      { id: 'gone', timestamp: new Date(), attempts: 1, body: { kind: 'run', slug: 'no-such-s1', at: 'x' } },
      { id: 'bad', timestamp: new Date(), attempts: 1, body: { kind: 'run', slug: '../../etc' } },
    ])
    const ctx = createExecutionContext()
    await queue(batch, e, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.explicitAcks.sort()).toEqual(['bad', 'gone', 'paused'])
    expect(await env.STATE.get(kvKeys.state(PAUSED))).toBeNull()
  })

  it('the queue handler dispatches by queue name and keeps messages of a queue it does not know', async () => {
    const { e } = makeEnv()
    const batch = createMessageBatch<unknown>('some-other-queue', [{ id: 'm1', timestamp: new Date(), attempts: 1, body: { kind: 'run', slug: A, at: 'x' } }])
    const ctx = createExecutionContext()
    await queue(batch, e, ctx)
    const result = await getQueueResult(batch, ctx)
    expect(result.retryBatch).toMatchObject({ retry: true })
    expect(result.explicitAcks).toEqual([])
  })
})
