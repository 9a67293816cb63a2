/** KV and D1 bindings that count what a request does with them (for "what a page view costs"). */
export interface Counts {
  kvReads: number
  kvWrites: number
  d1Queries: number
}

/** Wraps the bindings; `counts` goes up as the app uses them (reset it between requests). */
export function countedBindings(kv: KVNamespace, db: D1Database) {
  const counts: Counts = { kvReads: 0, kvWrites: 0, d1Queries: 0 }
  const passThrough = <T extends object>(target: T, onGet: (prop: string | symbol) => void): T =>
    new Proxy(target, {
      get(t, prop) {
        onGet(prop)
        const value = Reflect.get(t, prop)
        return typeof value === 'function' ? value.bind(t) : value
      },
    })
  return {
    counts,
    kv: passThrough(kv, (prop) => {
      if (prop === 'get' || prop === 'getWithMetadata') counts.kvReads++
      if (prop === 'put' || prop === 'delete') counts.kvWrites++
    }),
    db: passThrough(db, (prop) => {
      if (prop === 'prepare') counts.d1Queries++
    }),
  }
}
