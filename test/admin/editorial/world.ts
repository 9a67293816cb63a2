/**
 * A small world for the editorial specs, inside workerd with real D1 and KV: the first subject
 * with three news sites of its own, subscribers, a tiny web whose pages the tests rewrite, the
 * runs consumer and the email consumer driven through the Worker's real queue handler (Queue
 * producers are recording fakes, as in the other Queue specs), and the admin API.
 */
import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test'
import { applyImport } from '../../../src/admin/sources/source-admin'
import type { PublicView } from '../../../src/core/public-view'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import type { PipelineState } from '../../../src/pipeline/run/state'
import { kvKeys } from '../../../src/store/kv-keys'
import { seedSubject } from '../../../src/worker/config'
import { ensureSubjects } from '../../../src/worker/migrate-layout'
import { consumeRuns } from '../../../src/worker/run-consumer'
import type { RunJob } from '../../../src/worker/run-job'
import { articleHtml, makeAdmin, resetStorage, TOKEN } from '../helpers'
import { consume } from '../../mail/delivery/helpers'
import { fakeQueue, SIGNING_KEY } from '../../mail/subscribers/helpers'

export const SLUG = seedSubject.slug
export const ONE = 'https://news-one.test/aouad-s2'
export const TWO = 'https://news-two.test/aouad-s2'
export const THREE = 'https://news-three.test/aouad-s2'
export const MAINTAINER = 'editor@example.com'

/** Made-up sentences (written for these specs) the extractor reads as the claims named. */
export const SAYS = {
  renewed: 'Netflix has officially renewed All of Us Are Dead for a second season.',
  /** stage filming, confirmed */
  filming: 'Netflix confirmed on July 14, 2025 that filming has begun on All of Us Are Dead Season 2.',
  /** Park Ji-hu and Lomon return, confirmed, one sentence */
  twoReturn: 'In the same announcement, Netflix confirmed that Park Ji-hu returns as Nam On-jo and Lomon returns as Lee Su-hyeok.',
  /** Lomon returns, confirmed */
  lomon: 'Netflix confirmed that Lomon returns as Lee Su-hyeok in All of Us Are Dead Season 2.',
  /** Yoon Chan-young returns, reported (two wordings, for two sites) */
  yoonA: 'According to industry sources, Yoon Chan-young returns as Lee Cheong-san in All of Us Are Dead Season 2.',
  yoonB: 'Yoon Chan-young returns as Lee Cheong-san in All of Us Are Dead Season 2, a local outlet reported on Wednesday.',
} as const

/** What each page says now (tests rewrite it), and pages that answer 503. */
export interface Web {
  pages: Record<string, { date: string; says: string[] }>
  down: Set<string>
}

export function makeWeb(): Web {
  const quiet = { date: '2025-01-10', says: ['Our weekly round-up of streaming news is below.'] }
  return { pages: { [ONE]: { date: '2025-01-10', says: [SAYS.renewed] }, [TWO]: quiet, [THREE]: quiet }, down: new Set() }
}

/** The network as the run sees it. */
export function webFetch(web: Web): typeof fetch {
  return (async (input: RequestInfo | URL) => {
    const url = new Request(input).url
    if (web.down.has(url)) return new Response('busy', { status: 503, headers: { 'content-type': 'text/html' } })
    const page = web.pages[url]
    if (!page) return new Response('not found', { status: 404, headers: { 'content-type': 'text/html' } })
    return new Response(articleHtml({ title: 'Season news', published: `${page.date}T08:00:00Z`, paragraphs: page.says }), { headers: { 'content-type': 'text/html; charset=utf-8' } })
  }) as typeof fetch
}

/** The Worker's env: real D1 and KV, recording Queue producers, an admin token, maintainer alerts on. */
export function makeEnv(vars: Record<string, string> = {}) {
  const runs = fakeQueue<RunJob>()
  const emails = fakeQueue<EmailJob>()
  const e = {
    ...env,
    DEMO_MODE: 'false',
    PUBLIC_URL: 'https://watch.test',
    SIGNING_KEY,
    ADMIN_TOKEN: TOKEN,
    MAINTAINER_EMAILS: MAINTAINER,
    RUNS_QUEUE: runs,
    EMAIL_QUEUE: emails,
    ...vars,
  } as unknown as Env
  return { e, runs, emails }
}

/** Every table the editorial specs touch, emptied, and the first subject with the three sites. */
export async function freshWorld(now = new Date('2025-01-01T00:00:00Z')): Promise<void> {
  await resetStorage()
  await env.DB.batch(
    ['edition_batches', 'editions', 'outbox', 'subscribers', 'held_editions', 'claim_exclusions', 'corrections', 'maintainer_alerts', 'editorial_settings'].map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  )
  await ensureSubjects(env, now)
  const ctx = { db: env.DB, rules: {}, actor: 'token:test', via: 'api' as const, now, subject: SLUG }
  await applyImport(ctx, [
    { id: 'one', url: ONE, kind: 'page' },
    { id: 'two', url: TWO, kind: 'page' },
    { id: 'three', url: THREE, kind: 'page' },
  ])
}

/** An active subscriber confirmed at `at`, following the subject (everything) since then; returns its id. */
export async function subscribe(email: string, at: string): Promise<number> {
  const row = await env.DB.prepare(`INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES (?1, 'active', ?2, ?2, ?2) RETURNING id`)
    .bind(email, at)
    .first<{ id: number }>()
  await env.DB.prepare(`INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at) VALUES (?1, ?2, 'all', ?3)`).bind(row!.id, SLUG, at).run()
  return row!.id
}

/** One run of the subject, delivered to the real runs consumer as the runtime would. */
export async function run(e: Env, web: Web, at: string, attempts = 1) {
  const job: RunJob = { kind: 'run', slug: SLUG, at }
  const batch = createMessageBatch<RunJob>('season-watch-runs', [{ id: `run-${at}`, timestamp: new Date(at), attempts, body: job }])
  const ctx = createExecutionContext()
  await consumeRuns(batch, e, { fetch: webFetch(web), now: () => new Date(at) })
  return getQueueResult(batch, ctx)
}

/** A baseline run, then site one confirms filming and two actors: three material changes. */
export async function newsArrives(e: Env, web: Web) {
  await run(e, web, '2025-01-11T07:00:00.000Z')
  web.pages[ONE] = { date: '2025-07-14', says: [SAYS.renewed, SAYS.filming, SAYS.twoReturn] }
  return run(e, web, '2025-07-15T07:00:00.000Z')
}

/** Delivers every queued email job (then forgets them) through the real consumer into the outbox. */
export async function deliverEmails(e: Env, emails: ReturnType<typeof fakeQueue<EmailJob>>) {
  const jobs = emails.jobs.splice(0)
  return jobs.length > 0 ? consume(e, jobs) : null
}

/** The outbox, oldest first. */
export async function outbox(): Promise<{ kind: string; to: string; subject: string; text: string; html: string }[]> {
  const { results } = await env.DB.prepare('SELECT kind, to_addr AS "to", subject, text, html FROM outbox ORDER BY id').all<{ kind: string; to: string; subject: string; text: string; html: string }>()
  return results
}

export async function publicView(): Promise<PublicView> {
  return JSON.parse((await env.STATE.get(kvKeys.publicView(SLUG))) ?? 'null') as PublicView
}

export async function pipelineState(): Promise<PipelineState> {
  return JSON.parse((await env.STATE.get(kvKeys.state(SLUG))) ?? 'null') as PipelineState
}

/** The admin JSON API as a maintainer calls it, at a given time. */
export function adminApi(e: Env, now: () => Date) {
  const app = makeAdmin({ now })
  return async (method: string, path: string, body?: unknown) => {
    const res = await app.request(
      path,
      { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) },
      e,
    )
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } }
  }
}

/** Audit entries after `since` (see `auditMark`) with these actions, oldest first. */
export async function auditOf(since: number, ...actions: string[]) {
  const { results } = await env.DB.prepare(
    `SELECT action, actor, via, target_kind AS targetKind, target, reason FROM audit_log WHERE id > ?1 AND action IN (${actions.map((_, i) => `?${i + 2}`).join(', ')}) ORDER BY id`,
  )
    .bind(since, ...actions)
    .all<{ action: string; actor: string; via: string; targetKind: string; target: string | null; reason: string | null }>()
  return results
}
