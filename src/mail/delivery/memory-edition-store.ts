import type { BatchRecord, ConfirmTarget, EditionRecord, EditionStore } from './edition-store'
import { MAX_BATCH_SIZE } from './edition-store'
import type { RenderedEmail } from './notifier'
import { CHOICES, type Choice } from '../subscribers/choices'
import type { SubscriberStatus } from '../subscribers/subscriber-store'

/** A subscriber row as the in-memory store keeps it. */
export interface MemorySubscriber {
  id: number
  email: string | null
  status: SubscriberStatus
  confirmedAt: string | null
  confirmSends?: number
  confirmSentAt?: string | null
  /**
   * Seasons followed, slug → choice (followed since before any snapshot). Left out: every
   * subject with `all` (the bench's and Node tests' many identical readers).
   */
  subscriptions?: Record<string, Choice>
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
export function memoryEditionStore(subscribers: MemorySubscriber[] = [], titles: Record<string, string> = {}): EditionStore & {
  subscribers: MemorySubscriber[]
  batches: Map<string, MemoryBatch>
  editions: Map<string, EditionRecord>
} {
  const editions = new Map<string, EditionRecord & { createdAt: string; changesJson: string; variants: Map<Choice, RenderedEmail> }>()
  const batches = new Map<string, MemoryBatch>()
  const key = (id: string, i: number) => `${id}#${i}`
  /** The choice a subscriber has for an edition's subject, or null when not following it. */
  const choiceFor = (s: MemorySubscriber, edition: EditionRecord): Choice | null =>
    s.subscriptions ? (s.subscriptions[edition.subjectSlug ?? ''] ?? null) : 'all'
  const receives = (s: MemorySubscriber, edition: EditionRecord) => s.status === 'active' && s.confirmedAt !== null && s.confirmedAt <= edition.snapshotAt
  return {
    subscribers,
    batches,
    editions,
    async recordEdition(e, now) {
      if (!editions.has(e.id)) {
        const variants = new Map((e.variants ?? []).map((v) => [v.choice as Choice, v.email]))
        editions.set(e.id, { id: e.id, at: e.at, subjectSlug: e.subjectSlug ?? null, snapshotAt: e.snapshotAt, subject: e.subject, text: e.text, html: e.html, batchCount: null, enqueuedAt: null, createdAt: now.toISOString(), changesJson: e.changesJson, variants })
      }
      const { variants: _v, ...record } = editions.get(e.id)!
      return record
    },
    async planBatches(editionId, batchSize) {
      const edition = editions.get(editionId)
      if (!edition) return 0
      if (edition.batchCount !== null) return edition.batchCount
      const size = Math.max(1, Math.min(MAX_BATCH_SIZE, Math.floor(batchSize)))
      let index = 0
      // `all` first, then the other choices that have an email in this edition.
      for (const choice of CHOICES.filter((c) => c === 'all' || edition.variants.has(c))) {
        const ids = subscribers
          .filter((s) => receives(s, edition) && choiceFor(s, edition) === choice)
          .map((s) => s.id)
          .sort((a, b) => a - b)
        for (let i = 0; i < ids.length; i += size, index++) {
          const chunk = ids.slice(i, i + size)
          batches.set(key(editionId, index), {
            editionId,
            batchIndex: index,
            choice,
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
      if (!e) return null
      const { variants: _v, ...record } = e
      return record
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
        .filter((s) => s.id >= batch.firstId && s.id <= batch.lastId && s.email && receives(s, edition) && choiceFor(s, edition) === batch.choice)
        .sort((a, b) => a.id - b.id)
        .map((s) => ({ id: s.id, email: s.email! }))
    },
    async editionEmail(edition, choice) {
      if (choice === 'all') return { subject: edition.subject, text: edition.text, html: edition.html }
      return editions.get(edition.id)?.variants.get(choice) ?? null
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
    async seasonTitles(slugs) {
      return new Map(slugs.filter((s) => titles[s] !== undefined).map((s) => [s, titles[s]!]))
    },
  }
}
