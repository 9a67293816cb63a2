import { sameJson } from '../../core/canonical-json'
import { claimLedgerKey, CERTAINTY_RANK } from '../../core/claim-key'
import { HISTORY_LIMIT, type PublicView } from '../../core/public-view'
import type { Change, Claim, Facts, Source, Subject } from '../../core/types'
import { changeId, diffFacts } from '../facts/diff-facts'
import { explainFindings } from '../facts/explain-findings'
import { createSubjectMatcher } from '../extract/subject-matcher'
import type { FetchRules } from '../fetch/guarded-fetch'
import { hashText } from '../fetch/hash'
import { emptyFacts, mergeFacts } from '../facts/merge-facts'
import type { Notifier, RenderedEmail } from '../../mail/delivery/notifier'
import { renderUpdateEmail } from '../../mail/render/render-email'
import type { KvLike } from '../../store/kv'
import { collectClaims } from './collect-claims'
import type { RunLock } from './lock'
import { summarizeRun, type RunReportStore, type RunSummary } from './run-report'
import type { FetchMemory, PipelineState } from './state'
import { loadState, savePublicView, saveState } from './state-store'

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
  /** Read the single-subject layout's keys while this subject has no state of its own. */
  legacyState?: boolean
  /**
   * A run saved state before (the Worker knows it from D1). Finding none then means KV has not
   * caught up yet, and the run fails (to be retried) instead of starting a fresh baseline over it.
   */
  expectState?: boolean
  /** Base URL for links in emails and the public view. */
  publicUrl?: string
  /** Where the run's report (documents, claims, why each finding was or was not sent) is kept; none: not kept. */
  reports?: RunReportStore
  log?: (event: Record<string, unknown>) => void
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
  /** What the run read and why each finding was or was not sent (absent when skipped). */
  summary?: RunSummary
}

const LOCK_TTL_MS = 10 * 60 * 1000
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

/** A stable edition id: the same material changes of the same subject always give the same id. */
async function editionId(slug: string, material: Change[]): Promise<string> {
  return (await hashText([slug, ...material.map(changeId).sort()].join('\n'))).slice(0, 24)
}

/**
 * One cron run: sources → fetch → extract → merge → diff → notify. Reads state once, writes it
 * at most once (only when something changed), and hands material changes to the notifier at most
 * once. The first run of a fresh install is a silent baseline.
 */
export async function runCron(deps: RunDeps): Promise<RunReport> {
  const now = deps.now()
  const at = now.toISOString()
  const lockName = `cron:${deps.slug}`
  const token = deps.lock ? await deps.lock.acquire(lockName, LOCK_TTL_MS, now) : 'none'
  if (token === null) {
    deps.log?.({ event: 'run-skipped', reason: 'another run holds the lock', at })
    return { at, skipped: true, baseline: false, changes: [], email: null, failed: [], facts: emptyFacts(), wrote: false }
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
    ...(deps.log ? { log: deps.log } : {}),
  })

  const ledger = [...state.claims]
  const { added, compacted } = addToLedger(ledger, collected.claims)
  const facts = mergeFacts(state.facts, ledger, { today: at.slice(0, 10), subject: deps.subject })
  const reported = new Set(state.reported)
  const changes = diffFacts(state.facts, facts, { baseline, reported })
  const material = changes.filter((c) => c.material)

  let email: RenderedEmail | null = null
  const history = [...state.history]
  if (material.length > 0) {
    email = renderUpdateEmail({ changes: material, facts, showTitle: deps.subject.show, season: deps.subject.season, publicUrl: deps.publicUrl ?? '' })
    const id = await editionId(deps.slug, material)
    // Notify before saving: the notifier ignores a repeated id, so a crash between the two
    // re-sends nothing, while saving first could lose the email.
    await deps.notifier.notify({ id, at, subject: deps.slug, changes: material, facts, email })
    history.unshift({ id, at, changes: material })
    history.length = Math.min(history.length, HISTORY_LIMIT)
    for (const c of material) reported.add(changeId(c))
  }

  const fetchMemory = material.length > 0 ? creditSources(collected.fetchMemory, collected.feeds, sources, material, at) : collected.fetchMemory
  // A material change is a change of facts, so it is covered by factsChanged.
  const factsChanged = !sameJson(facts, state.facts)
  const wrote = baseline || collected.dirty || added > 0 || factsChanged
  if (wrote) {
    const next: PipelineState = {
      ...state,
      version: state.version + 1,
      updatedAt: at,
      facts,
      claims: ledger,
      fetch: fetchMemory,
      feeds: collected.feeds,
      reported: [...reported].slice(-MAX_REPORTED),
      history,
    }
    await saveState(deps.kv, deps.slug, loaded, next, { compacted })
    if (baseline || factsChanged) {
      const view: PublicView = { version: next.version, updatedAt: at, facts, history }
      await savePublicView(deps.kv, deps.slug, view)
    }
  }
  const summary = await keepRunReport(deps, {
    at,
    baseline,
    collected,
    newClaims: added,
    findings: explainFindings({ found: collected.claims, ledger, before: state.facts, after: facts, changes, baseline, reported: new Set(state.reported), subject: deps.subject }),
  })
  deps.log?.({ event: 'run', subject: deps.slug, at, baseline, claims: ledger.length, sources: sources.length, parsed: collected.parsed, newClaims: added, changes: changes.length, material: material.length, failed: collected.failed.length, wrote })
  return { at, skipped: false, baseline, changes, email, failed: collected.failed, facts, wrote, summary }
}

/** Builds the run's report and keeps it; a report that cannot be kept is logged, never fails the run. */
async function keepRunReport(deps: RunDeps, input: Parameters<typeof summarizeRun>[0]): Promise<RunSummary> {
  const summary = summarizeRun(input)
  await deps.reports?.save(deps.slug, summary).catch((err: unknown) => deps.log?.({ event: 'run-report', level: 'error', subject: deps.slug, error: String(err) }))
  return summary
}
