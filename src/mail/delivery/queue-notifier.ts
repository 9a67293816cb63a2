import type { Change } from '../../core/types'
import type { Edition, HandedOver, Notifier } from './notifier'
import { d1EditionStore, MAX_BATCH_SIZE, type EditionStore } from './edition-store'
import type { EmailJob, JobQueue } from './email-job'
import { logEvent } from '../../core/log'

/** Queue producers take at most 100 messages per sendBatch call. */
const QUEUE_SEND_BATCH_LIMIT = 100
/** Tries of one Queue send before the notifier gives up (and the run is retried by the runs Queue). */
export const QUEUE_SEND_ATTEMPTS = 3
/** Pause before the second and third try (ms): a blip passes, an outage is left to the run's retry. */
const QUEUE_SEND_BACKOFF_MS = [500, 2_000]

export interface QueueNotifierDeps {
  store: EditionStore
  queue: JobQueue
  now?: () => Date
  /** Recipients per batch message (≤ 100, Resend's batch limit). */
  batchSize?: number
  log?: (event: Record<string, unknown>) => void
  /** Waits between tries of a Queue send (tests pass a fast one). */
  sleep?: (ms: number) => Promise<void>
}

/** The notifier plus a way to finish editions a crash left half-enqueued. */
export interface QueueNotifier extends Notifier {
  /**
   * Re-enqueues editions recorded more than a minute ago whose batches were never all handed
   * to the Queue (the Worker died between recording and enqueueing). Safe to call every run.
   */
  resume(): Promise<number>
  recall(subject: string, since: string): Promise<HandedOver[]>
}

/**
 * Delivery through the Queue. `notify(edition)`:
 * 1. records the edition and its rendered content in D1 (a repeated id changes nothing), with
 *    a snapshot time: recipients are those active and confirmed at or before it;
 * 2. plans the recipient batches once (contiguous id ranges of ≤ 100);
 * 3. enqueues one message per open batch, then marks the edition enqueued.
 * A crash anywhere is safe to repeat: planning is guarded, and the consumer skips batches
 * already sent, so enqueueing a batch twice never sends it twice.
 *
 * A Queue send that fails is tried again in place (3 tries over ~2.5 s). If the Queue still
 * refuses, `notify` throws: the edition stays recorded, the run fails before saving, and the
 * runs Queue retries it minutes later; that retry re-queues the edition (`resume` on a
 * redelivery, `recall` when the run finds its changes again), and never sends it twice.
 */
export function createQueueNotifier(deps: QueueNotifierDeps): QueueNotifier {
  const now = deps.now ?? (() => new Date())
  const log = deps.log ?? (() => {})
  const batchSize = deps.batchSize ?? MAX_BATCH_SIZE
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))

  async function send(editionId: string, messages: MessageSendRequest<EmailJob>[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await deps.queue.sendBatch(messages)
        return
      } catch (err) {
        const error = err instanceof Error ? err.message : String(err)
        if (attempt >= QUEUE_SEND_ATTEMPTS) {
          log({ event: 'edition.enqueue-failed', level: 'error', editionId, attempts: attempt, error })
          throw new Error(`the email Queue refused edition ${editionId} ${attempt} times (${error}); it stays recorded and is queued again when the run is retried`, { cause: err })
        }
        log({ event: 'edition.enqueue-retry', level: 'warn', editionId, attempt, error })
        await sleep(QUEUE_SEND_BACKOFF_MS[attempt - 1] ?? 2_000)
      }
    }
  }

  async function enqueue(editionId: string): Promise<number> {
    const count = await deps.store.planBatches(editionId, batchSize)
    const open = await deps.store.listOpenBatches(editionId)
    for (let i = 0; i < open.length; i += QUEUE_SEND_BATCH_LIMIT) {
      const chunk = open.slice(i, i + QUEUE_SEND_BATCH_LIMIT)
      await send(editionId, chunk.map((batchIndex) => ({ body: { kind: 'edition', editionId, batchIndex } satisfies EmailJob })))
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
          snapshotAt: edition.snapshotAt ?? t.toISOString(),
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

    async recall(subject, since) {
      const found = await deps.store.listEditionsSince(subject, since)
      // Recorded by a run that died before its batches were all queued: finish that now (the
      // caller holds the subject's run lock, so no live run is queueing it).
      for (const e of found) if (!e.enqueuedAt) await enqueue(e.id)
      if (found.length > 0) log({ event: 'edition.recalled', subject, editions: found.map((e) => e.id) })
      return found.map((e) => ({ id: e.id, at: e.at, changes: JSON.parse(e.changesJson) as Change[] }))
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
