/**
 * Reading a `Retry-After` header (RFC 9110 §10.2.3), shared by the fetcher (a source asking us to
 * come back later) and email delivery (Resend asking us to slow down). Pure.
 *
 * The header is untrusted: `99999999999999999` or a date in the year 275760 must neither throw
 * (`RangeError: Invalid time value` when turned into a Date) nor park anything for millennia. So
 * only the two forms the RFC allows are read, anything else is null, and callers clamp the
 * result to their own bounds with {@link clampSeconds}.
 */

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)'
const LONG_DAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)'
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)'
const TIME = '\\d{2}:\\d{2}:\\d{2}'
// IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), and the obsolete RFC 850 and asctime forms.
const HTTP_DATE = new RegExp(
  `^(?:${DAY}, \\d{2} ${MONTH} \\d{4} ${TIME} GMT|${LONG_DAY}, \\d{2}-${MONTH}-\\d{2} ${TIME} GMT|${DAY} ${MONTH} [ \\d]\\d ${TIME} \\d{4})$`,
  'i',
)
// delta-seconds; a fraction is tolerated (some APIs send "1.5"), a sign or exponent is not.
const DELTA_SECONDS = /^\d+(?:\.\d+)?$/

/**
 * Seconds to wait from a `Retry-After` value, rounded up: delta-seconds, or an HTTP date (0 when
 * it is in the past). Null when absent, malformed, or not a finite number. Not clamped.
 */
export function readRetryAfter(value: string | null | undefined, now: Date): number | null {
  const v = value?.trim()
  if (!v) return null
  let seconds: number
  if (DELTA_SECONDS.test(v)) seconds = Number(v)
  else if (HTTP_DATE.test(v)) seconds = (Date.parse(v) - now.getTime()) / 1000
  else return null
  return Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : null
}

/** `seconds` bounded to [min, max]. */
export function clampSeconds(seconds: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, seconds))
}
