import { env } from 'cloudflare:test'
import { beforeEach, describe, expect, it } from 'vitest'
import type { Source } from '../../../src/core/types'
import { addSource, applyImport, previewImport, removeSource, setEnabled, updateSource, type EditContext } from '../../../src/admin/sources/source-admin'
import { readAudit } from '../../../src/store/audit-log'
import { listSources, withoutVersion } from '../../../src/store/source-store'
import { getSubject, insertSubject } from '../../../src/store/subject-store'
import { seedSubject } from '../../../src/worker/config'
import { auditMark, resetStorage } from '../helpers'

const defaults: Source[] = [
  { id: 'one', url: 'https://one.example/', kind: 'page', enabled: true },
  { id: 'two', url: 'https://two.example/feed', kind: 'feed', enabled: true },
]
const SLUG = 'edits-s1'
const ctx: EditContext = { db: env.DB, subject: SLUG, rules: {}, actor: 'token:abcd1234', via: 'api', now: new Date('2026-03-01T00:00:00Z') }

let mark = 0
beforeEach(async () => {
  await resetStorage()
  await insertSubject(env.DB, { ...seedSubject, slug: SLUG }, { now: ctx.now, sources: defaults })
  mark = await auditMark()
})

const saved = async () => (await listSources(env.DB, SLUG)).map(withoutVersion)
const entries = async () => (await readAudit(env.DB, { subject: SLUG })).filter((e) => e.id > mark)
const listVersion = async () => (await getSubject(env.DB, SLUG))!.sourcesVersion

describe('source edits in D1', () => {
  it('write the source, its list version and one audit entry per change', async () => {
    const r = await addSource(ctx, { id: 'three', url: 'https://three.example/', kind: 'page', unreliable: true })
    expect(r).toEqual({ ok: true, value: { id: 'three', url: 'https://three.example/', kind: 'page', enabled: true, unreliable: true, version: 1 } })
    expect(await saved()).toHaveLength(3)
    expect(await listVersion()).toBe(1)
    expect(await entries()).toEqual([expect.objectContaining({ action: 'add', target: 'three', subject: SLUG, targetKind: 'source', before: null })])
    // `unreliable` round-trips: off by default, kept when set, dropped when cleared.
    expect((await saved()).find((s) => s.id === 'one')).not.toHaveProperty('unreliable')
    expect(await updateSource(ctx, 'three', { unreliable: false })).toMatchObject({ ok: true, value: { version: 2 } })
    expect((await saved()).find((s) => s.id === 'three')).not.toHaveProperty('unreliable')
  })

  it('write nothing when validation fails, when nothing changes, or for a preview', async () => {
    expect((await addSource(ctx, { id: 'one', url: 'https://one.example/', kind: 'page' })).ok).toBe(false)
    expect((await updateSource(ctx, 'one', { url: 'http://127.0.0.1/' })).ok).toBe(false)
    expect((await updateSource(ctx, 'one', { enabled: true })).ok).toBe(true)
    expect((await setEnabled(ctx, 'missing', false)).ok).toBe(false)
    expect((await removeSource(ctx, 'missing')).ok).toBe(false)
    expect((await previewImport(ctx, [...defaults, { id: 'x3', url: 'https://x.example/', kind: 'page' }])).ok).toBe(true)
    expect((await applyImport(ctx, [{ id: 'x3', url: 'http://10.0.0.1/', kind: 'page' }])).ok).toBe(false)
    expect((await applyImport(ctx, defaults)).ok).toBe(true) // same list: nothing to apply
    expect(await saved()).toEqual(defaults)
    expect(await listVersion()).toBe(0)
    expect(await entries()).toEqual([])
  })

  it('apply an import in one transaction, in the new order, logging only the delta', async () => {
    const next: Source[] = [{ id: 'new1', url: 'https://new.example/', kind: 'page', enabled: true }, { ...defaults[0]!, enabled: false }]
    const r = await applyImport(ctx, next)
    expect(r.ok && r.value.plan.removes.map((s) => s.id)).toEqual(['two'])
    expect(await saved()).toEqual(next)
    const versions = Object.fromEntries((await listSources(env.DB, SLUG)).map((s) => [s.id, s.version]))
    expect(versions).toEqual({ new1: 1, one: 2 })
    const [entry, ...rest] = await entries()
    expect(rest).toEqual([])
    expect(entry).toMatchObject({ action: 'import', targetKind: 'sources', target: null, before: [defaults[0], defaults[1]], after: [next[0], next[1]] })
  })

  it('swap two URLs in one import without tripping the unique URL', async () => {
    const swapped: Source[] = [{ ...defaults[0]!, url: defaults[1]!.url, kind: 'feed' }, { ...defaults[1]!, url: defaults[0]!.url, kind: 'page' }]
    expect((await applyImport(ctx, swapped)).ok).toBe(true)
    expect(await saved()).toEqual(swapped)
  })

  it('refuse a write for a subject that does not exist', async () => {
    const other = { ...ctx, subject: 'nope-s1' }
    expect(await addSource(other, { id: 'x1', url: 'https://x.example/', kind: 'page' })).toMatchObject({ ok: false, status: 404 })
    expect(await applyImport(other, defaults)).toMatchObject({ ok: false, status: 404 })
    expect(await readAudit(env.DB, { subject: 'nope-s1' })).toEqual([])
  })
})
