/**
 * Maintainer edits to the followed subjects: validate (zod, one message per field), then one
 * conditional D1 write with its audit entry (`src/store/subject-store.ts`). Like sources, an edit
 * that names the version it saw gets 409 when the subject moved on; one that names none is applied
 * to the current row.
 */
import { sameJson } from '../../core/canonical-json'
import { auditEntry } from '../audit'
import { isRecord, type FieldErrors } from '../source-schema'
import { validateSubject } from '../subject-schema'
import type { EditResult } from '../sources/source-admin'
import { clearState } from '../../pipeline/run/state-store'
import type { AuditAction, NewAuditEntry } from '../../store/audit-log'
import type { KvLike } from '../../store/kv'
import {
  deleteSubject,
  getSubject,
  insertSubject,
  listSubjects,
  subjectConfig,
  updateSubject as updateRow,
  type SubjectInput,
  type SubjectRecord,
} from '../../store/subject-store'

/** Who edits, where, when. */
export interface SubjectEditContext {
  db: D1Database
  /** The subjects' KV state, cleared when a subject is removed. */
  kv: KvLike
  actor: string
  via: 'api' | 'page'
  now: Date
}

const ATTEMPTS = 3

/** Adds a subject (with no sources yet). */
export async function createSubject(ctx: SubjectEditContext, input: unknown): Promise<EditResult<SubjectRecord>> {
  const taken = (await listSubjects(ctx.db)).map((s) => s.slug)
  const result = validateSubject(input, taken)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  const audit = entry(ctx, 'add', result.value.slug, null, result.value)
  const written = await insertSubject(ctx.db, result.value, { now: ctx.now, audit })
  if (!written.ok) return { ok: false, status: 409, errors: { slug: `The slug "${result.value.slug}" was just taken by another subject.` } }
  return { ok: true, value: written.subject }
}

/**
 * Edits a subject: `patch` fields replace the saved ones (lists, people included, are replaced
 * whole), then the whole subject is validated again. The slug cannot change.
 */
export async function updateSubject(ctx: SubjectEditContext, slug: string, patch: unknown, expected?: number): Promise<EditResult<SubjectRecord>> {
  if (!isRecord(patch)) return { ok: false, status: 422, errors: { subject: 'Send the fields to change as a JSON object.' } }
  const { version: _version, ...fields } = patch
  for (let attempt = 0; ; attempt++) {
    const before = await getSubject(ctx.db, slug)
    if (!before) return notFound(slug)
    if (expected !== undefined && before.version !== expected) return stale(slug, before.version)
    if ('slug' in fields && fields.slug !== slug) return { ok: false, status: 422, errors: { slug: 'The slug cannot be changed; add a new subject instead.' } }
    const config = subjectConfig(before)
    const merged: Record<string, unknown> = { ...config, ...fields }
    for (const [key, value] of Object.entries(fields)) if (value === null) delete merged[key]
    const result = validateSubject(merged, [])
    if (!result.ok) return { ok: false, status: 422, errors: result.errors }
    if (sameJson(config, result.value)) return { ok: true, value: before }
    const audit = entry(ctx, actionFor(config, result.value), slug, config, result.value)
    const written = await updateRow(ctx.db, result.value, before.version, { now: ctx.now, audit })
    if (written.ok) return written
    if (written.reason === 'missing') return notFound(slug)
    if (expected !== undefined || attempt + 1 >= ATTEMPTS) return stale(slug)
  }
}

/** Removes a subject, its sources and subscriptions, its KV state and pending editorial work (sent editions, corrections and audit stay). */
export async function removeSubject(ctx: SubjectEditContext, slug: string, expected?: number): Promise<EditResult<SubjectRecord>> {
  for (let attempt = 0; ; attempt++) {
    const before = await getSubject(ctx.db, slug)
    if (!before) return notFound(slug)
    const written = await deleteSubject(ctx.db, slug, expected ?? before.version, { audit: entry(ctx, 'delete', slug, subjectConfig(before), null) })
    if (written.ok) {
      await forgetRemovedSubject(ctx.db, ctx.kv, slug, ctx.now)
      return { ok: true, value: before }
    }
    if (written.reason === 'missing') return notFound(slug)
    if (written.reason === 'last') return { ok: false, status: 409, errors: { slug: 'This is the only subject; a deployment always follows one. Pause it instead.' } }
    if (expected !== undefined || attempt + 1 >= ATTEMPTS) return stale(slug)
  }
}

/**
 * What a removed subject leaves behind, forgotten: its KV state and public view, its editions
 * still held for review (dropped, so the hold window never sends them) and its exclusions (a
 * subject added again with the slug starts afresh). Its subscriptions went with its row. Also
 * called after a run that was in flight when the subject was removed, which may have written
 * state again. D1 rows are only touched while no subject has the slug.
 */
export async function forgetRemovedSubject(db: D1Database, kv: KvLike, slug: string, now: Date): Promise<void> {
  const gone = 'NOT EXISTS (SELECT 1 FROM subjects WHERE slug = ?1)'
  await db.batch([
    db
      .prepare(`UPDATE held_editions SET status = 'dropped', decided_at = ?2, decided_by = 'system' WHERE subject_slug = ?1 AND status = 'held' AND ${gone}`)
      .bind(slug, now.toISOString()),
    db.prepare(`DELETE FROM claim_exclusions WHERE subject_slug = ?1 AND ${gone}`).bind(slug),
  ])
  await clearState(kv, slug)
}

/** A pure status flip reads better as pause/resume. */
function actionFor(before: SubjectInput, after: SubjectInput): AuditAction {
  const { status: a, ...restA } = before
  const { status: b, ...restB } = after
  if (a !== b && sameJson(restA, restB)) return b === 'paused' ? 'pause' : 'resume'
  return 'edit'
}

function entry(ctx: SubjectEditContext, action: AuditAction, slug: string, before: unknown, after: unknown): NewAuditEntry {
  return auditEntry(ctx, { action, subject: slug, targetKind: 'subject', target: slug, before, after })
}

function notFound(slug: string): EditResult<never> {
  return { ok: false, status: 404, errors: { slug: `No subject with the slug "${slug}".` } satisfies FieldErrors }
}

function stale(slug: string, now?: number): EditResult<never> {
  const at = now === undefined ? '' : ` (it is at version ${now})`
  return { ok: false, status: 409, errors: { version: `Subject "${slug}" changed since you read it${at}; reload it and try again.` } }
}
