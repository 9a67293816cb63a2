/**
 * A season's confirmed premiere as an iCalendar file (RFC 5545): one all-day event. Pure.
 *
 * The event's UID is derived from the subject's slug and the site's host, never from the date,
 * so when the date moves a calendar that imported or subscribed to the file updates the one
 * event instead of adding a second; SEQUENCE counts the moves so it knows which version is newer.
 */
import type { HistoryEntry, PublicView } from '../core/public-view'
import type { ReleaseValue } from '../core/types'
import { formatDay } from './format'

export interface ReleaseEvent {
  /** `release-<slug>@<host>`. */
  uid: string
  /** "Show Season N premieres". */
  summary: string
  /** `YYYY-MM-DD`. */
  date: string
  /** How many times the confirmed date moved (0 for the first confirmed date). */
  sequence: number
  /** ISO time the current date was learned (DTSTAMP and LAST-MODIFIED). */
  stamp: string
  description: string
  /** The season's page. */
  url: string
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/

/** The stable UID of a season's release event. */
export function releaseEventUid(slug: string, publicUrl: string): string {
  let host = 'season-watch.invalid'
  try {
    host = new URL(publicUrl).hostname || host
  } catch {
    // keep the fallback: the UID must still be stable and unique per slug
  }
  return `release-${slug}@${host}`
}

function asRelease(v: unknown): Partial<ReleaseValue> | null {
  return v !== null && typeof v === 'object' ? (v as Partial<ReleaseValue>) : null
}

/**
 * The event for a season whose release date is confirmed, or null while it is not (or the date
 * is not a real day). `view.history` tells how often the confirmed date moved and when the
 * current one arrived.
 */
export function releaseEventFor(input: { slug: string; title: string; publicUrl: string; pageUrl: string; view: PublicView | null }): ReleaseEvent | null {
  const release = input.view?.facts.release
  if (!release || release.status !== 'confirmed' || !release.date || !isRealDay(release.date)) return null
  const history = input.view!.history
  let sequence = 0
  let arrived: HistoryEntry | null = null
  for (const entry of history) {
    for (const change of entry.changes ?? []) {
      if (change.field !== 'release') continue
      const to = asRelease(change.to)
      const from = asRelease(change.from)
      if (to?.status !== 'confirmed' || !to.date) continue
      if (from?.status === 'confirmed' && from.date && from.date !== to.date) sequence++
      // History is newest first: the first entry that set today's date is when it arrived.
      if (to.date === release.date && arrived === null) arrived = entry
    }
  }
  const evidence = release.sources?.find((s) => s.certainty === 'confirmed')?.evidence ?? release.sources?.[0]?.evidence ?? null
  const source = release.sources?.find((s) => s.certainty === 'confirmed')?.source ?? release.sources?.[0]?.source ?? null
  const description = [
    `${input.title} premieres on ${formatDay(release.date)} (confirmed).`,
    evidence ? `“${evidence}”` : null,
    source ? `Source: ${source}` : null,
    `All the facts: ${input.pageUrl}`,
  ]
    .filter((line): line is string => line !== null)
    .join('\n')
  return {
    uid: releaseEventUid(input.slug, input.publicUrl),
    summary: `${input.title} premieres`,
    date: release.date,
    sequence,
    stamp: arrived?.at ?? input.view!.updatedAt,
    description,
    url: input.pageUrl,
  }
}

function isRealDay(day: string): boolean {
  const m = DAY.exec(day)
  if (!m) return false
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])))
  return d.toISOString().slice(0, 10) === day
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma, newline; control characters dropped. */
export function escapeIcsText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n')
}

const encoder = new TextEncoder()

/**
 * Folds one content line (RFC 5545 §3.1): no line longer than 75 octets, continuation lines
 * start with a space, and a multi-byte UTF-8 character is never split.
 */
export function foldIcsLine(line: string): string {
  const parts: string[] = []
  let current = ''
  let octets = 0
  let limit = 75
  for (const ch of line) {
    const size = encoder.encode(ch).length
    if (octets + size > limit) {
      parts.push(current)
      current = ' '
      octets = 1
      limit = 75
    }
    current += ch
    octets += size
  }
  parts.push(current)
  return parts.join('\r\n')
}

/** `2027-01-29` → `20270129`; an ISO time → `20270129T080000Z`. */
const icsDate = (day: string) => day.replace(/-/g, '')
function icsTime(iso: string): string {
  const d = new Date(iso)
  return (Number.isNaN(d.getTime()) ? new Date(0) : d).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')
}

function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/** The whole `.ics` document: CRLF line ends, every line folded, text escaped. */
export function renderReleaseCalendar(event: ReleaseEvent): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Season Watch//Release dates//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${escapeIcsText(event.uid)}`,
    `DTSTAMP:${icsTime(event.stamp)}`,
    `LAST-MODIFIED:${icsTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART;VALUE=DATE:${icsDate(event.date)}`,
    `DTEND;VALUE=DATE:${icsDate(nextDay(event.date))}`,
    `SUMMARY:${escapeIcsText(event.summary)}`,
    `DESCRIPTION:${escapeIcsText(event.description)}`,
    // URL is a URI value, not TEXT: not escaped, only folded.
    `URL:${event.url}`,
    'STATUS:CONFIRMED',
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
    'END:VCALENDAR',
  ]
  return lines.map(foldIcsLine).join('\r\n') + '\r\n'
}
