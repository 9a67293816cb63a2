/**
 * The review page of a subject, `<base>/review` (`/admin/review` for the first subject,
 * `/admin/s/:slug/review`), and its forms: review mode, held editions (send now, drop a change,
 * drop the edition), retract a fact, ignore a sentence, source trust, run now, and the default
 * review mode and alert settings of every subject. Each form posts, then redirects back here.
 */
import type { Hono } from 'hono'
import { field, type FormBody } from '../form-input'
import { dropHeldChange, dropHeldEdition, sendHeldEdition } from '../editorial/held-review'
import { retractFact } from '../editorial/retract-fact'
import { loadReviewData } from '../editorial/review-data'
import { setAlertSettings, setDefaultReview, setSubjectReview, type SettingsResult } from '../editorial/review-settings'
import { emailsFromForm, fieldErrors, hoursFromForm, ignoreSchema, MAX_REASON, slotSchema, toSlot } from '../editorial/editorial-schema'
import { requestRuns } from '../editorial/run-request'
import { ignoreEvidence, setSourceTrust } from '../editorial/trust'
import type { EditorialResult } from '../editorial/editorial-context'
import { formVersion, resolveSubject, sourceEdit, type AdminEnv, type C } from './context'
import { missingSubject } from './page-common'
import { editorialContext, settingsActor } from './review-api'
import { listSubjects } from '../../store/subject-store'
import { AdminReview } from '../../../templates/admin-review'

type PageStatus = 200 | 404 | 409 | 422

/** Done-notices after a redirect; only these texts, so a link cannot inject one. */
const NOTICES: Record<string, string> = {
  mode: 'Review mode saved.',
  defaults: 'Default review mode saved.',
  alerts: 'Alert settings saved.',
  sent: 'Edition sent: it is on its way to the subscribers confirmed now.',
  'sent-none': 'Every change was dropped, so nothing was sent.',
  'dropped-change': 'Change dropped: it will not be emailed, and its claims no longer count.',
  'dropped-edition': 'Edition dropped: nothing was sent, and its claims no longer count.',
  retracted: 'Fact retracted. Those who got it are sent a correction.',
  'retracted-quiet': 'Fact retracted. No update had carried it, so no correction email was needed.',
  ignored: 'Sentence ignored: its claims no longer count.',
  trust: 'Source trust saved.',
  queued: 'Run queued: it starts in a moment, under the subject’s lock. Reload to see what it found.',
  'queued-none': 'Nothing to run: the subject is paused.',
}

/** The review page, with a notice or an error. */
async function reviewPage(c: C, extra: { notice?: string | null; error?: string | null; errors?: Record<string, string> } = {}, status: PageStatus = 200) {
  const subject = c.get('subject')
  const [data, subjects] = await Promise.all([loadReviewData(c.env, subject), listSubjects(c.env.DB)])
  return c.html(AdminReview({ csrf: c.get('csrf'), base: c.get('base'), subject, subjects, data, notice: extra.notice ?? null, error: extra.error ?? null, errors: extra.errors ?? {} }), status)
}

function back(c: C, done: string) {
  return c.redirect(`${c.get('base')}/review?done=${encodeURIComponent(done)}`, 303)
}

/** An action's refusal shown on the page, or the redirect after it worked. */
function after<T>(c: C, result: EditorialResult<T>, done: (value: T) => string) {
  return result.ok ? back(c, done(result.value)) : reviewPage(c, { error: result.error }, result.status)
}

function afterSettings(c: C, result: SettingsResult, done: string) {
  return result.ok ? back(c, done) : reviewPage(c, { errors: result.errors, error: 'Not saved: see the messages below.' }, result.status)
}

/** The optional reason of a drop or trust form, cut to what the audit log keeps (empty is none). */
function reasonFromForm(form: FormBody): string | null {
  return field(form, 'reason').trim().slice(0, MAX_REASON) || null
}

/** Registers the review page and its forms under `base` (`/admin` or `/admin/s/:slug`). */
export function registerReviewPages(app: Hono<AdminEnv>, base: string): void {
  const subject = resolveSubject(missingSubject)

  app.get(`${base}/review`, subject, (c) => reviewPage(c, { notice: NOTICES[c.req.query('done') ?? ''] ?? null }))

  app.post(`${base}/review/mode`, subject, async (c) => {
    const form = c.get('form')
    const input = { mode: field(form, 'mode'), holdHours: hoursFromForm(field(form, 'holdHours')) }
    return afterSettings(c, await setSubjectReview(settingsActor(c, 'page'), c.get('subject').slug, input), 'mode')
  })

  app.post(`${base}/review/defaults`, subject, async (c) => {
    const form = c.get('form')
    const input = { mode: field(form, 'mode'), holdHours: hoursFromForm(field(form, 'holdHours')) }
    return afterSettings(c, await setDefaultReview(settingsActor(c, 'page'), input), 'defaults')
  })

  app.post(`${base}/review/alerts`, subject, async (c) => {
    const form = c.get('form')
    const threshold = field(form, 'failureThreshold').trim()
    const input = { alertEmails: emailsFromForm(field(form, 'alertEmails')), failureThreshold: /^\d{1,4}$/.test(threshold) ? Number(threshold) : NaN }
    return afterSettings(c, await setAlertSettings(settingsActor(c, 'page'), input), 'alerts')
  })

  app.post(`${base}/review/held/:id/send`, subject, async (c) =>
    after(c, await sendHeldEdition(editorialContext(c, 'page'), c.req.param('id')), (v) => (v.sentEditionId ? 'sent' : 'sent-none')),
  )

  app.post(`${base}/review/held/:id/drop`, subject, async (c) => {
    const reason = reasonFromForm(c.get('form'))
    return after(c, await dropHeldEdition(editorialContext(c, 'page'), c.req.param('id'), reason), () => 'dropped-edition')
  })

  app.post(`${base}/review/held/:id/drop-change`, subject, async (c) => {
    const form = c.get('form')
    const reason = reasonFromForm(form)
    return after(c, await dropHeldChange(editorialContext(c, 'page'), c.req.param('id'), field(form, 'changeId'), reason), () => 'dropped-change')
  })

  app.post(`${base}/review/retract`, subject, async (c) => {
    const form = c.get('form')
    const actor = field(form, 'actor')
    const parsed = slotSchema.safeParse({ field: field(form, 'field'), ...(actor ? { actor } : {}), reason: field(form, 'reason') })
    if (!parsed.success) return reviewPage(c, { errors: fieldErrors(parsed.error), error: 'Not retracted: see the messages below.' }, 422)
    return after(c, await retractFact(editorialContext(c, 'page'), toSlot(parsed.data), parsed.data.reason), (v) => (v.correctionEditionId ? 'retracted' : 'retracted-quiet'))
  })

  app.post(`${base}/review/ignore`, subject, async (c) => {
    const form = c.get('form')
    const parsed = ignoreSchema.safeParse({ source: field(form, 'source'), evidence: field(form, 'evidence'), reason: field(form, 'reason') })
    if (!parsed.success) return reviewPage(c, { errors: fieldErrors(parsed.error), error: 'Not ignored: see the messages below.' }, 422)
    return after(c, await ignoreEvidence(editorialContext(c, 'page'), parsed.data), () => 'ignored')
  })

  app.post(`${base}/review/trust`, subject, async (c) => {
    const form = c.get('form')
    const reason = reasonFromForm(form)
    const result = await setSourceTrust(sourceEdit(c, 'page'), field(form, 'source'), field(form, 'unreliable') === 'true', reason, formVersion(c))
    return result.ok ? back(c, 'trust') : reviewPage(c, { error: Object.values(result.errors).join(' ') }, result.status)
  })

  app.post(`${base}/run`, subject, async (c) => {
    const all = field(c.get('form'), 'scope') === 'all'
    const subjects = all ? await listSubjects(c.env.DB, { status: 'active' }) : [c.get('subject')]
    const queued = await requestRuns(c.env, subjects, { actor: c.get('actor'), via: 'page', now: c.get('options').now() })
    return back(c, queued.length > 0 ? 'queued' : 'queued-none')
  })
}
