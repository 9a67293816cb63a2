/**
 * Editorial edits of the fact sheet, pure: holding changes off the public view, putting a
 * dropped change back, retracting a fact, and re-applying those decisions on every run.
 */
import type { FactDecision, FactPiece, FactSlot, HeldChange } from '../../core/editorial'
import type { Change, Claim, Facts } from '../../core/types'
import { changeId } from './diff-facts'
import { factPiece, pieceStates, sitesOfPiece, slotOfChange, statementOfChange, statementOfPiece, withFactPiece } from './editorial-filter'
import { mergeFacts, type MergeOptions } from './merge-facts'

/** Each material change with the fact before and after it: what a held edition keeps. */
export function toHeldChanges(before: Facts, after: Facts, material: Change[]): HeldChange[] {
  return material.map((change) => {
    const slot = slotOfChange(change)
    return { id: changeId(change), change, slot, before: factPiece(before, slot), after: factPiece(after, slot) }
  })
}

/** True when the fact in the slot still says what `change.after` said. */
function stillSays(facts: Facts, held: HeldChange): boolean {
  return pieceStates(held.slot, factPiece(facts, held.slot), statementOfPiece(held.slot, held.after))
}

/**
 * Puts held changes back to the fact before them, newest edition first and each edition's
 * changes last to first, so stacked changes unwind in order. A slot that has moved on since
 * (a later run changed it again) is left as it is.
 */
export function revertChanges(facts: Facts, editions: readonly (readonly HeldChange[])[]): Facts {
  let out = facts
  for (const changes of editions) {
    for (const held of [...changes].reverse()) if (stillSays(out, held)) out = withFactPiece(out, held.slot, held.before)
  }
  return out
}

/**
 * Re-applies drops and retractions: a fact that states a decided statement while all its
 * evidence comes from the excluded sites can only be a state read from before the decision
 * (KV is eventually consistent), so it goes back to what the decision left. A fact that new
 * evidence from another site re-established is kept.
 */
export function applyDecisions(facts: Facts, decisions: readonly FactDecision[]): Facts {
  let out = facts
  for (const d of decisions) {
    const piece = factPiece(out, d.slot)
    if (!pieceStates(d.slot, piece, d.statement)) continue
    const sites = sitesOfPiece(piece)
    if (sites.length > 0 && sites.every((s) => d.sites.includes(s))) out = withFactPiece(out, d.slot, d.restore)
  }
  return out
}

/**
 * The facts once the fact in `slot` is retracted: the slot is emptied and merged again from the
 * claims that still count (`counted`, the ledger after the retraction's exclusion), so it holds
 * whatever the remaining evidence establishes ("filming" back to "renewed"; a confirmed date
 * back to the newest estimate; an actor off the cast list).
 */
export function retractFact(facts: Facts, slot: FactSlot, counted: Claim[], options: MergeOptions): Facts {
  const remerged = mergeFacts(withFactPiece(facts, slot, null), counted, options)
  return withFactPiece(facts, slot, factPiece(remerged, slot))
}

/**
 * The reported change ids left once the statement in `slot` is retracted: every change that
 * announced it is forgotten (for cast: any role, returning or new, any spelling of the actor),
 * so the fact coming back later on new evidence is news again, not "known". Ids are read as
 * `changeId` writes them (`field:` + the new value as JSON); one that does not parse is kept.
 */
export function forgetRetracted(reported: readonly string[], slot: FactSlot, statement: string): string[] {
  return reported.filter((id) => !announces(id, slot, statement))
}

function announces(id: string, slot: FactSlot, statement: string): boolean {
  const cut = id.indexOf(':')
  if (cut < 0 || id.slice(0, cut) !== slot.field) return false
  let to: unknown
  try {
    to = JSON.parse(id.slice(cut + 1))
  } catch {
    return false
  }
  const change = { field: slot.field, to, from: null } as Pick<Change, 'field' | 'to' | 'from'>
  if (statementOfChange(change) === statement) return true
  return slot.field === 'cast' && to !== null && typeof to === 'object' && pieceStates(slot, to as FactPiece, statement)
}
