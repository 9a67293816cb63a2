/**
 * Small, locale-free formatters for the public page and feed: the output must not depend on
 * the runtime's Intl data, and the same input must always render the same text.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `2025-07-14` or an ISO time → `14 Jul 2025`; anything unparseable is returned as written. */
export function formatDay(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return value
  const month = MONTHS[Number(m[2]) - 1]
  return month ? `${Number(m[3])} ${month} ${m[1]}` : value
}

/** An ISO time → `14 Jul 2025, 07:00 UTC`. */
export function formatTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${formatDay(d.toISOString())}, ${hh}:${mm} UTC`
}

/** RFC 3339 (UTC, `Z`) for Atom; a bad input falls back to the epoch so the feed stays valid. */
export function toRfc3339(value: string | null | undefined): string {
  const d = new Date(value ?? '')
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Cuts text to `max` characters on a word boundary, with an ellipsis. */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`
}

/** How a followed season is named everywhere: "All of Us Are Dead Season 2". */
export function seasonTitle(subject: { show: string; season: number }): string {
  return `${subject.show} Season ${subject.season}`
}
