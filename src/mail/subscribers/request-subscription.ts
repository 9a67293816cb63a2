import { hashAddress } from './address-hash'
import { countConfirmResend, findSubscriberByEmail, insertPending, isSuppressed } from './subscriber-store'

/** Limits on confirmation emails for one pending address. */
export const CONFIRM_RESEND = {
  /** Minimum time between two confirmation emails. */
  minIntervalMs: 10 * 60 * 1000,
  /** Most confirmation emails one pending request gets. */
  maxSends: 5,
} as const

/** A confirmation email to send (the Queue consumer renders and sends it). */
export interface ConfirmJob {
  kind: 'confirm'
  subscriberId: number
  /** Which confirmation this is (1, 2, …): part of the idempotency key. */
  sendNo: number
}

/**
 * What to do about a subscribe request. The caller answers the visitor the same way whatever
 * this returns: the response must not tell whether the address was already on the list.
 */
export type SubscriptionDecision =
  | { action: 'send-confirmation'; job: ConfirmJob; reason: 'new' | 'resend' }
  | { action: 'nothing'; reason: 'active' | 'too-soon' | 'resend-limit' | 'suppressed' | 'race' }

/**
 * Double opt-in, step one. New address → pending + a confirmation; pending → another
 * confirmation at most every 10 minutes and 5 times; active → nothing (they already get the
 * emails); bounced → nothing, silently. An address that unsubscribed has no row any more
 * (its address was erased), so it simply starts over.
 */
export async function requestSubscription(db: D1Database, signingKey: string, email: string, now: Date): Promise<SubscriptionDecision> {
  if (await isSuppressed(db, await hashAddress(signingKey, email))) return { action: 'nothing', reason: 'suppressed' }
  const existing = await findSubscriberByEmail(db, email)
  if (!existing) {
    const created = await insertPending(db, email, now)
    if (created) return { action: 'send-confirmation', job: { kind: 'confirm', subscriberId: created.id, sendNo: 1 }, reason: 'new' }
    return { action: 'nothing', reason: 'race' }
  }
  if (existing.status === 'active') return { action: 'nothing', reason: 'active' }
  if (existing.status !== 'pending') return { action: 'nothing', reason: 'race' }
  if (existing.confirmSends >= CONFIRM_RESEND.maxSends) return { action: 'nothing', reason: 'resend-limit' }
  const last = existing.confirmSentAt ? Date.parse(existing.confirmSentAt) : 0
  if (now.getTime() - last < CONFIRM_RESEND.minIntervalMs) return { action: 'nothing', reason: 'too-soon' }
  const sendNo = await countConfirmResend(db, existing.id, existing.confirmSends, now)
  if (sendNo === null) return { action: 'nothing', reason: 'race' }
  return { action: 'send-confirmation', job: { kind: 'confirm', subscriberId: existing.id, sendNo }, reason: 'resend' }
}
