/**
 * Where editions, their recipient batches and the recipients themselves are read and
 * written. The Worker uses D1 (`d1EditionStore`); the bench and Node tests use the in-memory
 * one, so the same notifier and consumer code runs everywhere.
 */

import { findSubscriberById, type Subscriber } from '../subscribers/subscriber-store'

/** Resend's batch API takes at most 100 emails per request. */
export const MAX_BATCH_SIZE = 100

export interface EditionRecord {
  id: string
  at: string
  snapshotAt: string
  subject: string
  text: string
  html: string
  batchCount: number | null
  enqueuedAt: string | null
}

export type BatchStatus = 'pending' | 'sending' | 'sent' | 'failed'

export interface BatchRecord {
  editionId: string
  batchIndex: number
  firstId: number
  lastId: number
  planned: number
  status: BatchStatus
  attempts: number
}

export interface Recipient {
  id: number
  email: string
}

/** A subscriber as the confirmation job needs it. */
export type ConfirmTarget = Pick<Subscriber, 'id' | 'email' | 'status' | 'confirmSends' | 'confirmSentAt'>

/** An edition as a later run recalls it (`EditionStore.listEditionsSince`). */
export interface RecalledEdition {
  id: string
  at: string
  changesJson: string
  enqueuedAt: string | null
}

/** What the notifier records: the edition before any batch exists. */
export type NewEdition = Omit<EditionRecord, 'batchCount' | 'enqueuedAt'> & { changesJson: string; subjectSlug?: string | null }

export interface EditionStore {
  /** Inserts the edition unless its id exists; returns the stored row either way. */
  recordEdition(edition: NewEdition, now: Date): Promise<EditionRecord>
  /**
   * Splits the recipients (active, confirmed at or before the snapshot) into id ranges of at
   * most `batchSize`, once: a second call keeps the first plan. Returns the batch count.
   */
  planBatches(editionId: string, batchSize: number): Promise<number>
  /** Indexes of batches not yet sent or failed. */
  listOpenBatches(editionId: string): Promise<number[]>
  markEnqueued(editionId: string, now: Date): Promise<void>
  /** Editions recorded before `before` whose batches were never all handed to the Queue. */
  listUnenqueued(before: Date): Promise<string[]>
  /** The subject's editions with a run time (`at`) after `since`, oldest first (a crashed run's memory). */
  listEditionsSince(subjectSlug: string, since: string): Promise<RecalledEdition[]>

  getEdition(id: string): Promise<EditionRecord | null>
  getBatch(editionId: string, batchIndex: number): Promise<BatchRecord | null>
  /** Takes the batch for sending; false when it is sent, failed, or another consumer holds it. */
  leaseBatch(editionId: string, batchIndex: number, now: Date, leaseMs: number): Promise<boolean>
  /** Recipients of the batch now: still active, confirmed at or before the snapshot. */
  batchRecipients(edition: EditionRecord, batch: BatchRecord): Promise<Recipient[]>
  finishBatch(editionId: string, batchIndex: number, result: { status: 'sent' | 'failed'; sent: number; error?: string }, now: Date): Promise<void>
  /** Gives the lease back after a retryable failure. */
  releaseBatch(editionId: string, batchIndex: number, error: string): Promise<void>

  getConfirmTarget(subscriberId: number): Promise<ConfirmTarget | null>
}

// Column lists aliased to the record field names, so rows need no mapping (and an edition
// read leaves out `changes_json`, which sending never needs).
const EDITION_COLUMNS = 'id, at, snapshot_at AS snapshotAt, subject, text, html, batch_count AS batchCount, enqueued_at AS enqueuedAt'
const BATCH_COLUMNS = 'edition_id AS editionId, batch_index AS batchIndex, first_id AS firstId, last_id AS lastId, planned, status, attempts'

/** The D1 edition store. */
export function d1EditionStore(db: D1Database): EditionStore {
  const getEdition = (id: string) => db.prepare(`SELECT ${EDITION_COLUMNS} FROM editions WHERE id = ?1`).bind(id).first<EditionRecord>()
  return {
    async recordEdition(e, now) {
      await db
        .prepare(
          `INSERT INTO editions (id, at, snapshot_at, subject, text, html, changes_json, created_at, subject_slug)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (id) DO NOTHING`,
        )
        .bind(e.id, e.at, e.snapshotAt, e.subject, e.text, e.html, e.changesJson, now.toISOString(), e.subjectSlug ?? null)
        .run()
      const row = await getEdition(e.id)
      if (!row) throw new Error(`edition ${e.id} vanished after insert`)
      return row
    },

    async planBatches(editionId, batchSize) {
      const size = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(batchSize)))
      // One transaction (D1 batch): the ranges come from a single INSERT … SELECT with a
      // window function, guarded by `batch_count IS NULL`, so two overlapping runs can
      // never plan twice or interleave two different plans.
      await db.batch([
        db
          .prepare(
            `INSERT INTO edition_batches (edition_id, batch_index, first_id, last_id, planned)
             SELECT ?1, b, MIN(id), MAX(id), COUNT(*) FROM (
               -- CAST: D1 binds JS numbers as REAL, and REAL division would not group.
               SELECT s.id, (ROW_NUMBER() OVER (ORDER BY s.id) - 1) / CAST(?2 AS INTEGER) AS b
               FROM subscribers s, editions e
               WHERE e.id = ?1 AND e.batch_count IS NULL
                 AND s.status = 'active' AND s.confirmed_at <= e.snapshot_at
             ) GROUP BY b`,
          )
          .bind(editionId, size),
        db
          .prepare(
            `UPDATE editions SET
               batch_count = (SELECT COUNT(*) FROM edition_batches WHERE edition_id = ?1),
               recipients = (SELECT COALESCE(SUM(planned), 0) FROM edition_batches WHERE edition_id = ?1)
             WHERE id = ?1 AND batch_count IS NULL`,
          )
          .bind(editionId),
      ])
      const row = await db.prepare('SELECT batch_count FROM editions WHERE id = ?1').bind(editionId).first<{ batch_count: number | null }>()
      return row?.batch_count ?? 0
    },

    async listOpenBatches(editionId) {
      const { results } = await db
        .prepare(`SELECT batch_index FROM edition_batches WHERE edition_id = ?1 AND status IN ('pending', 'sending') ORDER BY batch_index`)
        .bind(editionId)
        .all<{ batch_index: number }>()
      return results.map((r) => r.batch_index)
    },

    async markEnqueued(editionId, now) {
      await db.prepare('UPDATE editions SET enqueued_at = ?2 WHERE id = ?1 AND enqueued_at IS NULL').bind(editionId, now.toISOString()).run()
    },

    async listUnenqueued(before) {
      const { results } = await db
        .prepare('SELECT id FROM editions WHERE enqueued_at IS NULL AND created_at < ?1 ORDER BY created_at LIMIT 20')
        .bind(before.toISOString())
        .all<{ id: string }>()
      return results.map((r) => r.id)
    },

    async listEditionsSince(subjectSlug, since) {
      // Index editions_subject (subject_slug, at); a handful of rows at most.
      const { results } = await db
        .prepare('SELECT id, at, changes_json AS changesJson, enqueued_at AS enqueuedAt FROM editions WHERE subject_slug = ?1 AND at > ?2 ORDER BY at LIMIT 50')
        .bind(subjectSlug, since)
        .all<RecalledEdition>()
      return results
    },

    getEdition,

    async getBatch(editionId, batchIndex) {
      return db.prepare(`SELECT ${BATCH_COLUMNS} FROM edition_batches WHERE edition_id = ?1 AND batch_index = ?2`).bind(editionId, batchIndex).first<BatchRecord>()
    },

    async leaseBatch(editionId, batchIndex, now, leaseMs) {
      const t = now.getTime()
      const row = await db
        .prepare(
          `UPDATE edition_batches SET status = 'sending', lease_until = ?3, attempts = attempts + 1
           WHERE edition_id = ?1 AND batch_index = ?2
             AND (status = 'pending' OR (status = 'sending' AND lease_until < ?4))
           RETURNING batch_index`,
        )
        .bind(editionId, batchIndex, t + leaseMs, t)
        .first()
      return row !== null
    },

    async batchRecipients(edition, batch) {
      const { results } = await db
        .prepare(
          `SELECT id, email FROM subscribers
           WHERE id BETWEEN ?1 AND ?2 AND status = 'active' AND email IS NOT NULL AND confirmed_at <= ?3
           ORDER BY id`,
        )
        .bind(batch.firstId, batch.lastId, edition.snapshotAt)
        .all<{ id: number; email: string }>()
      return results
    },

    async finishBatch(editionId, batchIndex, result, now) {
      await db
        .prepare(
          `UPDATE edition_batches SET status = ?3, sent = ?4, sent_at = ?5, last_error = ?6, lease_until = NULL
           WHERE edition_id = ?1 AND batch_index = ?2`,
        )
        .bind(editionId, batchIndex, result.status, result.sent, now.toISOString(), result.error ?? null)
        .run()
    },

    async releaseBatch(editionId, batchIndex, error) {
      await db
        .prepare(
          `UPDATE edition_batches SET status = 'pending', lease_until = NULL, last_error = ?3
           WHERE edition_id = ?1 AND batch_index = ?2 AND status = 'sending'`,
        )
        .bind(editionId, batchIndex, error.slice(0, 500))
        .run()
    },

    getConfirmTarget: (subscriberId) => findSubscriberById(db, subscriberId),
  }
}

/** How many subscribers an edition was planned for; null when it is unknown or not planned yet. */
export async function readEditionRecipients(db: D1Database, editionId: string): Promise<number | null> {
  const row = await db.prepare('SELECT recipients FROM editions WHERE id = ?1').bind(editionId).first<{ recipients: number | null }>()
  return row?.recipients ?? null
}
