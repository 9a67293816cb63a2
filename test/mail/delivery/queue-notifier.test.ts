import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import { d1EditionStore } from '../../../src/mail/delivery/edition-store'
import type { EmailJob } from '../../../src/mail/delivery/email-job'
import { createQueueNotifier, queueNotifier } from '../../../src/mail/delivery/queue-notifier'
import { clearTables, fakeQueue, seedActive } from '../subscribers/helpers'
import { makeEdition, WRAP } from './helpers'

beforeEach(clearTables)

async function batches(editionId: string) {
  const { results } = await env.DB.prepare('SELECT batch_index, first_id, last_id, planned, status FROM edition_batches WHERE edition_id = ?1 ORDER BY batch_index').bind(editionId).all<{ batch_index: number; first_id: number; last_id: number; planned: number; status: string }>()
  return results
}

describe('queueNotifier', () => {
  it('records the edition, plans batches of ≤100 and enqueues one message per batch', async () => {
    const ids = await seedActive(250)
    const queue = fakeQueue()
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue, now: () => new Date('2026-03-02T07:00:05Z') })
    await notifier.notify(makeEdition('ed-1'))

    const row = await env.DB.prepare('SELECT * FROM editions WHERE id = ?1').bind('ed-1').first<{ subject: string; html: string; text: string; changes_json: string; batch_count: number; recipients: number; enqueued_at: string; snapshot_at: string }>()
    expect(row).toMatchObject({ subject: 'Filming has wrapped on All of Us Are Dead Season 2', batch_count: 3, recipients: 250, snapshot_at: '2026-03-02T07:00:05.000Z' })
    expect(row!.html).toContain('<!DOCTYPE html>')
    expect(JSON.parse(row!.changes_json)).toHaveLength(1)
    expect(row!.enqueued_at).not.toBeNull()

    const planned = await batches('ed-1')
    expect(planned.map((b) => b.planned)).toEqual([100, 100, 50])
    expect(planned[0]).toMatchObject({ first_id: ids[0], last_id: ids[99] })
    expect(planned[2]).toMatchObject({ first_id: ids[200], last_id: ids[249] })
    expect(queue.jobs).toEqual<EmailJob[]>([0, 1, 2].map((batchIndex) => ({ kind: 'edition', editionId: 'ed-1', batchIndex })))
  })

  it('treats a repeated edition id as already handled', async () => {
    await seedActive(3)
    const queue = fakeQueue()
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue })
    await notifier.notify(makeEdition('ed-2'))
    await notifier.notify(makeEdition('ed-2'))
    // An overlapping run with its own notifier instance: still one plan, one set of messages.
    await createQueueNotifier({ store: d1EditionStore(env.DB), queue }).notify(makeEdition('ed-2'))
    expect(queue.jobs).toHaveLength(1)
    expect(await batches('ed-2')).toHaveLength(1)
  })

  it('snapshots recipients: only active subscribers confirmed by the edition time', async () => {
    const snapshot = new Date('2026-03-02T07:00:05Z')
    await seedActive(2, { prefix: 'before', confirmedAt: '2026-03-01T00:00:00.000Z' })
    await seedActive(1, { prefix: 'after', confirmedAt: '2026-03-02T07:00:06.000Z' })
    await env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at) VALUES ('pending@example.com', 'pending', ?1, ?1)").bind(snapshot.toISOString()).run()
    await env.DB.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES (NULL, 'unsubscribed', ?1, ?1, ?1)").bind('2026-01-01T00:00:00.000Z').run()
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue: fakeQueue(), now: () => snapshot })
    await notifier.notify(makeEdition('ed-3'))
    expect((await batches('ed-3')).map((b) => b.planned)).toEqual([2])
  })

  it('finishes enqueueing after a crash between recording and enqueueing (retry or resume)', async () => {
    await seedActive(150)
    let fail = true
    const queue = fakeQueue()
    const flaky = {
      send: queue.send,
      async sendBatch(m: Iterable<MessageSendRequest<EmailJob>>) {
        if (fail) throw new Error('queue unavailable')
        return queue.sendBatch(m)
      },
    }
    let now = new Date('2026-03-02T07:00:00Z')
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue: flaky, now: () => now, sleep: async () => {} })
    await expect(notifier.notify(makeEdition('ed-4'))).rejects.toThrow(/refused edition ed-4 3 times \(queue unavailable\)/)
    expect(await batches('ed-4')).toHaveLength(2)
    fail = false
    expect(await notifier.resume()).toBe(0) // too recent: the run may still be going
    now = new Date(now.getTime() + 2 * 60_000)
    expect(await notifier.resume()).toBe(1)
    expect(queue.jobs).toHaveLength(2)
    // Calling notify again (the cron retrying) adds nothing: the edition is enqueued.
    await notifier.notify(makeEdition('ed-4'))
    expect(queue.jobs).toHaveLength(2)
  })

  it('tries a refused Queue send again in place, so a blip neither fails the run nor delays the email', async () => {
    await seedActive(3)
    const queue = fakeQueue()
    let refusals = 2
    const pauses: number[] = []
    const flaky = {
      send: queue.send,
      async sendBatch(m: Iterable<MessageSendRequest<EmailJob>>) {
        if (refusals-- > 0) throw new Error('Queue.sendBatch: internal error')
        return queue.sendBatch(m)
      },
    }
    const notifier = createQueueNotifier({ store: d1EditionStore(env.DB), queue: flaky, sleep: async (ms) => void pauses.push(ms) })
    await notifier.notify(makeEdition('ed-7'))
    expect(queue.jobs).toEqual([{ kind: 'edition', editionId: 'ed-7', batchIndex: 0 }])
    expect(pauses).toEqual([500, 2000])
    expect(await env.DB.prepare('SELECT enqueued_at FROM editions WHERE id = ?1').bind('ed-7').first('enqueued_at')).not.toBeNull()
  })

  it("recalls a subject's editions after a time, oldest first, and queues one a crash left unqueued", async () => {
    await seedActive(3)
    const queue = fakeQueue()
    const store = d1EditionStore(env.DB)
    const notifier = createQueueNotifier({ store, queue })
    await notifier.notify({ ...makeEdition('old', '2026-03-01T07:00:00.000Z'), subject: 'show-a' })
    await notifier.notify({ ...makeEdition('other-show', '2026-03-03T07:00:00.000Z'), subject: 'show-b' })
    await notifier.notify({ ...makeEdition('sent', '2026-03-03T07:00:00.000Z'), subject: 'show-a' })
    // Recorded, then the run died before queueing it.
    await store.recordEdition({ id: 'crashed', at: '2026-03-02T07:00:00.000Z', subjectSlug: 'show-a', snapshotAt: '2026-03-02T07:00:01.000Z', subject: 's', text: 't', html: 'h', changesJson: JSON.stringify([WRAP]) }, new Date())
    queue.jobs.length = 0

    const recalled = await notifier.recall('show-a', '2026-03-01T07:00:00.000Z')
    expect(recalled.map((e) => [e.id, e.at])).toEqual([
      ['crashed', '2026-03-02T07:00:00.000Z'],
      ['sent', '2026-03-03T07:00:00.000Z'],
    ])
    expect(recalled[0]!.changes).toEqual([WRAP])
    // Only the unqueued one is queued now; the sent one is not queued again.
    expect(queue.jobs).toEqual([{ kind: 'edition', editionId: 'crashed', batchIndex: 0 }])
    expect(await notifier.recall('show-a', '2026-03-03T07:00:00.000Z')).toEqual([])
  })

  it('works with the real Queue producer binding', async () => {
    await seedActive(120)
    await queueNotifier(env).notify(makeEdition('ed-5'))
    const row = await env.DB.prepare('SELECT batch_count, enqueued_at FROM editions WHERE id = ?1').bind('ed-5').first<{ batch_count: number; enqueued_at: string | null }>()
    expect(row!.batch_count).toBe(2)
    expect(row!.enqueued_at).not.toBeNull()
  })

  it('records an edition with no subscribers without sending anything', async () => {
    const queue = fakeQueue()
    await createQueueNotifier({ store: d1EditionStore(env.DB), queue }).notify(makeEdition('ed-6'))
    expect(queue.jobs).toHaveLength(0)
    expect(await env.DB.prepare('SELECT batch_count FROM editions WHERE id = ?1').bind('ed-6').first('batch_count')).toBe(0)
  })
})
