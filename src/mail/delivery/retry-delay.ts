/** Queues accept delays up to 12 hours. */
export const MAX_DELAY_SECONDS = 12 * 60 * 60

/**
 * Seconds to wait from a `Retry-After` value: delta-seconds or an HTTP date. Null when absent
 * or unreadable. Never below 1 (a 0 would hammer the provider) nor above the Queue maximum.
 */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | null {
  if (value == null || value.trim() === '') return null
  const v = value.trim()
  let seconds: number
  if (/^\d+(\.\d+)?$/.test(v)) seconds = Number(v)
  else {
    const t = Date.parse(v)
    if (Number.isNaN(t)) return null
    seconds = (t - now.getTime()) / 1000
  }
  return Math.min(MAX_DELAY_SECONDS, Math.max(1, Math.ceil(seconds)))
}

/**
 * Exponential backoff for a message on its `attempts`-th delivery (1-based): 10 s, 20 s, 40 s …
 * capped at 30 min. The provider's Retry-After wins when it asks for longer.
 */
export function backoffSeconds(attempts: number, retryAfter: number | null = null): number {
  const exp = Math.min(30 * 60, 10 * 2 ** Math.max(0, attempts - 1))
  return Math.min(MAX_DELAY_SECONDS, Math.max(exp, retryAfter ?? 0))
}
