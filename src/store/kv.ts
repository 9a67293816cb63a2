/**
 * The slice of Workers KV the app needs, so a Map can stand in for it in the CLI and tests,
 * and a counting wrapper can report the reads and writes each run makes.
 */
export interface KvLike {
  get(key: string): Promise<string | null>
  put(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/** KV operation counts, as the replay contract reports them. */
export interface KvCounts {
  reads: number
  writes: number
}

/** Wraps a KV so every get counts as a read and every put/delete as a write. */
export function countKv(inner: KvLike): { kv: KvLike; counts: KvCounts } {
  const counts: KvCounts = { reads: 0, writes: 0 }
  const kv: KvLike = {
    async get(key) {
      counts.reads++
      return inner.get(key)
    },
    async put(key, value) {
      counts.writes++
      await inner.put(key, value)
    },
    async delete(key) {
      counts.writes++
      await inner.delete(key)
    },
  }
  return { kv, counts }
}

/** An in-memory KV for the CLI, the replay and unit tests. */
export function memoryKv(initial: Record<string, string> = {}): KvLike & { dump(): Record<string, string> } {
  const map = new Map(Object.entries(initial))
  return {
    async get(key) {
      return map.get(key) ?? null
    },
    async put(key, value) {
      map.set(key, value)
    },
    async delete(key) {
      map.delete(key)
    },
    dump: () => Object.fromEntries(map),
  }
}

/** Adapts a Workers KV namespace binding to `KvLike`. */
export function workersKv(ns: KVNamespace): KvLike {
  return {
    get: (key) => ns.get(key, 'text'),
    put: (key, value) => ns.put(key, value),
    delete: (key) => ns.delete(key),
  }
}
