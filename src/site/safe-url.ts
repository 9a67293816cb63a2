/**
 * Scraped URLs are untrusted: only http(s) URLs become links (no `javascript:`, `data:` …),
 * and what is shown is a short, readable form of the address.
 */

/** The URL when it is absolute http(s), else null (render as text, not as a link). */
export function toSafeHref(url: string | null | undefined): string | null {
  if (!url) return null
  try {
    const u = new URL(url)
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null
  } catch {
    return null
  }
}

/**
 * `https://www.example.com/news/x?utm=1` → `example.com/news/x`, cut to `max` characters.
 * Anything that is not an http(s) URL is shown as written (cut), so it reads as what it is.
 */
export function toDisplayUrl(url: string, max = 60): string {
  const href = toSafeHref(url)
  let shown = url
  if (href) {
    const u = new URL(href)
    shown = u.hostname.replace(/^www\./, '') + (u.pathname === '/' ? '' : u.pathname)
  }
  return shown.length > max ? `${shown.slice(0, max - 1)}…` : shown
}
