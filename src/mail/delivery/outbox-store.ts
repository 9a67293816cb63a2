import type { MailSender, OutgoingEmail, SendOptions } from './mail-types'

/** One email in the local outbox, as the `/outbox` pages show it. */
export interface OutboxEntry {
  id: number
  kind: string
  /** The From header (null for emails written before it was kept). */
  from: string | null
  to: string
  subject: string
  text: string
  html: string
  headers: Record<string, string>
  createdAt: string
}

// Aliased to the entry's field names; only the headers need decoding.
const COLUMNS = 'id, kind, from_addr AS "from", to_addr AS "to", subject, text, html, headers_json AS headers, created_at AS createdAt'

type OutboxRow = Omit<OutboxEntry, 'headers'> & { headers: string }

function toEntry(row: OutboxRow): OutboxEntry {
  return { ...row, headers: JSON.parse(row.headers) as Record<string, string> }
}

/**
 * The outbox sender: used when RESEND_API_KEY is unset, so the whole flow works offline.
 * Each email gets a dedupe key (`key#recipient`), and the inserts run as one D1 batch, so a
 * redelivered message writes nothing twice, exactly like Resend's idempotency key.
 */
export function outboxSender(db: D1Database, now: () => Date = () => new Date()): MailSender {
  return {
    async sendBatch(emails: OutgoingEmail[], { key, kind }: SendOptions) {
      if (emails.length === 0) return { kind: 'sent', ids: [] }
      const at = now().toISOString()
      const stmt = db.prepare(
        `INSERT INTO outbox (dedupe_key, kind, from_addr, to_addr, subject, text, html, headers_json, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (dedupe_key) DO NOTHING`,
      )
      await db.batch(emails.map((e) => stmt.bind(`${key}#${e.to}`, kind, e.from, e.to, e.subject, e.text, e.html, JSON.stringify(e.headers ?? {}), at)))
      return { kind: 'sent', ids: emails.map((e) => `outbox:${key}#${e.to}`) }
    },
  }
}

/** Newest first; `to` narrows to one address (what the e2e test looks for). */
export async function listOutbox(db: D1Database, opts: { limit?: number; to?: string } = {}): Promise<OutboxEntry[]> {
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200)
  const { results } = opts.to
    ? await db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE to_addr = ?1 ORDER BY id DESC LIMIT ?2`).bind(opts.to, limit).all<OutboxRow>()
    : await db.prepare(`SELECT ${COLUMNS} FROM outbox ORDER BY id DESC LIMIT ?1`).bind(limit).all<OutboxRow>()
  return results.map(toEntry)
}

/** One outbox email, or null. */
export async function readOutboxEntry(db: D1Database, id: number): Promise<OutboxEntry | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM outbox WHERE id = ?1`).bind(id).first<OutboxRow>()
  return row ? toEntry(row) : null
}
