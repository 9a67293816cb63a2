/**
 * The D1 tables of editorial control (`migrations/0006_editorial.sql`): review and alert
 * settings, held editions, claim exclusions and corrections. Every maintainer write is one
 * batch with its audit entry, like the source and subject edits.
 */
import type { CorrectionNote, ExclusionRule, FactDecision, HeldChange, ReviewMode, ReviewPolicy } from '../core/editorial'
import { appendAuditStatement, appendAuditWhen, type NewAuditEntry } from './audit-log'

/** The scope of the default settings row (every subject; alert settings live only here). */
export const GLOBAL_SCOPE = '*'

/** Failed runs in a row before a source is reported, when nobody set it. */
export const DEFAULT_FAILURE_THRESHOLD = 3

/** The settings as stored: the default row and, when it has one, the subject's own. */
export interface EditorialSettings {
  defaultReview: ReviewPolicy
  /** The subject's override; null = as the default. */
  subjectReview: ReviewPolicy | null
  /** Maintainer addresses saved in the admin (the `MAINTAINER_EMAILS` var adds to them). */
  alertEmails: string[]
  failureThreshold: number
  /** Versions of the two rows (0 = not saved yet), for conditional writes. */
  versions: { default: number; subject: number }
}

interface SettingsRow {
  scope: string
  review_mode: ReviewMode | null
  hold_hours: number | null
  alert_emails_json: string | null
  failure_threshold: number | null
  version: number
}

function parseList(json: string | null): string[] {
  try {
    const v = JSON.parse(json ?? '[]') as unknown
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

/** Reads the default settings and one subject's override (one query). */
export async function readEditorialSettings(db: D1Database, slug: string | null): Promise<EditorialSettings> {
  const { results } = await db
    .prepare('SELECT scope, review_mode, hold_hours, alert_emails_json, failure_threshold, version FROM editorial_settings WHERE scope IN (?1, ?2)')
    .bind(GLOBAL_SCOPE, slug ?? GLOBAL_SCOPE)
    .all<SettingsRow>()
  const global = results.find((r) => r.scope === GLOBAL_SCOPE)
  const own = slug === null ? undefined : results.find((r) => r.scope === slug)
  return {
    defaultReview: { mode: global?.review_mode ?? 'off', holdHours: global?.review_mode === 'hold' ? (global.hold_hours ?? null) : null },
    subjectReview: own?.review_mode ? { mode: own.review_mode, holdHours: own.review_mode === 'hold' ? (own.hold_hours ?? null) : null } : null,
    alertEmails: parseList(global?.alert_emails_json ?? null),
    failureThreshold: global?.failure_threshold ?? DEFAULT_FAILURE_THRESHOLD,
    versions: { default: global?.version ?? 0, subject: own?.version ?? 0 },
  }
}

/** The policy a subject's runs follow: its own, else the default. */
export function effectiveReview(settings: EditorialSettings): ReviewPolicy {
  return settings.subjectReview ?? settings.defaultReview
}

/** Saves a review mode for a scope (null policy on a subject: back to the default), with its audit entry. */
export async function saveReviewSetting(db: D1Database, scope: string, policy: ReviewPolicy | null, now: Date, audit: NewAuditEntry): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO editorial_settings (scope, review_mode, hold_hours, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scope) DO UPDATE SET review_mode = excluded.review_mode, hold_hours = excluded.hold_hours,
           version = version + 1, updated_at = excluded.updated_at`,
      )
      .bind(scope, policy?.mode ?? null, policy?.holdHours ?? null, now.toISOString()),
    appendAuditStatement(db, audit),
  ])
}

/** Saves the maintainer addresses and the failure threshold (the default row), with its audit entry. */
export async function saveAlertSettings(db: D1Database, values: { emails: string[]; failureThreshold: number }, now: Date, audit: NewAuditEntry): Promise<void> {
  await db.batch([
    db
      .prepare(
        `INSERT INTO editorial_settings (scope, alert_emails_json, failure_threshold, updated_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (scope) DO UPDATE SET alert_emails_json = excluded.alert_emails_json, failure_threshold = excluded.failure_threshold,
           version = version + 1, updated_at = excluded.updated_at`,
      )
      .bind(GLOBAL_SCOPE, JSON.stringify(values.emails), values.failureThreshold, now.toISOString()),
    appendAuditStatement(db, audit),
  ])
}

// ── Held editions ────────────────────────────────────────────────────────────────────────────

export type HeldStatus = 'held' | 'sent' | 'dropped'

/** A held edition as stored. */
export interface HeldEdition {
  id: string
  slug: string
  at: string
  holdUntil: string | null
  status: HeldStatus
  changes: HeldChange[]
  /** Ids of the changes a maintainer dropped. */
  dropped: string[]
  sentEditionId: string | null
  decidedAt: string | null
  decidedBy: string | null
}

interface HeldRow {
  id: string
  subject_slug: string
  at: string
  hold_until: string | null
  status: HeldStatus
  changes_json: string
  dropped_json: string
  sent_edition_id: string | null
  decided_at: string | null
  decided_by: string | null
}

function toHeld(row: HeldRow): HeldEdition {
  return {
    id: row.id,
    slug: row.subject_slug,
    at: row.at,
    holdUntil: row.hold_until,
    status: row.status,
    changes: JSON.parse(row.changes_json) as HeldChange[],
    dropped: parseList(row.dropped_json),
    sentEditionId: row.sent_edition_id,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
  }
}

/** Records a held edition; a repeated id changes nothing. True when it was new. */
export async function insertHeldEdition(db: D1Database, e: { id: string; slug: string; at: string; holdUntil: string | null; changes: HeldChange[] }, now: Date): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO held_editions (id, subject_slug, at, hold_until, changes_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
    )
    .bind(e.id, e.slug, e.at, e.holdUntil, JSON.stringify(e.changes), now.toISOString())
    .first()
  return row !== null
}

/** One held edition (any status), or null. */
export async function getHeldEdition(db: D1Database, id: string): Promise<HeldEdition | null> {
  const row = await db.prepare('SELECT * FROM held_editions WHERE id = ?1').bind(id).first<HeldRow>()
  return row ? toHeld(row) : null
}

/** The held editions with these ids (any status, any subject; unknown ids are left out). */
export async function getHeldEditions(db: D1Database, ids: readonly string[]): Promise<HeldEdition[]> {
  if (ids.length === 0) return []
  const { results } = await db
    .prepare(`SELECT * FROM held_editions WHERE id IN (SELECT value FROM json_each(?1))`)
    .bind(JSON.stringify(ids))
    .all<HeldRow>()
  return results.map(toHeld)
}

/** A subject's editions still waiting, newest first. */
export async function listPendingHeld(db: D1Database, slug: string): Promise<HeldEdition[]> {
  const { results } = await db.prepare(`SELECT * FROM held_editions WHERE subject_slug = ?1 AND status = 'held' ORDER BY at DESC, id`).bind(slug).all<HeldRow>()
  return results.map(toHeld)
}

/** A subject's decided editions, newest first (the review page's record). */
export async function listDecidedHeld(db: D1Database, slug: string, limit = 20): Promise<HeldEdition[]> {
  const { results } = await db
    .prepare(`SELECT * FROM held_editions WHERE subject_slug = ?1 AND status <> 'held' ORDER BY decided_at DESC, id LIMIT ?2`)
    .bind(slug, limit)
    .all<HeldRow>()
  return results.map(toHeld)
}

/** Held editions whose window has passed at `now`, oldest first (the automatic send). */
export async function listDueHeld(db: D1Database, now: Date, limit = 50): Promise<HeldEdition[]> {
  const { results } = await db
    .prepare(`SELECT * FROM held_editions WHERE status = 'held' AND hold_until IS NOT NULL AND hold_until <= ?1 ORDER BY hold_until LIMIT ?2`)
    .bind(now.toISOString(), limit)
    .all<HeldRow>()
  return results.map(toHeld)
}

/** The statement that saves a held edition's dropped list (only while it is still held). */
export function saveDroppedStatement(db: D1Database, id: string, dropped: string[]): D1PreparedStatement {
  return db.prepare(`UPDATE held_editions SET dropped_json = ?2 WHERE id = ?1 AND status = 'held'`).bind(id, JSON.stringify(dropped))
}

/** How a held edition was settled. */
export interface HeldOutcome {
  status: 'sent' | 'dropped'
  dropped: string[]
  sentEditionId: string | null
  at: Date
  by: string
}

/** The statement that settles a held edition (only once: while it is still held). */
export function settleHeldStatement(db: D1Database, id: string, o: HeldOutcome): D1PreparedStatement {
  return db
    .prepare(`UPDATE held_editions SET status = ?2, dropped_json = ?3, sent_edition_id = ?4, decided_at = ?5, decided_by = ?6 WHERE id = ?1 AND status = 'held'`)
    .bind(id, o.status, JSON.stringify(o.dropped), o.sentEditionId, o.at.toISOString(), o.by)
}

/**
 * Settles a held edition with its audit entry, the entry written only if this call settled it
 * (two approvals at once: one settles and is logged). True when this call settled it.
 */
export async function settleHeld(db: D1Database, id: string, outcome: HeldOutcome, audit: NewAuditEntry, extra: D1PreparedStatement[] = []): Promise<boolean> {
  const [update] = await db.batch([settleHeldStatement(db, id, outcome), appendAuditWhen(db, audit, 'changes() = 1'), ...extra])
  return (update?.meta.changes ?? 0) === 1
}

// ── Exclusions ───────────────────────────────────────────────────────────────────────────────

export type ExclusionKind = 'drop' | 'retract' | 'ignore'

/** One stored exclusion: the ledger rule and, for drops and retractions, the fact decision. */
export interface Exclusion {
  key: string
  kind: ExclusionKind
  rule: ExclusionRule
  decision: FactDecision | null
  reason: string | null
  createdAt: string
  createdBy: string
}

/** What a new exclusion stores. */
export interface NewExclusion {
  slug: string
  key: string
  kind: ExclusionKind
  rule: ExclusionRule
  decision?: FactDecision | null
  reason: string | null
  at: Date
  by: string
}

/** The statement that adds an exclusion (a repeated key changes nothing). */
export function insertExclusionStatement(db: D1Database, e: NewExclusion): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO claim_exclusions (subject_slug, key, kind, rule_json, reason, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
       ON CONFLICT (subject_slug, key) DO NOTHING`,
    )
    .bind(e.slug, e.key, e.kind, JSON.stringify({ rule: e.rule, decision: e.decision ?? null }), e.reason, e.at.toISOString(), e.by)
}

/** Adds an exclusion with its audit entry (written only when the exclusion is new). True when new. */
export async function addExclusion(db: D1Database, e: NewExclusion, audit: NewAuditEntry): Promise<boolean> {
  const [insert] = await db.batch([insertExclusionStatement(db, e), appendAuditWhen(db, audit, 'changes() = 1')])
  return (insert?.meta.changes ?? 0) === 1
}

/** A subject's exclusions, oldest first. */
export async function listExclusions(db: D1Database, slug: string): Promise<Exclusion[]> {
  const { results } = await db
    .prepare('SELECT key, kind, rule_json, reason, created_at, created_by FROM claim_exclusions WHERE subject_slug = ?1 ORDER BY id')
    .bind(slug)
    .all<{ key: string; kind: ExclusionKind; rule_json: string; reason: string | null; created_at: string; created_by: string }>()
  return results.map((r) => {
    const { rule, decision } = JSON.parse(r.rule_json) as { rule: ExclusionRule; decision: FactDecision | null }
    return { key: r.key, kind: r.kind, rule, decision: decision ?? null, reason: r.reason, createdAt: r.created_at, createdBy: r.created_by }
  })
}

// ── Corrections ──────────────────────────────────────────────────────────────────────────────

/** A stored correction. */
export interface CorrectionRecord {
  id: string
  slug: string
  statement: string
  originalEditionId: string | null
  correctionEditionId: string | null
  note: CorrectionNote
}

/** The statement that records a correction (a repeated id changes nothing). */
export function insertCorrectionStatement(db: D1Database, c: CorrectionRecord & { actor: string }): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO corrections (id, subject_slug, statement, original_edition_id, correction_edition_id, note_json, reason, at, actor)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING`,
    )
    .bind(c.id, c.slug, c.statement, c.originalEditionId, c.correctionEditionId, JSON.stringify(c.note), c.note.reason, c.note.at, c.actor)
}

/** A subject's corrections, newest first. */
export async function listCorrections(db: D1Database, slug: string): Promise<CorrectionRecord[]> {
  const { results } = await db
    .prepare('SELECT id, subject_slug, statement, original_edition_id, correction_edition_id, note_json FROM corrections WHERE subject_slug = ?1 ORDER BY at DESC, id')
    .bind(slug)
    .all<{ id: string; subject_slug: string; statement: string; original_edition_id: string | null; correction_edition_id: string | null; note_json: string }>()
  return results.map((r) => ({
    id: r.id,
    slug: r.subject_slug,
    statement: r.statement,
    originalEditionId: r.original_edition_id,
    correctionEditionId: r.correction_edition_id,
    note: JSON.parse(r.note_json) as CorrectionNote,
  }))
}

/**
 * Forgets every held edition, exclusion and correction (the demo's reset, which starts the facts
 * over: decisions about facts that no longer exist would only confuse the next baseline). The
 * settings and the audit log stay.
 */
export async function clearEditorialDecisions(db: D1Database): Promise<void> {
  await db.batch(['held_editions', 'claim_exclusions', 'corrections'].map((t) => db.prepare(`DELETE FROM ${t}`)))
}

// ── Editions (read only here) ────────────────────────────────────────────────────────────────

/** An update edition as a correction needs it: who got it (its snapshot) and what it said. */
export interface SentEdition {
  id: string
  at: string
  snapshotAt: string
  changes: unknown[]
}

/** A subject's update editions, newest first (corrections left out), for finding who got a fact. */
export async function listUpdateEditions(db: D1Database, slug: string, limit = 200): Promise<SentEdition[]> {
  const { results } = await db
    .prepare(
      `SELECT id, at, snapshot_at, changes_json FROM editions
       WHERE subject_slug = ?1 AND id NOT IN (SELECT correction_edition_id FROM corrections WHERE correction_edition_id IS NOT NULL)
       ORDER BY at DESC, created_at DESC LIMIT ?2`,
    )
    .bind(slug, limit)
    .all<{ id: string; at: string; snapshot_at: string; changes_json: string }>()
  return results.map((r) => {
    let changes: unknown[] = []
    try {
      const parsed = JSON.parse(r.changes_json) as unknown
      if (Array.isArray(parsed)) changes = parsed
    } catch {
      // An unreadable row carries nothing a correction could match.
    }
    return { id: r.id, at: r.at, snapshotAt: r.snapshot_at, changes }
  })
}
