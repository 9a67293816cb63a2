import { describe, expect, it } from 'vitest'
import type { HistoryEntry, PublicView } from '../../src/core/public-view'
import type { Change, Facts } from '../../src/core/types'
import { escapeIcsText, foldIcsLine, releaseEventFor, renderReleaseCalendar } from '../../src/site/calendar'

const baseFacts: Facts = { stage: null, release: { status: 'none', date: null, window: null, text: null }, cast: [], trailer: null, episodes: null }

function confirmed(date: string, evidence = `Netflix confirmed it premieres on ${date}.`): Facts['release'] {
  return { status: 'confirmed', date, window: null, text: null, certainty: 'confirmed', asOf: '2026-09-01', sources: [{ source: 'https://news.example/date', evidence, published: '2026-09-01', certainty: 'confirmed' }] }
}

const releaseChange = (from: unknown, date: string): Change => ({ field: 'release', material: true, from, to: { status: 'confirmed', date, window: null, text: null }, sources: [], evidence: null })

function view(release: Facts['release'], history: HistoryEntry[] = []): PublicView {
  return { version: 1, updatedAt: '2026-09-01T07:00:00.000Z', facts: { ...baseFacts, release }, history }
}

const event = (v: PublicView | null, publicUrl = 'https://watch.example') =>
  releaseEventFor({ slug: 'orchard-s2', title: 'The Glass Orchard Season 2', publicUrl, pageUrl: 'https://watch.example/s/orchard-s2/', view: v })

/** The content lines of an .ics document, unfolded (RFC 5545 §3.1). */
const unfold = (ics: string) => ics.replace(/\r\n /g, '').split('\r\n')

describe('the release calendar file', () => {
  it('is null until a release date is confirmed (an estimate or a bad date is not an event)', () => {
    expect(event(null)).toBeNull()
    expect(event(view({ status: 'estimated', date: null, window: { from: '2026-10-01', to: '2026-12-31' }, text: 'late 2026' }))).toBeNull()
    expect(event(view({ ...confirmed('2026-02-30') }))).toBeNull()
  })

  it('is one all-day VEVENT with CRLF line ends, DTSTAMP, and the day after as DTEND', () => {
    const ics = renderReleaseCalendar(event(view(confirmed('2026-11-20'), [{ id: 'e1', at: '2026-09-01T07:00:00.000Z', changes: [releaseChange(null, '2026-11-20')] }]))!)
    expect(ics.endsWith('\r\n')).toBe(true)
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    const lines = unfold(ics)
    expect(lines.slice(0, 5)).toEqual(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Season Watch//Release dates//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'])
    expect(lines).toContain('DTSTART;VALUE=DATE:20261120')
    expect(lines).toContain('DTEND;VALUE=DATE:20261121')
    expect(lines).toContain('DTSTAMP:20260901T070000Z')
    expect(lines).toContain('SEQUENCE:0')
    expect(lines).toContain('SUMMARY:The Glass Orchard Season 2 premieres')
    expect(lines).toContain('UID:release-orchard-s2@watch.example')
    expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1)
  })

  it('keeps its UID when the date moves, and counts the move in SEQUENCE', () => {
    const first = event(view(confirmed('2026-11-20'), [{ id: 'e1', at: '2026-09-01T07:00:00.000Z', changes: [releaseChange({ status: 'estimated' }, '2026-11-20')] }]))!
    const moved = event(
      view(confirmed('2026-12-04'), [
        { id: 'e2', at: '2026-10-05T07:00:00.000Z', changes: [releaseChange({ status: 'confirmed', date: '2026-11-20' }, '2026-12-04')] },
        { id: 'e1', at: '2026-09-01T07:00:00.000Z', changes: [releaseChange({ status: 'estimated' }, '2026-11-20')] },
      ]),
    )!
    expect(moved.uid).toBe(first.uid)
    expect(first.sequence).toBe(0)
    expect(moved.sequence).toBe(1)
    expect(moved.stamp).toBe('2026-10-05T07:00:00.000Z')
    const lines = unfold(renderReleaseCalendar(moved))
    expect(lines).toContain('DTSTART;VALUE=DATE:20261204')
    expect(lines).toContain('SEQUENCE:1')
    // A date confirmed before the first run (no history) and moved later still counts one move.
    const late = event(view(confirmed('2027-01-08'), [{ id: 'e9', at: '2026-11-01T07:00:00.000Z', changes: [releaseChange({ status: 'confirmed', date: '2026-12-04' }, '2027-01-08')] }]))!
    expect(late.sequence).toBe(1)
    // The UID comes from PUBLIC_URL's host, whichever origin served the file.
    expect(event(view(confirmed('2026-11-20')), 'http://localhost:8787')!.uid).toBe('release-orchard-s2@localhost')
  })

  it('escapes TEXT values: backslash, semicolon, comma and newlines; drops control characters', () => {
    expect(escapeIcsText('a\\b;c,d\ne\r\nf\u0007g')).toBe('a\\\\b\\;c\\,d\\ne\\nfg')
    const hostile = 'Netflix said: "It\'s out; finally, on 20 Nov"\nBEGIN:VEVENT\r\nUID:evil'
    const ics = renderReleaseCalendar(event(view(confirmed('2026-11-20', hostile)))!)
    const lines = unfold(ics)
    // The scraped sentence cannot start a line of its own (no injected component or property).
    expect(lines.filter((l) => l.startsWith('BEGIN:VEVENT'))).toHaveLength(1)
    expect(lines.filter((l) => l.startsWith('UID:'))).toEqual(['UID:release-orchard-s2@watch.example'])
    const description = lines.find((l) => l.startsWith('DESCRIPTION:'))!
    expect(description).toContain('It\'s out\\; finally\\, on 20 Nov"\\nBEGIN:VEVENT\\nUID:evil')
  })

  it('folds lines at 75 octets without splitting a UTF-8 character', () => {
    const long = `SUMMARY:${'지금 우리 학교는 '.repeat(10)}`
    const folded = foldIcsLine(long)
    const parts = folded.split('\r\n')
    expect(parts.length).toBeGreaterThan(1)
    for (const part of parts) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75)
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true)
    expect(folded.replace(/\r\n /g, '')).toBe(long)
    expect(foldIcsLine('SHORT:x')).toBe('SHORT:x')
    // Every line of a whole document, folded.
    const ics = renderReleaseCalendar(event(view(confirmed('2026-11-20', 'A very long sentence about the premiere, '.repeat(8))))!)
    for (const line of ics.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75)
  })
})
