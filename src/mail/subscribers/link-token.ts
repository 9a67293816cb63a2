import { fromBase64, hmacSign, hmacVerify, toBase64Url } from './hmac'

/**
 * Signed link tokens for the confirm, unsubscribe and manage links. They carry a subscriber id,
 * never the address, and are checked with HMAC-SHA256 over the SIGNING_KEY:
 *
 * - `v1.<purpose>.<id>.<expiry>.<mac>`: no scope (every link before subscribers chose seasons,
 *   and still the form of an unscoped link, so old links and retried sends stay byte-identical);
 * - `v2.<purpose>.<id>.<expiry>.<scope>.<mac>`: with a scope the MAC covers: the season an
 *   unsubscribe link leaves, or the seasons and choices a confirm link applies.
 *
 * Unsubscribe tokens do not expire (a link in a year-old email must still work); confirm tokens
 * work for 48 hours, manage tokens for 90 days. All are deterministic for the same inputs.
 */
export type TokenPurpose = 'confirm' | 'unsubscribe' | 'manage'

const PURPOSE_CODE: Record<TokenPurpose, string> = { confirm: 'c', unsubscribe: 'u', manage: 'm' }

/** How long a confirmation link works. */
export const CONFIRM_TOKEN_TTL_SECONDS = 48 * 60 * 60
/** The same, as the confirmation email and the expired-link page say it. */
export const CONFIRM_TOKEN_VALID_FOR = `${CONFIRM_TOKEN_TTL_SECONDS / 3600} hours`

/**
 * How long a manage link works, counted from the email that carries it. Long enough for the
 * gap between two updates about a season; short enough that a forwarded or leaked old email
 * does not let someone change a person's choices for ever. (Leaving never needs it: each
 * email's unsubscribe link does not expire.)
 */
export const MANAGE_TOKEN_TTL_SECONDS = 90 * 24 * 60 * 60
/** The same, in words. */
export const MANAGE_TOKEN_VALID_FOR = `${MANAGE_TOKEN_TTL_SECONDS / 86_400} days`

/** Longest token accepted (a scope of 20 seasons fits well under it). */
const MAX_TOKEN_LENGTH = 2000

export type TokenCheck =
  | { ok: true; subscriberId: number; expiresAt: number | null; scope: string }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired' | 'wrong-purpose' }

/** Characters a scope may hold: slugs, choice codes and their separators, none needing URL escaping. */
const SCOPE = /^[a-z0-9_~-]{1,1800}$/

function macInput(body: string): string {
  // Domain-separates these MACs from any other use of the same key (address hashes, …).
  return `season-watch/link/${body}`
}

/** Signs a token; `expiresAt` in epoch seconds, or null for no expiry; `scope` as above. */
export async function signLinkToken(key: string, purpose: TokenPurpose, subscriberId: number, expiresAt: number | null, scope = ''): Promise<string> {
  if (scope !== '' && !SCOPE.test(scope)) throw new Error('link token scope has characters it may not hold')
  const head = `${PURPOSE_CODE[purpose]}.${subscriberId}.${expiresAt ?? 0}`
  const body = scope === '' ? `v1.${head}` : `v2.${head}.${scope}`
  return `${body}.${toBase64Url(await hmacSign(key, macInput(body)))}`
}

const TOKEN = /^(?:v1\.([cum])\.(\d{1,15})\.(\d{1,12})|v2\.([cum])\.(\d{1,15})\.(\d{1,12})\.([a-z0-9_~-]{1,1800}))\.([A-Za-z0-9_-]{43})$/

/** Verifies a token for one purpose; never throws, whatever the input. */
export async function verifyLinkToken(key: string, purpose: TokenPurpose, token: unknown, now: Date = new Date()): Promise<TokenCheck> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' }
  const m = TOKEN.exec(token)
  if (!m) return { ok: false, reason: 'malformed' }
  const code = (m[1] ?? m[4])!
  const id = (m[2] ?? m[5])!
  const exp = (m[3] ?? m[6])!
  const scope = m[7] ?? ''
  const bytes = fromBase64(m[8]!)
  // Only the one canonical spelling of a MAC: its last character carries two unused bits, and a
  // token changed there must not pass as the same token.
  if (!bytes || toBase64Url(bytes) !== m[8]) return { ok: false, reason: 'malformed' }
  const body = token.slice(0, token.length - m[8]!.length - 1)
  if (!(await hmacVerify(key, macInput(body), bytes))) return { ok: false, reason: 'bad-signature' }
  // Checked after the MAC so an attacker learns nothing from the order of the errors.
  if (code !== PURPOSE_CODE[purpose]) return { ok: false, reason: 'wrong-purpose' }
  const expiresAt = Number(exp) || null
  if (expiresAt !== null && expiresAt * 1000 < now.getTime()) return { ok: false, reason: 'expired' }
  return { ok: true, subscriberId: Number(id), expiresAt, scope }
}
