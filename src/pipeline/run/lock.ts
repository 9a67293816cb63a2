/**
 * Mutual exclusion for cron runs. KV cannot do compare-and-set, so the Worker leases the
 * lock in D1 (strongly consistent); the CLI and tests use the in-memory one.
 */
export interface RunLock {
  /**
   * Returns a token when the lease was taken, null when another run holds it. A lease whose
   * `owner` is the caller's is taken over at once: its holder was an earlier, dead attempt of
   * the same job (a crash skips the release), and waiting out its lease would skip the retry.
   */
  acquire(name: string, ttlMs: number, now: Date, owner?: string): Promise<string | null>
  release(name: string, token: string): Promise<void>
}

/** A lock for a single process. */
export function memoryLock(): RunLock {
  const held = new Map<string, { token: string; until: number; owner?: string }>()
  return {
    async acquire(name, ttlMs, now, owner) {
      const cur = held.get(name)
      if (cur && cur.until > now.getTime() && (owner === undefined || cur.owner !== owner)) return null
      const token = crypto.randomUUID()
      held.set(name, { token, until: now.getTime() + ttlMs, ...(owner !== undefined ? { owner } : {}) })
      return token
    },
    async release(name, token) {
      if (held.get(name)?.token === token) held.delete(name)
    },
  }
}

/** A lease row in D1: `INSERT … ON CONFLICT DO UPDATE … WHERE expired` is atomic. */
export function d1Lock(db: D1Database): RunLock {
  return {
    async acquire(name, ttlMs, now, owner) {
      const token = crypto.randomUUID()
      const t = now.getTime()
      const row = await db
        .prepare(
          `INSERT INTO run_lock (name, token, expires_at, owner) VALUES (?1, ?2, ?3, ?5)
           ON CONFLICT(name) DO UPDATE SET token = excluded.token, expires_at = excluded.expires_at, owner = excluded.owner
           WHERE run_lock.expires_at <= ?4 OR (?5 IS NOT NULL AND run_lock.owner = ?5)
           RETURNING token`,
        )
        .bind(name, token, t + ttlMs, t, owner ?? null)
        .first<{ token: string }>()
      return row?.token === token ? token : null
    },
    async release(name, token) {
      await db.prepare('DELETE FROM run_lock WHERE name = ?1 AND token = ?2').bind(name, token).run()
    },
  }
}
