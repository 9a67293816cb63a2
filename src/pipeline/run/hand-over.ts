/**
 * Handing a run's material changes to delivery: exactly once, even across a crash.
 *
 * A run notifies before it saves its state, because saving first and dying before the notify
 * would lose the email for good. So a run may start from a state older than what was already
 * handed over: the last run died between its notify and its save. Its edition is recorded (D1),
 * but the state does not list it, and a new run that finds that change again (plus a new one)
 * would send it a second time under a new edition id.
 *
 * Hence, before handing anything over, a run that has material changes asks the notifier for
 * the subject's editions newer than the newest one its state knows (`Notifier.recall`). Those
 * editions join the history, their changes count as reported, and only what is left goes out,
 * as a new edition. A quiet run (nothing material) never asks: no extra read where nothing can
 * be sent. The notifier also makes sure each recalled edition is queued, in case the crash hit
 * between recording it and queueing it.
 *
 * This is the one place that orders "hand over" before "save"; a run that holds editions for
 * review instead of sending them swaps the notifier (one whose `notify` holds and whose `recall`
 * also returns held editions) and keeps this function.
 */
import { HISTORY_LIMIT, type HistoryEntry } from '../../core/public-view'
import type { Change, Facts } from '../../core/types'
import type { Notifier, RenderedEmail } from '../../mail/delivery/notifier'
import { changeId } from '../facts/diff-facts'
import { hashText } from '../fetch/hash'
import type { PipelineState } from './state'

export interface HandOverInput {
  notifier: Notifier
  slug: string
  /** The run's time (ISO): the edition's `at`. */
  at: string
  /** The state the run started from. */
  state: Pick<PipelineState, 'history' | 'reported' | 'createdAt'>
  /** The run's diff (material changes already reported are not material any more). */
  changes: Change[]
  facts: Facts
  /** Renders the email for what is left to send. */
  render: (material: Change[]) => RenderedEmail
  /**
   * Review mode `hold`: called instead of notifying, with the edition id and what is left to send
   * (a repeated id must change nothing). The edition joins no history until it is approved.
   */
  hold?: (id: string, material: Change[]) => Promise<void>
}

export interface HandOver {
  /** The diff, with changes an earlier run already handed over marked not material. */
  changes: Change[]
  /** What this run handed over (empty: nothing new). */
  material: Change[]
  email: RenderedEmail | null
  /** The state's history with recalled editions and this run's edition, newest first, bounded. */
  history: HistoryEntry[]
  /** Change ids reported so far, this run's and recalled ones included. */
  reported: Set<string>
  /** Ids of editions a run handed over and did not save (now in the history). */
  recovered: string[]
  /** The id of the edition held for review instead of sent, else null. */
  heldId: string | null
}

/** A stable edition id: the same material changes of the same subject always give the same id. */
export async function editionId(slug: string, material: Change[]): Promise<string> {
  return (await hashText([slug, ...material.map(changeId).sort()].join('\n'))).slice(0, 24)
}

/** Recalls what a crashed run handed over, then hands over the rest (see the module comment). */
export async function handOverChanges(input: HandOverInput): Promise<HandOver> {
  const { notifier, slug, at, state } = input
  const reported = new Set(state.reported)
  const history = [...state.history]
  let changes = input.changes
  const recovered: string[] = []

  if (notifier.recall && changes.some((c) => c.material)) {
    const known = new Set(history.map((h) => h.id))
    // history[0] is the newest edition this state saved; anything later was never saved.
    for (const edition of await notifier.recall(slug, history[0]?.at ?? state.createdAt)) {
      if (known.has(edition.id)) continue
      history.unshift(edition)
      for (const c of edition.changes) reported.add(changeId(c))
      recovered.push(edition.id)
    }
    if (recovered.length > 0) changes = changes.map((c) => (c.material && reported.has(changeId(c)) ? { ...c, material: false } : c))
  }

  const material = changes.filter((c) => c.material)
  let email: RenderedEmail | null = null
  let heldId: string | null = null
  if (material.length > 0) {
    const id = await editionId(slug, material)
    if (input.hold) {
      await input.hold(id, material)
      heldId = id
    } else {
      email = input.render(material)
      await notifier.notify({ id, at, subject: slug, changes: material, facts: input.facts, email })
      history.unshift({ id, at, changes: material })
    }
    // Held changes count as handed over too: approval, not a later run, decides their email.
    for (const c of material) reported.add(changeId(c))
  }
  history.length = Math.min(history.length, HISTORY_LIMIT)
  return { changes, material, email, history, reported, recovered, heldId }
}
