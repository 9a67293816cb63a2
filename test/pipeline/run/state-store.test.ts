import { describe, expect, it } from 'vitest'
import type { Claim } from '../../../src/core/types'
import { emptyFacts } from '../../../src/pipeline/facts/merge-facts'
import { recordingNotifier } from '../../../src/mail/delivery/notifier'
import { runCron } from '../../../src/pipeline/run/run-cron'
import type { PipelineState, StoredState } from '../../../src/pipeline/run/state'
import { clearState, loadState, MissingShardError, saveState, SHARD_SIZE } from '../../../src/pipeline/run/state-store'
import { countKv, memoryKv } from '../../../src/store/kv'
import { kvKeys, legacyKvKeys } from '../../../src/store/kv-keys'
import { defaultSubject } from '../../../src/worker/config'

const claim = (i: number): Claim => ({
  field: 'cast',
  value: { actor: `Made Up ${i}`, role: null, status: 'new' },
  certainty: 'reported',
  evidence: `Made-up sentence ${i}.`,
  source: `https://gen.test/${i}`,
  published: '2025-01-01',
})
const claims = (from: number, n: number) => Array.from({ length: n }, (_, i) => claim(from + i))

function state(ledger: Claim[]): PipelineState {
  return { version: 1, createdAt: 't', updatedAt: 't', facts: emptyFacts(), claims: ledger, fetch: {}, feeds: {}, reported: [], history: [] }
}

const stored = (kv: ReturnType<typeof memoryKv>, slug = 's') => JSON.parse(kv.dump()[kvKeys.state(slug)]!) as StoredState

describe('the subject state store', () => {
  it('keeps up to SHARD_SIZE claims in the state value, then seals them into a shard written once', async () => {
    const store = memoryKv()
    const { kv, counts } = countKv(store)
    await saveState(kv, 's', null, state(claims(0, SHARD_SIZE)), { compacted: false })
    expect(counts.writes).toBe(1)
    expect(stored(store).shards).toEqual([])

    let loaded = (await loadState(kv, { slug: 's' }))!
    await saveState(kv, 's', loaded, state(claims(0, SHARD_SIZE + 3)), { compacted: false })
    expect(stored(store).shards).toEqual([{ id: 0, count: SHARD_SIZE }])
    expect(stored(store).claims).toHaveLength(3)
    const shard = store.dump()[kvKeys.claimShard('s', 0)]

    // Later saves rewrite the state only; the sealed shard stays byte for byte.
    loaded = (await loadState(kv, { slug: 's' }))!
    const before = counts.writes
    await saveState(kv, 's', loaded, state(claims(0, SHARD_SIZE + 40)), { compacted: false })
    expect(counts.writes - before).toBe(1)
    expect(store.dump()[kvKeys.claimShard('s', 0)]).toBe(shard)
    expect((await loadState(kv, { slug: 's' }))!.state.claims).toEqual(claims(0, SHARD_SIZE + 40))
  })

  it('reads the state and every sealed shard: reads = 1 + shards', async () => {
    const store = memoryKv()
    await saveState(store, 's', null, state(claims(0, 3 * SHARD_SIZE + 1)), { compacted: false })
    const { kv, counts } = countKv(store)
    const loaded = (await loadState(kv, { slug: 's' }))!
    expect(counts.reads).toBe(4)
    expect(loaded.shards.map((s) => s.id)).toEqual([0, 1, 2])
    expect(loaded.state.claims).toEqual(claims(0, 3 * SHARD_SIZE + 1))
  })

  it('after a compaction writes fresh shards and deletes the old ones', async () => {
    const store = memoryKv()
    await saveState(store, 's', null, state(claims(0, 2 * SHARD_SIZE + 1)), { compacted: false })
    const loaded = (await loadState(store, { slug: 's' }))!
    const cut = claims(100, SHARD_SIZE + 5)
    await saveState(store, 's', loaded, state(cut), { compacted: true })
    expect(stored(store).shards).toEqual([{ id: 2, count: SHARD_SIZE }])
    expect(Object.keys(store.dump()).filter((k) => k.includes(':claims:'))).toEqual([kvKeys.claimShard('s', 2)])
    expect((await loadState(store, { slug: 's' }))!.state.claims).toEqual(cut)
  })

  it('fails loudly when a named shard is not readable (a run then waits instead of merging half a ledger)', async () => {
    const store = memoryKv()
    await saveState(store, 's', null, state(claims(0, SHARD_SIZE + 1)), { compacted: false })
    await store.delete(kvKeys.claimShard('s', 0))
    await expect(loadState(store, { slug: 's' })).rejects.toBeInstanceOf(MissingShardError)
  })

  it('reads the single-subject key only for a subject marked legacy, and clears a subject whole', async () => {
    const store = memoryKv({ [legacyKvKeys.state()]: JSON.stringify(state(claims(0, 2))) })
    expect(await loadState(store, { slug: 's' })).toBeNull()
    expect((await loadState(store, { slug: 's', legacy: true }))!.state.claims).toHaveLength(2)
    await saveState(store, 's', null, state(claims(0, SHARD_SIZE + 1)), { compacted: false })
    await store.put(kvKeys.publicView('s'), '{}')
    await clearState(store, 's')
    expect(Object.keys(store.dump())).toEqual([legacyKvKeys.state()])
  })
})

describe('a run over a big ledger', () => {
  const page = (n: number) =>
    `<html><head><title>All of Us Are Dead Season 2</title><meta property="article:published_time" content="2025-07-0${n}T09:00:00Z"></head><body><article>
    <p>Netflix confirmed that the actor Kim Ba-da${n} joins the cast of All of Us Are Dead Season 2.</p></article></body></html>`

  it('rewrites the state (and the public view), not the sealed shards, when it adds a claim', async () => {
    const store = memoryKv()
    const slug = 'big'
    const old = state(claims(0, 2 * SHARD_SIZE + 10))
    await saveState(store, slug, null, { ...old, version: 3 }, { compacted: false })
    const before = { ...store.dump() }
    const fetch = (async () => new Response(page(1), { headers: { 'content-type': 'text/html' } })) as typeof globalThis.fetch
    const { kv, counts } = countKv(store)
    const report = await runCron({ fetch, now: () => new Date('2025-07-10T07:00:00Z'), kv, slug, subject: defaultSubject, sources: [{ id: 'p', url: 'https://p.test/', kind: 'page', enabled: true }], notifier: recordingNotifier() })
    expect(report.baseline).toBe(false)
    expect(counts.reads).toBe(3) // the state and its two shards
    expect(counts.writes).toBe(2) // the state and the public view
    for (const id of [0, 1]) expect(store.dump()[kvKeys.claimShard(slug, id)]).toBe(before[kvKeys.claimShard(slug, id)])
    expect((await loadState(store, { slug }))!.state.claims.length).toBeGreaterThan(2 * SHARD_SIZE + 10)
  })

  it('refuses to start a fresh baseline over a state storage says exists', async () => {
    const fetch = (async () => new Response('x', { status: 404 })) as typeof globalThis.fetch
    const run = runCron({ fetch, now: () => new Date(), kv: memoryKv(), slug: 'x', subject: defaultSubject, sources: [], notifier: recordingNotifier(), expectState: true })
    await expect(run).rejects.toThrow(/not readable yet/)
  })
})
