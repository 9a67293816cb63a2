import { z } from 'zod'
import { collectErrors, type Validated } from './source-schema'
import type { SubjectInput } from '../store/subject-store'

/** What a slug must look like: it ends up in URLs (`/s/<slug>/`) and KV keys. */
export const SUBJECT_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/

/** Slugs that would shadow a path under `/api/subjects/` or `/admin/s/`. */
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(['new', 'audit', 'export', 'import', 'sources'])

/** Bounds that keep one subject's config small (it is read by every run of it). */
export const SUBJECT_LIMITS = { text: 200, list: 50, people: 500 } as const

const text = (what: string) =>
  z
    .string({ error: `${what} must be text.` })
    .trim()
    .min(1, `${what} cannot be empty.`)
    .max(SUBJECT_LIMITS.text, `Keep ${what.toLowerCase()} to ${SUBJECT_LIMITS.text} characters or fewer.`)

const textList = (what: string, max: number = SUBJECT_LIMITS.list) =>
  z.array(text(what), { error: `Give a list of ${what.toLowerCase()}s.` }).max(max, `At most ${max} ${what.toLowerCase()}s.`)

const personSchema = z.strictObject({
  name: text('A name'),
  aliases: textList('Alias').default([]),
  roles: textList('Role').optional(),
  previousCast: z.boolean({ error: 'previousCast must be true or false.' }).optional(),
})

/** The zod schema for a subject; `slug` only when creating (it never changes). */
export function subjectSchema() {
  return z.strictObject({
    slug: z
      .string({ error: 'Give the subject a slug.' })
      .min(1, 'Give the subject a slug.')
      .regex(SUBJECT_SLUG_PATTERN, 'Use 2 to 63 lowercase letters, digits or dashes, starting with a letter or digit.')
      .refine((slug) => !RESERVED_SLUGS.has(slug), { message: 'This slug is reserved; pick another.', abort: true }),
    show: text('The show'),
    season: z.number({ error: 'The season must be a whole number from 1 to 99.' }).int('The season must be a whole number from 1 to 99.').min(1, 'The season must be a whole number from 1 to 99.').max(99, 'The season must be a whole number from 1 to 99.'),
    aliases: textList('Title alias').default([]),
    officialSources: textList('Official source').default([]),
    // Optional host names whose pages speak officially (the extractor may read them).
    officialDomains: z.array(z.string().trim().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'Give host names such as netflix.com.')).max(SUBJECT_LIMITS.list).optional(),
    people: z.array(personSchema, { error: 'People must be a list of { name, aliases, roles, previousCast }.' }).max(SUBJECT_LIMITS.people, `At most ${SUBJECT_LIMITS.people} people.`).default([]),
    status: z.enum(['active', 'paused'], { error: 'Status must be "active" or "paused".' }).default('active'),
  })
}

/**
 * Validates a new subject: every field, then that no other subject has its slug. One message
 * per field (`people.3.name` for a person's).
 */
export function validateSubject(input: unknown, takenSlugs: readonly string[]): Validated<SubjectInput> {
  const parsed = subjectSchema().safeParse(input)
  const errors = parsed.success ? {} : collectErrors(parsed.error.issues, 'subject')
  if (parsed.success && takenSlugs.includes(parsed.data.slug)) errors.slug = `The slug "${parsed.data.slug}" is already used by another subject.`
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors }
  return { ok: true, value: tidy(parsed.data) }
}

/** Drops empty optional lists so stored configs stay minimal. */
function tidy<T extends { people: { roles?: string[] | undefined }[]; officialDomains?: string[] | undefined }>(subject: T): T {
  const people = subject.people.map(({ roles, ...p }) => (roles?.length ? { ...p, roles } : p))
  const { officialDomains, ...rest } = subject
  return { ...rest, people, ...(officialDomains?.length ? { officialDomains } : {}) } as T
}
