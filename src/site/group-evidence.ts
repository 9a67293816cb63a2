import type { Evidence } from '../core/types'

/**
 * One announcement often supports several changes ("Netflix confirmed that A returns as X and B
 * returns as Y"). Pages, the feed and emails show such changes together, under one quote,
 * instead of repeating the sentence once per change.
 */

/** Items that rest on the same evidence sentence, in first-seen order. */
export interface EvidenceGroup<T> {
  /** The shared sentence, or null for an item that has none (never grouped with others). */
  evidence: string | null
  items: T[]
}

/** Groups items by their evidence sentence, keeping the order in which each first appears. */
export function groupByEvidence<T>(items: readonly T[], evidenceOf: (item: T) => string | null | undefined): EvidenceGroup<T>[] {
  const groups: EvidenceGroup<T>[] = []
  const byText = new Map<string, EvidenceGroup<T>>()
  for (const item of items) {
    const raw = evidenceOf(item)
    const text = typeof raw === 'string' && raw.trim() !== '' ? raw : null
    const key = text?.replace(/\s+/g, ' ').trim()
    const existing = key ? byText.get(key) : undefined
    if (existing) {
      existing.items.push(item)
      continue
    }
    const group = { evidence: text, items: [item] }
    groups.push(group)
    if (key) byText.set(key, group)
  }
  return groups
}

/** Evidence newest first (undated last); the first one with a sentence is the one quoted. */
export function sortEvidence(sources: readonly Evidence[] | undefined): Evidence[] {
  const all = (sources ?? []).filter((s) => s && typeof s.source === 'string')
  return [...all].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
}

/** The sentence a fact's evidence list quotes: the newest one that has a sentence. */
export function quotedEvidence(sources: readonly Evidence[] | undefined): string | null {
  return sortEvidence(sources).find((s) => s.evidence)?.evidence ?? null
}

/** The union of several evidence lists, one entry per source URL (the newest kept). */
export function mergeEvidence(lists: readonly (readonly Evidence[] | undefined)[]): Evidence[] {
  const byUrl = new Map<string, Evidence>()
  for (const e of lists.flatMap((l) => l ?? [])) {
    if (!e || typeof e.source !== 'string') continue
    const prev = byUrl.get(e.source)
    if (!prev || (e.published ?? '') > (prev.published ?? '')) byUrl.set(e.source, e)
  }
  return [...byUrl.values()]
}

/** The distinct strings of several lists, in first-seen order (the sources of grouped changes). */
export function unionOf(lists: readonly (readonly unknown[] | undefined)[]): string[] {
  return [...new Set(lists.flatMap((l) => (Array.isArray(l) ? l : [])).filter((s): s is string => typeof s === 'string'))]
}
