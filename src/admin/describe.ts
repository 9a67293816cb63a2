/**
 * Short plain-text descriptions of claim and fact values for the admin page. Pure; the template
 * escapes the result like any other text.
 */
import { toSafeHref } from '../site/safe-url'

/** One value of a fact field (or a whole fact) as a short phrase; `none` for null. */
export function describeValue(field: string, value: unknown): string {
  if (value === null || value === undefined) return 'none'
  if (typeof value !== 'object') return String(value)
  const v = value as Record<string, unknown>
  switch (field) {
    case 'stage':
    case 'episodes':
      return 'value' in v ? String(v.value) : JSON.stringify(value)
    case 'release': {
      const when = v.date ?? (isWindow(v.window) ? `${v.window.from} to ${v.window.to}` : null) ?? v.text
      return [v.status, when].filter(Boolean).join(', ')
    }
    case 'cast':
      if (Array.isArray(value)) return value.map((c) => describeValue('cast', c)).join('; ') || 'none'
      return `${v.actor}${v.role ? ` as ${v.role}` : ''} (${v.status})`
    case 'trailer':
      return [v.kind, v.date].filter(Boolean).join(', ')
    default:
      return JSON.stringify(value)
  }
}

/** An ISO time as `YYYY-MM-DD HH:MM UTC` (dates stay as they are). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return 'never'
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]} UTC` : iso
}

/** The URL when it is http(s), so scraped `javascript:` links never become clickable. */
export function safeHref(url: string | null | undefined): string | undefined {
  return toSafeHref(url) ?? undefined
}

function isWindow(w: unknown): w is { from: string; to: string } {
  return typeof w === 'object' && w !== null && 'from' in w && 'to' in w
}
