import { clampSeconds, readRetryAfter } from '../../core/retry-after'

/** Queues accept delays up to 12 hours. */
export const MAX_DELAY_SECONDS = 12 * 60 * 60

/**
 * Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP date. Null when absent
 * or unreadable. Never below 1 (a 0 would hammer the provider) nor above the Queue maximum.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  const seconds = readRetryAfter(value, now)
  return seconds === null ? null : clampSeconds(seconds, 1, MAX_DELAY_SECONDS)
}

/**
 * Exponential backoff for a message on its `attempts`-th delivery (1-based): 10 s, 20 s, 40 s …
 * capped at 30 min. The provider's Retry-After wins when it asks for longer.
 */
export function backoffSeconds(attempts: number, retryAfter: number | null = null): number {
  const exp = Math.min(30 * 60, 10 * 2 ** Math.max(0, attempts - 1))
  return Math.min(MAX_DELAY_SECONDS, Math.max(exp, retryAfter ?? 0))
}
