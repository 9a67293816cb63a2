/** One email as the senders take it (Resend's field names, minus what we never use). */
export interface OutgoingEmail {
  from: string
  to: string
  subject: string
  html: string
  text: string
  headers?: Record<string, string>
}

/** Rate-limit state a provider reported with its answer, used to pace the next request. */
export interface RateState {
  remaining: number | null
  /** Seconds until the window resets. */
  resetSeconds: number | null
}

/**
 * What one send attempt came to. `already-sent` means the provider had accepted an earlier
 * request with the same idempotency key, so the email is out and must not be sent again.
 */
export type SendOutcome =
  | { kind: 'sent'; ids: string[]; rate?: RateState }
  | { kind: 'already-sent'; rate?: RateState }
  | { kind: 'retry'; delaySeconds: number; status: number | null; error: string; rateLimited: boolean }
  | { kind: 'failed'; status: number | null; error: string }

export interface SendOptions {
  /** Idempotency key: a repeat of the same request with it sends nothing new. */
  key: string
  /** 'update' or 'confirm', for the outbox and logs. */
  kind: string
  /** Delivery attempt of the Queue message (1-based), for backoff. */
  attempts: number
}

/** Delivers emails; one implementation per backend (Resend, the local outbox). */
export interface MailSender {
  /** Up to 100 emails in one request. */
  sendBatch(emails: OutgoingEmail[], options: SendOptions): Promise<SendOutcome>
}
