import { describe, expect, it } from 'vitest'
import { classifyEdit } from '../../src/admin/audit'
import { describeValue, formatTime, safeHref } from '../../src/admin/describe'
import { noticeFor, sourceFromForm, subjectFromValues } from '../../src/admin/form-input'
import { isEmptyPlan, planImport } from '../../src/admin/import-plan'
import { listWithHealth } from '../../src/admin/source-health'
import type { Source } from '../../src/core/types'

const a: Source = { id: 'aa', url: 'https://a.example/', kind: 'page', enabled: true }
const b: Source = { id: 'bb', url: 'https://b.example/feed', kind: 'feed', enabled: true }
const c: Source = { id: 'cc', url: 'https://c.example/', kind: 'page', enabled: false, notes: 'n' }

describe('planImport', () => {
  it('sorts the incoming list into adds, changes, removes and unchanged, by id', () => {
    const plan = planImport([a, b, c], [{ ...a }, { ...b, enabled: false }, { id: 'dd', url: 'https://d.example/', kind: 'page', enabled: true }])
    expect(plan.adds.map((s) => s.id)).toEqual(['dd'])
    expect(plan.changes).toEqual([{ before: b, after: { ...b, enabled: false } }])
    expect(plan.removes).toEqual([c])
    expect(plan.unchanged).toEqual([a])
    expect(isEmptyPlan(plan)).toBe(false)
    expect(isEmptyPlan(planImport([a], [{ enabled: true, kind: 'page', url: a.url, id: 'aa' }]))).toBe(true)
  })
})

describe('audit', () => {
  it('calls a lone enabled flip enable/disable, anything else an edit', () => {
    expect(classifyEdit(a, { ...a, enabled: false })).toBe('disable')
    expect(classifyEdit({ ...a, enabled: false }, a)).toBe('enable')
    expect(classifyEdit(a, { ...a, enabled: false, notes: 'x' })).toBe('edit')
  })
})

describe('listWithHealth', () => {
  it('joins fetch memory by URL and feed items by id', () => {
    const state = {
      fetch: {
        [a.url]: { failures: 2, lastFetchAt: '2026-01-02T07:00:00Z', lastStatus: 503, lastError: 'HTTP 503', lastOkAt: '2026-01-01T07:00:00Z', lastChangeAt: '2025-12-01T07:00:00Z' },
        [b.url]: { failures: 0, lastFetchAt: '2026-01-02T07:00:00Z', lastStatus: 200 },
        'https://b.example/article-1': { failures: 0, lastChangeAt: '2026-01-02T07:00:00Z' },
      },
      feeds: {
        bb: {
          x: { url: 'https://b.example/article-1', firstSeen: '2026-01-01', attempts: 0, done: true },
          y: { url: 'https://b.example/article-2', firstSeen: '2026-01-01', attempts: 0, done: true },
        },
      },
    }
    const [ha, hb, hc] = listWithHealth([a, b, c], state)
    expect(ha!.health).toEqual({
      lastFetchAt: '2026-01-02T07:00:00Z',
      lastOkAt: '2026-01-01T07:00:00Z',
      lastStatus: 503,
      failures: 2,
      lastError: 'HTTP 503',
      articlesSeen: 1,
      lastChangeAt: '2025-12-01T07:00:00Z',
    })
    expect(hb!.health).toMatchObject({ articlesSeen: 2, lastChangeAt: '2026-01-02T07:00:00Z', failures: 0 })
    expect(hc!.health).toMatchObject({ lastFetchAt: null, articlesSeen: 0, failures: 0, lastChangeAt: null })
    expect(listWithHealth([a], null)[0]!.health.lastStatus).toBeNull()
  })

  it('takes the last change contributed from the history of material changes', () => {
    const change = (sources: string[]) => ({ field: 'stage' as const, material: true, from: 'renewed', to: 'filming', sources, evidence: null })
    const state = {
      fetch: {},
      feeds: { bb: { x: { url: 'https://b.example/article-9', firstSeen: '2026-01-01', attempts: 0, done: true } } },
      history: [
        { id: 'e2', at: '2026-02-01T07:00:00Z', changes: [change(['https://b.example/article-9'])] },
        { id: 'e1', at: '2025-07-14T07:00:00Z', changes: [change([a.url, 'https://other.example/'])] },
      ],
    }
    const [ha, hb, hc] = listWithHealth([a, b, c], state)
    expect(ha!.health.lastChangeAt).toBe('2025-07-14T07:00:00Z')
    expect(hb!.health.lastChangeAt).toBe('2026-02-01T07:00:00Z')
    expect(hc!.health.lastChangeAt).toBeNull()
  })
})

describe('form input and display helpers', () => {
  it('reads the source form', () => {
    expect(sourceFromForm({ id: ' x1 ', url: 'u', kind: 'page', enabled: 'on', notes: '' })).toEqual({
      id: 'x1',
      url: 'u',
      kind: 'page',
      enabled: true,
      unreliable: false,
      notes: null,
    })
    expect(sourceFromForm({ url: 'u', kind: 'feed', unreliable: 'on' })).toEqual({ url: 'u', kind: 'feed', enabled: false, unreliable: true, notes: null })
  })

  it('reads the subject form: one alias per line, the season as a number, people from JSON', () => {
    const values = { show: ' Show ', season: '3', aliases: 'One\r\n\n 둘 \n', officialSources: 'Netflix', people: '[{"name":"A B","aliases":[]}]', status: 'paused' }
    expect(subjectFromValues(values)).toEqual({
      input: { show: ' Show ', season: 3, aliases: ['One', '둘'], officialSources: ['Netflix'], people: [{ name: 'A B', aliases: [] }], status: 'paused' },
      errors: {},
    })
    expect(subjectFromValues({ ...values, season: 'two' }).input.season).toBe('two') // the validator says what is wrong
    expect(subjectFromValues({ ...values, people: '[{' }).errors.people).toMatch(/^Not valid JSON/)
  })

  it('only shows known notices', () => {
    expect(noticeFor('add', 'x1')).toBe('Added source "x1".')
    expect(noticeFor('<script>', 'x')).toBeNull()
    expect(noticeFor(undefined, undefined)).toBeNull()
  })

  it('describes values and links safely', () => {
    expect(describeValue('stage', 'filming')).toBe('filming')
    expect(describeValue('stage', { value: 'filming' })).toBe('filming')
    expect(describeValue('release', { status: 'estimated', date: null, window: { from: '2026-10-01', to: '2026-12-31' }, text: 'late 2026' })).toBe(
      'estimated, 2026-10-01 to 2026-12-31',
    )
    expect(describeValue('cast', { actor: 'Lomon', role: 'Lee Su-hyeok', status: 'returning' })).toBe('Lomon as Lee Su-hyeok (returning)')
    expect(describeValue('episodes', null)).toBe('none')
    expect(formatTime('2026-01-02T07:05:09.000Z')).toBe('2026-01-02 07:05 UTC')
    expect(formatTime(null)).toBe('never')
    expect(safeHref('javascript:alert(1)')).toBeUndefined()
    expect(safeHref('https://x.example/a')).toBe('https://x.example/a')
  })
})
