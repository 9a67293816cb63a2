import { hashAddress } from './address-hash'
import { encodeChoices, type SeasonChoice } from './choices'
import { countConfirmResend, findSubscriberByEmail, insertPending, isSuppressed } from './subscriber-store'
import { listSubscriptions } from './subscription-store'

/** Limits on confirmation emails for one address. */
export const CONFIRM_RESEND = {
  /** Minimum time between two confirmation emails. */
  minIntervalMs: 10 * 60 * 1000,
  /** Most confirmation emails one pending request gets (an active address: per week). */
  maxSends: 5,
  /** An active address's count of "confirm the added seasons" emails starts over after this. */
  activeWindowMs: 7 * 24 * 60 * 60 * 1000,
} as const

/** A confirmation email to send (the Queue consumer renders and sends it). */
export interface ConfirmJob {
  kind: 'confirm'
  subscriberId: number
  /** Which confirmation this is (1, 2, …): part of the idempotency key. */
  sendNo: number
  /** The seasons and choices the link applies (`encodeChoices`). */
  seasons: string
  /** The address is already subscribed: the email confirms added seasons or changed choices. */
  change?: true
  /** When the request was made (epoch seconds), for a change request's idempotency key. */
  at?: number
}

/**
 * What to do about a subscribe request. The caller answers the visitor the same way whatever
 * this returns, and before it runs: the response must not tell whether the address was already
 * on the list, by its content or by its timing.
 */
export type SubscriptionDecision =
  | { action: 'send-confirmation'; job: ConfirmJob; reason: 'new' | 'resend' | 'change' }
  | { action: 'nothing'; reason: 'active' | 'too-soon' | 'resend-limit' | 'suppressed' | 'race' | 'no-seasons' }

/**
 * Double opt-in, step one, for an address and the seasons it asks for (already checked against
 * the followed subjects). New address → pending + a confirmation; pending → another confirmation
 * (with the seasons of this request) at most every 10 minutes and 5 times; active → a
 * confirmation of only what would change (seasons added, choices changed), under the same
 * limits counted per week, or nothing when it already follows exactly that; bounced → nothing,
 * silently. An address that unsubscribed has no row any more (its address was erased), so it
 * simply starts over.
 */
export async function requestSubscription(db: D1Database, signingKey: string, email: string, seasons: readonly SeasonChoice[], now: Date): Promise<SubscriptionDecision> {
  if (seasons.length === 0) return { action: 'nothing', reason: 'no-seasons' }
  if (await isSuppressed(db, await hashAddress(signingKey, email))) return { action: 'nothing', reason: 'suppressed' }
  const existing = await findSubscriberByEmail(db, email)
  if (!existing) {
    const created = await insertPending(db, email, now)
    if (created) return { action: 'send-confirmation', job: { kind: 'confirm', subscriberId: created.id, sendNo: 1, seasons: encodeChoices(seasons) }, reason: 'new' }
    return { action: 'nothing', reason: 'race' }
  }
  if (existing.status !== 'pending' && existing.status !== 'active') return { action: 'nothing', reason: 'race' }
  const active = existing.status === 'active'
  let wanted = seasons
  if (active) {
    const followed = new Map((await listSubscriptions(db, existing.id)).map((s) => [s.slug, s.choice]))
    wanted = seasons.filter((s) => followed.get(s.slug) !== s.choice)
    if (wanted.length === 0) return { action: 'nothing', reason: 'active' }
  }
  const last = existing.confirmSentAt ? Date.parse(existing.confirmSentAt) : 0
  const since = now.getTime() - last
  const restarts = active && since >= CONFIRM_RESEND.activeWindowMs
  if (existing.confirmSends >= CONFIRM_RESEND.maxSends && !restarts) return { action: 'nothing', reason: 'resend-limit' }
  if (since < CONFIRM_RESEND.minIntervalMs) return { action: 'nothing', reason: 'too-soon' }
  const sendNo = await countConfirmResend(db, existing.id, existing.confirmSends, now, CONFIRM_RESEND.activeWindowMs)
  if (sendNo === null) return { action: 'nothing', reason: 'race' }
  const job: ConfirmJob = { kind: 'confirm', subscriberId: existing.id, sendNo, seasons: encodeChoices(wanted) }
  if (active) return { action: 'send-confirmation', job: { ...job, change: true, at: Math.floor(now.getTime() / 1000) }, reason: 'change' }
  return { action: 'send-confirmation', job, reason: 'resend' }
}
