import { describe, expect, it } from 'vitest'
import { validateDryRunTarget, validateSource, validateSourceList } from '../../src/admin/source-schema'
import type { Source } from '../../src/core/types'

const good = { id: 'netflix-news', url: 'https://about.netflix.com/en/newsroom', kind: 'page', enabled: true }
const existing: Source[] = [{ id: 'wiki', url: 'https://en.wikipedia.org/wiki/All_of_Us_Are_Dead', kind: 'page', enabled: true }]

describe('validateSource', () => {
  it('accepts a good source, normalises the URL and drops an empty note', () => {
    const r = validateSource({ ...good, url: '  HTTPS://About.Netflix.com/en/newsroom ', notes: '   ' }, existing)
    expect(r).toEqual({ ok: true, value: { ...good, url: 'https://about.netflix.com/en/newsroom' } })
  })

  it('defaults enabled to true', () => {
    const { enabled: _, ...rest } = good
    const r = validateSource(rest, [])
    expect(r.ok && r.value.enabled).toBe(true)
  })

  it('returns every bad field with its own message', () => {
    const r = validateSource({ id: 'Bad Id!', url: 'ftp://x.example/', kind: 'podcast', enabled: 'yes', notes: 'x'.repeat(501) }, [])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(Object.keys(r.errors).sort()).toEqual(['enabled', 'id', 'kind', 'notes', 'url'])
    expect(r.errors.id).toMatch(/lowercase/)
    expect(r.errors.url).toMatch(/http/)
    expect(r.errors.kind).toMatch(/page.*feed/)
    expect(r.errors.enabled).toMatch(/true or false/)
    expect(r.errors.notes).toMatch(/500/)
  })

  it.each([
    ['a', /lowercase/], // too short
    ['-start', /lowercase/],
    ['x'.repeat(64), /lowercase/],
    ['', /Give the source an id/],
    ['export', /reserved/],
  ])('refuses the id %j', (id, why) => {
    const r = validateSource({ ...good, id }, [])
    expect(r.ok === false && r.errors.id).toMatch(why)
  })

  it('refuses missing fields and unknown ones', () => {
    const r = validateSource({ extra: 1 }, [])
    expect(r.ok).toBe(false)
    if (r.ok) return
    expect(r.errors).toMatchObject({ id: expect.any(String), url: expect.any(String), kind: expect.any(String), extra: 'Unknown field.' })
  })

  it('refuses a non-object', () => {
    expect(validateSource('hello', [])).toEqual({ ok: false, errors: { source: 'Send a source as a JSON object.' } })
  })

  it('refuses SSRF URLs with a reason', () => {
    for (const url of ['http://3232235777/', 'http://[::ffff:10.0.0.1]/', 'http://169.254.169.254/']) {
      const r = validateSource({ ...good, url }, [])
      expect(r.ok === false && r.errors.url).toMatch(/points to a (private|link-local) address/)
    }
    const decimal = validateSource({ ...good, url: 'http://2130706433/' }, [])
    expect(decimal.ok === false && decimal.errors.url).toMatch(/Loopback/)
    const local = validateSource({ ...good, url: 'http://localhost:8791/x' }, [])
    expect(local.ok === false && local.errors.url).toMatch(/Loopback/)
  })

  it('allows localhost with the demo rules only', () => {
    expect(validateSource({ ...good, url: 'http://localhost:8791/x' }, [], { allowLoopback: true }).ok).toBe(true)
  })

  it('refuses an id or URL another source has, but not the source being edited', () => {
    const r = validateSource({ ...good, id: 'wiki', url: existing[0]!.url }, existing)
    expect(r.ok === false && r.errors).toEqual({
      id: 'The id "wiki" is already used by another source.',
      url: 'Source "wiki" already reads this URL.',
    })
    expect(validateSource({ ...existing[0]!, enabled: false }, existing, {}, 'wiki').ok).toBe(true)
  })
})

describe('validateSourceList', () => {
  it('accepts an array or { sources }', () => {
    expect(validateSourceList([good]).ok).toBe(true)
    expect(validateSourceList({ sources: [good] }).ok).toBe(true)
    expect(validateSourceList([]).ok).toBe(true)
  })

  it('keys errors by index and field and catches duplicates inside the list', () => {
    const r = validateSourceList([good, { ...good, url: 'https://other.example/' }, { ...good, id: 'b2', url: 'http://10.1.1.1/' }])
    expect(r.ok === false && r.errors).toEqual({
      'sources.1.id': 'The id "netflix-news" is already used by another source.',
      'sources.2.url': 'The URL points to a private address.',
    })
  })

  it('refuses what is not a list', () => {
    expect(validateSourceList('x').ok).toBe(false)
    expect(validateSourceList({ nope: [] }).ok).toBe(false)
  })
})

describe('validateDryRunTarget', () => {
  it('checks URL and kind only', () => {
    expect(validateDryRunTarget({ url: 'https://example.com/a', kind: 'feed' })).toEqual({
      ok: true,
      value: { url: 'https://example.com/a', kind: 'feed' },
    })
    const r = validateDryRunTarget({ url: 'http://127.0.0.1/', kind: 'x' })
    expect(r.ok === false && Object.keys(r.errors).sort()).toEqual(['kind', 'url'])
  })
})
