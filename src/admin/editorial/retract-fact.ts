/**
 * Retracting a fact that was already announced (an actor who is not in the season, a wrong
 * date). The fact leaves the current facts; the claims that said it stop counting (from the
 * sites that said it: only new evidence from another site can bring it back); the history and
 * the feed get a correction entry; and the recipients of the edition that carried the fact get
 * one correction email.
 *
 * The correction email is an edition of its own, through the same notifier: its id is derived
 * from the subject, the statement and the edition it corrects (a repeated retraction records
 * nothing new and sends nothing twice; the Queue message and Resend idempotency key follow from
 * the id), and its snapshot is that edition's, so it reaches exactly the subscribers who got
 * the wrong fact and are still subscribed. Order: notify, then D1 (exclusion, correction,
 * audit), then KV; repeating after a crash sends nothing twice.
 */
import type { CorrectionNote, FactSlot } from '../../core/editorial'
import type { HistoryEntry } from '../../core/public-view'
import type { Change } from '../../core/types'
import { renderCorrectionEmail } from '../../mail/delivery/correction-email'
import { sameEmailForChoices } from '../../mail/render/render-email'
import { queueNotifier } from '../../mail/delivery/queue-notifier'
import { describeChange } from '../../site/describe-fact'
import { changeId } from '../../pipeline/facts/diff-facts'
import { factPiece, filterLedger, pieceStates, statementOfChange, statementOfPiece, statementRule, unreliableUrls } from '../../pipeline/facts/editorial-filter'
import { forgetRetracted, retractFact as retractedFacts, revertChanges } from '../../pipeline/facts/editorial-revert'
import { hashText } from '../../pipeline/fetch/hash'
import { appendAuditWhen } from '../../store/audit-log'
import { insertCorrectionStatement, insertExclusionStatement, listExclusions, listPendingHeld, listUpdateEditions, type SentEdition } from '../../store/editorial-store'
import { listSources } from '../../store/source-store'
import { subjectConfig } from '../../store/subject-store'
import { readPublicUrl } from '../../worker/config'
import { changeForPiece, describeNow } from './correction-note'
import { EditorialRefusal, saveEditorialState, underSubjectLock, withHistoryEntry, type EditorialContext, type EditorialResult } from './editorial-context'

/** What a retraction did. */
export interface RetractOutcome {
  note: CorrectionNote
  /** The correction edition queued for the wrong fact's recipients; null when no edition carried it. */
  correctionEditionId: string | null
}

/** The newest update edition that announced the statement, with the change that did. */
function findAnnouncement(editions: SentEdition[], statement: string): { edition: SentEdition; change: Change } | null {
  for (const edition of editions) {
    const change = (edition.changes as Change[]).find((c) => c && typeof c === 'object' && c.material !== false && statementOfChange(c) === statement)
    if (change) return { edition, change }
  }
  return null
}

/** Marks the retracted change on the history entry that announced it. */
function markRetracted(history: HistoryEntry[], editionId: string, retractedChange: string, correctionId: string): HistoryEntry[] {
  return history.map((e) =>
    e.id === editionId && !(e.retracted ?? []).some((r) => r.changeId === retractedChange) ? { ...e, retracted: [...(e.retracted ?? []), { changeId: retractedChange, correctionId }] } : e,
  )
}

/** Retracts the fact in `slot`, with the maintainer's reason. */
export async function retractFact(ctx: EditorialContext, slot: FactSlot, reason: string): Promise<EditorialResult<RetractOutcome>> {
  return underSubjectLock(ctx, async (locked) => {
    const { env, subject } = ctx
    const state = locked.state
    const piece = factPiece(state.facts, slot)
    const statement = statementOfPiece(slot, piece)
    if (!piece || !statement) throw new EditorialRefusal(404, 'That fact is not on the fact sheet (was it retracted already?).')
    const pending = await listPendingHeld(env.DB, subject.slug)
    if (pending.some((h) => h.changes.some((c) => !h.dropped.includes(c.id) && c.slot.field === slot.field && pieceStates(slot, c.after, statement)))) {
      throw new EditorialRefusal(409, 'That fact is in an edition still held for review: drop the change there instead.')
    }
    const rule = statementRule(slot, piece, state.claims)!
    const [exclusions, sources, editions] = await Promise.all([listExclusions(env.DB, subject.slug), listSources(env.DB, subject.slug), listUpdateEditions(env.DB, subject.slug)])
    const counted = filterLedger(state.claims, { rules: [...exclusions.map((e) => e.rule), rule], unreliable: unreliableUrls(sources, state.feeds) })
    const facts = retractedFacts(state.facts, slot, counted, { today: ctx.now.toISOString().slice(0, 10), subject: subjectConfig(subject) })
    const now = factPiece(facts, slot)

    const announced = findAnnouncement(editions, statement)
    const correctionId = `correction-${(await hashText([subject.slug, statement, announced?.edition.id ?? 'none'].join('\n'))).slice(0, 20)}`
    const wrongChange = announced?.change ?? changeForPiece(slot, piece)
    const note: CorrectionNote = {
      id: correctionId,
      at: ctx.now.toISOString(),
      field: slot.field,
      wrong: describeChange(wrongChange),
      now: describeNow(slot, now),
      reason,
      editionId: announced?.edition.id ?? null,
    }

    // The email first: the notifier ignores a repeated id, so repeating after a crash is safe.
    if (announced) {
      const publicFacts = revertChanges(facts, pending.map((h) => h.changes.filter((c) => !h.dropped.includes(c.id))))
      const email = renderCorrectionEmail({ note, showTitle: subject.show, season: subject.season, publicUrl: readPublicUrl(env), sentAt: announced.edition.at })
      // The corrected change travels with it, so recipient filtering by field treats it like the update.
      const variants = sameEmailForChoices([announced.change], email)
      await queueNotifier(env, { now: () => ctx.now }).notify({ id: correctionId, at: note.at, subject: subject.slug, changes: [announced.change], facts: publicFacts, email, variants, snapshotAt: announced.edition.snapshotAt })
    }
    const db = env.DB
    await db.batch([
      insertExclusionStatement(db, { slug: subject.slug, key: `retract:${correctionId}`, kind: 'retract', rule, decision: { slot, statement, sites: rule.sites, restore: now }, reason, at: ctx.now, by: ctx.actor }),
      insertCorrectionStatement(db, { id: correctionId, slug: subject.slug, statement, originalEditionId: note.editionId, correctionEditionId: announced ? correctionId : null, note, actor: ctx.actor }),
      appendAuditWhen(
        db,
        { at: note.at, actor: ctx.actor, via: ctx.via, action: 'retract', subject: subject.slug, targetKind: 'fact', target: statement, before: piece, after: { now, excluded: rule, correction: correctionId }, reason },
        'changes() = 1',
      ),
    ])

    const retracted = announced ? changeId(announced.change) : null
    const history = withHistoryEntry(announced ? markRetracted(state.history, announced.edition.id, retracted!, correctionId) : state.history, { id: correctionId, at: note.at, changes: [], correction: note })
    await saveEditorialState(ctx, locked, { facts, reported: forgetRetracted(state.reported, slot, statement), history })
    return { note, correctionEditionId: announced ? correctionId : null }
  })
}
