import { describe, expect, it } from 'vitest'
import { canonicalJson, sameJson } from '../../src/core/canonical-json'

describe('canonical JSON', () => {
  it('does not care about key order, at any depth', () => {
    expect(sameJson({ a: 1, b: { c: 2, d: [1, { e: 1, f: 2 }] } }, { b: { d: [1, { f: 2, e: 1 }], c: 2 }, a: 1 })).toBe(true)
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}')
  })

  it('still tells different data apart: values, array order, missing keys', () => {
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({ a: 1, b: null }, { a: 1 })).toBe(false)
  })

  it('keeps a "__proto__" key as data', () => {
    expect(canonicalJson(JSON.parse('{"__proto__":{"x":1},"a":1}'))).toBe('{"__proto__":{"x":1},"a":1}')
  })
})
