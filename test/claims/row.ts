/**
 * The shape of one labelled row, and small builders for its expected claims. A row is data: a
 * sentence (or a whole page), the subject it is read against, and the claims a careful human
 * reads in it about the followed season, with their certainty.
 */
import type { CastStatus, Certainty, Stage } from '../../src/core/types'
import type { SubjectKey } from './subjects'

/** The patterns of issue 8 ("Patterns that produce wrong claims on unseen pages"). */
export const PATTERNS = {
  1: 'page furniture read as news',
  2: 'a date from another event taken as the release',
  3: 'descriptive cast sentences read as casting news',
  4: 'negation, denial and counterfactuals',
  5: 'earlier-season events in other grammatical forms',
  6: 'phrases taken for people',
  7: 'a confirmation nobody made',
  8: 'missed hedges',
  9: 'undated pages',
  10: 'corroboration that is not independent',
  11: 'trailer kinds and corrections',
  12: 'missed positives',
} as const

export type PatternNo = keyof typeof PATTERNS

/**
 * One expected claim, identified the way `match-claims.ts` compares them:
 * stage value; release status + day or window; cast actor + status (role not scored);
 * trailer kind; episode count. Certainty always has to match.
 */
export type Expected =
  | { field: 'stage'; value: Stage; certainty: Certainty }
  | {
      field: 'release'
      status: 'estimated' | 'confirmed'
      /** `YYYY-MM-DD` when the day is known. */
      date?: string
      /** A window spec (see `parseWindow`): `2026`, `2026-03`, `late 2026`, `2026-Q4`, `A..B`. */
      window?: string
      certainty: Certainty
    }
  | {
      field: 'cast'
      actor: string
      status: CastStatus
      role?: string
      certainty: Certainty
      /** For a departure: whether its words say the actor held a part before (`formerCast`); unchecked when absent. */
      former?: boolean
    }
  | { field: 'trailer'; kind: 'teaser' | 'trailer'; certainty: Certainty }
  | { field: 'episodes'; value: number; certainty: Certainty }

/** One labelled sentence, snippet or page. */
export interface ClaimRow {
  /** Unique, stable: `<group>-<lang>-<n>`. */
  id: string
  subject: SubjectKey
  /** Running text; wrapped into a minimal article page. Paragraphs are split on blank lines. */
  text?: string
  /** A whole page, for furniture patterns (poll lines, captions, related lists, comments). */
  html?: string
  /** Headline for a `text` row; defaults to the subject's title in the row's language. */
  title?: string
  /** Publication day of the page; `null` for an undated page. Default `2025-04-15`. */
  published?: string | null
  /** When the page was fetched (ISO). Default: the day after `published`. */
  fetchedAt?: string
  /** What a careful reader takes from it about the followed season. */
  expect: Expected[]
  /** Claims that are acceptable but not required (neither counted wrong nor missed). */
  allow?: Expected[]
  /** Which issue-8 pattern the row exercises. */
  pattern?: PatternNo
  /** The trap direction of its pattern (must yield no claim or a lower certainty). */
  trap?: boolean
  note?: string
  /** Why today's extractor gets it wrong; the spec then runs with `it.fails` until a rule is fixed. */
  known?: string
}

/** The default day a page was published on. */
export const DEFAULT_PUBLISHED = '2025-04-15'

const DAY = /^\d{4}-\d{2}-\d{2}$/

/** Expected stage claim. */
export const stage = (value: Stage, certainty: Certainty): Expected => ({ field: 'stage', value, certainty })

/**
 * Expected release claim. `when` is a day (`2026-03-14`) or a window spec. Status `confirmed`
 * means an official voice gave at least a month; anything vaguer is `estimated`.
 */
export const release = (status: 'estimated' | 'confirmed', when: string, certainty: Certainty): Expected =>
  DAY.test(when) ? { field: 'release', status, date: when, certainty } : { field: 'release', status, window: when, certainty }

/** Expected cast claim; `actor` is the canonical config name, or the name as written when unknown. */
export const cast = (actor: string, status: CastStatus, certainty: Certainty, role?: string): Expected =>
  role ? { field: 'cast', actor, status, certainty, role } : { field: 'cast', actor, status, certainty }

/** Expected departure, and whether its words say the actor held a part before ("has left" yes, "will not be joining" no). */
export const departure = (actor: string, certainty: Certainty, former: boolean): Expected => ({ field: 'cast', actor, status: 'departed', certainty, former })

/** Expected trailer claim. */
export const trailer = (kind: 'teaser' | 'trailer', certainty: Certainty): Expected => ({ field: 'trailer', kind, certainty })

/**
 * A renewal the statement presupposes: a confirmed Season N line-up, date or episode count
 * means Season N is happening, so a `renewed` claim read from it is acceptable (not required).
 */
export const PRESUPPOSED_RENEWAL: Expected[] = [
  { field: 'stage', value: 'renewed', certainty: 'confirmed' },
  { field: 'stage', value: 'renewed', certainty: 'reported' },
]

/** Expected episode count. */
export const episodes = (value: number, certainty: Certainty): Expected => ({ field: 'episodes', value, certainty })
