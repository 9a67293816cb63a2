/**
 * Plain data of editorial control (issue 10): what a maintainer decided, in the shapes the
 * pipeline (a pure pre-filter of the claim ledger), the stores and the pages share.
 */
import type { CastFact, Change, EpisodesFact, ReleaseFact, StageFact, TrailerFact } from './types'

/** `off`: editions go out as found. `hold`: each waits for a maintainer (or `holdHours`, then goes out). */
export type ReviewMode = 'off' | 'hold'

/** The review mode that applies to one subject's runs. */
export interface ReviewPolicy {
  mode: ReviewMode
  /** With `hold`: null waits for a maintainer; N sends automatically N hours after the run. */
  holdHours: number | null
}

/** Where one fact sits in `Facts`: a whole field, or one actor's cast entry. */
export type FactSlot = { field: 'stage' | 'release' | 'trailer' | 'episodes' } | { field: 'cast'; actor: string }

/** The fact in one slot, as `Facts` holds it (null when the slot is empty). */
export type FactPiece = StageFact | ReleaseFact | CastFact | TrailerFact | EpisodesFact | null

/**
 * Claims that no longer count (a pure filter over the ledger before merge):
 * - `statement`: claims saying `statement` from one of `sites` (a dropped change, a retracted
 *   fact). A site not listed can still establish the statement with new evidence. For cast,
 *   `names` lists the spellings of the actor the claims used.
 * - `evidence`: the claims of one sentence of one document (an ignored sentence).
 */
export type ExclusionRule =
  | { kind: 'statement'; statement: string; sites: string[]; names?: string[] }
  | { kind: 'evidence'; source: string; evidence: string }

/**
 * A decision on a fact that every run re-applies: if the fact in `slot` still states
 * `statement` while resting only on `sites` (a state read from before the decision, KV being
 * eventually consistent), it is put back to `restore`.
 */
export interface FactDecision {
  slot: FactSlot
  statement: string
  sites: string[]
  restore: FactPiece
}

/** One material change of a held edition, with the fact before and after it. */
export interface HeldChange {
  /** `changeId(change)`: stable, and what a drop names. */
  id: string
  change: Change
  slot: FactSlot
  before: FactPiece
  after: FactPiece
}

/** What the public pages, the history and the feed say about a retracted fact. */
export interface CorrectionNote {
  /** The correction's id (also its history entry and Atom entry id). */
  id: string
  at: string
  field: Change['field']
  /** What we said that was wrong ("Kim joins the cast"). */
  wrong: string
  /** What is true now ("Kim is not on the cast list"). */
  now: string
  reason: string
  /** The edition that carried the wrong fact, when one did. */
  editionId: string | null
}

/** The editorial inputs of one run; absent (the replay) means review off, nothing excluded. */
export interface RunEditorialInput {
  review: ReviewPolicy
  rules: ExclusionRule[]
  decisions: FactDecision[]
  /** Changes of editions still held, newest edition first: kept off the public view. */
  pending: HeldChange[][]
  /** Failed runs in a row after which a source is reported to maintainers. */
  failureThreshold: number
}
