/**
 * From the single-subject layout to subjects as data, in code (SQL cannot read KV or
 * data/subject.json). Every step is idempotent and safe under concurrency, so it runs at the
 * start of every cron and lazily wherever the subjects are needed first (the admin):
 *
 * 1. **Seed** (no subject yet): the first subject from `subject:v1` (a saved override) or
 *    `data/subject.json`, with its sources from the live list `sources` or the defaults, in one
 *    transaction. Concurrent seeders insert the same slug; all but one fail on it and stop.
 *    The subject is marked `legacy` when the old KV state exists.
 * 2. **D1 carry-over**, once (marker `d1-v1` inserted in the same transaction, so a second run
 *    aborts on it): the old audit log `audit:v1` into `audit_log`, every pending or active
 *    subscriber subscribed to the first subject with `all`, and old editions given its slug.
 * 3. **KV adoption** (a `legacy` subject): under the subject's run lock, `state:v1` and `public:v1`
 *    are copied to its own keys (claims sealed into shards); then the mark is cleared. Until then
 *    its readers read the old keys. The old keys are never written or deleted.
 */
import type { Source, Subject } from '../core/types'
import { d1Lock } from '../pipeline/run/lock'
import { adoptLegacyState, type AdoptOutcome } from '../pipeline/run/state-store'
import { appendAuditListStatement } from '../store/audit-log'
import { readConstraintFailure } from '../store/d1-errors'
import { workersKv, type KvLike } from '../store/kv'
import { legacyKvKeys } from '../store/kv-keys'
import { clearLegacy, firstSubject, insertSubject, type SubjectInput, type SubjectRecord } from '../store/subject-store'
import { defaultSourcesFor, seedSubject } from './config'

/** What one pass did (logged by the cron). */
export interface MigrationReport {
  seeded: string | null
  carriedOver: boolean
  adopted: AdoptOutcome | 'locked' | null
}

const ADOPT_LOCK_TTL_MS = 60_000

/** Makes sure a first subject exists: the cheap check (one D1 read) the admin runs per request. */
export async function ensureSubjects(env: Env, now = new Date()): Promise<SubjectRecord> {
  const first = await firstSubject(env.DB)
  if (first) return first
  await migrateLayout(env, now)
  return (await firstSubject(env.DB))!
}

/** Runs every step that is not done yet. */
export async function migrateLayout(env: Env, now = new Date()): Promise<MigrationReport> {
  const kv = workersKv(env.STATE)
  const seeded = await seedFirstSubject(env, kv, now)
  const first = await firstSubject(env.DB)
  if (!first) throw new Error('no subject after seeding')
  const carriedOver = await carryOverD1(env.DB, kv, first.slug, now)
  const adopted = first.legacy ? await adoptUnderLock(env, first.slug, now) : null
  return { seeded, carriedOver, adopted }
}

/** Adopts the single-subject KV keys as `slug`'s state, under its run lock; clears the mark when done. */
export async function adoptUnderLock(env: Env, slug: string, now = new Date()): Promise<AdoptOutcome | 'locked'> {
  const lock = d1Lock(env.DB)
  const token = await lock.acquire(`cron:${slug}`, ADOPT_LOCK_TTL_MS, now)
  if (token === null) return 'locked'
  try {
    const outcome = await adoptLegacyState(workersKv(env.STATE), slug)
    await clearLegacy(env.DB, slug, outcome === 'nothing-to-adopt' ? null : now)
    return outcome
  } finally {
    await lock.release(`cron:${slug}`, token)
  }
}

async function seedFirstSubject(env: Env, kv: KvLike, now: Date): Promise<string | null> {
  if (await firstSubject(env.DB)) return null
  const [override, savedSources, oldState, oldView] = await Promise.all([
    kv.get(legacyKvKeys.subject()),
    kv.get(legacyKvKeys.sources()),
    kv.get(legacyKvKeys.state()),
    kv.get(legacyKvKeys.publicView()),
  ])
  const subject: SubjectInput = { ...seedSubject, ...readSubjectOverride(override), slug: seedSubject.slug, status: 'active' }
  const sources = readSourceList(savedSources) ?? defaultSourcesFor(env)
  const result = await insertSubject(env.DB, subject, {
    now,
    sources,
    legacy: oldState !== null || oldView !== null,
    audit: { at: now.toISOString(), actor: 'migration', via: 'migration', action: 'add', subject: subject.slug, targetKind: 'subject', target: subject.slug, before: null, after: { ...subject, sources } },
  })
  return result.ok ? subject.slug : null
}

/** The one-time D1 carry-over; false when it was done before (by this or a concurrent pass). */
async function carryOverD1(db: D1Database, kv: KvLike, first: string, now: Date): Promise<boolean> {
  const done = await db.prepare(`SELECT 1 AS x FROM layout_migrations WHERE name = 'd1-v1'`).first()
  if (done) return false
  const t = now.toISOString()
  const oldAudit = readAuditList(await kv.get(legacyKvKeys.audit()))
  try {
    await db.batch([
      // Plain insert: a second pass fails here, and its whole batch with it.
      db.prepare(`INSERT INTO layout_migrations (name, done_at) VALUES ('d1-v1', ?1)`).bind(t),
      // Oldest first, so ids follow time as new entries do.
      appendAuditListStatement(
        db,
        oldAudit.reverse().map((e) => ({ at: e.at, actor: e.actor, via: e.via, action: e.action, subject: first, targetKind: e.target === null ? 'sources' : 'source', target: e.target, before: e.before, after: e.after })),
      ),
      db
        .prepare(
          `INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at)
           SELECT id, ?1, 'all', ?2 FROM subscribers WHERE status IN ('pending', 'active')
           ON CONFLICT DO NOTHING`,
        )
        .bind(first, t),
      db.prepare('UPDATE editions SET subject_slug = ?1 WHERE subject_slug IS NULL').bind(first),
    ])
  } catch (err) {
    const failure = readConstraintFailure(err)
    if (failure?.on === 'layout_migrations.name') return false
    throw err
  }
  return true
}

/** The old audit log: newest first, entries shaped `{ at, actor, action, target, via, before, after }`. */
interface OldAuditEntry {
  at: string
  actor: string
  action: 'add' | 'edit' | 'enable' | 'disable' | 'delete' | 'import'
  target: string | null
  via: 'api' | 'page'
  before: unknown
  after: unknown
}

function readAuditList(raw: string | null): OldAuditEntry[] {
  const list = parseJson(raw)
  if (!Array.isArray(list)) return []
  return list.filter((e): e is OldAuditEntry => typeof e?.at === 'string' && typeof e?.actor === 'string' && typeof e?.action === 'string').map((e) => ({
    ...e,
    via: e.via === 'page' ? 'page' : 'api',
    target: typeof e.target === 'string' ? e.target : null,
  }))
}

function readSourceList(raw: string | null): Source[] | null {
  const list = parseJson(raw)
  if (!Array.isArray(list)) return null
  return list
    .filter((s): s is Source => typeof s?.id === 'string' && typeof s?.url === 'string' && (s.kind === 'page' || s.kind === 'feed'))
    .map((s) => ({ ...s, enabled: s.enabled !== false }))
}

/** A saved override of the subject (shown read-only by the old admin), when it is readable. */
function readSubjectOverride(raw: string | null): Partial<Subject> {
  const parsed = parseJson(raw) as Partial<Subject> | null
  if (!parsed || typeof parsed !== 'object' || typeof parsed.show !== 'string' || !Array.isArray(parsed.people)) return {}
  const season = Number.isInteger(parsed.season) && parsed.season! >= 1 && parsed.season! <= 99 ? parsed.season : undefined
  return { ...parsed, ...(season ? { season } : { season: seedSubject.season }) }
}

function parseJson(raw: string | null): unknown {
  if (raw === null) return null
  try {
    return JSON.parse(raw)
  } catch {
    return null
  }
}
