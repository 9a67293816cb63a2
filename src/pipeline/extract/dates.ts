/**
 * Date expressions in running news text: exact days ("December 12, 2026"), months, seasons,
 * halves, quarters and years, absolute or relative to the article's own date ("this summer",
 * "next year"). Pure string work; every result is an inclusive `YYYY-MM-DD` window so the
 * release fact can compare a vague "late 2026" with a precise "December 12, 2026".
 */

/** How precise a mention is; only `day` mentions carry a `date`. */
export type DatePrecision = 'day' | 'month' | 'season' | 'half' | 'quarter' | 'year'

/** One date expression found in a text. */
export interface DateMention {
  /** The expression as written, without a leading preposition ("late 2026", not "in late 2026"). */
  text: string
  /** Offset of `text` in the searched string. */
  index: number
  precision: DatePrecision
  /** `YYYY-MM-DD`, only when `precision` is `day`. */
  date: string | null
  /** Inclusive range the expression covers. */
  window: { from: string; to: string }
}

/** A calendar day as numbers; months are 1-based. */
interface Ymd {
  y: number
  m: number
  d: number
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
}

// Long names first so "March" wins over "Mar"; an optional dot covers "Dec." and "Sept.".
const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?'
const ORD = '(?:st|nd|rd|th)?'
const YEAR = '((?:19|20)\\d{2}|2100)'
/** An optional leading weekday ("Friday, "), as a regex source without a capture group. */
export const WEEKDAY = '(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?'
// Weekday stems in `Date.getUTCDay()` order.
const WEEKDAYS = ['sun', 'mon', 'tues', 'wednes', 'thurs', 'fri', 'satur']
// Words that make a bare month name a date ("in May") rather than a verb or a name ("may", "April").
const LEAD = '(?:in|by|until|till|since|from|through|before|after|around|during|between|or|and|to|for)'
const PART = '(early|mid|late|the\\s+(?:end|start|beginning|middle)\\s+of|(?:end|start|beginning|middle)\\s+of)'
const REL = '(this|next|last|the)'

/** Pads a number to two digits. */
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n))

/** `YYYY-MM-DD` from numbers (no validation). */
const iso = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`

/** Days in a month, leap years included. */
const daysIn = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate()

/** True when the numbers form a real calendar day in the supported range. */
const isValidDay = (y: number, m: number, d: number): boolean =>
  y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m)

/** Month number from a month word, or 0. */
const monthOf = (word: string): number => {
  const w = word.toLowerCase()
  return MONTHS[w.startsWith('sept') ? 'sept' : w.slice(0, 3)] ?? 0
}

/** Month names must be capitalised: "may" and "march" are usually verbs. */
const isMonthWord = (word: string | undefined): boolean =>
  word !== undefined && word[0] !== undefined && word[0] === word[0].toUpperCase() && monthOf(word) > 0

/**
 * Formats a Date as its UTC calendar day, `YYYY-MM-DD`.
 * @param date any valid Date
 */
export function toIsoDay(date: Date): string {
  return iso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())
}

/** Reads a `YYYY-MM-DD` prefix into numbers, or null when it is not a real day. */
function readIso(value: string): Ymd | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value)
  if (!m) return null
  const y = Number(m[1])
  const mo = Number(m[2])
  const d = Number(m[3])
  return isValidDay(y, mo, d) ? { y, m: mo, d } : null
}

/** A window covering whole months `m1..m2` of year `y`; months past 12 spill into the next year. */
function monthsWindow(y: number, m1: number, m2: number): { from: string; to: string } {
  const fromY = y + Math.floor((m1 - 1) / 12)
  const fromM = ((m1 - 1) % 12) + 1
  const toY = y + Math.floor((m2 - 1) / 12)
  const toM = ((m2 - 1) % 12) + 1
  return { from: iso(fromY, fromM, 1), to: iso(toY, toM, daysIn(toY, toM)) }
}

/** Window for a month, narrowed by "early" / "mid" / "late" / "the end of" to about ten days. */
function monthPartWindow(y: number, m: number, part: string | undefined): { from: string; to: string } {
  const last = daysIn(y, m)
  switch (partKind(part)) {
    case 'early':
      return { from: iso(y, m, 1), to: iso(y, m, 10) }
    case 'mid':
      return { from: iso(y, m, 11), to: iso(y, m, 20) }
    case 'late':
      return { from: iso(y, m, 21), to: iso(y, m, last) }
    default:
      return { from: iso(y, m, 1), to: iso(y, m, last) }
  }
}

/** Normalises the many spellings of a part-of-period word. */
function partKind(part: string | undefined): 'early' | 'mid' | 'late' | null {
  if (!part) return null
  const p = part.toLowerCase()
  if (p.startsWith('early') || /start|beginning/.test(p)) return 'early'
  if (p.startsWith('mid') || p.includes('middle')) return 'mid'
  if (p.startsWith('late') || p.includes('end')) return 'late'
  return null
}

/** Year window narrowed by a part word: early = Jan–Apr, mid = May–Aug, late = Sep–Dec; "end of" = Q4. */
function yearPart(y: number, part: string | undefined): { precision: DatePrecision; window: { from: string; to: string } } {
  const p = (part ?? '').toLowerCase()
  if (/end\s+of/.test(p)) return { precision: 'quarter', window: monthsWindow(y, 10, 12) }
  if (/(start|beginning)\s+of/.test(p)) return { precision: 'quarter', window: monthsWindow(y, 1, 3) }
  switch (partKind(part)) {
    case 'early':
      return { precision: 'year', window: monthsWindow(y, 1, 4) }
    case 'mid':
      return { precision: 'year', window: monthsWindow(y, 5, 8) }
    case 'late':
      return { precision: 'year', window: monthsWindow(y, 9, 12) }
    default:
      return { precision: 'year', window: monthsWindow(y, 1, 12) }
  }
}

type Season = 'spring' | 'summer' | 'fall' | 'winter'

// Northern meteorological seasons; winter N runs Dec N-1 to Feb N, as "Winter 2026" slates do.
const SEASON_START: Record<Season, number> = { spring: 3, summer: 6, fall: 9, winter: 12 }

const KOREAN_SEASONS: Record<string, Season> = { 봄: 'spring', 여름: 'summer', 가을: 'fall', 겨울: 'winter' }

/** Season word to its key ("autumn" is fall). */
const seasonOf = (word: string): Season => {
  const w = word.toLowerCase()
  return w === 'autumn' ? 'fall' : (w as Season)
}

/** The season-year whose season contains the given month (Jan/Feb belong to that year's winter). */
function seasonYearAt(season: Season, y: number, m: number): number {
  return season === 'winter' && m === 12 ? y + 1 : y
}

/** Window of a season in a season-year, optionally narrowed to its first/middle/last month. */
function seasonWindow(season: Season, year: number, part: string | undefined): { from: string; to: string } {
  const start = SEASON_START[season]
  const startY = season === 'winter' ? year - 1 : year
  const offset = partKind(part) === 'early' ? 0 : partKind(part) === 'mid' ? 1 : partKind(part) === 'late' ? 2 : -1
  return offset < 0 ? monthsWindow(startY, start, start + 2) : monthsWindow(startY, start + offset, start + offset)
}

/** Month index (y*12+m) comparisons for season resolution. */
const monthIndex = (y: number, m: number): number => y * 12 + (m - 1)

/**
 * Resolves "this/next/last/bare summer" against the reference month. Bare and "this" pick the
 * current or next occurrence; "next" the first one that starts after the current one; "last"
 * the latest one already over.
 */
function resolveSeasonYear(season: Season, rel: string | undefined, ref: Ymd): number {
  const start = SEASON_START[season]
  const refIdx = monthIndex(ref.y, ref.m)
  // Season-years around the reference, with their [first, last] month indexes.
  const span = (sy: number): [number, number] => {
    const sY = season === 'winter' ? sy - 1 : sy
    return [monthIndex(sY, start), monthIndex(sY, start) + 2]
  }
  const r = (rel ?? '').toLowerCase()
  if (r === 'last') {
    for (let sy = ref.y + 1; sy > ref.y - 3; sy--) if (span(sy)[1] < refIdx) return sy
    return ref.y - 1
  }
  if (r === 'this' && season !== 'winter') return ref.y
  // Current or upcoming occurrence.
  let sy = ref.y - 1
  while (span(sy)[1] < refIdx) sy++
  if (r === 'next' && span(sy)[0] <= refIdx) sy++
  return sy
}

/** Year for a month named without one: the next such month on/after the reference month. */
const upcomingYear = (m: number, ref: Ymd): number => (m >= ref.m ? ref.y : ref.y + 1)

/**
 * Year for a day named without one ("on July 23"): the reference year, unless the month is nine
 * or more months away, in which case it is the adjacent year across New Year.
 */
function nearestYear(m: number, ref: Ymd): number {
  const diff = m - ref.m
  if (diff >= 9) return ref.y - 1
  if (diff <= -9) return ref.y + 1
  return ref.y
}

/** A mention before overlap resolution. */
interface Found extends DateMention {
  end: number
}

/** One pattern and how to turn its match into a mention (null = reject the match). */
interface Rule {
  re: RegExp
  /** Needs the reference date (relative expressions). */
  relative?: boolean
  /** Group holding a context word ("in ") that locates the mention but is not part of its text. */
  lead?: number
  build: (m: RegExpExecArray, ref: Ymd | null) => Omit<DateMention, 'text' | 'index'> | null
}

/** A day mention. */
const dayOf = (y: number, m: number, d: number): Omit<DateMention, 'text' | 'index'> | null =>
  isValidDay(y, m, d) ? { precision: 'day', date: iso(y, m, d), window: { from: iso(y, m, d), to: iso(y, m, d) } } : null

/** Text ending in a month, a day or a year: what may precede "and June" in a date range. */
const DATE_BEFORE = new RegExp(`(?:${MONTH}|\\b\\d{1,4}(?:st|nd|rd|th)?|\\b(?:early|mid|late))\\s*,?\\s*$`, 'i')

/** Numbers before a month that are counts or labels, not days ("Season 2 December 2026"). */
const NOT_A_DAY_BEFORE = /(?:season|episode|part|chapter|volume|vol\.?|no\.?|#|top|series|ep\.?)\s*$/i

/**
 * True when a plain number before a month is a count or label ("Season 2 December 2026"):
 * groups 2 and 3 hold the ordinal suffix and "of", which make it a day for sure.
 */
function countBefore(m: RegExpExecArray): boolean {
  if (m[2] || m[3]) return false
  return NOT_A_DAY_BEFORE.test(m.input.slice(Math.max(0, m.index - 12), m.index))
}

/** Day-precision rules with an explicit year: shared by `parseLooseDate` and `findDateMentions`. */
const ABSOLUTE_DAY_RULES: Rule[] = [
  {
    // December 12, 2026 · Dec. 12 2026 · Friday, December 12th, 2026 · December 12–14, 2026
    re: new RegExp(`\\b${WEEKDAY}${MONTH}\\s+(\\d{1,2})${ORD}(?:\\s*[-–]\\s*(\\d{1,2})${ORD})?(?:\\s*,\\s*|\\s+)${YEAR}\\b`, 'gi'),
    build: (m) => {
      if (!isMonthWord(m[1])) return null
      const y = Number(m[4])
      const mo = monthOf(m[1]!)
      const first = dayOf(y, mo, Number(m[2]))
      const last = m[3] ? dayOf(y, mo, Number(m[3])) : first
      return first && last && last.window.to >= first.window.from ? { ...first, window: { from: first.window.from, to: last.window.to } } : first
    },
  },
  {
    // 12 December 2026 · 07th June 2022 · 12th of December, 2026 · Tue, 07 Jun 2022
    re: new RegExp(`(?<![\\d.,])\\b(\\d{1,2})(${ORD})\\s+(of\\s+)?${MONTH},?\\s+${YEAR}\\b`, 'gi'),
    build: (m) => (isMonthWord(m[4]) && !countBefore(m) ? dayOf(Number(m[5]), monthOf(m[4]!), Number(m[1])) : null),
  },
  {
    // 2026-12-12 · 2026/12/12 · 2026.12.12 · 2025. 7. 23. (Korean style)
    re: /(?<![\d.])((?:19|20)\d{2})(?:-(\d{1,2})-(\d{1,2})|\/(\d{1,2})\/(\d{1,2})|\.\s?(\d{1,2})\.\s?(\d{1,2}))(?!\d)/g,
    build: (m) => {
      const mo = m[2] ?? m[4] ?? m[6]
      const d = m[3] ?? m[5] ?? m[7]
      return dayOf(Number(m[1]), Number(mo), Number(d))
    },
  },
  {
    // 2026년 12월 12일 · 2026年12月12日
    re: /((?:19|20)\d{2})\s?[년年]\s?(\d{1,2})\s?[월月]\s?(\d{1,2})\s?[일日]/g,
    build: (m) => dayOf(Number(m[1]), Number(m[2]), Number(m[3])),
  },
  {
    // 12/31/2026 or 31/12/2026 or 31.12.2026 when unambiguous (dots mean day-first)
    re: /(?<![\d./])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d{2})(?![\d])/g,
    build: (m) => {
      const a = Number(m[1])
      const b = Number(m[3])
      const y = Number(m[4])
      if (m[2] === '.') return dayOf(y, b, a)
      if (a > 12) return dayOf(y, b, a)
      if (b > 12) return dayOf(y, a, b)
      return null
    },
  },
]

/** Everything else `findDateMentions` understands, most specific first. */
const MENTION_RULES: Rule[] = [
  ...ABSOLUTE_DAY_RULES,
  {
    // December 12 (no year): the reference year, or across New Year when far away; a weekday
    // written with it ("Friday, March 6") picks the adjacent year it falls on instead.
    re: new RegExp(`\\b(?:(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\\s+)?${MONTH}\\s+(\\d{1,2})${ORD}\\b(?![:.,]?\\s*\\d)`, 'gi'),
    relative: true,
    build: (m, ref) => {
      if (!ref || !isMonthWord(m[2])) return null
      const mo = monthOf(m[2]!)
      const day = Number(m[3])
      const near = nearestYear(mo, ref)
      const weekday = m[1] ? WEEKDAYS.indexOf(m[1].toLowerCase()) : -1
      const year = weekday < 0 ? near : ([near, near + 1, near - 1].find((y) => isValidDay(y, mo, day) && new Date(Date.UTC(y, mo - 1, day)).getUTCDay() === weekday) ?? near)
      return dayOf(year, mo, day)
    },
  },
  {
    // 12 December · 12th of December (no year)
    re: new RegExp(`(?<![\\d.,])\\b(\\d{1,2})(${ORD})\\s+(of\\s+)?${MONTH}\\b`, 'gi'),
    relative: true,
    build: (m, ref) => {
      if (!ref || !isMonthWord(m[4]) || countBefore(m)) return null
      const mo = monthOf(m[4]!)
      return dayOf(nearestYear(mo, ref), mo, Number(m[1]))
    },
  },
  {
    // 내달 25일 · 다음 달 3일 · 이달 10일 (Korean, a day of next or this month)
    re: /(내달|다음\s?달|이달|이번\s?달)\s?(\d{1,2})일/g,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const idx = monthIndex(ref.y, ref.m) + (m[1]!.startsWith('이') ? 0 : 1)
      return dayOf(Math.floor(idx / 12), (idx % 12) + 1, Number(m[2]))
    },
  },
  {
    // 내년 3월 · 올해 12월 · 오는 6월 · 6월 (Korean month; with no year, the next such month)
    re: /(?:(올해|올|내년|작년|지난해|오는|이번|지난)\s?)?(?<!\d)(\d{1,2})\s?월(?!\s?\d{1,2}\s?일)\s?(초|중순|말)?/g,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const mo = Number(m[2])
      if (mo < 1 || mo > 12) return null
      const rel = m[1]
      const y =
        rel === '내년'
          ? ref.y + 1
          : rel === '작년' || rel === '지난해'
            ? ref.y - 1
            : rel === '올해' || rel === '올'
              ? ref.y
              : rel === '지난'
                ? (mo < ref.m ? ref.y : ref.y - 1)
                : upcomingYear(mo, ref)
      const part = m[3] === '초' ? 'early' : m[3] === '중순' ? 'mid' : m[3] === '말' ? 'late' : undefined
      return { precision: 'month', date: null, window: monthPartWindow(y, mo, part) }
    },
  },
  {
    // 다음 달 · 내달 · 이달 · 이번 달 (Korean next or this month)
    re: /(다음\s?달|내달|이달|이번\s?달)(?!\s?\d{1,2}일)/g,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const idx = monthIndex(ref.y, ref.m) + (m[1]!.startsWith('이') ? 0 : 1)
      const y = Math.floor(idx / 12)
      const mo = (idx % 12) + 1
      return { precision: 'month', date: null, window: monthsWindow(y, mo, mo) }
    },
  },
  {
    // 연내 · 올해 안 · 내년 초 · 올해 말 · 내년 중 (Korean year, or its start/end)
    re: /(연내|올해\s?안|(?:올해|내년|올|연)\s?(초|말|중반|중|상순|하순))/g,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const y = /내년/.test(m[1]!) ? ref.y + 1 : ref.y
      const part = m[2] === '초' ? 'early' : m[2] === '말' ? 'late' : m[2] === '중반' || m[2] === '중' ? 'mid' : undefined
      return { date: null, ...yearPart(y, part) }
    },
  },
  {
    // 12월 23일 (Korean, no year)
    re: /(?<!\d)(\d{1,2})월\s?(\d{1,2})일/g,
    relative: true,
    build: (m, ref) => (ref ? dayOf(nearestYear(Number(m[1]), ref), Number(m[1]), Number(m[2])) : null),
  },
  {
    // December 2026 · mid-February 2027 · the end of December 2026
    re: new RegExp(`\\b(?:${PART}[-\\s]+)?${MONTH},?\\s+(?:of\\s+)?${YEAR}\\b`, 'gi'),
    build: (m) => {
      if (!isMonthWord(m[2])) return null
      const y = Number(m[3])
      return { precision: 'month', date: null, window: monthPartWindow(y, monthOf(m[2]!), m[1]) }
    },
  },
  {
    // 2026년 12월 (Korean month)
    re: /((?:19|20)\d{2})\s?년\s?(\d{1,2})\s?월(?!\s?\d{1,2}\s?일)\s?(초|중순|말)?/g,
    build: (m) => {
      const mo = Number(m[2])
      if (mo < 1 || mo > 12) return null
      const part = m[3] === '초' ? 'early' : m[3] === '중순' ? 'mid' : m[3] === '말' ? 'late' : undefined
      return { precision: 'month', date: null, window: monthPartWindow(Number(m[1]), mo, part) }
    },
  },
  {
    // in December · this December · mid-February · late March (no year)
    re: new RegExp(`\\b(?:(${LEAD}\\s+))?(?:(?:${PART}|(this|next|last))[-\\s]+)?${MONTH}\\b`, 'gi'),
    relative: true,
    lead: 1,
    build: (m, ref) => {
      if (!ref || !isMonthWord(m[4])) return null
      const lead = m[1]
      const part = m[2]
      const rel = m[3]?.toLowerCase()
      if (!lead && !part && !rel) return null
      // After "and"/"or"/"to", a bare month must continue a date ("May and June"), not a title ("and March of…").
      if (!part && !rel && /^(?:or|and|to|for)\s/i.test(lead ?? '') && !DATE_BEFORE.test(m.input.slice(Math.max(0, m.index - 24), m.index))) return null
      const mo = monthOf(m[4]!)
      const y =
        rel === 'this' ? ref.y : rel === 'next' ? (mo > ref.m ? ref.y : ref.y + 1) : rel === 'last' ? (mo < ref.m ? ref.y : ref.y - 1) : upcomingYear(mo, ref)
      return { precision: 'month', date: null, window: monthPartWindow(y, mo, part) }
    },
  },
  {
    // the first half of 2027 · the second half of next year · the latter half of this year
    re: /\b(?:the\s+)?(first|second|1st|2nd|latter|back|front)\s+half\s+of\s+(?:(this|next|last|the)\s+year|((?:19|20)\d{2}))\b/gi,
    relative: false,
    build: (m, ref) => {
      const y = yearFrom(m[3], m[2], ref)
      if (y === null) return null
      const first = /^(first|1st|front)$/i.test(m[1]!)
      return { precision: 'half', date: null, window: first ? monthsWindow(y, 1, 6) : monthsWindow(y, 7, 12) }
    },
  },
  {
    // H2 2026 · 2H 2026 · H1 of 2027
    re: /\b(?:H([12])|([12])H)\s*(?:of\s+)?((?:19|20)\d{2})\b/g,
    build: (m) => {
      const y = Number(m[3])
      const h = Number(m[1] ?? m[2])
      return { precision: 'half', date: null, window: h === 1 ? monthsWindow(y, 1, 6) : monthsWindow(y, 7, 12) }
    },
  },
  {
    // Q4 2026 · Q1 of 2027 · Q4 (upcoming)
    re: /\bQ([1-4])(?:\s*(?:of\s+)?((?:19|20)\d{2}))?\b/g,
    relative: true,
    build: (m, ref) => {
      const q = Number(m[1])
      const y = m[2] ? Number(m[2]) : ref ? (q * 3 >= ref.m ? ref.y : ref.y + 1) : null
      if (y === null) return null
      return { precision: 'quarter', date: null, window: monthsWindow(y, q * 3 - 2, q * 3) }
    },
  },
  {
    // the fourth quarter of 2026 · the first quarter of next year
    re: /\b(?:the\s+)?(first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter(?:\s+of\s+(?:(this|next|last|the)\s+year|((?:19|20)\d{2})))?\b/gi,
    relative: true,
    build: (m, ref) => {
      const q = { first: 1, '1st': 1, second: 2, '2nd': 2, third: 3, '3rd': 3, fourth: 4, '4th': 4, final: 4, last: 4 }[m[1]!.toLowerCase()] ?? 0
      let y = yearFrom(m[3], m[2], ref)
      if (!m[2] && !m[3]) y = ref ? (q * 3 >= ref.m ? ref.y : ref.y + 1) : null
      if (y === null || q === 0) return null
      return { precision: 'quarter', date: null, window: monthsWindow(y, q * 3 - 2, q * 3) }
    },
  },
  {
    // summer 2026 · the summer of 2026 · this fall · next spring · early summer · in the winter
    re: new RegExp(
      `\\b(?:(${LEAD}\\s+))?(?:(early|mid|late)[-\\s]+)?(?:${REL}\\s+)?(?:(early|mid|late)[-\\s]+)?(spring|summer|fall|autumn|winter)(?:\\s+(?:of\\s+)?${YEAR})?\\b`,
      'gi',
    ),
    relative: true,
    lead: 1,
    build: (m, ref) => {
      const lead = m[1]
      const part = m[2] ?? m[4]
      const rel = m[3]?.toLowerCase()
      const season = seasonOf(m[5]!)
      if (m[6]) {
        if (rel && rel !== 'the') return null
        return { precision: 'season', date: null, window: seasonWindow(season, Number(m[6]), part) }
      }
      // "fall" and "spring" are also verbs and nouns: want a clear date context.
      if (!ref || (!rel && !lead && !part) || (rel === 'the' && !lead)) return null
      if (!rel && !part && (season === 'fall' || season === 'spring') && !/^(in|by|until|till|during|before|after|from|since)\s/i.test(lead ?? '')) return null
      const sy = resolveSeasonYear(season, rel === 'the' ? undefined : rel, ref)
      return { precision: 'season', date: null, window: seasonWindow(season, sy, part) }
    },
  },
  {
    // 올여름 · 올 가을 · 내년 봄 (Korean seasons)
    re: /(올|올해|내년|작년|지난해)\s?(봄|여름|가을|겨울)/g,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const season = KOREAN_SEASONS[m[2]!] ?? 'summer'
      const shift = m[1] === '내년' ? 1 : m[1] === '작년' || m[1] === '지난해' ? -1 : 0
      // Winter of a calendar year ends in the next season-year (Dec Y to Feb Y+1).
      const sy = shift === 0 ? resolveSeasonYear(season, 'this', ref) : ref.y + shift + (season === 'winter' ? 1 : 0)
      return { precision: 'season', date: null, window: seasonWindow(season, sy, undefined) }
    },
  },
  {
    // later this year · earlier this year
    re: /\b(later|earlier)\s+this\s+year\b/gi,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const today = iso(ref.y, ref.m, ref.d)
      const later = m[1]!.toLowerCase() === 'later'
      return { precision: 'year', date: null, window: later ? { from: today, to: iso(ref.y, 12, 31) } : { from: iso(ref.y, 1, 1), to: today } }
    },
  },
  {
    // early 2026 · late-2026 · mid 2026 · the end of 2026 · early next year · the end of the year
    re: new RegExp(`\\b${PART}[-\\s]+(?:(this|next|last)\\s+year|(the\\s+year)|${YEAR})\\b`, 'gi'),
    relative: true,
    build: (m, ref) => {
      const y = yearFrom(m[4], m[2] ?? (m[3] ? 'this' : undefined), ref)
      if (y === null) return null
      return { date: null, ...yearPart(y, m[1]) }
    },
  },
  {
    // this year · next year · last year
    re: /\b(this|next|last|past)\s+year\b/gi,
    relative: true,
    build: (m, ref) => {
      const rel = m[1]!.toLowerCase()
      const y = yearFrom(undefined, rel === 'past' ? 'last' : rel, ref)
      return y === null ? null : { precision: 'year', date: null, window: monthsWindow(y, 1, 12) }
    },
  },
  {
    // this month · next month · last month
    re: /\b(this|next|last|past)\s+month\b/gi,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const rel = m[1]!.toLowerCase()
      const idx = monthIndex(ref.y, ref.m) + (rel === 'next' ? 1 : rel === 'this' ? 0 : -1)
      const y = Math.floor(idx / 12)
      const mo = (idx % 12) + 1
      return { precision: 'month', date: null, window: monthsWindow(y, mo, mo) }
    },
  },
  {
    // 2026년 하반기 · 올해 상반기 · 내년 상반기 (Korean halves)
    re: /(?:((?:19|20)\d{2})\s?년|(올해|올|내년|작년|지난해))\s?(상반기|하반기)/g,
    relative: true,
    build: (m, ref) => {
      const y = m[1] ? Number(m[1]) : ref ? ref.y + (m[2] === '내년' ? 1 : m[2] === '작년' || m[2] === '지난해' ? -1 : 0) : null
      if (y === null) return null
      return { precision: 'half', date: null, window: m[3] === '상반기' ? monthsWindow(y, 1, 6) : monthsWindow(y, 7, 12) }
    },
  },
  {
    // 2026년 · 2026년 말 (Korean year, optionally its start/end)
    re: /((?:19|20)\d{2})\s?년(?!\s?\d)(?:\s?(초|말|중))?/g,
    build: (m) => {
      const part = m[2] === '초' ? 'early' : m[2] === '말' ? 'late' : m[2] === '중' ? 'mid' : undefined
      return { date: null, ...yearPart(Number(m[1]), part) }
    },
  },
  {
    // 올해 · 내년 · 작년 · 지난해 (Korean relative years)
    re: /(올해|내년|작년|지난해)(?!\s?(?:봄|여름|가을|겨울|상반기|하반기))/g,
    relative: true,
    build: (m, ref) => {
      if (!ref) return null
      const y = ref.y + (m[1] === '내년' ? 1 : m[1] === '올해' ? 0 : -1)
      return { precision: 'year', date: null, window: monthsWindow(y, 1, 12) }
    },
  },
  {
    // A bare year, not part of a larger number, an amount or a date.
    re: /(?<![\d$£€¥#.,/:]|\d-)\b((?:19\d{2}|20\d{2}|2100))\b(?![\d%]|[.,:]\d|-\d{1,2}-)/g,
    build: (m) => ({ precision: 'year', date: null, window: monthsWindow(Number(m[1]), 1, 12) }),
  },
]

/** Year from an explicit number or a this/next/last word. */
function yearFrom(explicit: string | undefined, rel: string | undefined, ref: Ymd | null): number | null {
  if (explicit) return Number(explicit)
  if (!ref) return null
  const r = (rel ?? 'this').toLowerCase()
  return r === 'next' ? ref.y + 1 : r === 'last' ? ref.y - 1 : ref.y
}

/** Runs rules over a text and keeps the earliest, longest non-overlapping matches. */
function runRules(text: string, rules: Rule[], ref: Ymd | null): DateMention[] {
  const found: Found[] = []
  for (const rule of rules) {
    rule.re.lastIndex = 0
    for (let m = rule.re.exec(text); m !== null; m = rule.re.exec(text)) {
      const built = rule.build(m, ref)
      if (!built) {
        // Retry one character later so a rejected lead word does not hide a match inside it.
        rule.re.lastIndex = m.index + 1
        continue
      }
      // Leading prepositions ("in", "by") locate a mention but are not part of it.
      const lead = rule.lead === undefined ? 0 : (m[rule.lead]?.length ?? 0)
      const index = m.index + lead
      const raw = m[0].slice(lead)
      const trimmed = raw.replace(/[\s,]+$/, '')
      found.push({ ...built, text: trimmed, index, end: index + trimmed.length })
    }
  }
  found.sort((a, b) => a.index - b.index || b.end - a.end)
  const out: DateMention[] = []
  let reached = -1
  for (const f of found) {
    if (f.index < reached) continue
    reached = f.end
    out.push({ text: f.text, index: f.index, precision: f.precision, date: f.date, window: f.window })
  }
  return out
}

/**
 * Finds the date expressions in a text, in order, resolving relative ones ("this summer",
 * "next year", "in December") against the article's own date.
 * @param text running text (a sentence or a paragraph)
 * @param reference the article date `YYYY-MM-DD`; when invalid, relative expressions are skipped
 * @returns non-overlapping mentions, earliest first
 */
export function findDateMentions(text: string, reference: string): DateMention[] {
  if (!text) return []
  const ref = readIso(reference)
  return runRules(text, ref ? MENTION_RULES : MENTION_RULES.filter((r) => !r.relative), ref)
}

/**
 * Finds the first full calendar date written in a text ("Posted on June 7, 2022",
 * "Published: 07th June 2022 01:20 PM", "Feb 07, 2022", "2025. 7. 23.", "2022-06-07 08:22",
 * "Tue, 07 Jun 2022 08:00:00 +0900") and returns it as written, `YYYY-MM-DD`.
 * Day-first vs month-first numeric dates are read only when unambiguous.
 * @param text a byline, a meta value or any short text
 * @returns the day, or null when the text holds no complete date
 */
export function parseLooseDate(text: string): string | null {
  if (!text) return null
  const first = runRules(text, ABSOLUTE_DAY_RULES, null)[0]
  return first?.date ?? null
}
