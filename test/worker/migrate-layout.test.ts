import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { PublicView } from '../../src/core/public-view'
import type { Claim } from '../../src/core/types'
import { loadState, SHARD_SIZE } from '../../src/pipeline/run/state-store'
import type { PipelineState, StoredState } from '../../src/pipeline/run/state'
import { readAudit } from '../../src/store/audit-log'
import { workersKv } from '../../src/store/kv'
import { kvKeys, legacyKvKeys } from '../../src/store/kv-keys'
import { listSources, withoutVersion } from '../../src/store/source-store'
import { getSubject, listSubjects } from '../../src/store/subject-store'
import { readFirstSubjectView } from '../../src/site/read-public-view'
import { seedSubject } from '../../src/worker/config'
import { insertPending } from '../../src/mail/subscribers/subscriber-store'
import { ensureSubjects, migrateLayout } from '../../src/worker/migrate-layout'
import { runSubject } from '../../src/worker/scheduled'
import legacy from '../fixtures/legacy/kv-v1.json'
import { auditMark, resetStorage } from '../admin/helpers'

const SLUG = seedSubject.slug
const AT = new Date('2025-08-01T07:00:00Z')
const oldState = JSON.parse(legacy['state:v1']) as PipelineState
const oldView = JSON.parse(legacy['public:v1']) as PublicView
const oldSources = JSON.parse(legacy.sources) as unknown[]
const oldAudit = JSON.parse(legacy['audit:v1']) as { at: string; action: string; target: string | null; actor: string; via: string; before: unknown; after: unknown }[]

/** Puts the captured single-subject layout into real KV, and subscribers and an edition into D1, as an old install had them. */
async function installOldLayout(state: PipelineState = oldState): Promise<void> {
  await env.STATE.put(legacyKvKeys.state(), JSON.stringify(state))
  await env.STATE.put(legacyKvKeys.publicView(), legacy['public:v1'])
  await env.STATE.put(legacyKvKeys.sources(), legacy.sources)
  await env.STATE.put(legacyKvKeys.audit(), legacy['audit:v1'])
  const t = '2025-01-01T00:00:00.000Z'
  await env.DB.batch([
    env.DB.prepare('DELETE FROM subscribers'),
    env.DB.prepare('DELETE FROM edition_batches'),
    env.DB.prepare('DELETE FROM editions'),
    env.DB.prepare(
      `INSERT INTO subscribers (id, email, status, created_at, updated_at, confirmed_at) VALUES
       (1, 'a@example.com', 'active', ?1, ?1, ?1), (2, 'p@example.com', 'pending', ?1, ?1, NULL),
       (3, NULL, 'unsubscribed', ?1, ?1, ?1), (4, NULL, 'bounced', ?1, ?1, ?1)`,
    ).bind(t),
    env.DB.prepare(`INSERT INTO editions (id, at, snapshot_at, subject, text, html, changes_json, created_at) VALUES ('old-edition', ?1, ?1, 's', 't', 'h', '[]', ?1)`).bind(t),
  ])
}

let mark = 0
beforeEach(async () => {
  await resetStorage()
  mark = await auditMark()
})

describe('the layout migration, on a copy of real single-subject state', () => {
  it('loses nothing: facts, history, public view, fetch memory, sources, audit and subscribers all land in the new layout', async () => {
    await installOldLayout()
    const report = await migrateLayout(env, AT)
    expect(report).toEqual({ seeded: SLUG, carriedOver: true, adopted: 'adopted' })

    // The first subject: data/subject.json with its slug, adopted, marked as having state.
    const subject = (await getSubject(env.DB, SLUG))!
    expect(subject).toMatchObject({ slug: SLUG, show: seedSubject.show, season: seedSubject.season, status: 'active', legacy: false, stateSavedAt: AT.toISOString() })
    expect(subject.people).toEqual(seedSubject.people)

    // Sources: the live list, in order, each at version 1.
    const sources = await listSources(env.DB, SLUG)
    expect(sources.map(withoutVersion)).toEqual(oldSources)
    expect(sources.every((s) => s.version === 1)).toBe(true)

    // Audit: every old entry, oldest first in the table (newest first when read), then the seeding.
    const audit = (await readAudit(env.DB, { subject: SLUG })).filter((e) => e.id > mark)
    expect(audit.at(-1)).toMatchObject({ actor: 'migration', via: 'migration', action: 'add', targetKind: 'subject' })
    expect(audit.slice(0, -1).map((e) => [e.at, e.action, e.target, e.actor, e.via])).toEqual(oldAudit.map((e) => [e.at, e.action, e.target, e.actor, e.via]))
    expect(audit.slice(0, -1).map((e) => [e.before, e.after])).toEqual(oldAudit.map((e) => [e.before, e.after]))

    // Pipeline state: the same facts, history, fetch memory, seen items, reported ids and claims.
    const kv = workersKv(env.STATE)
    const loaded = (await loadState(kv, { slug: SLUG }))!
    expect(loaded.state).toEqual(oldState)
    expect(loaded.state.facts.stage?.value).toBe('filming')
    expect(JSON.parse((await env.STATE.get(kvKeys.publicView(SLUG)))!)).toEqual(oldView)
    expect((await readFirstSubjectView(env, kv)).view).toEqual(oldView)

    // Subscribers: the pending and active ones follow the first subject, everything; the edition is its.
    const subs = await env.DB.prepare('SELECT subscriber_id AS id, subject_slug AS slug, choice FROM subscriptions ORDER BY subscriber_id').all()
    expect(subs.results).toEqual([
      { id: 1, slug: SLUG, choice: 'all' },
      { id: 2, slug: SLUG, choice: 'all' },
    ])
    expect(await env.DB.prepare(`SELECT subject_slug AS slug FROM editions WHERE id = 'old-edition'`).first()).toEqual({ slug: SLUG })

    // The old keys are only read: a rollback finds them as they were.
    for (const [key, value] of Object.entries(legacy)) expect(await env.STATE.get(key)).toBe(value)
  })

  it('is safe to run twice and three at once: one subject, one copy of the audit, one subscription each', async () => {
    await installOldLayout()
    const reports = await Promise.all([migrateLayout(env, AT), migrateLayout(env, AT), migrateLayout(env, AT)])
    expect(reports.filter((r) => r.seeded).length).toBe(1)
    expect(reports.filter((r) => r.carriedOver).length).toBe(1)
    const again = await migrateLayout(env, AT)
    expect(again).toEqual({ seeded: null, carriedOver: false, adopted: null })

    expect(await listSubjects(env.DB)).toHaveLength(1)
    expect((await readAudit(env.DB)).filter((e) => e.id > mark)).toHaveLength(oldAudit.length + 1)
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM subscriptions').first<{ n: number }>())!.n).toBe(2)
    expect((await loadState(workersKv(env.STATE), { slug: SLUG }))!.state).toEqual(oldState)
  })

  it('seals a big ledger into shards on the way, and the state value stays small', async () => {
    const extra: Claim[] = Array.from({ length: 2 * SHARD_SIZE + 37 }, (_, i) => ({
      field: 'cast',
      value: { actor: `Made Up ${i}`, role: null, status: 'new' },
      certainty: 'reported',
      evidence: `A made-up report number ${i}.`,
      source: `https://generated.test/${i}`,
      published: '2024-05-01',
    }))
    const big = { ...oldState, claims: [...oldState.claims, ...extra] }
    await installOldLayout(big)
    await migrateLayout(env, AT)
    const stored = JSON.parse((await env.STATE.get(kvKeys.state(SLUG)))!) as StoredState
    expect(stored.shards).toEqual([
      { id: 0, count: SHARD_SIZE },
      { id: 1, count: SHARD_SIZE },
    ])
    expect(stored.claims).toHaveLength(big.claims.length - 2 * SHARD_SIZE)
    expect((await loadState(workersKv(env.STATE), { slug: SLUG }))!.state.claims).toEqual(big.claims)
  })

  it('lets the next run go on from the migrated state: no new baseline, nothing re-sent', async () => {
    await installOldLayout()
    await migrateLayout(env, AT)
    const nothing = (async () => new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } })) as typeof fetch
    const report = (await runSubject({ ...env, DEMO_MODE: 'false' } as Env, SLUG, 'test', { fetch: nothing, now: () => AT }))!
    expect(report.baseline).toBe(false)
    expect(report.changes.filter((c) => c.material)).toEqual([])
    expect(report.facts.stage?.value).toBe('filming')
  })

  it('adopts lazily in the run when the cron could not (the old keys are read until then)', async () => {
    await installOldLayout()
    // A first look from the admin seeds D1 but leaves KV to the run; readers use the old keys meanwhile.
    await env.DB.prepare(`INSERT INTO run_lock (name, token, expires_at) VALUES (?1, 'held', ?2)`).bind(`cron:${SLUG}`, AT.getTime() + 60_000).run()
    expect((await migrateLayout(env, AT)).adopted).toBe('locked')
    expect((await getSubject(env.DB, SLUG))!.legacy).toBe(true)
    expect((await readFirstSubjectView(env, workersKv(env.STATE))).view).toEqual(oldView)
    await env.DB.prepare('DELETE FROM run_lock').run()

    const nothing = (async () => new Response('gone', { status: 404, headers: { 'content-type': 'text/html' } })) as typeof fetch
    const report = (await runSubject({ ...env, DEMO_MODE: 'false' } as Env, SLUG, 'test', { fetch: nothing, now: () => AT }))!
    expect(report.baseline).toBe(false)
    expect((await getSubject(env.DB, SLUG))!.legacy).toBe(false)
    expect(await env.STATE.get(kvKeys.state(SLUG))).not.toBeNull()
  })

  it('on a new install seeds data/subject.json with the default sources and adopts nothing', async () => {
    expect(await migrateLayout(env, AT)).toEqual({ seeded: SLUG, carriedOver: true, adopted: null })
    expect((await getSubject(env.DB, SLUG))!.legacy).toBe(false)
    expect((await listSources(env.DB, SLUG)).length).toBeGreaterThan(0)
    expect((await env.STATE.list()).keys).toEqual([])
  })

  it('subscribes a sign-up to the first subject with every change (and to nothing before one exists)', async () => {
    await env.DB.prepare('DELETE FROM subscribers').run()
    const early = (await insertPending(env.DB, 'early@example.com', AT))!
    await ensureSubjects(env, AT)
    const later = (await insertPending(env.DB, 'later@example.com', AT))!
    expect(await insertPending(env.DB, 'later@example.com', AT)).toBeNull()
    const rows = await env.DB.prepare('SELECT subscriber_id AS id, subject_slug AS slug, choice FROM subscriptions ORDER BY subscriber_id').all()
    // The early one is subscribed by the migration's one-time step (it ran in ensureSubjects).
    expect(rows.results).toEqual([
      { id: early.id, slug: SLUG, choice: 'all' },
      { id: later.id, slug: SLUG, choice: 'all' },
    ])
  })
})
