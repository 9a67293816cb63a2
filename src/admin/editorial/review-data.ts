/**
 * Everything the review page (and `GET …/review`) shows of one subject: its review mode, the
 * editions held and recently decided, the current facts (with the changes still held marked),
 * corrections, exclusions and the sources' trust.
 */
import type { Exclusion, CorrectionRecord, EditorialSettings, HeldEdition } from '../../store/editorial-store'
import { effectiveReview, listCorrections, listDecidedHeld, listExclusions, listPendingHeld, readEditorialSettings } from '../../store/editorial-store'
import type { ReviewPolicy } from '../../core/editorial'
import type { Facts } from '../../core/types'
import { readStoredState } from '../../pipeline/run/state-store'
import { workersKv } from '../../store/kv'
import { listSources, type SourceRecord } from '../../store/source-store'
import type { SubjectRecord } from '../../store/subject-store'
import { maintainerAddresses } from './alerts'

/** One subject's editorial picture. */
export interface ReviewData {
  settings: EditorialSettings
  effective: ReviewPolicy
  /** Addresses alerts go to now (the var and the saved list). */
  alertRecipients: string[]
  pending: HeldEdition[]
  decided: HeldEdition[]
  /** The pipeline's current facts (held changes included; null before the first run). */
  facts: Facts | null
  corrections: CorrectionRecord[]
  exclusions: Exclusion[]
  sources: SourceRecord[]
}

/** Reads it all (D1 and one KV read, in parallel). */
export async function loadReviewData(env: Env, subject: SubjectRecord): Promise<ReviewData> {
  const [settings, pending, decided, stored, corrections, exclusions, sources] = await Promise.all([
    readEditorialSettings(env.DB, subject.slug),
    listPendingHeld(env.DB, subject.slug),
    listDecidedHeld(env.DB, subject.slug),
    readStoredState(workersKv(env.STATE), { slug: subject.slug, legacy: subject.legacy }),
    listCorrections(env.DB, subject.slug),
    listExclusions(env.DB, subject.slug),
    listSources(env.DB, subject.slug),
  ])
  return {
    settings,
    effective: effectiveReview(settings),
    alertRecipients: maintainerAddresses(env, settings.alertEmails),
    pending,
    decided,
    facts: stored?.facts ?? null,
    corrections,
    exclusions,
    sources,
  }
}
