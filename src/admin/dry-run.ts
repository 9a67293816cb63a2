/**
 * Dry-run: what a source would give us if the cron read it now. It runs the cron's own fetch +
 * extract stage (`collectClaims`) on that one source with an empty fetch memory (so nothing is
 * "not modified" and a feed's items all count as new), then merges and diffs like the cron.
 * It returns the outcome and writes nothing: no KV, no state. `fetch` and `now` are passed in.
 */
import type { ExclusionRule } from '../core/editorial'
import type { Change, Claim, Source, Subject } from '../core/types'
import { filterLedger } from '../pipeline/facts/editorial-filter'
import { diffFacts } from '../pipeline/facts/diff-facts'
import { createSubjectMatcher } from '../pipeline/extract/subject-matcher'
import { emptyFacts, mergeFacts } from '../pipeline/facts/merge-facts'
import { collectClaims } from '../pipeline/run/collect-claims'
import type { PipelineState } from '../pipeline/run/state'
import type { FetchRules } from '../pipeline/fetch/guarded-fetch'

/** The URL guard lives in the pipeline (every request of a run passes it); re-exported for callers of this module. */
export { guardFetch } from '../pipeline/fetch/guarded-fetch'

/** What to try: a saved source (with its trust) or an unsaved URL and kind. */
export type DryRunTarget = Pick<Source, 'url' | 'kind'> & { id?: string; unreliable?: boolean }

/** Injected I/O and context. */
export interface DryRunDeps {
  fetch: typeof fetch
  now: () => Date
  subject: Subject
  /** The current pipeline state (facts, claims, reported changes); null before the first run. */
  state: Pick<PipelineState, 'facts' | 'claims' | 'reported'> | null
  /** The cron's URL rules; the pipeline applies them to every request and redirect hop. */
  rules?: FetchRules
  /** Editorial exclusions in force (dropped, retracted, ignored): the cron leaves those claims out. */
  exclusions?: ExclusionRule[]
}

/** One fetched document and what the extractor found in it. */
export interface DryRunDocument {
  url: string
  published: string | null
  /** Language the extractor read the page as; only English and Korean pages yield claims. */
  lang?: string | null
  claims: Claim[]
  error: string | null
}

/** The whole dry-run outcome. */
export interface DryRunResult {
  target: DryRunTarget
  at: string
  /** Why the source itself (the page, or the feed) could not be read, else null. */
  error: string | null
  /** Documents read: the page, or the feed's articles (as many as one cron run would read). */
  documents: DryRunDocument[]
  /** Every change against the current facts; `material` ones would be emailed. */
  changes: Change[]
  /** True when there are no facts yet: the first real run records a baseline and emails nothing. */
  baseline: boolean
  /** The source is marked unreliable: its claims are shown but count for nothing (no changes). */
  unreliable?: boolean
}

/** Fetches and extracts a source now, and diffs the result against the current facts. */
export async function dryRunSource(target: DryRunTarget, deps: DryRunDeps): Promise<DryRunResult> {
  const now = deps.now()
  const source: Source = { id: target.id ?? 'dry-run', url: target.url, kind: target.kind, enabled: true }
  const documents: DryRunDocument[] = []
  const collected = await collectClaims({
    sources: [source],
    fetchMemory: {},
    feeds: {},
    subject: deps.subject,
    matcher: createSubjectMatcher(deps.subject),
    fetch: deps.fetch,
    urlRules: deps.rules ?? {},
    now,
    // The per-document outcome (its published date) is only reported through the log.
    log: (event) => {
      if (event.event === 'extracted' && typeof event.url === 'string') {
        documents.push({ url: event.url, published: typeof event.published === 'string' ? event.published : null, lang: typeof event.lang === 'string' ? event.lang : null, claims: [], error: null })
      }
    },
  })
  for (const claim of collected.claims) documents.find((d) => d.url === claim.source)?.claims.push(claim)
  for (const failure of collected.failed) {
    if (failure.url !== source.url) documents.push({ url: failure.url, published: null, claims: [], error: failure.error })
  }
  return {
    target,
    at: now.toISOString(),
    error: collected.failed.find((f) => f.url === source.url)?.error ?? null,
    documents,
    // An unreliable source's claims never count: shown, but they change nothing.
    changes: changesFrom(target.unreliable ? [] : collected.claims, deps),
    baseline: deps.state === null,
    unreliable: target.unreliable === true,
  }
}

/**
 * The changes these claims would cause. Both sides are merged from the same ledger on the same
 * day, one with and one without the new claims, so the diff shows only this source's effect
 * (not, say, an estimate that went stale since the last run). As in the cron, a change already
 * reported is not material again (`diffFacts`' `reported`).
 */
function changesFrom(claims: Claim[], deps: DryRunDeps): Change[] {
  const current = deps.state?.facts ?? emptyFacts()
  const filter = { rules: deps.exclusions ?? [], unreliable: new Set<string>() }
  const ledger = filterLedger(deps.state?.claims ?? [], filter)
  const options = { today: deps.now().toISOString().slice(0, 10), subject: deps.subject }
  const without = mergeFacts(current, ledger, options)
  const withSource = mergeFacts(current, [...ledger, ...filterLedger(claims, filter)], options)
  return diffFacts(without, withSource, { baseline: deps.state === null, reported: new Set(deps.state?.reported ?? []) })
}

