/**
 * Maintainer edits to the live source list: validate, write the whole list in one KV put, then
 * log it. One put means an edit or an import is never half-applied: the cron either sees the
 * list before or after. The audit entry is written after the list, so the log never records a
 * change that did not happen.
 */
import type { AuditAction } from '../audit'
import { classifyEdit, sameJson } from '../audit'
import { isEmptyPlan, listVersion, planImport, type ImportPlan } from '../import-plan'
import { isRecord, validateSource, validateSourceList, type FieldErrors, type SourceRules } from '../source-schema'
import type { Source } from '../../core/types'
import type { KvLike } from '../../store/kv'
import { recordAudit } from './audit-store'
import { readSources, writeSources } from './source-store'

/** Who is editing, where, and under which rules. */
export interface EditContext {
  kv: KvLike
  /** The default list, live until the first save. */
  defaults: Source[]
  rules: SourceRules
  /** Token fingerprint for the audit log. */
  actor: string
  via: 'api' | 'page'
  now: Date
}

/** An edit's outcome; `status` is the HTTP status a route should answer with. */
export type EditResult<T> = { ok: true; value: T } | { ok: false; status: 404 | 409 | 422; errors: FieldErrors }

/** What an import preview shows, and the version the confirm step must send back. */
export interface ImportPreview {
  plan: ImportPlan
  sources: Source[]
  base: string
}

/** Adds a source after validating it against the list. */
export async function addSource(ctx: EditContext, input: unknown): Promise<EditResult<Source>> {
  const current = await readSources(ctx.kv, ctx.defaults)
  const result = validateSource(input, current, ctx.rules)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  await commit(ctx, [...current, result.value], 'add', result.value.id, null, result.value)
  return { ok: true, value: result.value }
}

/**
 * Edits a source: `patch` fields replace the saved ones (null removes an optional field), then
 * the whole source is validated again. The id cannot change: state and health are keyed by it.
 */
export async function updateSource(ctx: EditContext, id: string, patch: unknown): Promise<EditResult<Source>> {
  const current = await readSources(ctx.kv, ctx.defaults)
  const before = current.find((s) => s.id === id)
  if (!before) return notFound(id)
  if (!isRecord(patch)) {
    return { ok: false, status: 422, errors: { source: 'Send the fields to change as a JSON object.' } }
  }
  const merged: Record<string, unknown> = { ...before, ...patch }
  for (const [key, value] of Object.entries(patch)) if (value === null) delete merged[key]
  if (merged.id !== id) {
    return { ok: false, status: 422, errors: { id: 'The id cannot be changed; add a new source and delete this one.' } }
  }
  const result = validateSource(merged, current, ctx.rules, id)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  const after = result.value
  if (sameJson(before, after)) return { ok: true, value: before }
  await commit(
    ctx,
    current.map((s) => (s.id === id ? after : s)),
    classifyEdit(before, after),
    id,
    before,
    after,
  )
  return { ok: true, value: after }
}

/** Turns a source on or off. */
export function setEnabled(ctx: EditContext, id: string, enabled: boolean): Promise<EditResult<Source>> {
  return updateSource(ctx, id, { enabled })
}

/** Deletes a source. Its fetch history stays in the pipeline state (harmless, and kept if re-added). */
export async function removeSource(ctx: EditContext, id: string): Promise<EditResult<Source>> {
  const current = await readSources(ctx.kv, ctx.defaults)
  const before = current.find((s) => s.id === id)
  if (!before) return notFound(id)
  await commit(
    ctx,
    current.filter((s) => s.id !== id),
    'delete',
    id,
    before,
    null,
  )
  return { ok: true, value: before }
}

/** Validates a whole incoming list and says what applying it would do. Writes nothing. */
export async function previewImport(ctx: EditContext, input: unknown): Promise<EditResult<ImportPreview>> {
  const result = validateSourceList(input, ctx.rules)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  const current = await readSources(ctx.kv, ctx.defaults)
  return { ok: true, value: { plan: planImport(current, result.value), sources: result.value, base: await listVersion(current) } }
}

/**
 * Replaces the list with a validated import, all or nothing. When `base` (from the preview) is
 * given and the list changed since, nothing is written and the answer is 409.
 */
export async function applyImport(ctx: EditContext, input: unknown, base?: string): Promise<EditResult<ImportPreview>> {
  const result = validateSourceList(input, ctx.rules)
  if (!result.ok) return { ok: false, status: 422, errors: result.errors }
  const current = await readSources(ctx.kv, ctx.defaults)
  const version = await listVersion(current)
  if (base !== undefined && base !== version) {
    return { ok: false, status: 409, errors: { base: 'The source list changed since the preview; preview the import again.' } }
  }
  const plan = planImport(current, result.value)
  // The log keeps the delta, not both whole lists: it is what a reader wants, and stays small.
  const before = [...plan.changes.map((c) => c.before), ...plan.removes]
  const after = [...plan.adds, ...plan.changes.map((c) => c.after)]
  if (!isEmptyPlan(plan)) await commit(ctx, result.value, 'import', null, before, after)
  return { ok: true, value: { plan, sources: result.value, base: version } }
}

async function commit(
  ctx: EditContext,
  next: Source[],
  action: AuditAction,
  target: string | null,
  before: Source | Source[] | null,
  after: Source | Source[] | null,
): Promise<void> {
  await writeSources(ctx.kv, next)
  await recordAudit(ctx.kv, { at: ctx.now.toISOString(), actor: ctx.actor, action, target, via: ctx.via, before, after })
}

function notFound(id: string): EditResult<never> {
  return { ok: false, status: 404, errors: { id: `No source with the id "${id}".` } }
}
