/**
 * Held editions (review mode `hold`): send now, drop one change, drop the whole edition, and
 * the automatic send when a hold window has passed.
 *
 * - Sending renders the email then, from the changes left, and hands it to the same notifier
 *   as a run (so recipients are those confirmed at approval, and the same Queue, consumer and
 *   Resend idempotency keys apply). Order: notify (idempotent by id), then the history in KV,
 *   then the edition is settled in D1; a crash anywhere is safe to repeat.
 * - Dropping a change records an exclusion (its statement, from the sites that said it) and a
 *   fact decision, and puts the fact back as it was before the change. D1 first: the decision is
 *   what every later run re-applies, so a crash before KV is written is repaired by the next run.
 */
import type { FactDecision, HeldChange } from '../../core/editorial'
import type { Change } from '../../core/types'
import { queueNotifier } from '../../mail/delivery/queue-notifier'
import { renderEditionEmails } from '../../mail/render/render-email'
import { factPiece, pieceStates, statementOfPiece, statementRule, withFactPiece } from '../../pipeline/facts/editorial-filter'
import { revertChanges } from '../../pipeline/facts/editorial-revert'
import { editionId } from '../../pipeline/run/hand-over'
import { appendAuditStatement, type AuditAction, type NewAuditEntry } from '../../store/audit-log'
import { auditEntry } from '../audit'
import {
  getHeldEdition,
  insertExclusionStatement,
  listDueHeld,
  listPendingHeld,
  saveDroppedStatement,
  settleHeld,
  settleHeldStatement,
  type HeldEdition,
} from '../../store/editorial-store'
import { getSubject } from '../../store/subject-store'
import { readPublicUrl } from '../../worker/config'
import { logEvent } from '../../core/log'
import { EditorialRefusal, saveEditorialState, underSubjectLock, withHistoryEntry, type EditorialContext, type EditorialResult, type LockedState } from './editorial-context'

/** What sending a held edition did. */
export interface SendOutcome {
  /** The edition that went out (only the approved changes), or null when every change was dropped. */
  sentEditionId: string | null
  changes: Change[]
}

function audit(ctx: EditorialContext, action: AuditAction, target: string, before: unknown, after: unknown, reason: string | null, targetKind: NewAuditEntry['targetKind'] = 'edition'): NewAuditEntry {
  return auditEntry(ctx, { action, subject: ctx.subject.slug, targetKind, target, before, after, reason })
}

/** The held edition, still waiting and of this subject, or a refusal. */
async function readWaiting(ctx: EditorialContext, id: string): Promise<HeldEdition> {
  const held = await getHeldEdition(ctx.env.DB, id)
  if (!held || held.slug !== ctx.subject.slug) throw new EditorialRefusal(404, `No held edition "${id}" for this subject.`)
  if (held.status !== 'held') throw new EditorialRefusal(409, `That edition was already ${held.status === 'sent' ? 'sent' : 'dropped'}.`)
  return held
}

/** The changes of other editions still held (not dropped): kept off the public facts and out of this email's fact sheet. */
async function otherPending(ctx: EditorialContext, exceptId: string): Promise<HeldChange[][]> {
  return (await listPendingHeld(ctx.env.DB, ctx.subject.slug)).filter((h) => h.id !== exceptId).map((h) => h.changes.filter((c) => !h.dropped.includes(c.id)))
}

/**
 * Sends a held edition now with the changes not dropped (every change dropped: nothing is sent
 * and it is settled as dropped). `auto`: the hold window's own send (audited as such).
 */
export async function sendHeldEdition(ctx: EditorialContext, id: string, opts: { auto?: boolean } = {}): Promise<EditorialResult<SendOutcome>> {
  return underSubjectLock(ctx, async (locked) => {
    const held = await readWaiting(ctx, id)
    const approved = held.changes.filter((h) => !held.dropped.includes(h.id))
    if (approved.length === 0) {
      await settleHeld(ctx.env.DB, id, { status: 'dropped', dropped: held.dropped, sentEditionId: null, at: ctx.now, by: ctx.actor }, audit(ctx, 'drop-edition', id, null, { dropped: held.dropped }, 'every change was dropped'))
      return { sentEditionId: null, changes: [] }
    }
    const changes = approved.map((h) => h.change)
    const facts = revertChanges(locked.state.facts, await otherPending(ctx, id))
    const subject = ctx.subject
    const { email, variants } = renderEditionEmails({ changes, facts, slug: subject.slug, showTitle: subject.show, season: subject.season, publicUrl: readPublicUrl(ctx.env) })
    const sentId = await editionId(subject.slug, changes)
    // Snapshot now: subscribers confirmed while it was held get it; later ones do not.
    await queueNotifier(ctx.env, { now: () => ctx.now }).notify({ id: sentId, at: held.at, subject: subject.slug, changes, facts, email, variants })
    await saveEditorialState(ctx, locked, { facts: locked.state.facts, reported: locked.state.reported, history: withHistoryEntry(locked.state.history, { id: sentId, at: held.at, changes }) }, { settling: id })
    const action: AuditAction = opts.auto ? 'auto-send-edition' : 'send-edition'
    await settleHeld(ctx.env.DB, id, { status: 'sent', dropped: held.dropped, sentEditionId: sentId, at: ctx.now, by: ctx.actor }, audit(ctx, action, id, null, { sentEditionId: sentId, changes: approved.map((h) => h.id), dropped: held.dropped }, opts.auto ? 'the hold window passed' : null))
    return { sentEditionId: sentId, changes }
  })
}

/**
 * What dropping one held change writes: the exclusion of its statement from the sites that
 * said it, and the decision that puts its fact back to what it was before the change.
 */
function dropOf(ctx: EditorialContext, locked: LockedState, held: HeldEdition, change: HeldChange, reason: string | null) {
  const rule = statementRule(change.slot, change.after, locked.state.claims)
  if (!rule) throw new EditorialRefusal(422, 'That change leaves nothing to drop.')
  const decision: FactDecision = { slot: change.slot, statement: rule.statement, sites: rule.sites, restore: change.before }
  const exclusion = insertExclusionStatement(ctx.env.DB, { slug: ctx.subject.slug, key: `drop:${held.id}:${change.id}`, kind: 'drop', rule, decision, reason, at: ctx.now, by: ctx.actor })
  return { rule, decision, exclusion }
}

/** The state once dropped changes are undone: each fact back to before (if it still says the change), never reported. */
function undo(locked: LockedState, changes: HeldChange[]) {
  let facts = locked.state.facts
  for (const c of [...changes].reverse()) {
    if (pieceStates(c.slot, factPiece(facts, c.slot), statementOfPiece(c.slot, c.after))) facts = withFactPiece(facts, c.slot, c.before)
  }
  const gone = new Set(changes.map((c) => c.id))
  return { facts, reported: locked.state.reported.filter((r) => !gone.has(r)), history: locked.state.history }
}

/**
 * Drops one change of a held edition: it is never emailed, its fact goes back to what it was,
 * and its claims stop counting (from the sites that said it; another site can re-establish it).
 */
export async function dropHeldChange(ctx: EditorialContext, id: string, changeId: string, reason: string | null): Promise<EditorialResult<{ dropped: string[] }>> {
  return underSubjectLock(ctx, async (locked) => {
    const held = await readWaiting(ctx, id)
    const change = held.changes.find((c) => c.id === changeId)
    if (!change) throw new EditorialRefusal(404, 'That edition has no such change.')
    if (held.dropped.includes(changeId)) throw new EditorialRefusal(409, 'That change was already dropped.')
    const { rule, exclusion } = dropOf(ctx, locked, held, change, reason)
    const dropped = [...held.dropped, changeId]
    const entry = audit(ctx, 'drop-change', id, change.change, { changeId, excluded: rule }, reason)
    // The last change dropped settles the edition: there is nothing left to send.
    const save = dropped.length === held.changes.length
      ? settleHeldStatement(ctx.env.DB, id, { status: 'dropped', dropped, sentEditionId: null, at: ctx.now, by: ctx.actor })
      : saveDroppedStatement(ctx.env.DB, id, dropped)
    await ctx.env.DB.batch([save, exclusion, appendAuditStatement(ctx.env.DB, entry)])
    await saveEditorialState(ctx, locked, undo(locked, [change]))
    return { dropped }
  })
}

/** Drops a whole held edition: every change it still has is dropped (as above) and nothing is sent. */
export async function dropHeldEdition(ctx: EditorialContext, id: string, reason: string | null): Promise<EditorialResult<{ dropped: string[] }>> {
  return underSubjectLock(ctx, async (locked) => {
    const held = await readWaiting(ctx, id)
    const remaining = held.changes.filter((c) => !held.dropped.includes(c.id))
    const exclusions = remaining.map((c) => dropOf(ctx, locked, held, c, reason).exclusion)
    const dropped = held.changes.map((c) => c.id)
    const settled = await settleHeld(
      ctx.env.DB,
      id,
      { status: 'dropped', dropped, sentEditionId: null, at: ctx.now, by: ctx.actor },
      audit(ctx, 'drop-edition', id, remaining.map((c) => c.change), { dropped }, reason),
      exclusions,
    )
    if (!settled) throw new EditorialRefusal(409, 'That edition was settled meanwhile.')
    await saveEditorialState(ctx, locked, undo(locked, remaining))
    return { dropped }
  })
}

/**
 * Sends every held edition whose hold window has passed (`hold N hours`), as `system`. Called by
 * the hourly sweep cron and by the main cron; an edition whose subject is busy (a run holds its
 * lock) waits for the next sweep. Returns the ids sent.
 */
export async function sendDueHeldEditions(env: Env, now: Date): Promise<string[]> {
  const sent: string[] = []
  for (const held of await listDueHeld(env.DB, now)) {
    const subject = await getSubject(env.DB, held.slug)
    if (!subject) continue
    const result = await sendHeldEdition({ env, subject, actor: 'system', via: 'system', now }, held.id, { auto: true }).catch((err: unknown) => {
      logEvent({ event: 'held.auto-send', level: 'error', id: held.id, error: String(err) })
      return null
    })
    if (result?.ok) sent.push(held.id)
    else if (result) logEvent({ event: 'held.auto-send', level: 'warn', id: held.id, status: result.status, error: result.error })
  }
  if (sent.length > 0) logEvent({ event: 'held.auto-send', sent })
  return sent
}
