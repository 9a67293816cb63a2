/**
 * Where the demo's news site lives. The cron reads it in-process (`demo-fetch.ts`), and what the
 * cron reads is stored: source URLs in facts, history and emails. Addressing the demo news by
 * the dev server's own origin would bake one port into that state, so a restart on another port
 * (or a PUBLIC_URL fixed later) would leave every stored link pointing at the old one. Instead
 * the demo news has a fixed origin of its own, and each page, feed and email maps it to the
 * origin actually serving the site when it renders.
 *
 * `*.localhost` is loopback (RFC 6761): it never leaves the machine, and the admin's URL check
 * accepts it only where the demo runs (DEMO_MODE's loopback exception).
 */
export const DEMO_NEWS_ORIGIN = 'http://demo-news.localhost'

const PREFIX = `${DEMO_NEWS_ORIGIN}/`

/** `http://demo-news.localhost/demo/x` → `<origin>/demo/x`; any other string is returned as is. */
export function toServedUrl(url: string, origin: string): string {
  return url.startsWith(PREFIX) ? `${origin.replace(/\/+$/, '')}/${url.slice(PREFIX.length)}` : url
}

/**
 * A copy of plain JSON data (a public view, a page of changes) with every demo news URL in it
 * moved to `origin`. Only whole strings that start with the demo origin change.
 */
export function rebaseDemoUrls<T>(value: T, origin: string): T {
  if (typeof value === 'string') return toServedUrl(value, origin) as T
  if (Array.isArray(value)) return value.map((v) => rebaseDemoUrls(v, origin)) as T
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rebaseDemoUrls(v, origin)])) as T
  }
  return value
}
