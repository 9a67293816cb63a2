import type { HistoryEntry } from '../../core/public-view'
import type { Claim, Facts } from '../../core/types'

/** What the fetcher remembers about one URL between runs (also the admin's health view). */
export interface FetchMemory {
  etag?: string
  lastModified?: string
  /** SHA-256 of the last body we parsed. */
  hash?: string
  lastFetchAt?: string
  lastOkAt?: string
  lastStatus?: number
  /** Consecutive failures; 0 after a success. */
  failures: number
  lastError?: string
  /** Do not try before this time (from Retry-After). */
  nextAttemptAt?: string
  /** Last time this source contributed a material change. */
  lastChangeAt?: string
  /**
   * Set when a run reached its deadline before reading this source (not a failure): the next
   * run reads it first. Cleared when it is read.
   */
  deferredAt?: string
}

/** A feed item we have seen, so the same article is never fetched or counted twice. */
export interface SeenItem {
  url: string
  firstSeen: string
  /** Feed's own updated/pubDate stamp when it had one; a new stamp means "fetch again". */
  stamp?: string
  /** Failed attempts so far; the item is dropped after a few. */
  attempts: number
  done: boolean
  /** Hash of the article text we extracted, so a re-stamped but identical article is skipped. */
  hash?: string
}

/** The whole pipeline state of one subject, as a run works on it (see `state-store.ts` for how it is kept). */
export interface PipelineState {
  version: number
  createdAt: string
  updatedAt: string
  facts: Facts
  /** Every claim seen, deduplicated; absence from a later read never removes one. */
  claims: Claim[]
  /** Keyed by URL (sources and fetched articles). */
  fetch: Record<string, FetchMemory>
  /** Keyed by feed source id, then item key (guid or link). */
  feeds: Record<string, Record<string, SeenItem>>
  /** Ids of material changes already reported, so overlapping runs never report one twice. */
  reported: string[]
  /** Material changes, newest first, bounded; mirrored into the public view. */
  history: HistoryEntry[]
  /**
   * The state version whose facts and history the public view must show: set by every save
   * that changes them (a writer outside the run that changes them sets it too). Absent in a
   * state written before views were versioned: then `version`.
   */
  factsVersion?: number
  /**
   * The version of the public view last written, recorded only in a state saved after that
   * write succeeded. Behind `factsVersion` (or absent) means the view is stale: the next run
   * rewrites it, without reading it.
   */
  viewVersion?: number
}

/** A sealed part of the claim ledger, kept under its own KV key (`kvKeys.claimShard`). */
export interface ShardRef {
  id: number
  count: number
}

/**
 * What the state KV value (`kvKeys.state(slug)`) holds: the state with only the newest claims,
 * plus the index of the sealed shards that hold the older ones, in ledger order.
 */
export interface StoredState extends PipelineState {
  /** Sealed shards, oldest first; the ledger is their claims followed by `claims`. */
  shards?: ShardRef[]
  /** Id the next sealed shard gets (ids are never reused, so a stale reader never mixes two). */
  nextShard?: number
}
