import { describe, expect, it } from 'vitest'
import type { Source } from '../../../src/core/types'
import { readAudit, recordAudit } from '../../../src/admin/sources/audit-store'
import { readStateSnapshot } from '../../../src/admin/sources/read-state'
import { addSource, applyImport, previewImport, removeSource, setEnabled, updateSource, type EditContext } from '../../../src/admin/sources/source-admin'
import { readSources } from '../../../src/admin/sources/source-store'
import { readSubject } from '../../../src/admin/sources/subject-store'
import { countKv, memoryKv } from '../../../src/store/kv'
import { kvKeys } from '../../../src/store/kv-keys'
import { defaultSubject } from '../../../src/worker/config'

const defaults: Source[] = [
  { id: 'one', url: 'https://one.example/', kind: 'page', enabled: true },
  { id: 'two', url: 'https://two.example/feed', kind: 'feed', enabled: true },
]

function setup() {
  const store = memoryKv()
  const { kv, counts } = countKv(store)
  const ctx: EditContext = { kv, defaults, rules: {}, actor: 'token:abcd1234', via: 'api', now: new Date('2026-03-01T00:00:00Z') }
  return { store, counts, ctx }
}

describe('source edits', () => {
  it('write the list once and the audit log once per change', async () => {
    const { store, counts, ctx } = setup()
    const r = await addSource(ctx, { id: 'three', url: 'https://three.example/', kind: 'page' })
    expect(r.ok).toBe(true)
    expect(counts.writes).toBe(2)
    expect(JSON.parse(store.dump()[kvKeys.sources()]!)).toHaveLength(3)
    expect(await readAudit(store)).toHaveLength(1)
  })

  it('write nothing when validation fails, when nothing changes, or for a preview', async () => {
    const { counts, ctx } = setup()
    expect((await addSource(ctx, { id: 'one', url: 'https://one.example/', kind: 'page' })).ok).toBe(false)
    expect((await updateSource(ctx, 'one', { url: 'http://127.0.0.1/' })).ok).toBe(false)
    expect((await updateSource(ctx, 'one', { enabled: true })).ok).toBe(true)
    expect((await setEnabled(ctx, 'missing', false)).ok).toBe(false)
    expect((await removeSource(ctx, 'missing')).ok).toBe(false)
    expect((await previewImport(ctx, [...defaults, { id: 'x3', url: 'https://x.example/', kind: 'page' }])).ok).toBe(true)
    expect((await applyImport(ctx, [{ id: 'x3', url: 'http://10.0.0.1/', kind: 'page' }])).ok).toBe(false)
    expect((await applyImport(ctx, defaults)).ok).toBe(true) // same list: nothing to apply
    expect(counts.writes).toBe(0)
  })

  it('apply an import in one list write, logging only the delta', async () => {
    const { store, counts, ctx } = setup()
    const next = [{ ...defaults[0]!, enabled: false }, { id: 'new1', url: 'https://new.example/', kind: 'page' as const, enabled: true }]
    const r = await applyImport(ctx, next)
    expect(r.ok && r.value.plan.removes.map((s) => s.id)).toEqual(['two'])
    expect(counts.writes).toBe(2)
    expect(await readSources(store, defaults)).toEqual(next)
    const [entry] = await readAudit(store)
    expect(entry).toMatchObject({ action: 'import', before: [defaults[0], defaults[1]], after: [next[1], next[0]] })
  })
})

describe('stores', () => {
  it('survive corrupt values', async () => {
    const kv = memoryKv({ [kvKeys.audit()]: '{oops', [kvKeys.state()]: 'nope', [kvKeys.subject()]: '[]' })
    expect(await readAudit(kv)).toEqual([])
    expect(await readStateSnapshot(kv)).toBeNull()
    expect(await readSubject(kv, defaultSubject)).toEqual({ subject: defaultSubject, origin: 'default' })
    await recordAudit(kv, { at: 't', actor: 'a', action: 'add', target: 'x', via: 'page', before: null, after: null })
    expect(await readAudit(kv)).toHaveLength(1)
  })
})
