/**
 * The one guard every pipeline request passes: a source, each redirect hop (`fetchDocument`
 * follows redirects itself through the fetch it is given) and each feed item's link. A URL the
 * source rules would refuse (loopback, private networks, cloud metadata, IPv4-mapped and NAT64
 * forms of them) is refused before any request leaves the Worker.
 */
import { checkUrlSafety, type UrlSafetyOptions } from './url-safety'

/** The URL rules for the pipeline's requests. */
export interface FetchRules extends UrlSafetyOptions {
  /**
   * URL prefixes served in-process, never over the network (the local demo's own documents under
   * `${PUBLIC_URL}/demo/`), so they pass even though the demo's origin is loopback. Compared with
   * the parsed, normalised URL, so `/demo/../x` does not pass.
   */
  inProcessPrefixes?: readonly string[]
}

/** Thrown by a guarded fetch for a URL it refuses; `fetchDocument` records it as a failure. */
export class UnsafeUrlError extends Error {
  override name = 'UnsafeUrlError'
}

/** The URL of whatever `fetch` was called with. */
function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
}

/** Null when `url` may be fetched under `rules`, else why not. */
export function checkFetchUrl(url: string, rules: FetchRules): string | null {
  if (rules.inProcessPrefixes?.length) {
    let href: string | null = null
    try {
      href = new URL(url).href
    } catch {
      // not a URL: checkUrlSafety says so
    }
    if (href !== null && rules.inProcessPrefixes.some((p) => href.startsWith(p))) return null
  }
  return checkUrlSafety(url, rules)
}

/**
 * A fetch that refuses any URL the rules refuse, by throwing {@link UnsafeUrlError} before the
 * inner fetch is called.
 */
export function guardFetch(inner: typeof fetch, rules: FetchRules = {}): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = urlOf(input)
    const why = checkFetchUrl(url, rules)
    if (why) throw new UnsafeUrlError(`refused ${url}: ${why}`)
    return inner(input, init)
  }) as typeof fetch
}
