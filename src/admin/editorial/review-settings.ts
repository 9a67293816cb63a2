/**
 * Review mode and alert settings, kept in D1 (`editorial_settings`): a default for every
 * subject (with the alert settings) and a subject's own review mode. D1 rather than KV because
 * each write goes in one transaction with its audit entry, and a run reads the settings with
 * the subject and its sources, all strongly consistent.
 */
import type { ReviewPolicy } from '../../core/editorial'
import type { AuditAction, NewAuditEntry } from '../../store/audit-log'
import { auditEntry } from '../audit'
import { GLOBAL_SCOPE, readEditorialSettings, saveAlertSettings, saveReviewSetting, type EditorialSettings } from '../../store/editorial-store'
import type { FieldErrors } from '../source-schema'
import { alertSettingsSchema, defaultReviewSchema, fieldErrors, subjectReviewSchema, toPolicy } from './editorial-schema'

/** Who changes a setting. */
export interface SettingsActor {
  db: D1Database
  actor: string
  via: 'api' | 'page'
  now: Date
}

export type SettingsResult = { ok: true; value: EditorialSettings } | { ok: false; status: 422; errors: FieldErrors }

function entry(who: SettingsActor, action: AuditAction, subject: string | null, target: string, before: unknown, after: unknown): NewAuditEntry {
  return auditEntry(who, { action, subject, targetKind: 'settings', target, before, after, reason: null })
}

/** Sets a subject's review mode (`default`: follow the default). */
export async function setSubjectReview(who: SettingsActor, slug: string, input: unknown): Promise<SettingsResult> {
  const parsed = subjectReviewSchema.safeParse(input)
  if (!parsed.success) return { ok: false, status: 422, errors: fieldErrors(parsed.error) }
  const before = await readEditorialSettings(who.db, slug)
  const policy: ReviewPolicy | null = parsed.data.mode === 'default' ? null : toPolicy({ mode: parsed.data.mode, holdHours: parsed.data.holdHours })
  await saveReviewSetting(who.db, slug, policy, who.now, entry(who, 'set-review', slug, slug, before.subjectReview ?? 'default', policy ?? 'default'))
  return { ok: true, value: await readEditorialSettings(who.db, slug) }
}

/** Sets the default review mode of every subject without its own. */
export async function setDefaultReview(who: SettingsActor, input: unknown): Promise<SettingsResult> {
  const parsed = defaultReviewSchema.safeParse(input)
  if (!parsed.success) return { ok: false, status: 422, errors: fieldErrors(parsed.error) }
  const before = await readEditorialSettings(who.db, null)
  const policy = toPolicy(parsed.data)
  await saveReviewSetting(who.db, GLOBAL_SCOPE, policy, who.now, entry(who, 'set-review', null, GLOBAL_SCOPE, before.defaultReview, policy))
  return { ok: true, value: await readEditorialSettings(who.db, null) }
}

/** Sets the maintainer addresses and the failure threshold. */
export async function setAlertSettings(who: SettingsActor, input: unknown): Promise<SettingsResult> {
  const parsed = alertSettingsSchema.safeParse(input)
  if (!parsed.success) return { ok: false, status: 422, errors: fieldErrors(parsed.error) }
  const before = await readEditorialSettings(who.db, null)
  const values = { emails: [...new Set(parsed.data.alertEmails)], failureThreshold: parsed.data.failureThreshold }
  await saveAlertSettings(who.db, values, who.now, entry(who, 'set-alerts', null, GLOBAL_SCOPE, { emails: before.alertEmails, failureThreshold: before.failureThreshold }, values))
  return { ok: true, value: await readEditorialSettings(who.db, null) }
}
