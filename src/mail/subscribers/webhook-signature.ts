import { fromBase64, hmacSign, hmacVerify, toBase64 } from './hmac'

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

/**
 * Verifies a Resend (Svix) webhook over the raw body: the signed content is
 * `${svix-id}.${svix-timestamp}.${body}`, HMAC-SHA256 with the base64 part of the `whsec_…`
 * secret; `svix-signature` is a space-separated list of `v1,<base64>` (several during a
 * secret rotation), any of which may match. Each is checked with WebCrypto's verify, which
 * compares in constant time.
 */
export async function verifyWebhook(secret: string, headers: WebhookHeaders, rawBody: string, now: Date = new Date()): Promise<WebhookCheck> {
  const { id, timestamp, signature } = headers
  if (!id || !timestamp || !signature) return { ok: false, reason: 'missing-headers' }
  const key = webhookKey(secret)
  if (!key) return { ok: false, reason: 'bad-secret' }
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now.getTime() / 1000 - Number(timestamp)) > WEBHOOK_TOLERANCE_SECONDS) {
    return { ok: false, reason: 'stale' }
  }
  const content = `${id}.${timestamp}.${rawBody}`
  for (const part of signature.split(' ')) {
    const [version, sig] = part.split(',')
    const mac = version === 'v1' && sig ? fromBase64(sig) : null
    if (mac && (await hmacVerify(key, content, mac))) return { ok: true }
  }
  return { ok: false, reason: 'bad-signature' }
}

/** Signs a payload the way Resend does: for tests and for operators checking their setup. */
export async function signWebhook(secret: string, id: string, timestamp: number, rawBody: string): Promise<string> {
  const key = webhookKey(secret)
  if (!key) throw new Error('bad webhook secret')
  return `v1,${toBase64(await hmacSign(key, `${id}.${timestamp}.${rawBody}`))}`
}
