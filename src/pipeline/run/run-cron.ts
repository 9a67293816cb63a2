import { sameJson } from '../../core/canonical-json'
import { claimLedgerKey, CERTAINTY_RANK } from '../../core/claim-key'
import type { PublicView } from '../../core/public-view'
import type { HeldChange, RunEditorialInput } from '../../core/editorial'
import type { Change, Claim, Facts, Source, Subject } from '../../core/types'
import { diffFacts } from '../facts/diff-facts'
import { filterLedger, unreliableUrls } from '../facts/editorial-filter'
import { applyDecisions, revertChanges, toHeldChanges } from '../facts/editorial-revert'
import { explainFindings } from '../facts/explain-findings'
import { createSubjectMatcher } from '../extract/subject-matcher'
import type { FetchRules } from '../fetch/guarded-fetch'
import { emptyFacts, mergeFacts } from '../facts/merge-facts'
import type { Notifier, RenderedEmail } from '../../mail/delivery/notifier'
import { renderEditionEmails } from '../../mail/render/render-email'
import type { KvLike } from '../../store/kv'
import { collectClaims } from './collect-claims'
import { handOverChanges } from './hand-over'
import type { RunLock } from './lock'
import { summarizeRun, type RunReportStore, type RunSummary } from './run-report'
import type { FetchMemory, PipelineState } from './state'
import { isViewBehind, loadState, savePublicView, saveState } from './state-store'

/** Everything a cron run touches, passed in so the Worker, the CLI and tests drive the same code. */
export interface RunDeps {
  fetch: typeof fetch
  /** URL rules for every request of the run (default: public http(s) only). */
  urlRules?: FetchRules
  /** Per-document fetch budget in ms (default 15 s). */
  fetchTimeoutMs?: number
  now: () => Date
  kv: KvLike
  /** The subject's slug: its KV keys, its lock (`cron:<slug>`) and its editions. */
  slug: string
  subject: Subject
  /** The subject's sources (disabled ones are skipped). */
  sources: Source[]
  notifier: Notifier
  lock?: RunLock
  /** The job this run belongs to (the runs Queue message): its retry takes over the lease a crash left. */
  lockOwner?: string
  /** Read the single-subject layout's keys while this subject has no state of its own. */
  legacyState?: boolean
  /**
   * A run saved state before (the Worker knows it from D1). Finding none then means KV has not
   * caught up yet, and the run fails (to be retried) instead of starting a fresh baseline over it.
   */
  expectState?: boolean
  /** Base URL for links in emails and the public view. */
  publicUrl?: string
  /** Editorial control (review mode, exclusions, held editions); absent = review off, nothing excluded. */
  editorial?: RunEditorial
  /** Where the run's report (documents, claims, why each finding was or was not sent) is kept; none: not kept. */
  reports?: RunReportStore
  /**
   * How long after its start the run may begin new fetches (default `RUN_BUDGET_MS`, well
   * inside the lock's lease); the rest are deferred to the next run. Checked against `now()`.
   */
  runBudgetMs?: number
  /**
   * Called with each public view the run writes, after it is written (the Worker stores the
   * season's glance for the list of seasons). A failure fails the run, before its state is saved.
   */
  viewSaved?: (view: PublicView) => Promise<void>
  /** Test seam: called at each step boundary; the fault suite throws from it to crash a run there. */
  onStep?: (step: RunStep) => void | Promise<void>
  log?: (event: Record<string, unknown>) => void
}

/** The boundaries between a run's steps, in order (`RunDeps.onStep`). */
export type RunStep = 'fetched' | 'notified' | 'view-saved' | 'state-saved'

/** An edition a run holds for review instead of notifying. */
export interface HeldEditionInput {
  /** The edition id it would have been sent with. */
  id: string
  at: string
  /** When it goes out by itself (`hold N hours`); null waits for a maintainer. */
  holdUntil: string | null
  changes: HeldChange[]
}

/** A configured source that has just failed `failures` runs in a row. */
export interface FailingSource {
  id: string
  url: string
  failures: number
  lastError: string | null
  /** When it last answered (null: never); names the failure streak, so it is reported once. */
  lastOkAt: string | null
}

/** What a run needs of editorial control: its inputs, and where held editions and alerts go. */
export interface RunEditorial extends RunEditorialInput {
  /** Records a held edition (a repeated id changes nothing) and tells maintainers; before state is saved. */
  hold(edition: HeldEditionInput): Promise<void>
  /** Tells maintainers about sources that reached `failureThreshold` failed runs in a row this run. */
  alertFailing(sources: FailingSource[]): Promise<void>
}

/** What one run did; the replay prints it as a `run` line. */
export interface RunReport {
  at: string
  /** True when another run held the lock and this one did nothing. */
  skipped: boolean
  baseline: boolean
  changes: Change[]
  email: RenderedEmail | null
  failed: { url: string; error: string }[]
  facts: Facts
  /** Whether the run wrote state (a quiet run does not). */
  wrote: boolean
  /** The id of the edition held for review instead of sent (review mode `hold`), else null. */
  held: string | null
  /** What the run read and why each finding was or was not sent (absent when skipped). */
  summary?: RunSummary
  /** URLs left for the next run because this one reached its deadline (not failures). */
  deferred: string[]
  /** Editions a run handed over before dying unsaved, found and put in the history by this one. */
  recovered: string[]
}

/** The run lock's lease: another run may take over a subject after this long. */
export const LOCK_TTL_MS = 10 * 60 * 1000
/**
 * No fetch starts later than this into a run. What is in flight then ends within its own
 * 15 s budget, extraction is bounded per document, and the saves follow: all well inside the
 * lease, so a second run never takes over a live one.
 */
export const RUN_BUDGET_MS = 7 * 60 * 1000
/** Claims the ledger keeps; beyond it, it is cut to `KEEP_AFTER_CUT` (so cuts are rare). */
const MAX_CLAIMS = 4000
const KEEP_AFTER_CUT = 3500
const MAX_REPORTED = 1000

function newState(at: string): PipelineState {
  return { version: 0, createdAt: at, updatedAt: at, facts: emptyFacts(), claims: [], fetch: {}, feeds: {}, reported: [], history: [] }
}

/**
 * Adds claims not seen before; returns how many were new and whether the ledger was cut. Old
 * claims stay (absence is not evidence) until the cap; new ones go at the end, so between cuts
 * the ledger only grows and its sealed shards never change.
 */
function addToLedger(ledger: Claim[], found: Claim[]): { added: number; compacted: boolean } {
  const keys = new Set(ledger.map(claimLedgerKey))
  let added = 0
  for (const c of found) {
    const key = claimLedgerKey(c)
    if (keys.has(key)) continue
    keys.add(key)
    ledger.push(c)
    added++
  }
  if (ledger.length <= MAX_CLAIMS) return { added, compacted: false }
  // Forget the weakest, oldest claims first.
  ledger.sort((a, b) => CERTAINTY_RANK[b.certainty] - CERTAINTY_RANK[a.certainty] || (b.published ?? '').localeCompare(a.published ?? ''))
  ledger.length = KEEP_AFTER_CUT
  return { added, compacted: true }
}

/**
 * Stamps `lastChangeAt` on the configured sources behind material changes (a feed is credited
 * for the articles it listed), so maintainers can see which sources still bring news.
 */
function creditSources(memory: Record<string, FetchMemory>, feeds: PipelineState['feeds'], sources: Source[], material: Change[], at: string): Record<string, FetchMemory> {
  const owner = new Map<string, string>()
  for (const s of sources) {
    if (s.kind === 'page') owner.set(s.url, s.url)
    else for (const item of Object.values(feeds[s.id] ?? {})) owner.set(item.url, s.url)
  }
  const out = { ...memory }
  for (const url of new Set(material.flatMap((c) => c.sources))) {
    const src = owner.get(url)
    if (src) out[src] = { ...(out[src] ?? { failures: 0 }), lastChangeAt: at }
  }
  return out
}

/**
 * One cron run: sources → fetch → extract → merge → diff → notify → save. Reads state once,
 * writes it at most once (only when something changed), and hands material changes to the
 * notifier at most once, even across a crash (`hand-over.ts`). It saves the public view before
 * the state, and rewrites a view a failed write left behind. It starts no fetch after
 * `RUN_BUDGET_MS`, so it ends inside its lock's lease. The first run of a fresh install is a
 * silent baseline.
 */
export async function runCron(deps: RunDeps): Promise<RunReport> {
  const now = deps.now()
  const at = now.toISOString()
  const lockName = `cron:${deps.slug}`
  const token = deps.lock ? await deps.lock.acquire(lockName, LOCK_TTL_MS, now, deps.lockOwner) : 'none'
  if (token === null) {
    deps.log?.({ event: 'run-skipped', reason: 'another run holds the lock', at })
    return { at, skipped: true, baseline: false, changes: [], email: null, failed: [], facts: emptyFacts(), wrote: false, held: null, deferred: [], recovered: [] }
  }
  try {
    return await runLocked(deps, now)
  } finally {
    if (deps.lock && token !== 'none') await deps.lock.release(lockName, token)
  }
}

async function runLocked(deps: RunDeps, now: Date): Promise<RunReport> {
  const at = now.toISOString()
  const loaded = await loadState(deps.kv, { slug: deps.slug, legacy: deps.legacyState === true })
  if (!loaded && deps.expectState) throw new Error(`the state of ${deps.slug} is not readable yet; not starting a new baseline over it`)
  const baseline = loaded === null
  const state: PipelineState = loaded ? { ...newState(at), ...loaded.state } : newState(at)
  const sources = deps.sources.filter((s) => s.enabled)

  const collected = await collectClaims({
    sources,
    fetchMemory: state.fetch,
    feeds: state.feeds,
    subject: deps.subject,
    matcher: createSubjectMatcher(deps.subject),
    fetch: deps.fetch,
    ...(deps.urlRules ? { urlRules: deps.urlRules } : {}),
    ...(deps.fetchTimeoutMs ? { timeoutMs: deps.fetchTimeoutMs } : {}),
    now,
    baseline,
    stopAt: now.getTime() + (deps.runBudgetMs ?? RUN_BUDGET_MS),
    clock: () => deps.now().getTime(),
    ...(deps.log ? { log: deps.log } : {}),
  })
  await deps.onStep?.('fetched')

  const ledger = [...state.claims]
  const { added, compacted } = addToLedger(ledger, collected.claims)
  const editorial = deps.editorial
  // Editorial exclusions filter what counts before merge; the ledger itself keeps every claim.
  const counted = filterLedger(ledger, { rules: editorial?.rules ?? [], unreliable: unreliableUrls(deps.sources, collected.feeds) })
  const prevFacts = editorial ? applyDecisions(state.facts, editorial.decisions) : state.facts
  const facts = mergeFacts(prevFacts, counted, { today: at.slice(0, 10), subject: deps.subject })
  const review = editorial?.review
  const holdFor = (material: Change[]): HeldChange[] => toHeldChanges(prevFacts, facts, material)
  // Hand over before saving (a crash in between re-sends nothing: see hand-over.ts). In review
  // mode `hold` the edition is held for a maintainer instead of sent.
  const { changes, material, email, history, reported, recovered, heldId } = await handOverChanges({
    notifier: deps.notifier,
    slug: deps.slug,
    at,
    state,
    changes: diffFacts(prevFacts, facts, { baseline, reported: new Set(state.reported) }),
    facts,
    // One email per subscriber choice (everything; only the release date and trailers), not per person.
    render: (changes) => renderEditionEmails({ changes, facts, slug: deps.slug, showTitle: deps.subject.show, season: deps.subject.season, publicUrl: deps.publicUrl ?? '' }),
    ...(editorial && review?.mode === 'hold'
      ? {
          hold: async (id: string, material: Change[]) => {
            const holdUntil = review.holdHours === null ? null : new Date(now.getTime() + review.holdHours * 3_600_000).toISOString()
            await editorial.hold({ id, at, holdUntil, changes: holdFor(material) })
          },
        }
      : {}),
  })
  const held = heldId ? holdFor(material) : null
  await deps.onStep?.('notified')
  if (editorial) await alertFailingSources(editorial, sources, state.fetch, collected.fetchMemory, deps.log)

  const fetchMemory = material.length > 0 ? creditSources(collected.fetchMemory, collected.feeds, sources, material, at) : collected.fetchMemory
  // A material change is a change of facts, so it is covered by factsChanged.
  const factsChanged = !sameJson(facts, state.facts)
  const viewBehind = !baseline && isViewBehind(state)
  const wrote = baseline || collected.dirty || added > 0 || factsChanged || viewBehind
  if (wrote) {
    const version = state.version + 1
    const factsVersion = baseline || factsChanged ? version : (state.factsVersion ?? state.version)
    let viewVersion = state.viewVersion
    // The view first, then the state that records it: if the view write fails, nothing is
    // saved and the retry does both; if the state write fails, the view is merely early.
    if (baseline || factsChanged || viewBehind) {
      // Changes still held for review stay off the public pages until they are approved.
      const pending = editorial ? (held ? [held, ...editorial.pending] : editorial.pending) : []
      const view: PublicView = { version, updatedAt: at, facts: pending.length > 0 ? revertChanges(facts, pending) : facts, history }
      await savePublicView(deps.kv, deps.slug, view)
      await deps.viewSaved?.(view)
      viewVersion = version
      await deps.onStep?.('view-saved')
    }
    const next: PipelineState = {
      ...state,
      version,
      updatedAt: at,
      facts,
      claims: ledger,
      fetch: fetchMemory,
      feeds: collected.feeds,
      reported: [...reported].slice(-MAX_REPORTED),
      history,
      factsVersion,
      ...(viewVersion !== undefined ? { viewVersion } : {}),
    }
    await saveState(deps.kv, deps.slug, loaded, next, { compacted })
    await deps.onStep?.('state-saved')
  }
  const summary = await keepRunReport(deps, {
    at,
    baseline,
    collected,
    newClaims: added,
    // `reported` includes what a crashed run handed over: those changes read as known. What merge
    // saw: the claims that count and the facts after editorial decisions.
    findings: explainFindings({ found: collected.claims, ledger: counted, before: prevFacts, after: facts, changes, baseline, reported, held: heldId !== null, subject: deps.subject }),
    heldEdition: heldId,
  })
  deps.log?.({ event: 'run', subject: deps.slug, at, baseline, claims: ledger.length, counted: counted.length, sources: sources.length, parsed: collected.parsed, newClaims: added, changes: changes.length, material: material.length, held: heldId !== null, failed: collected.failed.length, deferred: collected.deferred.length, recovered, wrote })
  return { at, skipped: false, baseline, changes, email, failed: collected.failed, facts, wrote, held: heldId, summary, deferred: collected.deferred, recovered }
}

/** Builds the run's report and keeps it; a report that cannot be kept is logged, never fails the run. */
async function keepRunReport(deps: RunDeps, input: Parameters<typeof summarizeRun>[0]): Promise<RunSummary> {
  const summary = summarizeRun(input)
  await deps.reports?.save(deps.slug, summary).catch((err: unknown) => deps.log?.({ event: 'run-report', level: 'error', subject: deps.slug, error: String(err) }))
  return summary
}

/**
 * Reports sources that reached the failure threshold in this run (below it before, at or above
 * it now): once per failure streak, since the count only passes the threshold once until a
 * success resets it. A failing alert is logged, never the run's failure.
 */
async function alertFailingSources(editorial: RunEditorial, sources: Source[], before: Record<string, FetchMemory>, after: Record<string, FetchMemory>, log: RunDeps['log']): Promise<void> {
  const threshold = editorial.failureThreshold
  const failing: FailingSource[] = sources.flatMap((s) => {
    const was = before[s.url]?.failures ?? 0
    const mem = after[s.url]
    if (!mem || was >= threshold || mem.failures < threshold) return []
    return [{ id: s.id, url: s.url, failures: mem.failures, lastError: mem.lastError ?? null, lastOkAt: mem.lastOkAt ?? null }]
  })
  if (failing.length === 0) return
  await editorial.alertFailing(failing).catch((err: unknown) => log?.({ event: 'alert.failed', level: 'error', kind: 'source-failing', error: String(err) }))
}
