/** Cloudflare's server-side check for a Turnstile token. */
export const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify'

/** Cloudflare's documented test secrets: always pass / always fail. */
export const TURNSTILE_TEST_SECRETS = {
  pass: '1x0000000000000000000000000000000AA',
  fail: '2x0000000000000000000000000000000AA',
} as const

export type TurnstileResult = { ok: true } | { ok: false; codes: string[] }

/**
 * Verifies a Turnstile token with siteverify. `fetchImpl` is injectable because siteverify
 * cannot be reached offline: tests pass a fake that answers like it. A network failure
 * counts as a failed check (fail closed: the form is the abuse entry point).
 */
export async function verifyTurnstile(
  secret: string,
  token: string | null | undefined,
  remoteIp: string | null,
  fetchImpl: typeof fetch = fetch,
): Promise<TurnstileResult> {
  if (!token) return { ok: false, codes: ['missing-input-response'] }
  if (token.length > 2048) return { ok: false, codes: ['invalid-input-response'] }
  const body = new FormData()
  body.set('secret', secret)
  body.set('response', token)
  if (remoteIp) body.set('remoteip', remoteIp)
  try {
    const res = await fetchImpl(SITEVERIFY_URL, { method: 'POST', body })
    if (!res.ok) return { ok: false, codes: [`http-${res.status}`] }
    const data = (await res.json()) as { success?: boolean; 'error-codes'?: string[] }
    return data.success === true ? { ok: true } : { ok: false, codes: data['error-codes'] ?? [] }
  } catch {
    return { ok: false, codes: ['network-error'] }
  }
}
