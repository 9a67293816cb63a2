/**
 * Scraped strings reach emails (subjects included), so they are cleaned first: control
 * characters and line/paragraph separators become spaces (no header or layout injection),
 * bidi overrides are dropped (no visually reversed names or links), whitespace is collapsed
 * and the length capped. Escaping for HTML happens later, in the templates.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g

/** Cleans one scraped string; null/undefined/non-strings become ''. */
export function cleanText(value: unknown, max = 500): string {
  if (typeof value !== 'string') return ''
  const s = value.replace(CONTROL, ' ').replace(BIDI, '').replace(/\s+/g, ' ').trim()
  if (s.length <= max) return s
  return `${s.slice(0, max - 1).trimEnd()}…`
}
