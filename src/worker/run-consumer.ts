import { runJobSchema } from './run-job'
import { runSubject, type RunSeams } from './scheduled'
import { logEvent } from '../core/log'

/** Seconds before a failed subject run is tried again: 2, 4, 8 minutes (then the dead-letter queue). */
function retryDelay(attempts: number): number {
  return Math.min(60 * 2 ** Math.max(1, attempts), 15 * 60)
}

/**
 * The runs Queue consumer: each message is one subject's run. `wrangler.toml` delivers one
 * message per invocation (`max_batch_size = 1`), so every subject gets its own CPU budget; with
 * more, each message is still settled on its own, so one subject's failure retries only it.
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
    try {
      await runSubject(env, job.data.slug, job.data.at, seams)
      message.ack()
    } catch {
      // runSubject logged it; only this subject waits for the retry.
      message.retry({ delaySeconds: retryDelay(message.attempts) })
    }
  }
}
