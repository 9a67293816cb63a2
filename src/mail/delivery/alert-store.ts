/**
 * Maintainer alerts in D1 (`maintainer_alerts`): recorded once per event (the id is the dedupe
 * key), then sent by the email Queue consumer like any other job. The rendered content and the
 * recipients are fixed when the alert is recorded, so a retried send is byte-identical (Resend
 * then replays rather than sends twice).
 */

export type AlertKind = 'held' | 'source-failing' | 'run-failed'

/** A new alert, rendered. */
export interface NewAlert {
  /** Dedupe key: `held/<edition>`, `source/<slug>/<id>/<streak>`, `run/<slug>/<at>`. */
  id: string
  kind: AlertKind
  slug: string | null
  to: string[]
  subject: string
  text: string
  html: string
}

/** An alert as stored. */
export interface AlertRecord extends NewAlert {
  createdAt: string
  sentAt: string | null
  error: string | null
}

/** Where the consumer reads alerts and marks them sent. */
export interface AlertStore {
  get(id: string): Promise<AlertRecord | null>
  settle(id: string, now: Date, error: string | null): Promise<void>
}

interface AlertRow {
  id: string
  kind: AlertKind
  subject_slug: string | null
  to_json: string
  subject: string
  text: string
  html: string
  created_at: string
  sent_at: string | null
  error: string | null
}

/** Records an alert; a repeated id changes nothing. True when it was new. */
export async function recordAlert(db: D1Database, alert: NewAlert, now: Date): Promise<boolean> {
  const row = await db
    .prepare(
      `INSERT INTO maintainer_alerts (id, kind, subject_slug, to_json, subject, text, html, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
    )
    .bind(alert.id, alert.kind, alert.slug, JSON.stringify(alert.to), alert.subject, alert.text, alert.html, now.toISOString())
    .first()
  return row !== null
}

/** Alerts recorded before `before` and never settled (a crash between recording and enqueueing). */
export async function listUnsentAlerts(db: D1Database, before: Date, limit = 20): Promise<string[]> {
  const { results } = await db
    .prepare('SELECT id FROM maintainer_alerts WHERE sent_at IS NULL AND created_at < ?1 ORDER BY created_at LIMIT ?2')
    .bind(before.toISOString(), limit)
    .all<{ id: string }>()
  return results.map((r) => r.id)
}

/** The D1 alert store the consumer uses. */
export function d1AlertStore(db: D1Database): AlertStore {
  return {
    async get(id) {
      const row = await db.prepare('SELECT * FROM maintainer_alerts WHERE id = ?1').bind(id).first<AlertRow>()
      if (!row) return null
      const to = JSON.parse(row.to_json) as string[]
      return { id: row.id, kind: row.kind, slug: row.subject_slug, to, subject: row.subject, text: row.text, html: row.html, createdAt: row.created_at, sentAt: row.sent_at, error: row.error }
    },
    async settle(id, now, error) {
      await db.prepare('UPDATE maintainer_alerts SET sent_at = ?2, error = ?3 WHERE id = ?1 AND sent_at IS NULL').bind(id, now.toISOString(), error).run()
    },
  }
}
