import type { CorrectionNote } from './editorial'
import type { Change, Facts } from './types'

/** One cron run's material changes, as the history and the Atom feed show them. */
export interface HistoryEntry {
  /** Stable id (the edition id): the Atom entry id and the email idempotency root. */
  id: string
  /** When the run that found it happened (ISO time); for a correction, when it was made. */
  at: string
  /** Empty for a correction. */
  changes: Change[]
  /** Set on a correction's entry: a maintainer retracted a fact (issue 10). */
  correction?: CorrectionNote
  /** `changeId`s of this entry's changes that were later retracted, with the correction's id. */
  retracted?: { changeId: string; correctionId: string }[]
}

/**
 * What visitors see, kept in its own small KV value (`kvKeys.publicView()`) so that reading
 * `/` costs one KV read and no writes. The cron run rewrites it only when facts change.
 */
export interface PublicView {
  version: number
  updatedAt: string
  facts: Facts
  /** Newest first, bounded (`HISTORY_LIMIT`). */
  history: HistoryEntry[]
}

export const HISTORY_LIMIT = 200
