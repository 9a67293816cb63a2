import { fromBase64, hmacSign, toBase64 } from './hmac'

/** Webhooks older (or newer) than this are rejected, so a captured one cannot be replayed. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60

export type WebhookCheck = { ok: true } | { ok: false; reason: 'missing-headers' | 'bad-secret' | 'stale' | 'bad-signature' }

export interface WebhookHeaders {
  id: string | null
  timestamp: string | null
  signature: string | null
}

/**
 * Verifies a Resend (Svix) webhook over the raw body: the signed content is
 * `${svix-id}.${svix-timestamp}.${body}`, HMAC-SHA256 with the base64 part of the `whsec_…`
 * secret; `svix-signature` is a space-separated list of `v1,<base64>` (several during a
 * secret rotation), any of which may match.
 */
export async function verifyWebhook(secret: string, headers: WebhookHeaders, rawBody: string, now: Date = new Date()): Promise<WebhookCheck> {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing-headers' }
  const key = fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret)
  if (!key || key.length === 0) return { ok: false, reason: 'bad-secret' }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'stale' }
  }
  const expected = toBase64(await hmacSign(key, `${id}.${timestamp}.${rawBody}`))
  const candidates = signature
    .split(' ')
    .map((part) => part.split(','))
    .filter(([version, sig]) => version === 'v1' && sig)
    .map(([, sig]) => sig as string)
  return candidates.some((sig) => constantTimeEqual(sig, expected)) ? { ok: true } : { ok: false, reason: 'bad-signature' }
}

/** Compares two strings without an early exit on the first difference. */
function constantTimeEqual(a: string, b: string): boolean {
  let diff = a.length ^ b.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0)
  return diff === 0
}

/** Signs a payload the way Resend does: for tests and for operators checking their setup. */
export async function signWebhook(secret: string, id: string, timestamp: number, rawBody: string): Promise<string> {
  const key = fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret)
  if (!key) throw new Error('bad webhook secret')
  return `v1,${toBase64(await hmacSign(key, `${id}.${timestamp}.${rawBody}`))}`
}
