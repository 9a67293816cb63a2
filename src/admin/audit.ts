import type { Source } from '../core/types'

/** What a maintainer did. */
export type AuditAction = 'add' | 'edit' | 'enable' | 'disable' | 'delete' | 'import'

/** One line of the audit log. */
export interface AuditEntry {
  /** ISO time. */
  at: string
  /** Token fingerprint (`token:1a2b3c4d`), never the token. */
  actor: string
  action: AuditAction
  /** The source id, or null for a whole-list action (import). */
  target: string | null
  /** Through the API or the page. */
  via: 'api' | 'page'
  before: Source | Source[] | null
  after: Source | Source[] | null
}

/** Entries kept; older ones fall off. */
export const AUDIT_LIMIT = 200

/** Size budget of the serialised log, so one KV value stays small however big the imports. */
export const AUDIT_MAX_CHARS = 512 * 1024

/** Prepends an entry (newest first) and drops the oldest beyond either bound (the newest always stays). */
export function appendAudit(
  log: readonly AuditEntry[],
  entry: AuditEntry,
  limit = AUDIT_LIMIT,
  maxChars = AUDIT_MAX_CHARS,
): AuditEntry[] {
  const kept = [entry]
  let size = JSON.stringify(entry).length
  for (const old of log) {
    if (kept.length >= limit) break
    size += JSON.stringify(old).length + 1
    if (size > maxChars) break
    kept.push(old)
  }
  return kept
}

/** The action an edit amounts to: a pure enabled flip reads better as enable/disable. */
export function classifyEdit(before: Source, after: Source): AuditAction {
  const { enabled: a, ...restA } = before
  const { enabled: b, ...restB } = after
  if (a !== b && sameJson(restA, restB)) return b ? 'enable' : 'disable'
  return 'edit'
}

/** Key-order-insensitive equality for flat source objects. */
export function sameJson(a: object, b: object): boolean {
  const norm = (o: object) => JSON.stringify(Object.entries(o).filter(([, v]) => v !== undefined).sort(([x], [y]) => (x < y ? -1 : 1)))
  return norm(a) === norm(b)
}
