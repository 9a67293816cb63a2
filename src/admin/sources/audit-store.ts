import { appendAudit, type AuditEntry } from '../audit'
import type { KvLike } from '../../store/kv'
import { kvKeys } from '../../store/kv-keys'

/** The admin audit log, newest first (empty before the first edit). */
export async function readAudit(kv: KvLike): Promise<AuditEntry[]> {
  const raw = await kv.get(kvKeys.audit())
  if (raw === null) return []
  try {
    const parsed: unknown = JSON.parse(raw)
    return Array.isArray(parsed) ? (parsed as AuditEntry[]) : []
  } catch {
    // A corrupt log must not lock maintainers out of the admin; the next entry starts it afresh.
    return []
  }
}

/** Adds one entry to the bounded log (read-modify-write; edits are rare and human-paced). */
export async function recordAudit(kv: KvLike, entry: AuditEntry): Promise<void> {
  await kv.put(kvKeys.audit(), JSON.stringify(appendAudit(await readAudit(kv), entry)))
}
