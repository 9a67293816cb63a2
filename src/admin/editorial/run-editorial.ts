/**
 * The editorial side of one subject's run, read from D1 when the run starts: its review mode,
 * the exclusions and fact decisions to apply, the editions still held, and where held editions
 * and source alerts go.
 */
import type { RunEditorial } from '../../pipeline/run/run-cron'
import { effectiveReview, insertHeldEdition, listExclusions, listPendingHeld, readEditorialSettings } from '../../store/editorial-store'
import type { SubjectRecord } from '../../store/subject-store'
import { logEvent } from '../../core/log'
import { heldAlert, sendAlert, sourceFailingAlert } from './alerts'

/** Builds the run's editorial input (three D1 reads) and its sinks. */
export async function loadRunEditorial(env: Env, subject: SubjectRecord, publicUrl: string): Promise<RunEditorial> {
  const [settings, exclusions, pending] = await Promise.all([
    readEditorialSettings(env.DB, subject.slug),
    listExclusions(env.DB, subject.slug),
    listPendingHeld(env.DB, subject.slug),
  ])
  const alert = (content: Parameters<typeof sendAlert>[1], at: Date) =>
    sendAlert(env, content, at).catch((err: unknown) => {
      // An alert lost is better than a run failed: the review page and health still show it.
      logEvent({ event: 'alert.failed', level: 'error', kind: content.kind, id: content.id, error: String(err) })
      return false
    })
  return {
    review: effectiveReview(settings),
    rules: exclusions.map((e) => e.rule),
    decisions: exclusions.flatMap((e) => (e.decision ? [e.decision] : [])),
    pending: pending.map((h) => h.changes.filter((c) => !h.dropped.includes(c.id))),
    failureThreshold: settings.failureThreshold,
    async hold(edition) {
      const at = new Date(edition.at)
      await insertHeldEdition(env.DB, { ...edition, slug: subject.slug }, at)
      await alert(heldAlert(subject, edition, publicUrl), at)
    },
    async alertFailing(sources) {
      for (const source of sources) await alert(sourceFailingAlert(subject, source, publicUrl), new Date())
    },
  }
}
