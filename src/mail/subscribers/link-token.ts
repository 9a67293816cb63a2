import { fromBase64, hmacSign, hmacVerify, toBase64Url } from './hmac'

/**
 * Signed link tokens for the confirm and unsubscribe links: `v1.<purpose>.<id>.<expiry>.<mac>`.
 * They carry a subscriber id, never the address, and are checked with HMAC-SHA256 over the
 * SIGNING_KEY. Unsubscribe tokens do not expire (a link in a year-old email must still work)
 * and are deterministic, so a retried send carries a byte-identical payload.
 */
export type TokenPurpose = 'confirm' | 'unsubscribe'

const PURPOSE_CODE: Record<TokenPurpose, string> = { confirm: 'c', unsubscribe: 'u' }

/** How long a confirmation link works. */
export const CONFIRM_TOKEN_TTL_SECONDS = 48 * 60 * 60
/** The same, as the confirmation email and the expired-link page say it. */
export const CONFIRM_TOKEN_VALID_FOR = `${CONFIRM_TOKEN_TTL_SECONDS / 3600} hours`

export type TokenCheck =
  | { ok: true; subscriberId: number; expiresAt: number | null }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose' }

function macInput(body: string): string {
  // Domain-separates these MACs from any other use of the same key (address hashes, …).
  return `season-watch/link/${body}`
}

/** Signs a token; `expiresAt` in epoch seconds, or null for no expiry. */
export async function signLinkToken(key: string, purpose: TokenPurpose, subscriberId: number, expiresAt: number | null): Promise<string> {
  const body = `v1.${PURPOSE_CODE[purpose]}.${subscriberId}.${expiresAt ?? 0}`
  return `${body}.${toBase64Url(await hmacSign(key, macInput(body)))}`
}

/** Verifies a token for one purpose; never throws, whatever the input. */
export async function verifyLinkToken(key: string, purpose: TokenPurpose, token: unknown, now: Date = new Date()): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'malformed' }
  const m = /^v1\.([cu])\.(\d{1,15})\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!m) return { ok: false, reason: 'malformed' }
  const [, code, id, exp, mac] = m as unknown as [string, string, string, string, string]
  const bytes = fromBase64(mac)
  if (!bytes) return { ok: false, reason: 'malformed' }
  const body = `v1.${code}.${id}.${exp}`
  if (!(await hmacVerify(key, macInput(body), bytes))) return { ok: false, reason: 'bad-signature' }
  // Checked after the MAC so an attacker learns nothing from the order of the errors.
  if (code !== PURPOSE_CODE[purpose]) return { ok: false, reason: 'wrong-purpose' }
  const expiresAt = Number(exp) || null
  if (expiresAt !== null && expiresAt * 1000 < now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, subscriberId: Number(id), expiresAt }
}
