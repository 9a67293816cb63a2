import { z } from 'zod'

/**
 * Messages on the email Queue. Small on purpose: ids only. The consumer reads everything
 * else from D1 at send time, so a message that waited in a retry never sends stale data
 * (and an address that left meanwhile is skipped).
 */
export const emailJobSchema = z.discriminatedUnion('kind', [
  /** One batch (≤ 100 recipients) of one edition. */
  z.object({ kind: z.literal('edition'), editionId: z.string().min(1).max(200), batchIndex: z.number().int().min(0) }),
  /** One double opt-in confirmation email. */
  z.object({ kind: z.literal('confirm'), subscriberId: z.number().int().positive(), sendNo: z.number().int().positive() }),
  /** One maintainer alert (to every maintainer address it was recorded for). */
  z.object({ kind: z.literal('alert'), alertId: z.string().min(1).max(300) }),
])

export type EmailJob = z.infer<typeof emailJobSchema>

/** The idempotency key Resend sees for a job; the same job always gets the same key. */
export function idempotencyKeyFor(job: EmailJob): string {
  switch (job.kind) {
    case 'edition':
      return `${job.editionId}/${job.batchIndex}`
    case 'confirm':
      return `confirm/${job.subscriberId}/${job.sendNo}`
    case 'alert':
      return `alert/${job.alertId}`
  }
}

/** The slice of a Queue producer binding we use (a fake stands in for it in tests and the bench). */
export interface JobQueue {
  sendBatch(messages: Iterable<MessageSendRequest<EmailJob>>): Promise<unknown>
  send(message: EmailJob): Promise<unknown>
}
