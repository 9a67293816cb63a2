/**
 * The followed subjects in D1 (`subjects`). A row holds the subject config (show, season, title
 * aliases, official sources, people) and its status; every edit bumps its version and is
 * conditional on the version the editor saw. The slug never changes: KV keys and URLs hold it.
 */
import type { Source, Subject } from '../core/types'
import { appendAuditStatement, appendAuditWhen, type NewAuditEntry } from './audit-log'
import { readConstraintFailure } from './d1-errors'
import { isStaleVersion, keepIfAt } from './d1-guard'
import { insertSourceStatements } from './source-store'

/** Whether a subject's runs happen. */
export type SubjectStatus = 'active' | 'paused'

/** The editable part of a subject: its config and status, keyed by slug. */
export interface SubjectInput extends Subject {
  slug: string
  status: SubjectStatus
}

/** A subject as stored. */
export interface SubjectRecord extends SubjectInput {
  version: number
  /** Moves with every change to its sources (the import base). */
  sourcesVersion: number
  /** True while the single-subject KV keys still have to be adopted as its state. */
  legacy: boolean
  /** When a run first saved its state (null before). */
  stateSavedAt: string | null
  createdAt: string
  updatedAt: string
}

interface SubjectRow {
  slug: string
  status: SubjectStatus
  show: string
  season: number
  configJson: string
  version: number
  sourcesVersion: number
  legacy: number
  stateSavedAt: string | null
  createdAt: string
  updatedAt: string
}

const COLUMNS = `slug, status, show, season, config_json AS configJson, version, sources_version AS sourcesVersion,
  legacy, state_saved_at AS stateSavedAt, created_at AS createdAt, updated_at AS updatedAt`

function toRecord(row: SubjectRow): SubjectRecord {
  const config = JSON.parse(row.configJson) as Omit<Subject, 'show' | 'season'>
  return {
    slug: row.slug,
    status: row.status,
    show: row.show,
    season: row.season,
    ...config,
    aliases: config.aliases ?? [],
    people: config.people ?? [],
    version: row.version,
    sourcesVersion: row.sourcesVersion,
    legacy: row.legacy === 1,
    stateSavedAt: row.stateSavedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }
}

/** The editable part of a subject (what extraction reads, plus slug and status), without storage fields. */
export function subjectConfig(record: SubjectInput | SubjectRecord): SubjectInput {
  const { version: _v, sourcesVersion: _s, legacy: _l, stateSavedAt: _t, createdAt: _c, updatedAt: _u, ...input } = record as SubjectRecord
  return input
}

/** The config columns of a subject: show and season, everything else (aliases, people, …) as JSON. */
function configOf(input: SubjectInput): { show: string; season: number; configJson: string } {
  const { slug: _slug, status: _status, show, season, ...rest } = subjectConfig(input)
  return { show, season, configJson: JSON.stringify(rest) }
}

/** Every subject in creation order (the first is the one the single-subject URLs alias). */
export async function listSubjects(db: D1Database, filter: { status?: SubjectStatus } = {}): Promise<SubjectRecord[]> {
  const stmt = filter.status
    ? db.prepare(`SELECT ${COLUMNS} FROM subjects WHERE status = ?1 ORDER BY seq`).bind(filter.status)
    : db.prepare(`SELECT ${COLUMNS} FROM subjects ORDER BY seq`)
  const { results } = await stmt.all<SubjectRow>()
  return results.map(toRecord)
}

/** Every subject in creation order, each with its stored glance (`src/site/season-glance.ts`): one query. */
export async function listSubjectsWithGlance(db: D1Database): Promise<{ subject: SubjectRecord; glanceJson: string | null }[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS}, glance_json AS glanceJson FROM subjects ORDER BY seq`).all<SubjectRow & { glanceJson: string | null }>()
  return results.map((row) => ({ subject: toRecord(row), glanceJson: row.glanceJson }))
}

/** Stores a subject's glance (a removed subject: nothing). */
export async function saveGlanceJson(db: D1Database, slug: string, json: string): Promise<void> {
  await db.prepare('UPDATE subjects SET glance_json = ?2 WHERE slug = ?1').bind(slug, json).run()
}

/** One subject, or null. */
export async function getSubject(db: D1Database, slug: string): Promise<SubjectRecord | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM subjects WHERE slug = ?1`).bind(slug).first<SubjectRow>()
  return row ? toRecord(row) : null
}

/** The first subject (oldest), or null when there is none yet. */
export async function firstSubject(db: D1Database): Promise<SubjectRecord | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM subjects ORDER BY seq LIMIT 1`).first<SubjectRow>()
  return row ? toRecord(row) : null
}

/** How adding a subject went. */
export type InsertSubjectResult = { ok: true; subject: SubjectRecord } | { ok: false; reason: 'exists' }

/**
 * Adds a subject, with its first sources and audit entry, in one transaction. A slug already
 * taken (also by a concurrent writer) changes nothing and says so.
 */
export async function insertSubject(
  db: D1Database,
  input: SubjectInput,
  opts: { now: Date; sources?: Source[]; legacy?: boolean; audit?: NewAuditEntry },
): Promise<InsertSubjectResult> {
  const t = opts.now.toISOString()
  const { show, season, configJson } = configOf(input)
  const statements = [
    db
      .prepare(
        `INSERT INTO subjects (slug, status, show, season, config_json, version, sources_version, legacy, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 1, 0, ?6, ?7, ?7)`,
      )
      .bind(input.slug, input.status, show, season, configJson, opts.legacy ? 1 : 0, t),
    ...insertSourceStatements(db, input.slug, opts.sources ?? [], opts.now),
    ...(opts.audit ? [appendAuditStatement(db, opts.audit)] : []),
  ]
  try {
    await db.batch(statements)
  } catch (err) {
    const failure = readConstraintFailure(err)
    if (failure?.kind === 'UNIQUE' && failure.on === 'subjects.slug') return { ok: false, reason: 'exists' }
    throw err
  }
  return { ok: true, subject: (await getSubject(db, input.slug))! }
}

/** How a versioned edit went. */
export type VersionedResult<T> = { ok: true; value: T } | { ok: false; reason: 'missing' | 'stale' | 'last' }

/**
 * Replaces a subject's config and status, if it is still at `expected` version. The audit entry
 * is written in the same transaction, only when the row changed.
 */
export async function updateSubject(
  db: D1Database,
  next: SubjectInput,
  expected: number,
  opts: { now: Date; audit: NewAuditEntry },
): Promise<VersionedResult<SubjectRecord>> {
  const { show, season, configJson } = configOf(next)
  try {
    const [updated] = await db.batch([
      db
        .prepare(
          `UPDATE subjects SET status = ?2, show = ?3, season = ?4, config_json = ?5, updated_at = ?6,
             version = CASE WHEN version = ?7 THEN version + 1 ELSE NULL END
           WHERE slug = ?1 RETURNING slug`,
        )
        .bind(next.slug, next.status, show, season, configJson, opts.now.toISOString(), expected),
      appendAuditWhen(db, opts.audit, 'EXISTS (SELECT 1 FROM subjects WHERE slug = ?11)', next.slug),
    ])
    if (!updated?.results.length) return { ok: false, reason: 'missing' }
  } catch (err) {
    if (isStaleVersion(err, 'subjects.version')) return { ok: false, reason: 'stale' }
    throw err
  }
  return { ok: true, value: (await getSubject(db, next.slug))! }
}

/**
 * Removes a subject at `expected` version, with its sources and subscriptions (ON DELETE
 * CASCADE); its editions and audit entries stay. The last subject cannot be removed: a
 * deployment always follows one (pause it instead).
 */
export async function deleteSubject(
  db: D1Database,
  slug: string,
  expected: number,
  opts: { audit: NewAuditEntry },
): Promise<VersionedResult<null>> {
  const removable = 'EXISTS (SELECT 1 FROM subjects WHERE slug = ?11) AND (SELECT COUNT(*) FROM subjects) > 1'
  try {
    const [, , deleted] = await db.batch([
      db.prepare(`UPDATE subjects SET ${keepIfAt('version', '?2')} WHERE slug = ?1`).bind(slug, expected),
      appendAuditWhen(db, opts.audit, removable, slug),
      db.prepare('DELETE FROM subjects WHERE slug = ?1 AND (SELECT COUNT(*) FROM subjects) > 1').bind(slug),
    ])
    if (deleted?.meta.changes) return { ok: true, value: null }
  } catch (err) {
    if (isStaleVersion(err, 'subjects.version')) return { ok: false, reason: 'stale' }
    throw err
  }
  return { ok: false, reason: (await getSubject(db, slug)) ? 'last' : 'missing' }
}

/** Records that a run saved the subject's state (once; later calls change nothing). */
export async function markStateSaved(db: D1Database, slug: string, now: Date): Promise<void> {
  await db.prepare('UPDATE subjects SET state_saved_at = ?2 WHERE slug = ?1 AND state_saved_at IS NULL').bind(slug, now.toISOString()).run()
}

/** Forgets that state was saved, and the glances of the views cleared with it (the demo's reset starts a fresh baseline). */
export async function clearStateSaved(db: D1Database): Promise<void> {
  await db.prepare('UPDATE subjects SET state_saved_at = NULL, glance_json = NULL').run()
}

/** Clears the legacy mark once the single-subject keys were adopted. */
export async function clearLegacy(db: D1Database, slug: string, stateSavedAt: Date | null): Promise<void> {
  await db
    .prepare('UPDATE subjects SET legacy = 0, state_saved_at = COALESCE(state_saved_at, ?2) WHERE slug = ?1')
    .bind(slug, stateSavedAt?.toISOString() ?? null)
    .run()
}
