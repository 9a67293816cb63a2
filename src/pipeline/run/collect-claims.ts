import type { Claim, Source, Subject } from '../../core/types'
import { extractDocument } from '../extract/extract-document'
import { UnreadablePageError } from '../extract/parse-html'
import type { SubjectMatcher } from '../extract/subject-matcher'
import { FeedParseError, parseFeed } from '../feed/parse-feed'
import { type FetchFailure, fetchDocument, type PreviousFetch } from '../fetch/fetch-document'
import { guardFetch, type FetchRules } from '../fetch/guarded-fetch'
import { mapLimit } from './map-limit'
import type { FetchMemory, SeenItem } from './state'

/** Per-run limits: politeness towards sites and a bound on one run's CPU. */
export const LIMITS = {
  itemsPerFeed: 10,
  articlesPerRun: 30,
  /** The first run reads the whole backlog, so old news lands in the silent baseline. */
  baselineItemsPerFeed: 50,
  baselineArticlesPerRun: 150,
  concurrency: 4,
  attemptsPerItem: 3,
  seenPerFeed: 1000,
} as const

export interface CollectInput {
  sources: Source[]
  fetchMemory: Record<string, FetchMemory>
  feeds: Record<string, Record<string, SeenItem>>
  subject: Subject
  matcher: SubjectMatcher
  fetch: typeof fetch
  /** URL rules for every request (sources, redirect hops, feed items); the default refuses loopback and private networks. */
  urlRules?: FetchRules
  /** Per-document fetch budget in ms (default: `fetchDocument`'s 15 s). */
  timeoutMs?: number
  now: Date
  /** First run of a fresh install: take the feeds' whole backlog. */
  baseline?: boolean
  /**
   * The run's deadline (epoch ms): no fetch starts at or after it. Sources not started are
   * deferred (not failed) and read first by the next run; feed items not started stay due.
   */
  stopAt?: number
  /** The clock the deadline is checked against (default `Date.now`). */
  clock?: () => number
  log?: (event: Record<string, unknown>) => void
}

/** One document a run tried to read, for the run report. */
export interface DocumentRead {
  url: string
  /** A configured source (`page`, `feed`) or an article a feed listed. */
  kind: 'page' | 'feed' | 'article'
  /** new: read (content new or changed); unchanged: 304 or the same bytes; failed; skipped: waiting out a Retry-After, or left to the next run at the run's deadline. */
  outcome: 'new' | 'unchanged' | 'failed' | 'skipped'
  /** Claims extracted from it (new documents only). */
  claims: number
  error?: string
}

export interface CollectResult {
  claims: Claim[]
  fetchMemory: Record<string, FetchMemory>
  feeds: Record<string, Record<string, SeenItem>>
  failed: { url: string; error: string }[]
  /** True when anything worth saving changed (failures, validators, seen items). */
  dirty: boolean
  /** Documents parsed this run (for logs and the benchmark). */
  parsed: number
  /** Every document tried, in the order read (the run report's list). */
  documents: DocumentRead[]
  /** URLs not fetched because the run reached its deadline (sources, then feed items). */
  deferred: string[]
}

/** Records a failure on a memory entry; honours Retry-After by setting the next attempt time. */
function recordFailure(mem: FetchMemory, outcome: Pick<FetchFailure, 'error' | 'status' | 'retryAfterSeconds'>, now: Date): FetchMemory {
  const next: FetchMemory = { ...mem, failures: mem.failures + 1, lastError: outcome.error, lastFetchAt: now.toISOString() }
  if (outcome.status !== undefined) next.lastStatus = outcome.status
  if (outcome.retryAfterSeconds) next.nextAttemptAt = new Date(now.getTime() + outcome.retryAfterSeconds * 1000).toISOString()
  else delete next.nextAttemptAt
  return next
}

function recordSuccess(mem: FetchMemory, status: number, etag: string | undefined, lastModified: string | undefined, hash: string | undefined, now: Date): FetchMemory {
  const next: FetchMemory = { ...mem, failures: 0, lastStatus: status, lastOkAt: now.toISOString(), lastFetchAt: now.toISOString() }
  delete next.lastError
  delete next.nextAttemptAt
  if (etag) next.etag = etag
  if (lastModified) next.lastModified = lastModified
  if (hash) next.hash = hash
  return next
}

/**
 * Records a document that was fetched but could not be read (a broken feed, a page over its
 * budget). The hash is forgotten so the same bytes are read, and reported, again next run.
 */
function recordUnreadable(mem: FetchMemory | undefined, error: string, now: Date, failuresBefore: number): FetchMemory {
  const { hash: _unread, ...rest } = mem ?? { failures: 0 }
  // The fetch itself succeeded and reset the count; this run still failed for this source.
  return recordFailure({ ...rest, failures: failuresBefore }, { error }, now)
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message || e.name : String(e)
}

/** A clear sentence for an extraction failure: the budget's own message, else what was thrown. */
function describeExtractError(e: unknown): string {
  if (e instanceof UnreadablePageError) return e.message
  return `page could not be read: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`
}

/** What makes a memory entry worth a KV write: not timestamps or a churning page hash. */
function meaningful(m: FetchMemory | undefined): string {
  return JSON.stringify([m?.failures ?? 0, m?.lastError ?? null, m?.etag ?? null, m?.lastModified ?? null, m?.nextAttemptAt ?? null])
}

/** Drops the oldest seen items beyond the bound so state stays small. */
function boundSeen(items: Record<string, SeenItem>): Record<string, SeenItem> {
  const entries = Object.entries(items)
  if (entries.length <= LIMITS.seenPerFeed) return items
  entries.sort((a, b) => b[1].firstSeen.localeCompare(a[1].firstSeen))
  return Object.fromEntries(entries.slice(0, LIMITS.seenPerFeed))
}

/**
 * The fetch + extract stage of a run: reads every enabled source (feeds expand into their new
 * articles), returns the claims found and the updated fetch memory. A failing source is recorded
 * and never stops the others; it contributes no claims, which merge treats as "no news".
 */
export async function collectClaims(input: CollectInput): Promise<CollectResult> {
  const { now, log } = input
  const at = now.toISOString()
  const memory = { ...input.fetchMemory }
  const feeds: Record<string, Record<string, SeenItem>> = { ...input.feeds }
  const failed: { url: string; error: string }[] = []
  const claims: Claim[] = []
  const documents: DocumentRead[] = []
  const deferred: string[] = []
  let dirty = false
  let parsed = 0
  const clock = input.clock ?? Date.now
  const pastDeadline = () => input.stopAt !== undefined && clock() >= input.stopAt
  let articleBudget = input.baseline ? LIMITS.baselineArticlesPerRun : LIMITS.articlesPerRun
  const perFeed = input.baseline ? LIMITS.baselineItemsPerFeed : LIMITS.itemsPerFeed

  // One document's extraction, isolated: a page over its budget (or any bug it trips) becomes
  // that document's recorded failure, and the run goes on with the others.
  const extract = (html: string, url: string, hintPublished: string | null): string | null => {
    parsed++
    let result
    try {
      result = extractDocument(html, { url, fetchedAt: at, hintPublished, subject: input.subject, matcher: input.matcher })
    } catch (e) {
      const error = describeExtractError(e)
      failed.push({ url, error })
      log?.({ event: 'extract-failed', url, error })
      return error
    }
    claims.push(...result.claims)
    log?.({ event: 'extracted', url, published: result.published, lang: result.lang ?? null, claims: result.claims.length })
    return null
  }
  const note = (url: string, kind: DocumentRead['kind'], outcome: DocumentRead['outcome'], found = 0, error?: string) =>
    documents.push({ url, kind, outcome, claims: found, ...(error !== undefined ? { error } : {}) })

  // Every request, redirect hops and feed items included, passes the one URL guard.
  const network = guardFetch(input.fetch, input.urlRules)
  // Sources remember validators and a hash; feed items only a hash.
  const fetchOne = (url: string, previous: PreviousFetch | undefined, accept: 'html' | 'feed') =>
    fetchDocument(url, { fetch: network, now: () => now, accept, ...(input.timeoutMs ? { timeoutMs: input.timeoutMs } : {}), previous: { etag: previous?.etag, lastModified: previous?.lastModified, hash: previous?.hash } })

  const readSource = async (source: Source) => {
    const { deferredAt, ...before } = memory[source.url] ?? { failures: 0 }
    if (pastDeadline()) {
      // Out of time: not a failure. Marked, so the next run reads it first.
      deferred.push(source.url)
      memory[source.url] = { ...before, deferredAt: deferredAt ?? at }
      note(source.url, source.kind, 'skipped')
      dirty = true
      return null
    }
    // Read at last: the mark goes (and must be saved).
    if (deferredAt) dirty = true
    if (before.nextAttemptAt && before.nextAttemptAt > at) {
      memory[source.url] = before
      log?.({ event: 'skipped', source: source.id, until: before.nextAttemptAt })
      note(source.url, source.kind, 'skipped')
      return null
    }
    const outcome = await fetchOne(source.url, before, source.kind === 'feed' ? 'feed' : 'html')
    let after: FetchMemory
    let text: string | null = null
    if (outcome.kind === 'failed') {
      after = recordFailure(before, outcome, now)
      failed.push({ url: source.url, error: outcome.error })
      note(source.url, source.kind, 'failed', 0, outcome.error)
      log?.({ event: 'fetch-failed', source: source.id, error: outcome.error, status: outcome.status })
    } else if (outcome.kind === 'fetched') {
      after = recordSuccess(before, outcome.status, outcome.etag, outcome.lastModified, outcome.hash, now)
      text = outcome.text
    } else {
      after = recordSuccess(before, outcome.status, outcome.etag, outcome.lastModified, outcome.kind === 'unchanged' ? outcome.hash : before.hash, now)
      note(source.url, source.kind, 'unchanged')
    }
    if (meaningful(before) !== meaningful(after)) dirty = true
    memory[source.url] = after
    return text === null ? null : { source, text, url: outcome.url, failuresBefore: before.failures }
  }

  // Sources a run before this one had no time for go first (a stable sort: otherwise as listed).
  const ordered = [...input.sources].sort((a, b) => Number(!!memory[b.url]?.deferredAt) - Number(!!memory[a.url]?.deferredAt))
  const docs = await mapLimit(ordered, LIMITS.concurrency, readSource)

  for (const doc of docs) {
    if (!doc) continue
    if (doc.source.kind === 'page') {
      const before = claims.length
      const error = extract(doc.text, doc.source.url, null)
      if (error !== null) {
        memory[doc.source.url] = recordUnreadable(memory[doc.source.url], error, now, doc.failuresBefore)
        dirty = true
        note(doc.source.url, 'page', 'failed', 0, error)
      } else note(doc.source.url, 'page', 'new', claims.length - before)
      continue
    }
    let items
    try {
      items = parseFeed(doc.text, doc.url).items
    } catch (e) {
      const error = e instanceof FeedParseError ? e.message : `feed could not be read: ${describeError(e)}`
      memory[doc.source.url] = recordUnreadable(memory[doc.source.url], error, now, doc.failuresBefore)
      failed.push({ url: doc.source.url, error })
      note(doc.source.url, 'feed', 'failed', 0, error)
      dirty = true
      continue
    }
    note(doc.source.url, 'feed', 'new')
    const seen = { ...(feeds[doc.source.id] ?? {}) }
    const due = items
      .filter((item) => {
        const s = seen[item.key]
        const stamp = item.updated ?? item.published ?? undefined
        if (!s) return true
        if (!s.done) return s.attempts < LIMITS.attemptsPerItem
        return !!stamp && !!s.stamp && stamp !== s.stamp
      })
      .slice(0, Math.min(perFeed, Math.max(0, articleBudget)))
    articleBudget -= due.length
    const fetched = await mapLimit(due, LIMITS.concurrency, async (item) => {
      if (!pastDeadline()) return { item, outcome: await fetchOne(item.url, seen[item.key], 'html') }
      // Left unseen, so it is due again next run.
      deferred.push(item.url)
      return null
    })
    for (const read of fetched) {
      if (!read) continue
      const { item, outcome } = read
      const prev = seen[item.key]
      const stamp = item.updated ?? item.published ?? undefined
      const base: SeenItem = { url: item.url, firstSeen: prev?.firstSeen ?? at, attempts: prev?.attempts ?? 0, done: false, ...(stamp ? { stamp } : {}), ...(prev?.hash ? { hash: prev.hash } : {}) }
      if (outcome.kind === 'failed') {
        const attempts = base.attempts + 1
        // A 404/410 will not come back; anything else gets a few more tries on later runs.
        const gone = outcome.status === 404 || outcome.status === 410 || !outcome.transient
        seen[item.key] = { ...base, attempts, done: attempts >= LIMITS.attemptsPerItem || (gone && attempts >= 2) }
        failed.push({ url: item.url, error: outcome.error })
        note(item.url, 'article', 'failed', 0, outcome.error)
      } else if (outcome.kind === 'fetched') {
        const before = claims.length
        const error = extract(outcome.text, item.url, item.published)
        if (error === null) {
          seen[item.key] = { ...base, attempts: 0, done: true, hash: outcome.hash }
          note(item.url, 'article', 'new', claims.length - before)
        } else {
          // An unreadable article is read once more (it may be fixed), like a 404.
          const attempts = base.attempts + 1
          seen[item.key] = { ...base, attempts, done: attempts >= 2 }
          note(item.url, 'article', 'failed', 0, error)
        }
      } else {
        seen[item.key] = { ...base, done: true }
        note(item.url, 'article', 'unchanged')
      }
      dirty = true
    }
    feeds[doc.source.id] = boundSeen(seen)
  }
  if (deferred.length > 0) log?.({ event: 'deadline', deferred: deferred.length })
  return { claims, fetchMemory: memory, feeds, failed, dirty, parsed, documents, deferred }
}
