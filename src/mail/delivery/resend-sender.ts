import { Resend } from 'resend'
import type { MailSender, OutgoingEmail, RateState, SendOptions, SendOutcome } from './mail-types'
import { backoffSeconds, parseRetryAfter } from './retry-delay'

/** What the Resend SDK hands back: `{ data, error, headers }`, never a throw for HTTP errors. */
interface SdkResult {
  data: unknown
  error: { message?: string; statusCode?: number | null; name?: string } | null
  headers: Record<string, string> | null
}

function header(headers: Record<string, string> | null, name: string): string | null {
  if (!headers) return null
  return headers[name] ?? headers[name.toLowerCase()] ?? null
}

function toInt(v: string | null): number | null {
  if (v == null) return null
  const n = Number(v)
  return Number.isFinite(n) ? n : null
}

/** Resend's `ratelimit-remaining` / `ratelimit-reset` headers, when present. */
export function readRateState(headers: Record<string, string> | null): RateState | undefined {
  const remaining = toInt(header(headers, 'ratelimit-remaining'))
  const resetSeconds = toInt(header(headers, 'ratelimit-reset'))
  return remaining == null && resetSeconds == null ? undefined : { remaining, resetSeconds }
}

/**
 * Maps one SDK result to a SendOutcome (pure, so every branch is unit-tested):
 * - 2xx → sent, with the email ids;
 * - 409 `invalid_idempotent_request` → already-sent: the key was used by an earlier request
 *   that Resend accepted (our retry differs only because someone left meanwhile);
 * - 429, 409 `concurrent_idempotent_requests`, 5xx, 401/403 and network errors → retry later,
 *   honouring `retry-after` (401/403 too: a fixed API key should resume, not drop, the edition);
 * - any other 4xx → failed: the request itself is wrong and a retry would fail the same way.
 */
export function classifyResendResult(result: SdkResult, attempts: number, now: Date = new Date()): SendOutcome {
  const rate = readRateState(result.headers)
  if (!result.error) {
    const data = result.data as { data?: { id: string }[]; id?: string } | null
    const ids = Array.isArray(data?.data) ? data.data.map((d) => d.id) : data?.id ? [data.id] : []
    return { kind: 'sent', ids, ...(rate ? { rate } : {}) }
  }
  const status = result.error.statusCode ?? null
  const name = result.error.name ?? 'application_error'
  const error = `${status ?? 'network'} ${name}: ${result.error.message ?? ''}`.trim()
  const retryAfter = parseRetryAfter(header(result.headers, 'retry-after'), now)
  if (name === 'invalid_idempotent_request') return { kind: 'already-sent', ...(rate ? { rate } : {}) }
  if (status === 429 || name === 'rate_limit_exceeded') {
    // Quotas reset daily or monthly; without a retry-after, wait an hour rather than spin.
    const quota = name === 'daily_quota_exceeded' || name === 'monthly_quota_exceeded'
    const delay = retryAfter ?? (quota ? 3600 : (rate?.resetSeconds ?? backoffSeconds(attempts)))
    return { kind: 'retry', delaySeconds: Math.max(1, delay), status, error, rateLimited: true }
  }
  if (status === null || status >= 500 || status === 401 || status === 403 || status === 408 || name === 'concurrent_idempotent_requests') {
    return { kind: 'retry', delaySeconds: backoffSeconds(attempts, retryAfter), status, error, rateLimited: false }
  }
  return { kind: 'failed', status, error }
}

/** Default time one Resend request may take. */
export const DEFAULT_TIMEOUT_MS = 30_000

/** The SDK's result, or a network-style error result once `ms` have passed. */
async function withTimeout(request: Promise<SdkResult>, ms: number): Promise<SdkResult> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<SdkResult>((resolve) => {
    timer = setTimeout(() => resolve({ data: null, error: { statusCode: null, name: 'timeout', message: `no answer within ${ms} ms` }, headers: null }), ms)
  })
  try {
    return await Promise.race([request, timedOut])
  } finally {
    clearTimeout(timer)
  }
}

export interface ResendSenderOptions {
  apiKey: string
  /** How long one request may take before it counts as failed and is retried (default 30 s). */
  timeoutMs?: number
  /** API origin; tests and the bench point it at the fake server. */
  baseUrl?: string
  now?: () => Date
}

/**
 * Sends through the real `resend` SDK: `resend.batch.send(emails, { idempotencyKey })`.
 * The SDK takes the base URL as a constructor option (`RESEND_BASE_URL` env var only in Node).
 */
export function resendSender(opts: ResendSenderOptions): MailSender {
  const resend = new Resend(opts.apiKey, opts.baseUrl ? { baseUrl: opts.baseUrl } : undefined)
  const now = opts.now ?? (() => new Date())
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS
  return {
    async sendBatch(emails: OutgoingEmail[], { key, attempts }: SendOptions) {
      const payload = emails.map((e) => ({ from: e.from, to: e.to, subject: e.subject, html: e.html, text: e.text, headers: e.headers }))
      // A request Resend never answers must not hold the consumer: give up and retry later with
      // the same idempotency key (if Resend did accept it, the retry is replayed, not re-sent).
      const result = await withTimeout(resend.batch.send(payload, { idempotencyKey: key }) as Promise<SdkResult>, timeoutMs)
      return classifyResendResult(result, attempts, now())
    },
  }
}
