/** The article's headline, with a trailing site name (" | Site") removed. */
import { collapseWhitespace, isInside, readShortText, type DomNode } from './dom'
import type { Scan } from './main-content'

/** The headline: og:title, twitter:title, JSON-LD headline, the article's h1, then `<title>`. */
export function pickTitle(scan: Scan, container: DomNode | null, ldHeadline: string | null, url: string): string | null {
  const site = getSiteWords(url, scan.metas.get('og:site_name'))
  const candidates = [scan.metas.get('og:title'), scan.metas.get('twitter:title'), ldHeadline]
  const h1 = scan.h1s.find((h) => container !== null && isInside(h.el, container)) ?? scan.h1s.find((h) => !h.furniture)
  if (h1) candidates.push(readShortText(h1.el, 400) ?? undefined)
  candidates.push(scan.title)
  for (const c of candidates) {
    const t = c ? stripSiteName(collapseWhitespace(c), site) : ''
    if (t) return t
  }
  return null
}

/** Lower-case words naming the site: its host's main label and og:site_name. */
function getSiteWords(url: string, siteName: string | undefined): string[] {
  const words: string[] = []
  try {
    const host = new URL(url).hostname.replace(/^www\d*\./, '')
    const label = host.split('.').slice(0, -1).join('.') || host
    words.push(host, label.split('.').pop() ?? label)
  } catch {
    // Not a URL: only og:site_name can name the site.
  }
  if (siteName) words.push(siteName.toLowerCase())
  return words.filter((w) => w.length >= 3)
}

/** Drops a trailing " | Site" / " – site.com" segment when it names the site. */
function stripSiteName(title: string, site: string[]): string {
  const m = /^(.{8,}?)\s+[|–—:·-]\s+([^|–—·]{2,60})$/.exec(title)
  if (!m) return title
  const tail = m[2]!.toLowerCase().replace(/\s+/g, '')
  return site.some((w) => tail.includes(w.replace(/\s+/g, ''))) ? m[1]!.trim() : title
}
