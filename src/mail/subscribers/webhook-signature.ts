import { Resend } from 'resend'
import { fromBase64, hmacSign, toBase64 } from './hmac'

/** Webhooks older (or newer) than this are rejected, so a captured one cannot be replayed. */
export const WEBHOOK_TOLERANCE_SECONDS = 5 * 60

export type WebhookCheck = { ok: true } | { ok: false; reason: 'missing-headers' | 'bad-secret' | 'stale' | 'bad-signature' }

export interface WebhookHeaders {
  id: string | null
  timestamp: string | null
  signature: string | null
}

/** The HMAC key of a `whsec_…` secret: its base64 part, decoded. Null when it is not base64. */
function webhookKey(secret: string): Uint8Array | null {
  const key = fromBase64(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret)
  return key && key.length > 0 ? key : null
}

// Only `webhooks.verify` is used, which makes no API call: the key is a placeholder the
// constructor insists on.
const sdk = new Resend('re_webhook_verification_only')

/**
 * Verifies a Resend (Svix) webhook over the raw body with the SDK's `resend.webhooks.verify`
 * (Standard Webhooks: HMAC-SHA256 of `${svix-id}.${svix-timestamp}.${body}` under the base64
 * part of the `whsec_…` secret; `svix-signature` is a space-separated list of `v1,<base64>`,
 * several during a secret rotation, compared in constant time). The timestamp is checked here
 * first against `now` (digits only, within {@link WEBHOOK_TOLERANCE_SECONDS}); the SDK checks
 * it again against the clock.
 */
export async function verifyWebhook(secret: string, headers: WebhookHeaders, rawBody: string, now: Date = new Date()): Promise<WebhookCheck> {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing-headers' }
  if (!webhookKey(secret)) return { ok: false, reason: 'bad-secret' }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'stale' }
  }
  try {
    sdk.webhooks.verify({ payload: rawBody, headers: { id, timestamp, signature }, webhookSecret: secret })
    return { ok: true }
  } catch (error) {
    // The SDK parses the body once the signature matches: a body that is not JSON is still a
    // verified request (the route answers it 400 "malformed event").
    if (error instanceof SyntaxError) return { ok: true }
    return { ok: false, reason: /timestamp/i.test(error instanceof Error ? error.message : '') ? 'stale' : 'bad-signature' }
  }
}

/** Signs a payload the way Resend does: for tests and for operators checking their setup. */
export async function signWebhook(secret: string, id: string, timestamp: number, rawBody: string): Promise<string> {
  const key = webhookKey(secret)
  if (!key) throw new Error('bad webhook secret')
  return `v1,${toBase64(await hmacSign(key, `${id}.${timestamp}.${rawBody}`))}`
}
