import { z } from 'zod'
import type { Source } from '../core/types'
import { checkUrlSafety, type UrlSafetyOptions } from '../pipeline/fetch/url-safety'

/** Field name (or `sources.3.url` for a list) → one message a maintainer can act on. */
export type FieldErrors = Record<string, string>

/** The outcome of validating maintainer input: the clean value, or every bad field at once. */
export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors }

/** Slug: what the id must look like (it ends up in URLs and KV state keys). */
export const SOURCE_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/

/** Ids that would shadow an API path under `/api/sources/`. */
export const RESERVED_IDS: ReadonlySet<string> = new Set(['export', 'import', 'dry-run', 'audit', 'subject'])

/** Longest note kept with a source. */
export const NOTES_MAX = 500

/** Most sources an import may hold; a bound keeps one request's work small. */
export const SOURCES_MAX = 500

/** Options shared by the validators. */
export interface SourceRules extends UrlSafetyOptions {}

/** The zod schema for one source, with the URL safety check built in. */
export function sourceSchema(rules: SourceRules = {}) {
  return z.strictObject({
    id: z
      .string({ error: 'Give the source an id.' })
      .min(1, 'Give the source an id.')
      .regex(SOURCE_ID_PATTERN, 'Use 2 to 63 lowercase letters, digits or dashes, starting with a letter or digit.')
      .refine((id) => !RESERVED_IDS.has(id), { message: 'This id is reserved; pick another.', abort: true }),
    url: z
      .string({ error: 'Give the source a URL.' })
      .trim()
      .min(1, 'Give the source a URL.')
      .max(2048, 'Keep the URL under 2048 characters.')
      .superRefine((url, ctx) => {
        const why = checkUrlSafety(url, rules)
        if (why) ctx.addIssue({ code: 'custom', message: why })
      })
      // Store the parsed form, so health lookups and the fetcher see the exact same string.
      .transform((url) => new URL(url).href),
    kind: z.enum(['page', 'feed'], { error: 'Kind must be "page" or "feed".' }),
    enabled: z.boolean({ error: 'Enabled must be true or false.' }).default(true),
    notes: z
      .string({ error: 'Notes must be text.' })
      .max(NOTES_MAX, `Keep notes to ${NOTES_MAX} characters or fewer.`)
      .optional(),
    unreliable: z.boolean({ error: 'Unreliable must be true or false.' }).optional(),
  })
}

/**
 * Validates one source against the rest of the list: its own fields, then that no other
 * source has its id or URL. `replacing` is the id being edited (it may keep its id and URL).
 */
export function validateSource(
  input: unknown,
  others: readonly Source[],
  rules: SourceRules = {},
  replacing?: string,
): Validated<Source> {
  const parsed = sourceSchema(rules).safeParse(input)
  const errors = parsed.success ? {} : collectErrors(parsed.error.issues)
  if (parsed.success) {
    const rest = others.filter((s) => s.id !== replacing)
    const clash = findClashes(parsed.data, rest)
    Object.assign(errors, clash)
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors }
  return { ok: true, value: tidy(parsed.data) }
}

/**
 * Validates a whole list (an import): every entry, then ids and URLs unique within it.
 * Errors are keyed `sources.<index>.<field>`, so one answer lists every problem.
 */
export function validateSourceList(input: unknown, rules: SourceRules = {}): Validated<Source[]> {
  const list = Array.isArray(input) ? input : isRecord(input) && Array.isArray(input.sources) ? input.sources : null
  if (!list) return { ok: false, errors: { sources: 'Send a JSON array of sources (or { "sources": [...] }).' } }
  if (list.length > SOURCES_MAX) return { ok: false, errors: { sources: `At most ${SOURCES_MAX} sources.` } }

  const errors: FieldErrors = {}
  const clean: Source[] = []
  list.forEach((item, i) => {
    const result = validateSource(item, clean, rules)
    if (result.ok) clean.push(result.value)
    else for (const [field, message] of Object.entries(result.errors)) errors[`sources.${i}.${field}`] = message
  })
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: clean }
}

/** Validates an unsaved dry-run target: the same URL and kind rules as a saved source. */
export function validateDryRunTarget(input: unknown, rules: SourceRules = {}): Validated<Pick<Source, 'url' | 'kind'>> {
  const parsed = sourceSchema(rules).pick({ url: true, kind: true }).safeParse(input)
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: collectErrors(parsed.error.issues) }
}

/** Another source already uses this id or URL: the health view is keyed by both. */
function findClashes(source: Source, others: readonly Source[]): FieldErrors {
  const errors: FieldErrors = {}
  const sameId = others.find((o) => o.id === source.id)
  if (sameId) errors.id = `The id "${source.id}" is already used by another source.`
  const sameUrl = others.find((o) => o.url === source.url)
  if (sameUrl) errors.url = `Source "${sameUrl.id}" already reads this URL.`
  return errors
}

/** Drops an empty note and a false `unreliable`, so the stored list stays minimal and exports round-trip. */
function tidy(source: Source): Source {
  const { notes, unreliable, ...rest } = source
  const trimmed = notes?.trim()
  return { ...rest, ...(trimmed ? { notes: trimmed } : {}), ...(unreliable ? { unreliable: true } : {}) }
}

/** zod issues → one message per field (the first is the most basic one); `root` names the whole object. */
export function collectErrors(issues: readonly z.core.$ZodIssue[], root: 'source' | 'subject' | 'body' = 'source'): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) addError(errors, [...issue.path, key].join('.'), 'Unknown field.')
      continue
    }
    const key = issue.path.length > 0 ? issue.path.join('.') : root
    addError(errors, key, issue.path.length > 0 ? issue.message : `Send a ${root} as a JSON object.`)
  }
  return errors
}

/**
 * Keeps the first message for a field as an own property: a JSON key such as `__proto__` must
 * become an error entry, not the object's prototype (which would leave the 422 empty).
 */
function addError(errors: FieldErrors, key: string, message: string): void {
  if (!Object.hasOwn(errors, key)) Object.defineProperty(errors, key, { value: message, enumerable: true, writable: true, configurable: true })
}

/** True for a plain JSON object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
