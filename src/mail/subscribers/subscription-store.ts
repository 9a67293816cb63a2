/**
 * Which seasons each subscriber follows, and with which choice (D1 `subscriptions`). Every change
 * is one D1 batch (one transaction), and the statement that erases a subscriber whose last
 * season went is part of the same batch, so nobody is ever left subscribed to nothing.
 */
import type { SubjectStatus } from '../../store/subject-store'
import { isChoice, type Choice, type SeasonChoice } from './choices'
import type { LeaveReason } from './subscriber-store'

/** One season a subscriber follows, as the manage and unsubscribe pages show it. */
export interface Subscription {
  slug: string
  choice: Choice
  show: string
  season: number
  /** The subject's status: a paused one is kept but not checked. */
  status: SubjectStatus
}

/** A subscriber's seasons, in the subjects' order. */
export async function listSubscriptions(db: D1Database, subscriberId: number): Promise<Subscription[]> {
  const { results } = await db
    .prepare(
      `SELECT s.subject_slug AS slug, s.choice, j.show, j.season, j.status FROM subscriptions s
       JOIN subjects j ON j.slug = s.subject_slug
       WHERE s.subscriber_id = ?1 ORDER BY j.seq`,
    )
    .bind(subscriberId)
    .all<Subscription>()
  return results.filter((r) => isChoice(r.choice))
}

/**
 * Upserts of `choices` for subscriber `id`: only subjects that exist, and (when `onlyActiveSubjects`)
 * only active ones. A new row is stamped `now`; a changed choice keeps its row's time (it was
 * followed all along, so the snapshot rule still counts it).
 */
function upsertStatements(db: D1Database, id: number, choices: readonly SeasonChoice[], now: Date, guard: string): D1PreparedStatement[] {
  const t = now.toISOString()
  return choices.map((c) =>
    db
      .prepare(
        `INSERT INTO subscriptions (subscriber_id, subject_slug, choice, created_at)
         SELECT ?1, j.slug, ?3, ?4 FROM subjects j WHERE j.slug = ?2 AND ${guard}
         ON CONFLICT (subscriber_id, subject_slug) DO UPDATE SET choice = excluded.choice`,
      )
      .bind(id, c.slug, c.choice, t),
  )
}

/** The guard that a subscriber is (still) active, for statements bound with the id as ?1. */
const SUBSCRIBER_ACTIVE = `EXISTS (SELECT 1 FROM subscribers WHERE id = ?1 AND status = 'active')`

/**
 * Erases a pending or active subscriber who follows nothing any more: status `unsubscribed`,
 * address gone (the retention rules then delete the row after 30 days). Bound: ?1 id, ?2 reason, ?3 time.
 */
function eraseIfNoSeasons(db: D1Database, id: number, reason: LeaveReason, now: Date): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE subscribers SET status = 'unsubscribed', reason = ?2, email = NULL, left_at = ?3, updated_at = ?3
       WHERE id = ?1 AND status IN ('pending', 'active')
         AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE subscriber_id = ?1)`,
    )
    .bind(id, reason, now.toISOString())
}

/**
 * Adds (or changes the choice of) seasons for an active subscriber, as a confirmed request
 * asked: subjects removed or paused meanwhile are skipped. Nothing happens unless the
 * subscriber is active.
 */
export function applyChoicesStatements(db: D1Database, id: number, choices: readonly SeasonChoice[], now: Date): D1PreparedStatement[] {
  return upsertStatements(db, id, choices, now, `j.status = 'active' AND ${SUBSCRIBER_ACTIVE}`)
}

/** How a change of seasons went. */
export interface SeasonsResult {
  /** The seasons followed afterwards. */
  subscriptions: Subscription[]
  /** True when nothing is followed any more: the address was erased. */
  erased: boolean
}

/**
 * The manage page's save: the subscriber follows exactly `choices` afterwards. New seasons must
 * be active subjects; a paused one already followed may be kept (and its choice changed). An
 * empty list leaves every season and erases the address.
 */
export async function setSubscriptions(db: D1Database, id: number, choices: readonly SeasonChoice[], now: Date): Promise<SeasonsResult> {
  const keep = choices.map((c) => c.slug)
  const placeholders = keep.map((_, i) => `?${i + 2}`).join(', ')
  const remove = keep.length
    ? db.prepare(`DELETE FROM subscriptions WHERE subscriber_id = ?1 AND subject_slug NOT IN (${placeholders})`).bind(id, ...keep)
    : db.prepare('DELETE FROM subscriptions WHERE subscriber_id = ?1').bind(id)
  const kept = `${SUBSCRIBER_ACTIVE} AND (j.status = 'active' OR EXISTS (SELECT 1 FROM subscriptions o WHERE o.subscriber_id = ?1 AND o.subject_slug = j.slug))`
  await db.batch([remove, ...upsertStatements(db, id, choices, now, kept), eraseIfNoSeasons(db, id, 'user', now)])
  return readResult(db, id)
}

/** How many people follow a season (what removing it would end). */
export async function countFollowers(db: D1Database, slug: string): Promise<number> {
  const row = await db.prepare('SELECT COUNT(*) AS n FROM subscriptions WHERE subject_slug = ?1').bind(slug).first<{ n: number }>()
  return row?.n ?? 0
}

/**
 * Leaves one season (an unsubscribe link of that season, or RFC 8058 one-click). When it was the
 * last one, the address is erased in the same transaction. Idempotent.
 */
export async function leaveSeason(db: D1Database, id: number, slug: string, reason: LeaveReason, now: Date): Promise<SeasonsResult & { left: boolean }> {
  const [removed] = await db.batch([
    db.prepare('DELETE FROM subscriptions WHERE subscriber_id = ?1 AND subject_slug = ?2').bind(id, slug),
    eraseIfNoSeasons(db, id, reason, now),
  ])
  return { ...(await readResult(db, id)), left: (removed?.meta.changes ?? 0) > 0 }
}

async function readResult(db: D1Database, id: number): Promise<SeasonsResult> {
  const [subscriptions, row] = await Promise.all([
    listSubscriptions(db, id),
    db.prepare('SELECT status FROM subscribers WHERE id = ?1').bind(id).first<{ status: string }>(),
  ])
  return { subscriptions, erased: !row || (row.status !== 'active' && row.status !== 'pending') }
}

/**
 * True once the layout migration subscribed the single-subject install's subscribers to its
 * first subject (`src/worker/migrate-layout.ts`). Before that, an active subscriber with no
 * season is not seasonless, just not carried over yet, and must not be erased.
 */
export const SEASONS_CARRIED_OVER = `EXISTS (SELECT 1 FROM layout_migrations WHERE name = 'd1-v1')`

/**
 * Erases active subscribers left with no season (their last subject was removed by a
 * maintainer). Part of the retention sweep.
 */
export function eraseSeasonlessStatement(db: D1Database, now: Date): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE subscribers SET status = 'unsubscribed', reason = 'no-seasons', email = NULL, left_at = ?1, updated_at = ?1
       WHERE status = 'active' AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE subscriber_id = subscribers.id)
         AND ${SEASONS_CARRIED_OVER}`,
    )
    .bind(now.toISOString())
}
