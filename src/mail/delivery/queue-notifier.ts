import type { Edition, Notifier } from './notifier'
import { d1EditionStore, MAX_BATCH_SIZE, type EditionStore } from './edition-store'
import type { EmailJob, JobQueue } from './email-job'
import { logEvent } from '../../core/log'

/** Queue producers take at most 100 messages per sendBatch call. */
const QUEUE_SEND_BATCH_LIMIT = 100

export interface QueueNotifierDeps {
  store: EditionStore
  queue: JobQueue
  now?: () => Date
  /** Recipients per batch message (≤ 100, Resend's batch limit). */
  batchSize?: number
  log?: (event: Record<string, unknown>) => void
}

/** The notifier plus a way to finish editions a crash left half-enqueued. */
export interface QueueNotifier extends Notifier {
  /**
   * Re-enqueues editions recorded more than a minute ago whose batches were never all handed
   * to the Queue (the Worker died between recording and enqueueing). Safe to call every run.
   */
  resume(): Promise<number>
}

/**
 * Delivery through the Queue. `notify(edition)`:
 * 1. records the edition and its rendered content in D1 (a repeated id changes nothing), with
 *    a snapshot time: recipients are those active and confirmed at or before it;
 * 2. plans the recipient batches once (contiguous id ranges of ≤ 100);
 * 3. enqueues one message per open batch, then marks the edition enqueued.
 * A crash anywhere is safe to repeat: planning is guarded, and the consumer skips batches
 * already sent, so enqueueing a batch twice never sends it twice.
 */
export function createQueueNotifier(deps: QueueNotifierDeps): QueueNotifier {
  const now = deps.now ?? (() => new Date())
  const log = deps.log ?? (() => {})
  const batchSize = deps.batchSize ?? MAX_BATCH_SIZE

  async function enqueue(editionId: string): Promise<number> {
    const count = await deps.store.planBatches(editionId, batchSize)
    const open = await deps.store.listOpenBatches(editionId)
    for (let i = 0; i < open.length; i += QUEUE_SEND_BATCH_LIMIT) {
      const chunk = open.slice(i, i + QUEUE_SEND_BATCH_LIMIT)
      await deps.queue.sendBatch(chunk.map((batchIndex) => ({ body: { kind: 'edition', editionId, batchIndex } satisfies EmailJob })))
    }
    await deps.store.markEnqueued(editionId, now())
    log({ event: 'edition.enqueued', editionId, batches: count, enqueued: open.length })
    return open.length
  }

  return {
    async notify(edition: Edition) {
      const t = now()
      const record = await deps.store.recordEdition(
        {
          id: edition.id,
          at: edition.at,
          subjectSlug: edition.subject ?? null,
          snapshotAt: t.toISOString(),
          subject: edition.email.subject,
          text: edition.email.text,
          html: edition.email.html,
          changesJson: JSON.stringify(edition.changes),
        },
        t,
      )
      if (record.enqueuedAt) {
        log({ event: 'edition.duplicate', editionId: edition.id })
        return
      }
      await enqueue(edition.id)
    },

    async resume() {
      const stale = await deps.store.listUnenqueued(new Date(now().getTime() - 60_000))
      for (const id of stale) await enqueue(id)
      return stale.length
    },
  }
}

/**
 * The Worker's notifier: D1 for editions and batches, the `EMAIL_QUEUE` binding for fan-out.
 * Plug it into the cron with `notifier: queueNotifier(env)`.
 */
export function queueNotifier(env: Pick<Env, 'DB' | 'EMAIL_QUEUE'>, opts: Omit<QueueNotifierDeps, 'store' | 'queue'> = {}): QueueNotifier {
  return createQueueNotifier({
    store: d1EditionStore(env.DB),
    queue: env.EMAIL_QUEUE as Queue<EmailJob>,
    log: logEvent,
    ...opts,
  })
}
