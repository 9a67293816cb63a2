import { ConfigError, readEmailConfig } from '../mail/delivery/email-config'
import { outboxSender } from '../mail/delivery/outbox-store'
import { resendSender } from '../mail/delivery/resend-sender'
import { deliverEmailBatch } from '../mail/delivery/deliver-email-batch'
import { d1EditionStore } from '../mail/delivery/edition-store'
import { d1AlertStore } from '../mail/delivery/alert-store'
import { consumeRuns } from './run-consumer'
import { QUEUE_NAMES } from './run-job'
import { logEvent } from '../core/log'

/**
 * The Worker's `queue` handler: one consumer per Queue, chosen by `batch.queue`. A batch from
 * a queue this Worker does not know is kept (retried, then dead-lettered), never dropped.
 */
export async function queue(batch: MessageBatch<unknown>, env: Env, _ctx: ExecutionContext): Promise<void> {
  switch (batch.queue) {
    case QUEUE_NAMES.runs:
      return consumeRuns(batch, env)
    case QUEUE_NAMES.email:
      return consumeEmail(batch, env)
    default:
      logEvent({ event: 'queue.unknown', level: 'error', queue: batch.queue, messages: batch.messages.length })
      batch.retryAll({ delaySeconds: 300 })
  }
}

/**
 * The email Queue consumer: sends edition batches and confirmation emails with Resend, or
 * writes them to the local outbox when RESEND_API_KEY is not set.
 */
export async function consumeEmail(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  let config
  try {
    config = readEmailConfig(env)
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    // Misconfigured deploy: keep the messages (they go to the DLQ if it is never fixed).
    logEvent({ event: 'email.config', level: 'error', error: err.message })
    batch.retryAll({ delaySeconds: 300 })
    return
  }
  if (!config.resendApiKey && !config.demoMode) {
    logEvent({ event: 'email.outbox', level: 'warn', message: 'RESEND_API_KEY is not set: emails go to the local outbox' })
  }
  await deliverEmailBatch(batch, {
    store: d1EditionStore(env.DB),
    sender: config.resendApiKey ? resendSender({ apiKey: config.resendApiKey, baseUrl: config.resendBaseUrl }) : outboxSender(env.DB),
    signingKey: config.signingKey,
    publicUrl: config.publicUrl,
    from: config.from,
    alerts: d1AlertStore(env.DB),
    log: logEvent,
  })
}
