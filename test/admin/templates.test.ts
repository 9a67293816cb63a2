import { describe, expect, it } from 'vitest'
import type { DryRunResult } from '../../src/admin/dry-run'
import type { Claim } from '../../src/core/types'
import { AdminDryRun } from '../../templates/admin-dry-run'
import { AdminImportPreview } from '../../templates/admin-import'

const HOSTILE = `</q><script>alert(1)</script><img src=x onerror=alert(2)>`

describe('admin templates escape scraped text', () => {
  it('renders a dry-run with hostile evidence, values and links inert', async () => {
    const claim: Claim = {
      field: 'trailer',
      value: { kind: 'teaser', date: '2026-01-01', url: 'javascript:alert(3)' },
      certainty: 'confirmed',
      evidence: HOSTILE,
      source: 'javascript:alert(4)',
      published: '2026-01-01',
    }
    const cast: Claim = { field: 'cast', value: { actor: HOSTILE, role: HOSTILE, status: 'new' }, certainty: 'reported', evidence: 'x', source: 'https://a.example/', published: null }
    const result: DryRunResult = {
      target: { url: 'https://a.example/', kind: 'page', id: 'a-source' },
      at: '2026-01-02T00:00:00Z',
      error: HOSTILE,
      documents: [{ url: 'javascript:alert(5)', published: '2026-01-01', claims: [claim, cast], error: null }],
      changes: [{ field: 'cast', material: true, from: null, to: { actor: HOSTILE, role: null, status: 'new' }, certainty: 'reported', sources: [], evidence: HOSTILE }],
      baseline: false,
    }
    const html = String(await AdminDryRun({ csrf: 'c', base: '/admin', result }))
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).not.toContain('href="javascript:')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html).toContain('id="material-changes"')
    expect(html).toContain('2026-01-01')
    expect(html).toContain('confirmed')
  })

  it('renders an import preview with hostile notes inert', async () => {
    const s = { id: 'x1', url: 'https://x.example/', kind: 'page' as const, enabled: true, notes: HOSTILE }
    const html = String(
      await AdminImportPreview({
        csrf: 'c',
        base: '/admin',
        preview: { plan: { adds: [s], changes: [{ before: { ...s, notes: 'old' }, after: s }], removes: [], unchanged: [] }, sources: [s], base: 'b' },
      }),
    )
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('<img')
    expect(html).toContain('id="import-confirm"')
  })
})
