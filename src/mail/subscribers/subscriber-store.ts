import type { SeasonChoice } from './choices'
import { applyChoicesStatements, eraseSeasonlessStatement, listSubscriptions, SEASONS_CARRIED_OVER, type Subscription } from './subscription-store'

/**
 * The subscribers table in D1. Every state change is one conditional statement, so two
 * requests racing on the same row can never leave it half-updated.
 */
export type SubscriberStatus = 'pending' | 'active' | 'unsubscribed' | 'bounced'

/**
 * Why a subscriber left, kept (without the address) for the operator's numbers: `no-seasons`
 * when the last season they followed was removed by a maintainer.
 */
export type LeaveReason = 'user' | 'one-click' | 'complaint' | 'bounce' | 'no-seasons'

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
 * Inserts a pending subscriber with its first confirmation counted. It follows no season yet:
 * the seasons it asked for travel in the signed confirmation link and are applied when it
 * confirms. Returns null when the address already has a row (a concurrent request won the race).
 */
export async function insertPending(db: D1Database, email: string, now: Date): Promise<Subscriber | null> {
  const t = now.toISOString()
  return db
    .prepare(
      `INSERT INTO subscribers (email, status, created_at, updated_at, confirm_sends, confirm_sent_at)
       VALUES (?1, 'pending', ?2, ?2, 1, ?2)
       ON CONFLICT (email) DO NOTHING
       RETURNING ${COLUMNS}`,
    )
    .bind(email, t)
    .first<Subscriber>()
}

/**
 * Counts one more confirmation email for a pending subscriber (or, for an active one, an email
 * confirming added seasons), if `expectSends` still matches (so two concurrent requests cannot
 * both send). An active subscriber's count starts over once its last such email is older than
 * `restartAfterMs`. Returns the new send number or null.
 */
export async function countConfirmResend(db: D1Database, id: number, expectSends: number, now: Date, restartAfterMs = Infinity): Promise<number | null> {
  const t = now.toISOString()
  const restartBefore = Number.isFinite(restartAfterMs) ? new Date(now.getTime() - restartAfterMs).toISOString() : ''
  const row = await db
    .prepare(
      `UPDATE subscribers SET
         confirm_sends = CASE WHEN status = 'active' AND confirm_sent_at < ?4 THEN 1 ELSE confirm_sends + 1 END,
         confirm_sent_at = ?3, updated_at = ?3
       WHERE id = ?1 AND status IN ('pending', 'active') AND confirm_sends = ?2
       RETURNING confirm_sends`,
    )
    .bind(id, expectSends, t, restartBefore)
    .first<{ confirm_sends: number }>()
  return row?.confirm_sends ?? null
}

/** What a confirm link did. */
export interface ConfirmResult {
  /** The subscriber's status afterwards (null when there is no such row). */
  status: SubscriberStatus | null
  /** The seasons followed afterwards. */
  subscriptions: Subscription[]
}

/**
 * pending → active, and the seasons the link carries applied (added, or their choice changed),
 * in one transaction; for an already active subscriber only the seasons. Seasons whose subject
 * was removed or paused meanwhile are skipped; a subscriber then left with none is erased.
 */
export async function confirmSubscriber(db: D1Database, id: number, choices: readonly SeasonChoice[], now: Date): Promise<ConfirmResult> {
  const t = now.toISOString()
  const statements = [
    db
      .prepare(
        `UPDATE subscribers SET status = 'active', confirmed_at = ?2, updated_at = ?2, confirm_sends = 0
         WHERE id = ?1 AND status = 'pending'`,
      )
      .bind(id, t),
    ...applyChoicesStatements(db, id, choices, now),
  ]
  // A link with seasons whose subjects are all gone would leave someone following nothing.
  if (choices.length > 0) {
    statements.push(
      db
        .prepare(
          `UPDATE subscribers SET status = 'unsubscribed', reason = 'no-seasons', email = NULL, left_at = ?2, updated_at = ?2
           WHERE id = ?1 AND status = 'active' AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE subscriber_id = ?1)
             AND ${SEASONS_CARRIED_OVER}`,
        )
        .bind(id, t),
    )
  }
  await db.batch(statements)
  const [row, subscriptions] = await Promise.all([
    db.prepare('SELECT status FROM subscribers WHERE id = ?1').bind(id).first<{ status: SubscriberStatus }>(),
    listSubscriptions(db, id),
  ])
  return { status: row?.status ?? null, subscriptions }
}

/**
 * pending/active → unsubscribed from everything, erasing the address at once (nothing more is
 * ever sent to it) and its seasons. Idempotent: an already-left or unknown id changes nothing.
 */
export async function unsubscribe(db: D1Database, id: number, reason: LeaveReason, now: Date): Promise<boolean> {
  const t = now.toISOString()
  const [res] = await db.batch([
    db
      .prepare(
        `UPDATE subscribers SET status = 'unsubscribed', reason = ?2, email = NULL, left_at = ?3, updated_at = ?3
         WHERE id = ?1 AND status IN ('pending', 'active')`,
      )
      .bind(id, reason, t),
    db.prepare('DELETE FROM subscriptions WHERE subscriber_id = ?1').bind(id),
  ])
  return (res?.meta.changes ?? 0) > 0
}

/**
 * Applies a Resend webhook to an address: a bounce suppresses it for good (only its HMAC is
 * kept), a complaint unsubscribes it. Returns how many rows changed.
 */
export async function markAddress(db: D1Database, email: string, event: 'bounce' | 'complaint', suppressHash: string, now: Date): Promise<number> {
  const t = now.toISOString()
  // A left address follows nothing: its seasons go with it (the row itself stays a while).
  await db.prepare('DELETE FROM subscriptions WHERE subscriber_id IN (SELECT id FROM subscribers WHERE email = ?1)').bind(email).run()
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

/**
 * Deletes what the retention policy says is no longer needed, and erases active subscribers
 * whose last season was removed. Cheap: indexed range deletes.
 */
export async function purgeExpired(db: D1Database, now: Date): Promise<void> {
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString()
  await db.batch([
    db.prepare(`DELETE FROM subscribers WHERE status = 'pending' AND updated_at < ?1`).bind(ago(RETENTION.pendingDays)),
    db.prepare(`DELETE FROM subscribers WHERE status = 'unsubscribed' AND left_at < ?1`).bind(ago(RETENTION.leftDays)),
    db.prepare(`DELETE FROM subscribers WHERE status = 'bounced' AND left_at < ?1`).bind(ago(RETENTION.bouncedDays)),
    db.prepare(`DELETE FROM outbox WHERE created_at < ?1`).bind(ago(RETENTION.outboxDays)),
    eraseSeasonlessStatement(db, now),
  ])
}
