/**
 * The pre-parse string scan. News pages are mostly inline script and page furniture, and every node
 * costs linkedom allocations, so what is never article text is cut from the HTML as strings before
 * the one DOM parse; the markup is also repaired where linkedom would misread it.
 */

/** The HTML with raw-text bodies removed, and the JSON-LD kept aside. */
export interface StrippedHtml {
  markup: string
  jsonLd: string[]
}

// Elements whose bodies are never article text, and void tags with no text (every node and
// attribute costs linkedom a WeakMap entry, so images and links are cut before parsing too).
const RAW_OPEN = /<!--|<(script|style|noscript|svg|template|iframe|textarea|object|math|link|img|source|input|embed|track|wbr|param|area)\b([^>]*)>/gi
const VOID = new Set(['link', 'img', 'source', 'input', 'embed', 'track', 'wbr', 'param', 'area'])
const CLOSE_TAG: Record<string, RegExp> = {}

/** A cached case-insensitive finder for `</name`. */
function getCloseTag(name: string): RegExp {
  return (CLOSE_TAG[name] ??= new RegExp(`</${name}\\s*>`, 'gi'))
}

/**
 * Cuts `<script>`, `<style>`, `<noscript>`, `<svg>`, `<template>`, `<iframe>` (and similar)
 * bodies and comments out of the HTML with a string scan, before any DOM is built.
 * An unclosed one at the end (a truncated page) swallows the rest, as a browser would.
 * @param html the page
 * @returns the remaining markup and the bodies of `application/ld+json` scripts
 */
export function stripRawText(html: string): StrippedHtml {
  const parts: string[] = []
  const jsonLd: string[] = []
  let last = 0
  RAW_OPEN.lastIndex = 0
  for (let m = RAW_OPEN.exec(html); m !== null; m = RAW_OPEN.exec(html)) {
    parts.push(html.slice(last, m.index))
    const open = m[0]
    if (open === '<!--') {
      const end = html.indexOf('-->', m.index + 4)
      last = end < 0 ? html.length : end + 3
    } else {
      const name = m[1]!.toLowerCase()
      const attrs = m[2] ?? ''
      const bodyStart = m.index + open.length
      if (VOID.has(name) || (name === 'svg' && attrs.endsWith('/'))) {
        last = bodyStart
      } else {
        const closer = getCloseTag(name)
        closer.lastIndex = bodyStart
        const close = closer.exec(html)
        const bodyEnd = close ? close.index : html.length
        if (name === 'script' && /application\/ld\+json/i.test(attrs)) jsonLd.push(html.slice(bodyStart, bodyEnd))
        last = close ? close.index + close[0].length : html.length
      }
    }
    RAW_OPEN.lastIndex = last
  }
  parts.push(html.slice(last))
  return { markup: parts.join(''), jsonLd }
}

// Page furniture that is never article text. Cut as strings too, because every node costs
// linkedom allocations: a typical page's nav, sidebar and comments outnumber its paragraphs.
const FURNITURE_OPEN = /<(nav|aside|form|div|section|ol|ul)\b([^>]*)>/gi
const FURNITURE_TOKEN =
  /^(?:comments?|comment-(?:list|area|section|respond)|sidebar|related(?:-[\w-]+)?|trending|popular|recommended|newsletter|share|sharing|social|cookie(?:-banner|-notice)?|consent|ad-slot|ads?|advert\w*|promo|breadcrumbs?|menu|widget)$/i
const ATTR_TOKENS = /\b(?:id|class)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi
// Never cut something that holds the article itself.
const ARTICLE_INSIDE = /<article\b|<main\b|itemprop\s*=\s*["']?articleBody|entry-content|article-body|post-content/i

/** True for a start tag that opens furniture: nav/aside/form, or an id/class token such as "sidebar". */
function isFurniture(name: string, attrs: string): boolean {
  if (name === 'nav' || name === 'aside' || name === 'form') return true
  ATTR_TOKENS.lastIndex = 0
  for (let m = ATTR_TOKENS.exec(attrs); m !== null; m = ATTR_TOKENS.exec(attrs)) {
    const value = m[1] ?? m[2] ?? m[3] ?? ''
    if (value.split(/\s+/).some((t) => FURNITURE_TOKEN.test(t))) return true
  }
  return false
}

/** End of the element that opens at `from` (after its start tag), counting nested same-name tags. */
function findElementEnd(markup: string, name: string, from: number): number {
  const tag = new RegExp(`<(/?)${name}\\b[^>]*>`, 'gi')
  tag.lastIndex = from
  let depth = 1
  for (let m = tag.exec(markup); m !== null; m = tag.exec(markup)) {
    depth += m[1] ? -1 : 1
    if (depth === 0) return m.index + m[0].length
  }
  return -1
}

/**
 * Cuts navigation, asides, forms and elements whose id/class names page furniture (comments,
 * sidebar, related, trending, ads, cookie banners, …) before the DOM is built. An element that
 * would take the article with it, or has no closing tag, is left for the DOM pass.
 */
export function stripFurniture(markup: string): string {
  const parts: string[] = []
  let last = 0
  FURNITURE_OPEN.lastIndex = 0
  for (let m = FURNITURE_OPEN.exec(markup); m !== null; m = FURNITURE_OPEN.exec(markup)) {
    const name = m[1]!.toLowerCase()
    if (!isFurniture(name, m[2] ?? '')) continue
    const end = findElementEnd(markup, name, m.index + m[0].length)
    if (end < 0 || ARTICLE_INSIDE.test(markup.slice(m.index, end))) continue
    parts.push(markup.slice(last, m.index))
    last = end
    FURNITURE_OPEN.lastIndex = end
  }
  parts.push(markup.slice(last))
  return parts.join('')
}

// Tags that may appear before <body>; the first other tag starts the body.
const HEAD_TAG = /<\/?([a-zA-Z][\w-]*)/g
const HEAD_ONLY = new Set(['html', 'head', 'title', 'meta', 'base', 'link', 'style', 'script', 'noscript', 'template'])

// linkedom keeps attribute names as written, so `CLASS="sidebar"` would hide from getAttribute.
const UPPER_ATTR = /<[a-zA-Z][\w-]*\s+[A-Z][\w-]*\s*=/
const UPPER_ATTR_NAME = /(\s)([\w:-]*[A-Z][\w:-]*)(?=\s*=)/g

/** Lower-cases attribute names in old upper-case markup (values rarely hold "Name=" text). */
export function lowerAttributeNames(markup: string): string {
  if (!UPPER_ATTR.test(markup)) return markup
  return markup.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(UPPER_ATTR_NAME, (_, space: string, name: string) => space + name.toLowerCase()))
}

/**
 * linkedom does not imply missing `<html>` / `<body>` tags (a fragment becomes a `<p>` document),
 * so add them where the page left them out.
 */
export function ensureSkeleton(markup: string): string {
  const head = markup.slice(0, 4096)
  let out = markup
  if (!/<body[\s>]/i.test(markup)) {
    HEAD_TAG.lastIndex = 0
    let at = -1
    for (let m = HEAD_TAG.exec(markup); m !== null; m = HEAD_TAG.exec(markup)) {
      if (!HEAD_ONLY.has(m[1]!.toLowerCase())) {
        at = m.index
        break
      }
    }
    out = at < 0 ? `${markup}<body></body>` : `${markup.slice(0, at)}<body>${markup.slice(at)}`
  }
  return /<html[\s>]/i.test(head) ? out : `<html>${out}`
}
