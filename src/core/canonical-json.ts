/**
 * JSON with object keys in sorted order, so two values that hold the same data compare equal
 * whatever order their keys were written in (`JSON.stringify` keeps insertion order). Arrays
 * keep their order: in facts it means something (cast order, sources).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v
    const sorted: Record<string, unknown> = Object.create(null) as Record<string, unknown>
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k]
    return sorted
  })
}

/** True when `a` and `b` hold the same JSON data, key order aside. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b)
}
