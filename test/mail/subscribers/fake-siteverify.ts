import { TURNSTILE_TEST_SECRETS } from '../../../src/mail/subscribers/turnstile'

/**
 * A fetch that answers like Turnstile's siteverify for Cloudflare's documented test secrets
 * (always-pass `1x…AA`, always-fail `2x…AA`), recording each call.
 */
export function fakeSiteverify() {
  const calls: { url: string; secret: string; response: string; remoteip: string | null }[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const form = init?.body instanceof FormData ? init.body : new FormData()
    const secret = String(form.get('secret') ?? '')
    calls.push({ url, secret, response: String(form.get('response') ?? ''), remoteip: (form.get('remoteip') as string | null) ?? null })
    const body =
      secret === TURNSTILE_TEST_SECRETS.pass
        ? { success: true, 'error-codes': [], challenge_ts: new Date().toISOString(), hostname: 'example.com' }
        : secret === TURNSTILE_TEST_SECRETS.fail
          ? { success: false, 'error-codes': ['invalid-input-response'] }
          : { success: false, 'error-codes': ['invalid-input-secret'] }
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })
  }) as typeof globalThis.fetch
  return { fetch, calls }
}
