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
export function sourceFromForm(form: FormBody): { id?: string; url: string; kind: string; enabled: boolean; notes: string | null } {
  const notes = field(form, 'notes').trim()
  const source = { url: field(form, 'url'), kind: field(form, 'kind'), enabled: field(form, 'enabled') === 'on', notes: notes || null }
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
}

/** The notice for `?done=<action>&id=<id>`, or null. */
export function noticeFor(done: string | undefined, id: string | undefined): string | null {
  const make = done ? NOTICES[done] : undefined
  return make ? make((id ?? '').slice(0, 64)) : null
}
