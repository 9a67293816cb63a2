import { sameJson } from '../core/canonical-json'
import type { Source } from '../core/types'
import type { AuditAction, NewAuditEntry } from '../store/audit-log'

export type { AuditAction, AuditEntry } from '../store/audit-log'

/** Who did an admin action, how, and when. */
export interface AuditActor {
  actor: string
  via: NewAuditEntry['via']
  now: Date
}

/** An audit entry for an action by `who`: its time, actor and channel from `who`, the rest as given. */
export function auditEntry(who: AuditActor, what: Omit<NewAuditEntry, 'at' | 'actor' | 'via'>): NewAuditEntry {
  return { at: who.now.toISOString(), actor: who.actor, via: who.via, ...what }
}

/** The action an edit amounts to: a pure enabled or trust flip reads better as its own word. */
export function classifyEdit(before: Source, after: Source): AuditAction {
  const { enabled: a, ...restA } = before
  const { enabled: b, ...restB } = after
  if (a !== b && sameJson(restA, restB)) return b ? 'enable' : 'disable'
  const { unreliable: u, ...otherA } = before
  const { unreliable: v, ...otherB } = after
  if (Boolean(u) !== Boolean(v) && sameJson(otherA, otherB)) return v ? 'mark-unreliable' : 'mark-reliable'
  return 'edit'
}

