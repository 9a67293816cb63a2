/**
 * The short report each run leaves for maintainers and the demo: the documents it read, the
 * claims it found, and for each finding why it was or was not sent (`explainFindings`). Built
 * from what the run already computed; bounded in entries and bytes, so a subject's last few
 * reports stay small wherever they are kept. Pure; `RunReportStore` is the storage edge.
 */
import type { Finding } from '../facts/explain-findings'
import type { CollectResult, DocumentRead } from './collect-claims'

/** Documents a report lists one by one (the counts cover them all). */
export const MAX_REPORT_DOCUMENTS = 25
/** Findings a report lists (sent ones first, so they are never the ones left out). */
export const MAX_REPORT_FINDINGS = 40
/** Upper bound of one stored report, JSON-encoded (a full report of 40 findings is about 25 KiB). */
export const MAX_REPORT_BYTES = 32 * 1024
/** Reports kept per subject, newest first. */
export const REPORTS_KEPT = 10
/** Evidence sentences are cut to this many characters in a report. */
const EVIDENCE_CHARS = 240
const ERROR_CHARS = 160

export interface RunReportCounts {
  /** Fetched and read: new or changed content. */
  new: number
  /** Answered 304, or the same bytes as last time: not read again. */
  unchanged: number
  failed: number
  /** Not tried this run (a Retry-After still running, or left to the next run at its deadline). */
  skipped: number
}

/** The edition a run held for review, and (filled in when a report is read) what became of it. */
export interface HeldInReport {
  edition: string
  /** Material changes it holds. */
  changes: number
  /** What a maintainer (or the hold window) decided, read from the held edition; absent when unknown. */
  outcome?: {
    status: 'held' | 'sent' | 'dropped'
    /** When and by whom it was decided (null while it waits). */
    at: string | null
    by: string | null
    /** `changeId`s of the changes dropped (never emailed). */
    dropped: string[]
  }
}

/** What one run saw and decided, as `/admin` and `/demo` show it. */
export interface RunSummary {
  at: string
  baseline: boolean
  documents: RunReportCounts
  /** The documents, failed ones first, at most `MAX_REPORT_DOCUMENTS`. */
  read: DocumentRead[]
  claims: {
    /** Claims this run's documents yielded. */
    found: number
    /** Of those, claims the ledger had not seen. */
    new: number
  }
  /** Material changes sent (what an email is about). */
  sent: number
  /**
   * The edition this run held for review instead of sending (review mode `hold`), with how many
   * material changes it holds; null when nothing was held. Whether a maintainer then sent or
   * dropped them is read from the held edition when the report is shown. (Absent in reports
   * kept before it existed.)
   */
  held?: HeldInReport | null
  findings: Finding[]
  /** Entries left out to stay within the bounds. */
  omitted: { documents: number; findings: number }
}

export interface SummaryInput {
  at: string
  baseline: boolean
  collected: Pick<CollectResult, 'documents' | 'claims'>
  newClaims: number
  findings: Finding[]
  /** The id of the edition the run held for review, if it held one. */
  heldEdition?: string | null
}

const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`)

const OUTCOME_ORDER: Record<DocumentRead['outcome'], number> = { failed: 0, new: 1, skipped: 2, unchanged: 3 }

/** Builds a run's report from what the run computed, within the entry and byte bounds. */
export function summarizeRun(input: SummaryInput): RunSummary {
  const docs = input.collected.documents
  const documents: RunReportCounts = { new: 0, unchanged: 0, failed: 0, skipped: 0 }
  for (const d of docs) documents[d.outcome]++
  const read = [...docs]
    .sort((a, b) => OUTCOME_ORDER[a.outcome] - OUTCOME_ORDER[b.outcome])
    .slice(0, MAX_REPORT_DOCUMENTS)
    .map((d) => (d.error ? { ...d, error: cut(d.error, ERROR_CHARS) } : d))
  const findings = input.findings.slice(0, MAX_REPORT_FINDINGS).map((f) => ({ ...f, evidence: f.evidence === null ? null : cut(f.evidence, EVIDENCE_CHARS) }))
  const summary: RunSummary = {
    at: input.at,
    baseline: input.baseline,
    documents,
    read,
    claims: { found: input.collected.claims.length, new: input.newClaims },
    sent: input.findings.filter((f) => f.reason === 'sent').length,
    held: input.heldEdition ? { edition: input.heldEdition, changes: input.findings.filter((f) => f.reason === 'held').length } : null,
    findings,
    omitted: { documents: docs.length - read.length, findings: input.findings.length - findings.length },
  }
  return fitBytes(summary, MAX_REPORT_BYTES)
}

/**
 * Drops listed entries from the end until the JSON fits `maxBytes`: documents down to a few,
 * then findings down to a few, then the rest. The counts stay whole, and the first entries
 * (failed documents, sent and held findings) go last.
 */
export function fitBytes(summary: RunSummary, maxBytes: number): RunSummary {
  const size = (s: RunSummary) => new TextEncoder().encode(JSON.stringify(s)).length
  let s = summary
  const phases: ['read' | 'findings', number][] = [
    ['read', 5],
    ['findings', 10],
    ['read', 0],
    ['findings', 0],
  ]
  for (const [list, floor] of phases) {
    while (size(s) > maxBytes && s[list].length > floor) {
      const omitted = list === 'read' ? { ...s.omitted, documents: s.omitted.documents + 1 } : { ...s.omitted, findings: s.omitted.findings + 1 }
      s = { ...s, [list]: s[list].slice(0, -1), omitted }
    }
  }
  return s
}

/** Where a subject's recent run reports are kept (D1 in the Worker: `run-report-store.ts` beside this file). */
export interface RunReportStore {
  /** Keeps `summary` as the subject's newest report, dropping any beyond the last `REPORTS_KEPT`. */
  save(slug: string, summary: RunSummary): Promise<void>
}
