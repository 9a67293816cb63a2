/**
 * HTML form fields → the plain objects the validators take. Pure. Forms only ever send strings
 * (and a checkbox is absent when unticked), so this is where "on" becomes `true`.
 */

/** A parsed form body as hono's `parseBody` returns it. */
export type FormBody = Record<string, string | File | (string | File)[]>

/** A form field as text ('' when absent or a file). */
export function field(form: FormBody, name: string): string {
  const value = form[name]
  return typeof value === 'string' ? value : ''
}

/**
 * The source fields of the add and edit forms. An empty note becomes null, which the edit
 * treats as "remove the note".
 */
export function sourceFromForm(form: FormBody): { id?: string; url: string; kind: string; enabled: boolean; unreliable: boolean; notes: string | null } {
  const notes = field(form, 'notes').trim()
  const source = { url: field(form, 'url'), kind: field(form, 'kind'), enabled: field(form, 'enabled') === 'on', unreliable: field(form, 'unreliable') === 'on', notes: notes || null }
  return 'id' in form ? { id: field(form, 'id').trim(), ...source } : source
}

/** Done-notices the page shows after a redirect; only these texts, so a link cannot inject one. */
const NOTICES: Record<string, (id: string) => string> = {
  add: (id) => `Added source "${id}".`,
  edit: (id) => `Saved source "${id}".`,
  enable: (id) => `Enabled source "${id}".`,
  disable: (id) => `Disabled source "${id}".`,
  delete: (id) => `Deleted source "${id}".`,
  import: () => 'Import applied.',
  'import-empty': () => 'The import matched the current list; nothing changed.',
  'subject-add': (slug) => `Added subject "${slug}"; add its sources below.`,
  'subject-edit': (slug) => `Saved subject "${slug}".`,
  'subject-delete': (slug) => `Removed subject "${slug}".`,
}

/** The notice for `?done=<action>&id=<id>`, or null. */
export function noticeFor(done: string | undefined, id: string | undefined): string | null {
  const make = done ? NOTICES[done] : undefined
  return make ? make((id ?? '').slice(0, 64)) : null
}

/** The subject form as typed: every field as text, so a bad value is shown back as it was. */
export interface SubjectFormValues {
  slug?: string
  show: string
  season: string
  /** One per line. */
  aliases: string
  officialSources: string
  /** The people as JSON. */
  people: string
  status: string
}

/** The subject fields of a form, as typed. */
export function subjectValuesFromForm(form: FormBody, withSlug: boolean): SubjectFormValues {
  const values = {
    show: field(form, 'show'),
    season: field(form, 'season'),
    aliases: field(form, 'aliases'),
    officialSources: field(form, 'officialSources'),
    people: field(form, 'people'),
    status: field(form, 'status') || 'active',
  }
  return withSlug ? { slug: field(form, 'slug').trim(), ...values } : values
}

/**
 * Typed subject form values → the object the validator takes: one line per alias, a season as a
 * number when it is one, the people parsed from JSON (or a message for the `people` field).
 */
export function subjectFromValues(values: SubjectFormValues): { input: Record<string, unknown>; errors: Record<string, string> } {
  const lines = (text: string) => text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)
  const season = values.season.trim()
  const input: Record<string, unknown> = {
    ...(values.slug !== undefined ? { slug: values.slug } : {}),
    show: values.show,
    season: /^\d{1,6}$/.test(season) ? Number(season) : season,
    aliases: lines(values.aliases),
    officialSources: lines(values.officialSources),
    status: values.status,
  }
  const errors: Record<string, string> = {}
  if (values.people.trim() !== '') {
    try {
      input.people = JSON.parse(values.people)
    } catch (error) {
      errors.people = `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  return { input, errors }
}
