/**
 * Maintainer edits to one subject's sources: validate, then one conditional D1 write that also
 * appends the audit entry (`src/store/source-store.ts`). Nothing is read-modify-written without a
 * version check, so concurrent edits never silently undo each other:
 *
 * - an edit or delete that names the version it saw gets 409 when the source moved on since;
 * - one that names none is applied to the current row (retried if another edit lands between
 *   the read and the write), which keeps the plain `curl -X PATCH` of the README working;
 * - an import confirm is applied only if the list is still the one previewed (`base`).
 */
import { sameJson } from '../../core/canonical-json'
import { auditEntry, classifyEdit } from '../audit'
import { isEmptyPlan, planImport, type ImportPlan } from '../import-plan'
import { isRecord, validateSource, validateSourceList, type FieldErrors, type SourceRules } from '../source-schema'
import type { Source } from '../../core/types'
import type { AuditAction, NewAuditEntry } from '../../store/audit-log'
import {
  deleteSource as deleteRow,
  insertSource,
  listSources,
  replaceSources,
  SOURCES_PER_SUBJECT_MAX,
  updateSource as updateRow,
  withoutVersion,
  type SourceRecord,
  type SourceWriteResult,
} from '../../store/source-store'
import { getSubject } from '../../store/subject-store'

/** Who is editing which subject's sources, where, and under which rules. */
export interface EditContext {
  db: D1Database
  /** The subject whose sources these are. */
  subject: string
  rules: SourceRules
  /** Token fingerprint for the audit log. */
  actor: string
  via: 'api' | 'page'
  now: Date
  /** Why, in the maintainer's words (a trust change gives one); kept in the audit entry. */
  reason?: string | null
}

/** An edit's outcome; `status` is the HTTP status a route should answer with. */
export type EditResult<T> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 422; errors: FieldErrors }

/** What an import preview shows, and the base the confirm step must send back. */
export interface ImportPreview {
  plan: ImportPlan
  sources: Source[]
  /** The subject's source-list version the plan was made against. */
  base: string
}

/** Attempts for an edit that names no version before giving up (each one re-reads the row). */
const UNVERSIONED_ATTEMPTS = 3

/** Adds a source after validating it against the list. */
export async function addSource(ctx: EditContext, input: unknown): Promise<EditResult<SourceRecord>> {
  const current = await listSources(ctx.db, ctx.subject)
  const result = validateSource(input, current, ctx.rules)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  if (current.length >= SOURCES_PER_SUBJECT_MAX) return tooMany()
  const written = await insertSource(ctx.db, ctx.subject, result.value, { now: ctx.now, audit: entry(ctx, 'add', result.value.id, null, result.value) })
  return written.ok ? written : failed(written, result.value.id)
}

/**
 * Edits a source: `patch` fields replace the saved ones (null removes an optional field), then
 * the whole source is validated again. The id cannot change: state and health are keyed by it.
 * `expected` is the version the editor saw (none: the current one).
 */
export async function updateSource(ctx: EditContext, id: string, patch: unknown, expected?: number): Promise<EditResult<SourceRecord>> {
  if (!isRecord(patch)) return { ok: false, status: 422, errors: { source: 'Send the fields to change as a JSON object.' } }
  const { version: _version, ...fields } = patch
  for (let attempt = 0; ; attempt++) {
    const current = await listSources(ctx.db, ctx.subject)
    const before = current.find((s) => s.id === id)
    if (!before) return notFound(id)
    if (expected !== undefined && before.version !== expected) return stale(id, before.version)
    const merged: Record<string, unknown> = { ...withoutVersion(before), ...fields }
    for (const [key, value] of Object.entries(fields)) if (value === null) delete merged[key]
    if (merged.id !== id) return { ok: false, status: 422, errors: { id: 'The id cannot be changed; add a new source and delete this one.' } }
    const result = validateSource(merged, current, ctx.rules, id)
    if (!result.ok) return { ok: false, status: 422, errors: result.errors }
    const after = result.value
    const plain = withoutVersion(before)
    if (sameJson(plain, after)) return { ok: true, value: before }
    const audit = entry(ctx, classifyEdit(plain, after), id, plain, after)
    const written = await updateRow(ctx.db, ctx.subject, after, before.version, { now: ctx.now, audit })
    if (written.ok || written.reason !== 'stale' || expected !== undefined || attempt + 1 >= UNVERSIONED_ATTEMPTS) return written.ok ? written : failed(written, id)
  }
}

/** Turns a source on or off. */
export function setEnabled(ctx: EditContext, id: string, enabled: boolean, expected?: number): Promise<EditResult<SourceRecord>> {
  return updateSource(ctx, id, { enabled }, expected)
}

/** Deletes a source. Its fetch history stays in the pipeline state (harmless, and kept if re-added). */
export async function removeSource(ctx: EditContext, id: string, expected?: number): Promise<EditResult<SourceRecord>> {
  for (let attempt = 0; ; attempt++) {
    const before = (await listSources(ctx.db, ctx.subject)).find((s) => s.id === id)
    if (!before) return notFound(id)
    const version = expected ?? before.version
    const written = await deleteRow(ctx.db, ctx.subject, id, version, { audit: entry(ctx, 'delete', id, withoutVersion(before), null) })
    if (written.ok || written.reason !== 'stale' || expected !== undefined || attempt + 1 >= UNVERSIONED_ATTEMPTS) return written.ok ? written : failed(written, id)
  }
}

/** Validates a whole incoming list and says what applying it would do. Writes nothing. */
export async function previewImport(ctx: EditContext, input: unknown): Promise<EditResult<ImportPreview>> {
  const result = validateSourceList(input, ctx.rules)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  const loaded = await loadList(ctx)
  if (!loaded) return noSubject(ctx)
  return { ok: true, value: { plan: planImport(loaded.plain, result.value), sources: result.value, base: String(loaded.base) } }
}

/**
 * Replaces the list with a validated import, all or nothing. When `base` (from the preview) is
 * given and the list changed since, nothing is written and the answer is 409; two confirms of
 * the same preview: the first applies, the second gets 409.
 */
export async function applyImport(ctx: EditContext, input: unknown, base?: string): Promise<EditResult<ImportPreview>> {
  const result = validateSourceList(input, ctx.rules)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  if (base !== undefined && !/^\d{1,15}$/.test(base)) return { ok: false, status: 422, errors: { base: 'Send the base the preview gave.' } }
  for (let attempt = 0; ; attempt++) {
    const loaded = await loadList(ctx)
    if (!loaded) return noSubject(ctx)
    const plan = planImport(loaded.plain, result.value)
    const preview = { plan, sources: result.value, base: String(loaded.base) }
    if (base !== undefined && Number(base) !== loaded.base) return staleList()
    if (isEmptyPlan(plan)) return { ok: true, value: preview }
    // The log keeps the delta, not both whole lists: it is what a reader wants, and stays small.
    const audit = entry(ctx, 'import', null, [...plan.changes.map((c) => c.before), ...plan.removes], [...plan.adds, ...plan.changes.map((c) => c.after)], 'sources')
    const rewrite = new Set([...plan.adds, ...plan.changes.map((c) => c.after)].map((s) => s.id))
    const written = await replaceSources(ctx.db, ctx.subject, { sources: result.value, rewrite, remove: new Set(plan.removes.map((s) => s.id)) }, loaded.base, loaded.records, { now: ctx.now, audit })
    if (written.ok) return { ok: true, value: preview }
    if (written.reason === 'missing') return noSubject(ctx)
    if (base !== undefined || attempt + 1 >= UNVERSIONED_ATTEMPTS) return staleList()
  }
}

/** The list and its version, read together (the version first: a write in between makes the base stale, never the list). */
async function loadList(ctx: EditContext): Promise<{ base: number; records: SourceRecord[]; plain: Source[] } | null> {
  const subject = await getSubject(ctx.db, ctx.subject)
  if (!subject) return null
  const records = await listSources(ctx.db, ctx.subject)
  return { base: subject.sourcesVersion, records, plain: records.map(withoutVersion) }
}

function entry(ctx: EditContext, action: AuditAction, target: string | null, before: unknown, after: unknown, targetKind: 'source' | 'sources' = 'source'): NewAuditEntry {
  return auditEntry(ctx, { action, subject: ctx.subject, targetKind, target, before, after, reason: ctx.reason ?? null })
}

/** A store refusal as an HTTP answer. */
function failed(result: Exclude<SourceWriteResult, { ok: true }>, id: string): EditResult<never> {
  switch (result.reason) {
    case 'missing':
      return notFound(id)
    case 'no-subject':
      return { ok: false, status: 404, errors: { subject: 'No such subject.' } }
    case 'stale':
      return stale(id)
    case 'full':
      return tooMany()
    case 'taken':
      // Another request took it between our check and the write.
      return { ok: false, status: 409, errors: { [result.field]: result.field === 'id' ? `The id "${id}" was just taken by another source.` : 'Another source was just saved with this URL.' } }
  }
}

function notFound(id: string): EditResult<never> {
  return { ok: false, status: 404, errors: { id: `No source with the id "${id}".` } }
}

function noSubject(ctx: EditContext): EditResult<never> {
  return { ok: false, status: 404, errors: { subject: `No subject with the slug "${ctx.subject}".` } }
}

function stale(id: string, now?: number): EditResult<never> {
  const at = now === undefined ? '' : ` (it is at version ${now})`
  return { ok: false, status: 409, errors: { version: `Source "${id}" changed since you read it${at}; reload it and try again.` } }
}

function staleList(): EditResult<never> {
  return { ok: false, status: 409, errors: { base: 'The source list changed since the preview; preview the import again.' } }
}

function tooMany(): EditResult<never> {
  return { ok: false, status: 422, errors: { sources: `A subject has at most ${SOURCES_PER_SUBJECT_MAX} sources.` } }
}
