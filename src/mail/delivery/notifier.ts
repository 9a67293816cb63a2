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
}

export interface RenderedEmail {
  subject: string
  text: string
  html: string
}

/**
 * Delivery edge. The cron run calls it at most once per run, after state is saved;
 * implementations must treat a repeated `edition.id` as already handled.
 */
export interface Notifier {
  notify(edition: Edition): Promise<void>
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
  }
}
