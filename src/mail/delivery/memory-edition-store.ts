import type { BatchRecord, ConfirmTarget, EditionRecord, EditionStore } from './edition-store'
import { MAX_BATCH_SIZE } from './edition-store'
import type { SubscriberStatus } from '../subscribers/subscriber-store'

/** A subscriber row as the in-memory store keeps it. */
export interface MemorySubscriber {
  id: number
  email: string | null
  status: SubscriberStatus
  confirmedAt: string | null
  confirmSends?: number
  confirmSentAt?: string | null
}

interface MemoryBatch extends BatchRecord {
  leaseUntil: number | null
  sent: number | null
  lastError: string | null
}

/**
 * The edition store in memory, with the same semantics as the D1 one (plan once, lease,
 * recipients re-checked at send time). For the bench and the Node tests; not for the Worker.
 */
export function memoryEditionStore(subscribers: MemorySubscriber[] = []): EditionStore & {
  subscribers: MemorySubscriber[]
  batches: Map<string, MemoryBatch>
  editions: Map<string, EditionRecord>
} {
  const editions = new Map<string, EditionRecord & { createdAt: string; subjectSlug: string | null; changesJson: string }>()
  const batches = new Map<string, MemoryBatch>()
  const key = (id: string, i: number) => `${id}#${i}`
  return {
    subscribers,
    batches,
    editions,
    async recordEdition(e, now) {
      if (!editions.has(e.id)) {
        editions.set(e.id, { id: e.id, at: e.at, snapshotAt: e.snapshotAt, subject: e.subject, text: e.text, html: e.html, batchCount: null, enqueuedAt: null, createdAt: now.toISOString(), subjectSlug: e.subjectSlug ?? null, changesJson: e.changesJson })
      }
      return { ...editions.get(e.id)! }
    },
    async planBatches(editionId, batchSize) {
      const edition = editions.get(editionId)
      if (!edition) return 0
      if (edition.batchCount !== null) return edition.batchCount
      const size = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(batchSize)))
      const ids = subscribers
        .filter((s) => s.status === 'active' && s.confirmedAt !== null && s.confirmedAt <= edition.snapshotAt)
        .map((s) => s.id)
        .sort((a, b) => a - b)
      let index = 0
      for (let i = 0; i < ids.length; i += size, index++) {
        const chunk = ids.slice(i, i + size)
        batches.set(key(editionId, index), {
          editionId,
          batchIndex: index,
          firstId: chunk[0]!,
          lastId: chunk.at(-1)!,
          planned: chunk.length,
          status: 'pending',
          attempts: 0,
          leaseUntil: null,
          sent: null,
          lastError: null,
        })
      }
      edition.batchCount = index
      return index
    },
    async listOpenBatches(editionId) {
      return [...batches.values()]
        .filter((b) => b.editionId === editionId && (b.status === 'pending' || b.status === 'sending'))
        .map((b) => b.batchIndex)
        .sort((a, b) => a - b)
    },
    async markEnqueued(editionId, now) {
      const e = editions.get(editionId)
      if (e && !e.enqueuedAt) e.enqueuedAt = now.toISOString()
    },
    async listUnenqueued(before) {
      return [...editions.values()].filter((e) => !e.enqueuedAt && e.createdAt < before.toISOString()).map((e) => e.id)
    },
    async listEditionsSince(subjectSlug, since) {
      return [...editions.values()]
        .filter((e) => e.subjectSlug === subjectSlug && e.at > since)
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((e) => ({ id: e.id, at: e.at, changesJson: e.changesJson, enqueuedAt: e.enqueuedAt }))
    },
    async getEdition(id) {
      const e = editions.get(id)
      return e ? { ...e } : null
    },
    async getBatch(editionId, batchIndex) {
      const b = batches.get(key(editionId, batchIndex))
      return b ? { ...b } : null
    },
    async leaseBatch(editionId, batchIndex, now, leaseMs) {
      const b = batches.get(key(editionId, batchIndex))
      if (!b) return false
      const free = b.status === 'pending' || (b.status === 'sending' && (b.leaseUntil ?? 0) < now.getTime())
      if (!free) return false
      b.status = 'sending'
      b.leaseUntil = now.getTime() + leaseMs
      b.attempts++
      return true
    },
    async batchRecipients(edition, batch) {
      return subscribers
        .filter((s) => s.id >= batch.firstId && s.id <= batch.lastId && s.status === 'active' && s.email && s.confirmedAt !== null && s.confirmedAt <= edition.snapshotAt)
        .sort((a, b) => a.id - b.id)
        .map((s) => ({ id: s.id, email: s.email! }))
    },
    async finishBatch(editionId, batchIndex, result) {
      const b = batches.get(key(editionId, batchIndex))
      if (!b) return
      b.status = result.status
      b.sent = result.sent
      b.lastError = result.error ?? null
      b.leaseUntil = null
    },
    async releaseBatch(editionId, batchIndex, error) {
      const b = batches.get(key(editionId, batchIndex))
      if (!b || b.status !== 'sending') return
      b.status = 'pending'
      b.leaseUntil = null
      b.lastError = error
    },
    async getConfirmTarget(subscriberId): Promise<ConfirmTarget | null> {
      const s = subscribers.find((x) => x.id === subscriberId)
      return s ? { id: s.id, email: s.email, status: s.status, confirmSends: s.confirmSends ?? 0, confirmSentAt: s.confirmSentAt ?? null } : null
    },
  }
}
