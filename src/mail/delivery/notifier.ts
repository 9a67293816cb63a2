import type { HistoryEntry } from '../../core/public-view'
import type { Change, Facts } from '../../core/types'

/** What one cron run hands to delivery when it has material changes. */
export interface Edition {
  /** Stable id: the same changes from the same state version always give the same id. */
  id: string
  at: string
  /** Slug of the subject the changes are about. */
  subject?: string
  changes: Change[]
  facts: Facts
  email: RenderedEmail
  /**
   * Who gets it: subscribers confirmed at or before this time (ISO). Unset: when it is recorded.
   * A correction names the snapshot of the edition it corrects, so it reaches that edition's
   * recipients (who are still subscribed) and nobody who joined later.
   */
  snapshotAt?: string
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

/** An edition as a later run needs to know it: what it said, and when. */
export type HandedOver = HistoryEntry

/**
 * Delivery edge. The cron run calls `notify` at most once per run, before it saves its state;
 * implementations must treat a repeated `edition.id` as already handled.
 */
export interface Notifier {
  notify(edition: Edition): Promise<void>
  /**
   * The editions of `subject` handed over with a run time after `since` (ISO), oldest first,
   * each made sure to be on its way. A run with material changes asks this before notifying:
   * an edition newer than its state's newest is one a run handed over and then died before
   * saving, so its changes are sent already. Optional: a notifier without a memory has none.
   */
  recall?(subject: string, since: string): Promise<HandedOver[]>
}

/** Keeps editions in memory: the replay CLI and tests use it to see what would be sent. */
export function recordingNotifier(): Notifier & { editions: Edition[] } {
  const editions: Edition[] = []
  const seen = new Set<string>()
  return {
    editions,
    async notify(edition) {
      if (seen.has(edition.id)) return
      seen.add(edition.id)
      editions.push(edition)
    },
    async recall(subject, since) {
      return editions
        .filter((e) => e.subject === subject && e.at > since)
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((e) => ({ id: e.id, at: e.at, changes: e.changes }))
    },
  }
}
