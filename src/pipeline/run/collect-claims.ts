import type { Claim, Source, Subject } from '../../core/types'
import { extractDocument } from '../extract/extract-document'
import type { SubjectMatcher } from '../extract/subject-matcher'
import { FeedParseError, parseFeed } from '../feed/parse-feed'
import { type FetchFailure, fetchDocument, type PreviousFetch } from '../fetch/fetch-document'
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
  now: Date
  /** First run of a fresh install: take the feeds' whole backlog. */
  baseline?: boolean
  log?: (event: Record<string, unknown>) => void
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
  let dirty = false
  let parsed = 0
  let articleBudget = input.baseline ? LIMITS.baselineArticlesPerRun : LIMITS.articlesPerRun
  const perFeed = input.baseline ? LIMITS.baselineItemsPerFeed : LIMITS.itemsPerFeed

  const extract = (html: string, url: string, hintPublished: string | null) => {
    parsed++
    const result = extractDocument(html, { url, fetchedAt: at, hintPublished, subject: input.subject, matcher: input.matcher })
    claims.push(...result.claims)
    log?.({ event: 'extracted', url, published: result.published, lang: result.lang ?? null, claims: result.claims.length })
  }

  // Sources remember validators and a hash; feed items only a hash.
  const fetchOne = (url: string, previous: PreviousFetch | undefined, accept: 'html' | 'feed') =>
    fetchDocument(url, { fetch: input.fetch, now: () => now, accept, previous: { etag: previous?.etag, lastModified: previous?.lastModified, hash: previous?.hash } })

  const readSource = async (source: Source) => {
    const before = memory[source.url] ?? { failures: 0 }
    if (before.nextAttemptAt && before.nextAttemptAt > at) {
      log?.({ event: 'skipped', source: source.id, until: before.nextAttemptAt })
      return null
    }
    const outcome = await fetchOne(source.url, before, source.kind === 'feed' ? 'feed' : 'html')
    let after: FetchMemory
    let text: string | null = null
    if (outcome.kind === 'failed') {
      after = recordFailure(before, outcome, now)
      failed.push({ url: source.url, error: outcome.error })
      log?.({ event: 'fetch-failed', source: source.id, error: outcome.error, status: outcome.status })
    } else if (outcome.kind === 'fetched') {
      after = recordSuccess(before, outcome.status, outcome.etag, outcome.lastModified, outcome.hash, now)
      text = outcome.text
    } else {
      after = recordSuccess(before, outcome.status, outcome.etag, outcome.lastModified, outcome.kind === 'unchanged' ? outcome.hash : before.hash, now)
    }
    if (meaningful(before) !== meaningful(after)) dirty = true
    memory[source.url] = after
    return text === null ? null : { source, text, url: outcome.url }
  }

  const docs = await mapLimit(input.sources, LIMITS.concurrency, readSource)

  for (const doc of docs) {
    if (!doc) continue
    if (doc.source.kind === 'page') {
      extract(doc.text, doc.source.url, null)
      continue
    }
    let items
    try {
      items = parseFeed(doc.text, doc.url).items
    } catch (e) {
      const error = e instanceof FeedParseError ? e.message : `feed could not be read: ${String(e)}`
      // Forget the hash so the same broken bytes are parsed (and reported) again next run.
      const { hash: _unparsed, ...mem } = memory[doc.source.url] ?? { failures: 0 }
      memory[doc.source.url] = recordFailure(mem, { error }, now)
      failed.push({ url: doc.source.url, error })
      dirty = true
      continue
    }
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
    const fetched = await mapLimit(due, LIMITS.concurrency, async (item) => ({ item, outcome: await fetchOne(item.url, seen[item.key], 'html') }))
    for (const { item, outcome } of fetched) {
      const prev = seen[item.key]
      const stamp = item.updated ?? item.published ?? undefined
      const base: SeenItem = { url: item.url, firstSeen: prev?.firstSeen ?? at, attempts: prev?.attempts ?? 0, done: false, ...(stamp ? { stamp } : {}), ...(prev?.hash ? { hash: prev.hash } : {}) }
      if (outcome.kind === 'failed') {
        const attempts = base.attempts + 1
        // A 404/410 will not come back; anything else gets a few more tries on later runs.
        const gone = outcome.status === 404 || outcome.status === 410 || !outcome.transient
        seen[item.key] = { ...base, attempts, done: attempts >= LIMITS.attemptsPerItem || (gone && attempts >= 2) }
        failed.push({ url: item.url, error: outcome.error })
      } else if (outcome.kind === 'fetched') {
        extract(outcome.text, item.url, item.published)
        seen[item.key] = { ...base, attempts: 0, done: true, hash: outcome.hash }
      } else {
        seen[item.key] = { ...base, done: true }
      }
      dirty = true
    }
    feeds[doc.source.id] = boundSeen(seen)
  }
  return { claims, fetchMemory: memory, feeds, failed, dirty, parsed }
}
