/**
 * The subscribers table in D1. Every state change is one conditional statement, so two
 * requests racing on the same row can never leave it half-updated.
 */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced'

/** Why a subscriber left, kept (without the address) for the operator's numbers. */
export type LeaveReason = 'user' | 'one-click' | 'complaint' | 'bounce'

export interface Subscriber {
  id: number
  email: string | null
  status: SubscriberStatus
  createdAt: string
  confirmedAt: string | null
  confirmSends: number
  confirmSentAt: string | null
}

/** The columns of a Subscriber, aliased to its field names so a row needs no mapping. */
const COLUMNS = 'id, email, status, created_at AS createdAt, confirmed_at AS confirmedAt, confirm_sends AS confirmSends, confirm_sent_at AS confirmSentAt'

/** Looks a subscriber up by id. */
export async function findSubscriberById(db: D1Database, id: number): Promise<Subscriber | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE id = ?1`).bind(id).first<Subscriber>()
}

/** Looks a subscriber up by (normalised) address; only pending and active rows keep one. */
export async function findSubscriberByEmail(db: D1Database, email: string): Promise<Subscriber | null> {
  return db.prepare(`SELECT ${COLUMNS} FROM subscribers WHERE email = ?1`).bind(email).first<Subscriber>()
}

/** True when the address bounced before (its HMAC is on the suppression list). */
export async function isSuppressed(db: D1Database, suppressHash: string): Promise<boolean> {
  const row = await db.prepare(`SELECT 1 AS x FROM subscribers WHERE suppress_hash = ?1 LIMIT 1`).bind(suppressHash).first()
  return row !== null
}

/**
 * Inserts a pending subscriber with its first confirmation counted, subscribed to the first
 * subject with every change (until the form lets people choose). Returns null when the address
 * already has a row (a concurrent request won the race).
 */
export async function insertPending(db: D1Database, email: string, now: Date): Promise<Subscriber | null> {
  const t = now.toISOString()
  const [inserted] = await db.batch<Subscriber>([
    db
      .prepare(
        `INSERT INTO subscribers (email, status, created_at, updated_at, confirm_sends, confirm_sent_at)
         VALUES (?1, 'pending', ?2, ?2, 1, ?2)
         ON CONFLICT (email) DO NOTHING
         RETURNING ${COLUMNS}`,
      )
      .bind(email, t),
    db
      .prepare(
        `INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at)
         SELECT s.id, f.slug, 'all', ?2 FROM subscribers s, (SELECT slug FROM subjects ORDER BY seq LIMIT 1) f
         WHERE s.email = ?1 AND s.created_at = ?2
         ON CONFLICT DO NOTHING`,
      )
      .bind(email, t),
  ])
  return inserted?.results[0] ?? null
}

/**
 * Counts one more confirmation email for a pending subscriber, if `expectSends` still matches
 * (so two concurrent re-sends cannot both go out). Returns the new send number or null.
 */
export async function countConfirmResend(db: D1Database, id: number, expectSends: number, now: Date): Promise<number | null> {
  const t = now.toISOString()
  const row = await db
    .prepare(
      `UPDATE subscribers SET confirm_sends = confirm_sends + 1, confirm_sent_at = ?3, updated_at = ?3
       WHERE id = ?1 AND status = 'pending' AND confirm_sends = ?2
       RETURNING confirm_sends`,
    )
    .bind(id, expectSends, t)
    .first<{ confirm_sends: number }>()
  return row?.confirm_sends ?? null
}

/** pending → active. Returns the status after the call (null when there is no such row). */
export async function confirmSubscriber(db: D1Database, id: number, now: Date): Promise<SubscriberStatus | null> {
  const t = now.toISOString()
  // One round trip (and one transaction): the conditional update, then the row as it is now.
  const [, read] = await db.batch<{ status: SubscriberStatus }>([
    db
      .prepare(
        `UPDATE subscribers SET status = 'active', confirmed_at = ?2, updated_at = ?2, confirm_sends = 0
         WHERE id = ?1 AND status = 'pending'`,
      )
      .bind(id, t),
    db.prepare('SELECT status FROM subscribers WHERE id = ?1').bind(id),
  ])
  return read?.results[0]?.status ?? null
}

/**
 * pending/active → unsubscribed, erasing the address at once (nothing more is ever sent to it).
 * Idempotent: an already-left or unknown id changes nothing.
 */
export async function unsubscribe(db: D1Database, id: number, reason: LeaveReason, now: Date): Promise<boolean> {
  const t = now.toISOString()
  const res = await db
    .prepare(
      `UPDATE subscribers SET status = 'unsubscribed', reason = ?2, email = NULL, left_at = ?3, updated_at = ?3
       WHERE id = ?1 AND status IN ('pending', 'active')`,
    )
    .bind(id, reason, t)
    .run()
  return res.meta.changes > 0
}

/**
 * Applies a Resend webhook to an address: a bounce suppresses it for good (only its HMAC is
 * kept), a complaint unsubscribes it. Returns how many rows changed.
 */
export async function markAddress(db: D1Database, email: string, event: 'bounce' | 'complaint', suppressHash: string, now: Date): Promise<number> {
  const t = now.toISOString()
  const res =
    event === 'bounce'
      ? await db
          .prepare(
            `UPDATE subscribers SET status = 'bounced', reason = 'bounce', email = NULL, suppress_hash = ?2, left_at = ?3, updated_at = ?3
             WHERE email = ?1`,
          )
          .bind(email, suppressHash, t)
          .run()
      : await db
          .prepare(
            `UPDATE subscribers SET status = 'unsubscribed', reason = 'complaint', email = NULL, left_at = ?2, updated_at = ?2
             WHERE email = ?1 AND status IN ('pending', 'active')`,
          )
          .bind(email, t)
          .run()
  if (event === 'bounce' && res.meta.changes === 0) {
    // An address we no longer hold (or never held) still goes on the suppression list.
    await db
      .prepare(
        `INSERT INTO subscribers (email, suppress_hash, status, reason, created_at, updated_at, left_at)
         SELECT NULL, ?1, 'bounced', 'bounce', ?2, ?2, ?2
         WHERE NOT EXISTS (SELECT 1 FROM subscribers WHERE suppress_hash = ?1)`,
      )
      .bind(suppressHash, t)
      .run()
  }
  return res.meta.changes
}

/** Retention (README): what is deleted, and after how long. */
export const RETENTION = {
  /** Never-confirmed requests (counted from the last confirmation email). */
  pendingDays: 7,
  /** Rows of people who left (the address is already erased; the row keeps old links working). */
  leftDays: 30,
  /** Bounce suppression hashes. */
  bouncedDays: 365,
  /** Local outbox emails. */
  outboxDays: 7,
} as const

/** Deletes what the retention policy says is no longer needed. Cheap: indexed range deletes. */
export async function purgeExpired(db: D1Database, now: Date): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
  await db.batch([
    db.prepare(`DELETE FROM subscribers WHERE status = 'pending' AND updated_at < ?1`).bind(ago(RETENTION.pendingDays)),
    db.prepare(`DELETE FROM subscribers WHERE status = 'unsubscribed' AND left_at < ?1`).bind(ago(RETENTION.leftDays)),
    db.prepare(`DELETE FROM subscribers WHERE status = 'bounced' AND left_at < ?1`).bind(ago(RETENTION.bouncedDays)),
    db.prepare(`DELETE FROM outbox WHERE created_at < ?1`).bind(ago(RETENTION.outboxDays)),
  ])
}
