/**
 * Each subject's recent run reports in D1 (`run_reports`, migrations/0008_run_reports.sql).
 * A run adds its report and drops the ones beyond the newest `REPORTS_KEPT` in one batch: one
 * D1 round trip per run, and no KV at all, so a quiet run (which writes no KV) keeps its report
 * too. Rows go with their subject (ON DELETE CASCADE).
 */
import { REPORTS_KEPT, type RunReportStore, type RunSummary } from './run-report'
import { getHeldEditions } from '../../store/editorial-store'

/** A stored report, newest first when listed. */
export interface StoredRunReport {
  id: number
  summary: RunSummary
}

/** The D1 store the Worker's runs save into. */
export function d1RunReports(db: D1Database, keep = REPORTS_KEPT): RunReportStore {
  return {
    async save(slug, summary) {
      await db.batch([
        db.prepare('INSERT INTO run_reports (subject_slug, at, body_json) VALUES (?1, ?2, ?3)').bind(slug, summary.at, JSON.stringify(summary)),
        db
          .prepare('DELETE FROM run_reports WHERE subject_slug = ?1 AND id NOT IN (SELECT id FROM run_reports WHERE subject_slug = ?1 ORDER BY id DESC LIMIT ?2)')
          .bind(slug, keep),
      ])
    },
  }
}

/** A subject's newest reports, newest first (unreadable rows are skipped). */
export async function listRunReports(db: D1Database, slug: string, limit = REPORTS_KEPT): Promise<StoredRunReport[]> {
  const { results } = await db
    .prepare('SELECT id, body_json AS body FROM run_reports WHERE subject_slug = ?1 ORDER BY id DESC LIMIT ?2')
    .bind(slug, Math.min(Math.max(limit, 1), 100))
    .all<{ id: number; body: string }>()
  const out: StoredRunReport[] = []
  for (const row of results) {
    try {
      out.push({ id: row.id, summary: JSON.parse(row.body) as RunSummary })
    } catch {
      // A row is written whole by one statement; a broken one is skipped rather than breaking the page.
    }
  }
  return withHeldOutcomes(db, out)
}

/**
 * Fills in what became of the editions runs held for review (sent, dropped, still waiting; by
 * whom, when; which changes were dropped), so a report never says "held" about news that went
 * out or was dropped since. One D1 query, only when a report held something.
 */
async function withHeldOutcomes(db: D1Database, reports: StoredRunReport[]): Promise<StoredRunReport[]> {
  const ids = [...new Set(reports.flatMap((r) => (r.summary.held ? [r.summary.held.edition] : [])))]
  if (ids.length === 0) return reports
  const held = new Map((await getHeldEditions(db, ids)).map((h) => [h.id, h]))
  return reports.map((r) => {
    const h = r.summary.held ? held.get(r.summary.held.edition) : undefined
    if (!h || !r.summary.held) return r
    const outcome = { status: h.status, at: h.decidedAt, by: h.decidedBy, dropped: h.dropped }
    return { ...r, summary: { ...r.summary, held: { ...r.summary.held, outcome } } }
  })
}

/** Forgets every subject's reports (the demo's reset). */
export async function clearRunReports(db: D1Database): Promise<void> {
  await db.prepare('DELETE FROM run_reports').run()
}
