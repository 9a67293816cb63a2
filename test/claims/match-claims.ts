/**
 * How an emitted claim is judged against a row's labels. One place, so the specs, the floor
 * and `npm run eval:claims` count the same way.
 *
 * A claim is **right** when its field and identifying value match an expected claim of the row
 * and its certainty is the expected one:
 * - stage: the stage value;
 * - release: the status (`estimated` / `confirmed`) and either the exact day, or a window whose
 *   ends match the expected window (exactly for a month or less, within 31 days for vaguer
 *   spans such as "late 2026", whose edges writers and parsers draw differently);
 * - cast: the canonical actor (the subject's name for any alias, else the name as written,
 *   compared case- and hyphen-blind) and the status; the role is not scored;
 * - trailer: the kind (teaser / trailer); episodes: the number.
 *
 * Each expected claim is matched at most once. An emitted claim with no match is **wrong**
 * (precision); an expected claim nothing matched is **missed** (recall). A claim listed in a
 * row's `allow` is neither. A claim that matches by value with another certainty is both wrong
 * and (its expected twin) missed.
 *
 * **Can reach an email**: stage, cast, trailer and episodes claims that are reported or
 * confirmed, and release claims with status confirmed; speculated claims never can.
 */
import { normalizeName } from '../../src/core/names'
import type { Certainty, Claim, Field, Subject } from '../../src/core/types'
import type { Expected } from './row'

/** An inclusive day range. */
export interface Window {
  from: string
  to: string
}

const pad = (n: number) => String(n).padStart(2, '0')
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate()
const months = (y: number, m1: number, m2: number): Window => {
  const y2 = y + Math.floor((m2 - 1) / 12)
  const mm2 = ((m2 - 1) % 12) + 1
  const y1 = y + Math.floor((m1 - 1) / 12)
  const mm1 = ((((m1 - 1) % 12) + 12) % 12) + 1
  return { from: `${y1}-${pad(mm1)}-01`, to: `${y2}-${pad(mm2)}-${pad(lastDay(y2, mm2))}` }
}

const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], fall: [9, 11], autumn: [9, 11], winter: [12, 14] }
const PARTS: Record<string, [number, number]> = { early: [1, 4], mid: [5, 8], late: [9, 12] }
const MONTH_PARTS: Record<string, [number, number | null]> = { early: [1, 10], mid: [11, 20], late: [21, null] }

/**
 * Reads a window spec: `2026`, `2026-03`, `early|mid|late 2026-03` (days 1–10 / 11–20 / 21–end),
 * `2026-Q1`…`Q4`, `2026-H1`/`H2`, `early|mid|late 2026` (Jan–Apr / May–Aug / Sep–Dec),
 * `spring|summer|fall 2026` (meteorological), `winter 2026` (Dec 2026–Feb 2027), or `A..B`.
 */
export function parseWindow(spec: string): Window {
  const range = spec.split('..')
  if (range.length === 2) return { from: parseWindow(range[0]!.trim()).from, to: parseWindow(range[1]!.trim()).to }
  let m = /^(\d{4})$/.exec(spec)
  if (m) return months(Number(m[1]), 1, 12)
  m = /^(?:(early|mid|late)\s+)?(\d{4})-(\d{2})$/.exec(spec)
  if (m) {
    const y = Number(m[2])
    const mo = Number(m[3])
    const part = m[1] ? MONTH_PARTS[m[1]]! : null
    if (!part) return months(y, mo, mo)
    return { from: `${y}-${pad(mo)}-${pad(part[0])}`, to: `${y}-${pad(mo)}-${pad(part[1] ?? lastDay(y, mo))}` }
  }
  m = /^(\d{4})-Q([1-4])$/.exec(spec)
  if (m) return months(Number(m[1]), Number(m[2]) * 3 - 2, Number(m[2]) * 3)
  m = /^(\d{4})-H([12])$/.exec(spec)
  if (m) return m[2] === '1' ? months(Number(m[1]), 1, 6) : months(Number(m[1]), 7, 12)
  m = /^(early|mid|late|spring|summer|fall|autumn|winter)\s+(\d{4})$/.exec(spec)
  if (m) {
    const [a, b] = PARTS[m[1]!] ?? SEASONS[m[1]!]!
    return months(Number(m[2]), a, b)
  }
  throw new Error(`unreadable window spec: ${spec}`)
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000

/** True when an emitted window is the expected one (see the module comment for the tolerance). */
export function windowsMatch(emitted: Window, expected: Window): boolean {
  if (emitted.from > emitted.to) return false
  const span = dayNumber(expected.to) - dayNumber(expected.from)
  const tolerance = span <= 31 ? 0 : 31
  return Math.abs(dayNumber(emitted.from) - dayNumber(expected.from)) <= tolerance && Math.abs(dayNumber(emitted.to) - dayNumber(expected.to)) <= tolerance
}

/** Canonical actor key: the subject's name for a known alias, else the written name, folded. */
function actorKey(name: string, subject: Subject): string {
  const norm = normalizeName(name)
  for (const p of subject.people) {
    if ([p.name, ...p.aliases].some((a) => normalizeName(a) === norm)) return normalizeName(p.name)
  }
  return norm
}

/** True when the claim says what the expectation says, certainty aside. */
export function sameValue(claim: Claim, want: Expected, subject: Subject): boolean {
  if (claim.field !== want.field) return false
  switch (want.field) {
    case 'stage':
      return claim.value === want.value
    case 'episodes':
      return claim.value === want.value
    case 'trailer':
      return claim.field === 'trailer' && claim.value.kind === want.kind
    case 'cast':
      return (
        claim.field === 'cast' &&
        claim.value.status === want.status &&
        actorKey(claim.value.actor, subject) === actorKey(want.actor, subject) &&
        (want.former === undefined || want.former === (claim.formerCast === true))
      )
    case 'release': {
      if (claim.field !== 'release' || claim.value.status !== want.status) return false
      if (want.date) return claim.value.date === want.date
      if (!want.window || claim.value.date) return false
      return claim.value.window !== null && windowsMatch(claim.value.window, parseWindow(want.window))
    }
  }
}

/** True for a claim (or expectation) that can trigger an email on its own certainty and value. */
export function canReachEmail(c: { field: Field; certainty: Certainty; status?: string; value?: unknown }): boolean {
  if (c.certainty === 'speculated') return false
  if (c.field !== 'release') return true
  const status = c.status ?? (c.value as { status?: string } | undefined)?.status
  return status === 'confirmed'
}

/** An emitted claim no expectation accounts for, and why. */
export interface WrongClaim {
  claim: Claim
  reason: string
}

/** An expectation nothing matched, and why. */
export interface MissedClaim {
  want: Expected
  reason: string
}

/** The verdict on one row. */
export interface RowVerdict {
  right: { claim: Claim; want: Expected }[]
  wrong: WrongClaim[]
  missed: MissedClaim[]
  /** Emitted claims an `allow` entry excused. */
  allowed: Claim[]
}

/** Short text for a claim: `cast Han Seo-jin/new/reported`. */
export function describeClaim(c: Claim): string {
  switch (c.field) {
    case 'stage':
      return `stage ${c.value}/${c.certainty}`
    case 'episodes':
      return `episodes ${c.value}/${c.certainty}`
    case 'trailer':
      return `trailer ${c.value.kind}/${c.certainty}`
    case 'cast':
      return `cast ${c.value.actor}/${c.value.status}/${c.certainty}`
    case 'release': {
      const when = c.value.date ?? (c.value.window ? `${c.value.window.from}..${c.value.window.to}` : 'no date')
      return `release ${c.value.status} ${when}/${c.certainty}`
    }
  }
}

/** Short text for an expectation. */
export function describeExpected(w: Expected): string {
  switch (w.field) {
    case 'stage':
    case 'episodes':
      return `${w.field} ${w.value}/${w.certainty}`
    case 'trailer':
      return `trailer ${w.kind}/${w.certainty}`
    case 'cast':
      return `cast ${w.actor}/${w.status}/${w.certainty}`
    case 'release':
      return `release ${w.status} ${w.date ?? w.window}/${w.certainty}`
  }
}

/** Judges a row's emitted claims against its labels. */
export function matchRow(claims: Claim[], expect: Expected[], allow: Expected[], subject: Subject): RowVerdict {
  const verdict: RowVerdict = { right: [], wrong: [], missed: [], allowed: [] }
  const open = new Set(expect.map((_, i) => i))
  const unmatched: Claim[] = []
  for (const claim of claims) {
    const i = [...open].find((j) => sameValue(claim, expect[j]!, subject) && expect[j]!.certainty === claim.certainty)
    if (i === undefined) unmatched.push(claim)
    else {
      open.delete(i)
      verdict.right.push({ claim, want: expect[i]! })
    }
  }
  for (const claim of unmatched) {
    if (allow.some((a) => sameValue(claim, a, subject) && a.certainty === claim.certainty)) {
      verdict.allowed.push(claim)
      continue
    }
    const twin = [...open].map((j) => expect[j]!).find((w) => sameValue(claim, w, subject))
    verdict.wrong.push({ claim, reason: twin ? `certainty ${claim.certainty}, expected ${twin.certainty}` : 'not expected' })
  }
  for (const j of open) {
    const want = expect[j]!
    const twin = claims.find((c) => sameValue(c, want, subject))
    verdict.missed.push({ want, reason: twin ? `emitted as ${twin.certainty}` : 'not emitted' })
  }
  return verdict
}

/** A right/total pair. */
export interface Ratio {
  hit: number
  total: number
}

/** Formats a ratio as `0.93 (412/443)`; an empty ratio reads `n/a (0/0)`. */
export function formatRatio(r: Ratio): string {
  return `${r.total === 0 ? 'n/a' : (r.hit / r.total).toFixed(2)} (${r.hit}/${r.total})`
}
