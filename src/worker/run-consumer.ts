import { runJobSchema } from './run-job'
import { resumeEditions, runSubject, type RunSeams } from './scheduled'
import { logEvent } from '../core/log'
import { runFailedAlert, sendAlert } from '../admin/editorial/alerts'
import { readPublicUrl } from './config'

/** Seconds before a failed subject run is tried again: 2, 4, 8 minutes (then the dead-letter queue). */
function retryDelay(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(1, attempts), 15 * 60)
}

/**
 * The runs Queue consumer: each message is one subject's run. `wrangler.toml` delivers one
 * message per invocation (`max_batch_size = 1`), so every subject gets its own CPU budget; with
 * more, each message is still settled on its own, so one subject's failure retries only it.
 *
 * A redelivered message (a failed or crashed attempt) first re-queues editions left recorded
 * but unqueued: the failed attempt may have recorded one and then met a Queue refusing it, and
 * the retry may not find those changes again. So such an edition goes out within minutes, not
 * at the next cron.
 */
export async function consumeRuns(batch: MessageBatch<unknown>, env: Env, seams: RunSeams = {}): Promise<void> {
  for (const message of batch.messages) {
    const job = runJobSchema.safeParse(message.body)
    if (!job.success) {
      // Nothing a retry could fix.
      logEvent({ event: 'run.bad-message', level: 'error', id: message.id })
      message.ack()
      continue
    }
    if (message.attempts > 1) await resumeEditions(env)
    try {
      // The job (subject and cron time) owns the lease: if an attempt of it crashed holding the
      // lock, this redelivery takes the lock over instead of being skipped for ten minutes.
      await runSubject(env, job.data.slug, job.data.at, seams, `${job.data.slug}@${job.data.at}`)
      message.ack()
    } catch (err) {
      // runSubject logged it; only this subject waits for the retry. Maintainers hear of it once
      // per scheduled run (the alert id is the subject and the run's time), whatever the retries.
      message.retry({ delaySeconds: retryDelay(message.attempts) })
      const alert = runFailedAlert(job.data.slug, job.data.at, String((err as Error)?.message ?? err), readPublicUrl(env))
      await sendAlert(env, alert, seams.now?.() ?? new Date()).catch((e: unknown) => logEvent({ event: 'alert.failed', level: 'error', kind: 'run-failed', error: String(e) }))
    }
  }
}
