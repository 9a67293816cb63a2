/**
 * Admin access state in D1 (migration 0003): the session epoch that logout bumps, and the IPs
 * locked out after too many wrong credentials. D1, not KV: a logout or a lockout must hold at
 * once everywhere, not after KV's minute of eventual consistency.
 */
import { toHex } from '../mail/subscribers/hmac'

/** How long an IP that went over the wrong-credential limit is refused. */
export const LOCKOUT_MS = 15 * 60 * 1000

/** What one request needs to know, read in one round trip. */
export interface AccessState {
  sessionEpoch: number
  /** Until when (ms) this IP is locked out, or null. */
  lockedUntil: number | null
}

/** SHA-256 of the client IP, hex: the table keys lockouts by it rather than storing the IP. */
export async function hashIp(ip: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`season-watch/admin-ip/${ip}`))
  return toHex(new Uint8Array(digest))
}

/** The session epoch and this IP's lockout, in one query. */
export async function readAccessState(db: D1Database, ipHash: string, now: Date): Promise<AccessState> {
  const row = await db
    .prepare(
      `SELECT (SELECT session_epoch FROM admin_state WHERE id = 1) AS sessionEpoch,
              (SELECT until_ms FROM admin_lockouts WHERE ip_hash = ?1 AND until_ms > ?2) AS lockedUntil`,
    )
    .bind(ipHash, now.getTime())
    .first<AccessState>()
  return { sessionEpoch: row?.sessionEpoch ?? 0, lockedUntil: row?.lockedUntil ?? null }
}

/** The current session epoch (0 before the first logout). */
export async function readSessionEpoch(db: D1Database): Promise<number> {
  const row = await db.prepare('SELECT session_epoch AS epoch FROM admin_state WHERE id = 1').first<{ epoch: number }>()
  return row?.epoch ?? 0
}

/** Ends every open page session: their MACs were made with the old epoch. Returns the new one. */
export async function bumpSessionEpoch(db: D1Database): Promise<number> {
  const row = await db
    .prepare(
      `INSERT INTO admin_state (id, session_epoch) VALUES (1, 1)
       ON CONFLICT (id) DO UPDATE SET session_epoch = session_epoch + 1
       RETURNING session_epoch AS epoch`,
    )
    .first<{ epoch: number }>()
  return row?.epoch ?? 0
}

/** Locks an IP out until `until` (and drops lockouts that have ended). */
export async function lockOut(db: D1Database, ipHash: string, until: Date, now: Date): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM admin_lockouts WHERE until_ms <= ?1').bind(now.getTime()),
    db
      .prepare('INSERT INTO admin_lockouts (ip_hash, until_ms) VALUES (?1, ?2) ON CONFLICT (ip_hash) DO UPDATE SET until_ms = MAX(until_ms, ?2)')
      .bind(ipHash, until.getTime()),
  ])
}
