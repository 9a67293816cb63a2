import type { Source } from '../core/types'
import type { PipelineState } from '../pipeline/run/state'

/** How a source has been doing, as the admin lists it. */
export interface SourceHealth {
  lastFetchAt: string | null
  lastOkAt: string | null
  lastStatus: number | null
  failures: number
  lastError: string | null
  /** Feed items seen (feeds), or 1 once a page has been read. */
  articlesSeen: number
  /** Last time it (or, for a feed, one of its articles) contributed a material change. */
  lastChangeAt: string | null
}

/** A source (with its stored version, when read from storage) and its health. */
export type SourceWithHealth = Source & { version?: number; health: SourceHealth }

/** The part of the pipeline state the health view reads. */
export type HealthState = Pick<PipelineState, 'fetch' | 'feeds'> & Partial<Pick<PipelineState, 'history'>>

/**
 * Joins the list with the pipeline's fetch memory (by URL) and seen feed items (by id).
 * Pure; `state` is null before the first run.
 */
export function listWithHealth<T extends Source>(sources: readonly T[], state: HealthState | null): (T & { health: SourceHealth })[] {
  return sources.map((source) => ({ ...source, health: healthOf(source, state) }))
}

function healthOf(source: Source, state: HealthState | null): SourceHealth {
  const mem = state?.fetch?.[source.url]
  const items = Object.values(state?.feeds?.[source.id] ?? {})
  // A feed's articles are fetched under their own URLs; their changes count for the feed.
  const urls = new Set([source.url, ...items.map((item) => item.url)])
  // The history names the URLs behind each material change (newest entry first).
  const reported = state?.history?.find((entry) => entry.changes.some((c) => c.sources.some((u) => urls.has(u))))?.at
  const stamps = [mem?.lastChangeAt, reported, ...items.map((item) => state?.fetch?.[item.url]?.lastChangeAt)]
  const lastChangeAt = stamps.filter((x): x is string => typeof x === 'string').sort().at(-1) ?? null
  return {
    lastFetchAt: mem?.lastFetchAt ?? null,
    lastOkAt: mem?.lastOkAt ?? null,
    lastStatus: mem?.lastStatus ?? null,
    failures: mem?.failures ?? 0,
    lastError: mem?.lastError ?? null,
    articlesSeen: source.kind === 'feed' ? items.length : mem?.lastOkAt ? 1 : 0,
    lastChangeAt,
  }
}
