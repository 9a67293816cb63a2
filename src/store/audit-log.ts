/**
 * The admin audit log in D1 (`audit_log`). Append-only: entries are only ever inserted (the
 * table's triggers refuse updates and deletes), each in the same batch as the change it records,
 * so the log never misses a change nor records one that did not happen.
 */

/** What a maintainer did (the second line: editorial control, issue 10). */
export type AuditAction =
  | 'add' | 'edit' | 'enable' | 'disable' | 'delete' | 'import' | 'pause' | 'resume'
  | 'mark-unreliable' | 'mark-reliable' | 'ignore-evidence' | 'set-review' | 'set-alerts'
  | 'send-edition' | 'auto-send-edition' | 'drop-change' | 'drop-edition' | 'retract' | 'run'

/** What an entry is about. */
export type AuditTargetKind = 'source' | 'sources' | 'subject' | 'edition' | 'fact' | 'evidence' | 'settings' | 'run'

/** One entry, as it is written. */
export interface NewAuditEntry {
  /** ISO time. */
  at: string
  /** Token fingerprint (`token:1a2b3c4d`), never the token; `migration` for carried-over entries, `system` for the hold window's automatic send. */
  actor: string
  via: 'api' | 'page' | 'migration' | 'system'
  action: AuditAction
  /** The subject it concerns. */
  subject: string | null
  /** A source, a whole source list (import), the subject itself, or an editorial target. */
  targetKind: AuditTargetKind
  /** The source id, subject slug, edition id, fact, sentence or run; null for a whole-list action. */
  target: string | null
  before: unknown
  after: unknown
  /** Why, in the maintainer's words (editorial actions); null when not given. */
  reason?: string | null
}

/** An entry as it is read back (newest first), with its place in the log. */
export interface AuditEntry extends NewAuditEntry {
  id: number
  reason: string | null
}

const COLUMNS = `id, at, actor, via, action, subject_slug AS subject, target_kind AS targetKind, target,
  before_json AS beforeJson, after_json AS afterJson, reason`

interface AuditRow extends Omit<AuditEntry, 'before' | 'after'> {
  beforeJson: string | null
  afterJson: string | null
}

const INSERT = `INSERT INTO audit_log (at, actor, via, action, subject_slug, target_kind, target, before_json, after_json, reason)`

/** The statement that appends `entry`; put it in the batch of the change it records. */
export function appendAuditStatement(db: D1Database, entry: NewAuditEntry): D1PreparedStatement {
  return db.prepare(`${INSERT} VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`).bind(...auditValues(entry))
}

/**
 * Appends `entry` only when `condition` (SQL over `?11…`) holds at that point of the batch, so
 * an entry is written exactly when the statement next to it changes something.
 */
export function appendAuditWhen(db: D1Database, entry: NewAuditEntry, condition: string, ...params: unknown[]): D1PreparedStatement {
  return db.prepare(`${INSERT} SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10 WHERE ${condition}`).bind(...auditValues(entry), ...params)
}

function auditValues(e: NewAuditEntry): unknown[] {
  const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v))
  return [e.at, e.actor, e.via, e.action, e.subject, e.targetKind, e.target, json(e.before), json(e.after), e.reason ?? null]
}

/** One statement that appends many entries in order (the migration's carried-over log). */
export function appendAuditListStatement(db: D1Database, entries: readonly NewAuditEntry[]): D1PreparedStatement {
  const rows = entries.map((e) => auditValues(e))
  const col = (i: number) => `json_extract(value, '$[${i}]')`
  return db.prepare(`${INSERT} SELECT ${Array.from({ length: 10 }, (_, i) => col(i)).join(', ')} FROM json_each(?1) ORDER BY key`).bind(JSON.stringify(rows))
}

/** Reading options: one subject's entries, and at most `limit` of them (newest first). */
export interface AuditQuery {
  subject?: string
  limit?: number
}

/** The newest entries first; a subject's own, or everyone's. */
export async function readAudit(db: D1Database, query: AuditQuery = {}): Promise<AuditEntry[]> {
  const limit = Math.max(1, Math.min(1000, Math.floor(query.limit ?? 200)))
  const stmt =
    query.subject === undefined
      ? db.prepare(`SELECT ${COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?1`).bind(limit)
      : db.prepare(`SELECT ${COLUMNS} FROM audit_log WHERE subject_slug = ?2 ORDER BY id DESC LIMIT ?1`).bind(limit, query.subject)
  const { results } = await stmt.all<AuditRow>()
  return results.map(({ beforeJson, afterJson, ...row }) => ({ ...row, before: parseJson(beforeJson), after: parseJson(afterJson) }))
}

/** How many entries the log holds (a subject's, or all). */
export async function countAudit(db: D1Database, subject?: string): Promise<number> {
  const row =
    subject === undefined
      ? await db.prepare('SELECT COUNT(*) AS n FROM audit_log').first<{ n: number }>()
      : await db.prepare('SELECT COUNT(*) AS n FROM audit_log WHERE subject_slug = ?1').bind(subject).first<{ n: number }>()
  return row?.n ?? 0
}

function parseJson(text: string | null): unknown {
  if (text === null) return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
