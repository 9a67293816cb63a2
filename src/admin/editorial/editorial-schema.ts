/**
 * Validation of every editorial input (zod), shared by the JSON API and the page forms: each
 * bad field gets its own message, like the source and subject forms.
 */
import { z } from 'zod'
import type { FactSlot, ReviewPolicy } from '../../core/editorial'
import { emailAddressSchema } from '../../mail/subscribers/email-address'
import { collectErrors, type FieldErrors } from '../source-schema'

/** The longest hold window, in hours (30 days). */
export const MAX_HOLD_HOURS = 720
/** The longest reason kept in the audit log and shown in a correction. */
export const MAX_REASON = 500
/** At most this many maintainer addresses are saved in the admin. */
export const MAX_ALERT_EMAILS = 20

const holdHours = z.union([z.null(), z.number().int('Hours are a whole number.').min(1, 'At least 1 hour.').max(MAX_HOLD_HOURS, `At most ${MAX_HOLD_HOURS} hours.`)])

/** A reason: optional, trimmed, at most MAX_REASON characters; empty means none. */
export const reasonSchema = z
  .string()
  .trim()
  .max(MAX_REASON, `At most ${MAX_REASON} characters.`)
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional()
  .transform((s) => s ?? null)

/** The default review mode (every subject without its own). */
export const defaultReviewSchema = z.strictObject({ mode: z.enum(['off', 'hold'], 'Choose off or hold.'), holdHours: holdHours.optional() })

/** A subject's review mode; `default` follows the default. */
export const subjectReviewSchema = z.strictObject({ mode: z.enum(['default', 'off', 'hold'], 'Choose default, off or hold.'), holdHours: holdHours.optional() })

/** The alert settings. */
export const alertSettingsSchema = z.strictObject({
  alertEmails: z.array(emailAddressSchema).max(MAX_ALERT_EMAILS, `At most ${MAX_ALERT_EMAILS} addresses.`),
  failureThreshold: z.number().int('A whole number.').min(1, 'At least 1.').max(100, 'At most 100.'),
})

/** The fact a retraction names: a field, and the actor for a cast entry. */
export const slotSchema = z
  .strictObject({
    field: z.enum(['stage', 'release', 'cast', 'trailer', 'episodes'], 'Name a field: stage, release, cast, trailer or episodes.'),
    actor: z.string().trim().min(1).max(200).optional(),
    reason: z.string().trim().min(1, 'Say briefly why the fact is wrong.').max(MAX_REASON, `At most ${MAX_REASON} characters.`),
  })
  .refine((v) => v.field !== 'cast' || v.actor !== undefined, { path: ['actor'], message: 'Name the actor whose entry is wrong.' })

/** An ignored sentence: the document it is in and the sentence as the claim quotes it. */
export const ignoreSchema = z.strictObject({
  source: z.string().max(2048).regex(/^https?:\/\/[^\s]+$/i, 'The document’s http(s) URL, as the claim names it.'),
  evidence: z.string().min(1, 'The sentence.').max(2000),
  reason: reasonSchema,
})

/** A trust change of a source. */
export const trustSchema = z.strictObject({
  source: z.string().min(1).max(63),
  unreliable: z.boolean('true or false.'),
  reason: reasonSchema,
  version: z.number().int().positive().optional(),
})

/** A drop (of a change or an edition) and its optional reason. */
export const dropSchema = z.strictObject({ changeId: z.string().min(1).max(2000).optional(), reason: reasonSchema })

/** zod issues as `{ field: message }`, the shape every admin form and API error uses (the source forms' collector). */
export function fieldErrors(error: z.ZodError): FieldErrors {
  return collectErrors(error.issues, 'body')
}

/** A review policy from a parsed mode (hours only with hold). */
export function toPolicy(v: { mode: 'off' | 'hold'; holdHours?: number | null | undefined }): ReviewPolicy {
  return { mode: v.mode, holdHours: v.mode === 'hold' ? (v.holdHours ?? null) : null }
}

/** The slot a parsed retraction names. */
export function toSlot(v: { field: FactSlot['field']; actor?: string | undefined }): FactSlot {
  return v.field === 'cast' ? { field: 'cast', actor: v.actor ?? '' } : { field: v.field }
}

/** Form text → hours: '' is none, else a number (zod checks it). */
export function hoursFromForm(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim())
}

/** Form text → addresses: one per line, or separated by commas. */
export function emailsFromForm(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean)
}
