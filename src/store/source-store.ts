/**
 * Each subject's sources in D1 (`sources`). Every write is one transaction that also bumps the
 * subject's `sources_version` and appends its audit entry. Adds are plain inserts (so parallel
 * adds of different sources all land, and a duplicate id or URL fails on the table's keys);
 * edits and deletes are conditional on the row's version; an import replaces the list only
 * when the subject's `sources_version` is still the preview's base.
 */
import type { Source } from '../core/types'
import { appendAuditWhen, type NewAuditEntry } from './audit-log'
import { readConstraintFailure } from './d1-errors'
import { bumpIfAt, isStaleVersion, keepIfAt } from './d1-guard'

/** A source as stored, with the version an edit must name. */
export type SourceRecord = Source & { version: number }

/** Most sources one subject may have. */
export const SOURCES_PER_SUBJECT_MAX = 500

interface SourceRow {
  id: string
  url: string
  kind: Source['kind']
  enabled: number
  notes: string | null
  unreliable: number
  version: number
}

const COLUMNS = 'id, url, kind, enabled, notes, unreliable, version'

/** A row as the Source the pipeline and the API use (`notes` and `unreliable` only when set). */
function toRecord(row: SourceRow): SourceRecord {
  return {
    id: row.id,
    url: row.url,
    kind: row.kind,
    enabled: row.enabled === 1,
    ...(row.notes !== null ? { notes: row.notes } : {}),
    ...(row.unreliable === 1 ? { unreliable: true } : {}),
    version: row.version,
  }
}

/** A subject's sources in list order. */
export async function listSources(db: D1Database, slug: string): Promise<SourceRecord[]> {
  const { results } = await db.prepare(`SELECT ${COLUMNS} FROM sources WHERE subject_slug = ?1 ORDER BY position, id`).bind(slug).all<SourceRow>()
  return results.map(toRecord)
}

/** Strips the stored version: the plain Source (export, import plans, the pipeline). */
export function withoutVersion(record: Source & { version?: number }): Source {
  const { version: _version, ...source } = record
  return source
}

/** A source as one JSON row for `json_each` inserts. */
function rowJson(source: Source, position: number, version: number) {
  return { id: source.id, url: source.url, kind: source.kind, enabled: source.enabled ? 1 : 0, notes: source.notes ?? null, unreliable: source.unreliable ? 1 : 0, position, version }
}

const INSERT_FROM_JSON = `INSERT INTO sources (subject_slug, id, url, kind, enabled, notes, unreliable, position, version, created_at, updated_at)
  SELECT ?1, json_extract(value, '$.id'), json_extract(value, '$.url'), json_extract(value, '$.kind'), json_extract(value, '$.enabled'),
    json_extract(value, '$.notes'), json_extract(value, '$.unreliable'), json_extract(value, '$.position'), json_extract(value, '$.version'), ?3, ?3
  FROM json_each(?2)`

/** Statements that insert a whole list (in order, version 1) for a new subject. */
export function insertSourceStatements(db: D1Database, slug: string, sources: readonly Source[], now: Date): D1PreparedStatement[] {
  if (sources.length === 0) return []
  return [db.prepare(INSERT_FROM_JSON).bind(slug, JSON.stringify(sources.map((s, i) => rowJson(s, i, 1))), now.toISOString())]
}

/** SQL: the row (slug, id) was created by this very write (at its time); params from `?p`. */
const justAdded = (p: number) => `EXISTS (SELECT 1 FROM sources WHERE subject_slug = ?${p} AND id = ?${p + 1} AND created_at = ?${p + 2})`

/** How a source write went. */
export type SourceWriteResult =
  | { ok: true; value: SourceRecord }
  | { ok: false; reason: 'missing' | 'stale' | 'full' | 'no-subject' }
  | { ok: false; reason: 'taken'; field: 'id' | 'url' }

/** Reads a failed insert/update: a taken id or URL, or no such subject. */
function explainConflict(err: unknown): SourceWriteResult | null {
  const failure = readConstraintFailure(err)
  if (!failure) return null
  if (failure.kind === 'FOREIGN KEY') return { ok: false, reason: 'no-subject' }
  if (failure.kind === 'UNIQUE' || failure.kind === 'PRIMARY KEY') return { ok: false, reason: 'taken', field: failure.on.endsWith('.url') ? 'url' : 'id' }
  return null
}

/** Adds a source at the end of the list (at most `SOURCES_PER_SUBJECT_MAX`). */
export async function insertSource(db: D1Database, slug: string, source: Source, opts: { now: Date; audit: NewAuditEntry }): Promise<SourceWriteResult> {
  const t = opts.now.toISOString()
  const row = rowJson(source, 0, 1)
  try {
    const [inserted] = await db.batch([
      db
        .prepare(
          `INSERT INTO sources (subject_slug, id, url, kind, enabled, notes, unreliable, position, version, created_at, updated_at)
           SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, COALESCE((SELECT MAX(position) + 1 FROM sources WHERE subject_slug = ?1), 0), 1, ?8, ?8
           WHERE (SELECT COUNT(*) FROM sources WHERE subject_slug = ?1) < ?9
           RETURNING ${COLUMNS}`,
        )
        .bind(slug, row.id, row.url, row.kind, row.enabled, row.notes, row.unreliable, t, SOURCES_PER_SUBJECT_MAX),
      // Both only when the insert happened (not when the list was full).
      db.prepare(`UPDATE subjects SET sources_version = sources_version + 1 WHERE slug = ?1 AND ${justAdded(1)}`).bind(slug, source.id, t),
      appendAuditWhen(db, opts.audit, justAdded(11), slug, source.id, t),
    ])
    const created = inserted?.results[0] as SourceRow | undefined
    return created ? { ok: true, value: toRecord(created) } : { ok: false, reason: 'full' }
  } catch (err) {
    const conflict = explainConflict(err)
    if (conflict) return conflict
    throw err
  }
}

/** Replaces a source's fields (same id) if it is still at `expected` version. */
export async function updateSource(
  db: D1Database,
  slug: string,
  next: Source,
  expected: number,
  opts: { now: Date; audit: NewAuditEntry },
): Promise<SourceWriteResult> {
  const row = rowJson(next, 0, 0)
  try {
    const [updated] = await db.batch([
      db
        .prepare(
          `UPDATE sources SET url = ?3, kind = ?4, enabled = ?5, notes = ?6, unreliable = ?7, updated_at = ?8, ${bumpIfAt('version', '?9')}
           WHERE subject_slug = ?1 AND id = ?2 RETURNING ${COLUMNS}`,
        )
        .bind(slug, next.id, row.url, row.kind, row.enabled, row.notes, row.unreliable, opts.now.toISOString(), expected),
      db.prepare('UPDATE subjects SET sources_version = sources_version + 1 WHERE slug = ?1 AND EXISTS (SELECT 1 FROM sources WHERE subject_slug = ?1 AND id = ?2)').bind(slug, next.id),
      appendAuditWhen(db, opts.audit, 'EXISTS (SELECT 1 FROM sources WHERE subject_slug = ?11 AND id = ?12)', slug, next.id),
    ])
    const saved = updated?.results[0] as SourceRow | undefined
    return saved ? { ok: true, value: toRecord(saved) } : { ok: false, reason: 'missing' }
  } catch (err) {
    if (isStaleVersion(err, 'sources.version')) return { ok: false, reason: 'stale' }
    const conflict = explainConflict(err)
    if (conflict) return conflict
    throw err
  }
}

/** Deletes a source if it is still at `expected` version. */
export async function deleteSource(db: D1Database, slug: string, id: string, expected: number, opts: { audit: NewAuditEntry }): Promise<SourceWriteResult> {
  const exists = 'EXISTS (SELECT 1 FROM sources WHERE subject_slug = ?11 AND id = ?12)'
  try {
    const [, , , deleted] = await db.batch([
      db.prepare(`UPDATE sources SET ${keepIfAt('version', '?3')} WHERE subject_slug = ?1 AND id = ?2`).bind(slug, id, expected),
      appendAuditWhen(db, opts.audit, exists, slug, id),
      db.prepare('UPDATE subjects SET sources_version = sources_version + 1 WHERE slug = ?1 AND EXISTS (SELECT 1 FROM sources WHERE subject_slug = ?1 AND id = ?2)').bind(slug, id),
      db.prepare(`DELETE FROM sources WHERE subject_slug = ?1 AND id = ?2 RETURNING ${COLUMNS}`).bind(slug, id),
    ])
    const removed = deleted?.results[0] as SourceRow | undefined
    return removed ? { ok: true, value: toRecord(removed) } : { ok: false, reason: 'missing' }
  } catch (err) {
    if (isStaleVersion(err, 'sources.version')) return { ok: false, reason: 'stale' }
    throw err
  }
}

/** What an import changes, by id (the caller's plan over validated sources). */
export interface ReplacePlan {
  /** The whole new list, in order. */
  sources: readonly Source[]
  /** Ids whose row is new or different (rewritten). */
  rewrite: ReadonlySet<string>
  /** Ids that go. */
  remove: ReadonlySet<string>
}

/**
 * Replaces a subject's list with an import, all or nothing, if its `sources_version` is still
 * `base`. Rewritten rows keep counting their versions; untouched rows keep theirs.
 */
export async function replaceSources(
  db: D1Database,
  slug: string,
  plan: ReplacePlan,
  base: number,
  current: readonly SourceRecord[],
  opts: { now: Date; audit: NewAuditEntry },
): Promise<{ ok: true } | { ok: false; reason: 'stale' | 'missing' }> {
  const versions = new Map(current.map((s) => [s.id, s.version]))
  const rows = plan.sources.flatMap((s, i) => (plan.rewrite.has(s.id) ? [rowJson(s, i, (versions.get(s.id) ?? 0) + 1)] : []))
  const gone = [...plan.remove, ...plan.rewrite].filter((id) => versions.has(id))
  try {
    const [guard] = await db.batch([
      db.prepare(`UPDATE subjects SET ${bumpIfAt('sources_version', '?2')} WHERE slug = ?1 RETURNING slug`).bind(slug, base),
      db.prepare('DELETE FROM sources WHERE subject_slug = ?1 AND id IN (SELECT value FROM json_each(?2))').bind(slug, JSON.stringify(gone)),
      db.prepare(INSERT_FROM_JSON).bind(slug, JSON.stringify(rows), opts.now.toISOString()),
      db
        .prepare('UPDATE sources SET position = (SELECT key FROM json_each(?2) WHERE value = sources.id) WHERE subject_slug = ?1')
        .bind(slug, JSON.stringify(plan.sources.map((s) => s.id))),
      appendAuditWhen(db, opts.audit, 'EXISTS (SELECT 1 FROM subjects WHERE slug = ?11)', slug),
    ])
    if (!guard?.results.length) throw new MissingSubject()
  } catch (err) {
    if (err instanceof MissingSubject) return { ok: false, reason: 'missing' }
    if (isStaleVersion(err, 'subjects.sources_version')) return { ok: false, reason: 'stale' }
    if (readConstraintFailure(err)?.kind === 'FOREIGN KEY') return { ok: false, reason: 'missing' }
    throw err
  }
  return { ok: true }
}

class MissingSubject extends Error {}
