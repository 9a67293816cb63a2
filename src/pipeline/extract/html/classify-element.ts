/**
 * Classifies parsed elements by tag, role, visibility and id/class words: as page furniture (and
 * why), or as a byline. Pure: whether furniture is dropped depends on where the main container is.
 */
import { readAttr, type DomNode } from './dom'

/** Why an element is not article text. */
export type FurnitureReason = 'tag' | 'chrome' | 'comments' | 'ad' | 'class' | 'hidden'

// Whole elements that never hold article prose.
const DROP_TAGS = new Set([
  'nav', 'aside', 'form', 'button', 'select', 'option', 'textarea', 'input', 'dialog', 'menu', 'object',
  'embed', 'canvas', 'video', 'audio', 'map', 'head', 'script', 'style', 'noscript', 'template', 'iframe', 'svg',
])
const CHROME_TAGS = new Set(['header', 'footer'])
const DROP_ROLES = new Set(['navigation', 'complementary', 'search', 'dialog', 'alertdialog', 'menu', 'menubar', 'toolbar', 'tablist'])
const CHROME_ROLES = new Set(['banner', 'contentinfo'])

// id/class words (after splitting on - _ and spaces) that mark page furniture.
const COMMENT_WORDS = new Set(['comment', 'comments', 'commentlist', 'disqus', 'respond', 'replies', 'reply', 'discussion', 'conversation', 'cmt', 'cmts', 'guestbook'])
const AD_WORDS = new Set([
  'ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'adslot', 'adunit', 'adbox', 'adwrap',
  'adsbygoogle', 'adsense', 'dfp', 'gpt', 'sponsor', 'sponsored', 'sponsors', 'taboola', 'outbrain', 'teads',
])
const FURNITURE_WORDS = new Set([
  'sidebar', 'rail', 'related', 'relatedposts', 'trending', 'popular', 'recommended', 'recommendations', 'recirc',
  'newsletter', 'subscribe', 'signup', 'share', 'sharing', 'sharebar', 'sharedaddy', 'addtoany', 'social', 'socials',
  'cookie', 'cookies', 'consent', 'gdpr', 'cmp', 'onetrust', 'didomi', 'breadcrumb', 'breadcrumbs', 'menu', 'submenu',
  'megamenu', 'navbar', 'nav', 'navigation', 'widget', 'widgets', 'promo', 'promos', 'modal', 'popup', 'toolbar',
  'skiplink', 'yarpp', 'mostread', 'pagination', 'pager', 'tags', 'tagcloud', 'bio', 'authorbox',
  // Related-story boxes and photo captions under other names ("relation", "rank_news", "photo_text").
  'relation', 'relnews', 'ranking', 'rank', 'caption', 'captions', 'figcaption', 'storycard', 'cards',
])
const FURNITURE_PAIRS = new Set([
  'more-from', 'more-stories', 'more-news', 'more-articles', 'recent-posts', 'recent-articles', 'also-like', 'may-like',
  'read-more', 'read-next', 'up-next', 'most-read', 'most-popular', 'side-bar', 'ad-slot', 'screen-reader', 'sr-only',
  'visually-hidden', 'author-box', 'about-author', 'author-bio', 'you-might', 'dont-miss', 'editors-picks', 'top-stories',
  'see-also', 'also-read', 'reader-talk', 'reader-comments', 'user-comments', 'photo-text', 'photo-desc', 'photo-caption',
  'img-desc', 'image-caption', 'img-caption', 'story-card', 'news-card', 'photo-area', 'photo-box',
])
const CHROME_WORDS = new Set(['header', 'footer', 'masthead', 'topbar'])
const WORD = /[a-z0-9]+/g
// Class names that describe a state ("has-comments"), not a comments box.
const STATE_CLASS = /^(?:has|no|is|with|without|show|hide|enable|disable|can)[-_]/
const STATE_CLASS_ANYWHERE = /(?:^|\s)(?:has|no|is|with|without|show|hide|enable|disable|can)[-_]/

/** Splits id and class into lower-case words, dropping state-like class names. */
function splitClassWords(id: string, cls: string): string[] {
  const key = `${id} ${cls}`.toLowerCase()
  // Most class lists have no state words; skip the per-name split for them.
  if (!STATE_CLASS_ANYWHERE.test(key)) return key.match(WORD) ?? []
  const out: string[] = []
  for (const name of key.split(/\s+/)) {
    if (!name || STATE_CLASS.test(name)) continue
    for (const w of name.match(WORD) ?? []) out.push(w)
  }
  return out
}

/**
 * Classifies an element as page furniture by its tag, role, visibility and id/class words.
 * Pure: whether it is then dropped depends on where the main container is.
 */
export function classifyElement(el: DomNode, name: string): FurnitureReason | null {
  if (DROP_TAGS.has(name)) return 'tag'
  if (CHROME_TAGS.has(name)) return 'chrome'
  const role = readAttr(el, 'role').toLowerCase()
  if (role) {
    if (DROP_ROLES.has(role)) return 'tag'
    if (CHROME_ROLES.has(role)) return 'chrome'
  }
  const id = readAttr(el, 'id')
  const cls = readAttr(el, 'class')
  if (id || cls) {
    const words = splitClassWords(id, cls)
    let reason: FurnitureReason | null = null
    for (let i = 0; i < words.length; i++) {
      const w = words[i]!
      if (COMMENT_WORDS.has(w)) return 'comments'
      if (AD_WORDS.has(w)) reason = 'ad'
      else if (reason === null && (FURNITURE_WORDS.has(w) || (i > 0 && FURNITURE_PAIRS.has(`${words[i - 1]}-${w}`)))) reason = 'class'
      else if (reason === null && CHROME_WORDS.has(w)) reason = 'chrome'
    }
    if (reason) return reason
  }
  if (el.getAttributeNode?.('hidden')) return 'hidden'
  if (readAttr(el, 'aria-hidden') === 'true') return 'hidden'
  const style = readAttr(el, 'style')
  if (style && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)) return 'hidden'
  if (readAttr(el, 'data-ad-slot') || readAttr(el, 'data-ad-id') || readAttr(el, 'data-ad')) return 'ad'
  return null
}

// id/class words (alone or as two joined words, "posted-on") that mark a byline or a date line.
const BYLINE_WORDS = new Set([
  'byline', 'dateline', 'posted', 'postedon', 'date', 'dates', 'published', 'publish', 'pubdate', 'timestamp', 'datetime',
  'meta', 'postmeta', 'entrymeta', 'time', 'publication', 'updated', 'lastmod', 'modified',
])

/** True for small elements whose id/class says byline or date. */
export function isBylineLike(el: DomNode): boolean {
  const id = readAttr(el, 'id')
  const cls = readAttr(el, 'class')
  if (!id && !cls) return false
  const words = splitClassWords(id, cls)
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!
    if (BYLINE_WORDS.has(w) || (i > 0 && BYLINE_WORDS.has(words[i - 1]! + w))) return true
  }
  return false
}
