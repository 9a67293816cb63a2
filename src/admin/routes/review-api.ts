/**
 * Editorial control as JSON (bearer token): review mode, held editions (send, drop a change,
 * drop the edition), retractions, ignored sentences, source trust and "run now".
 *
 * - `reviewApi` is mounted at `/api/subjects/:slug` (paths `/review…` and `/run`);
 * - `editorialApi` at `/api/editorial` (the default review mode, alerts, running every subject).
 */
import { Hono } from 'hono'
import type { z } from 'zod'
import { sendHeldEdition, dropHeldChange, dropHeldEdition } from '../editorial/held-review'
import { retractFact } from '../editorial/retract-fact'
import { loadReviewData } from '../editorial/review-data'
import { setAlertSettings, setDefaultReview, setSubjectReview, type SettingsActor } from '../editorial/review-settings'
import { dropSchema, fieldErrors, ignoreSchema, slotSchema, toSlot, trustSchema } from '../editorial/editorial-schema'
import { requestRuns } from '../editorial/run-request'
import { ignoreEvidence, setSourceTrust } from '../editorial/trust'
import type { EditorialContext, EditorialResult } from '../editorial/editorial-context'
import { badJson, INVALID, readJson, readOptionalJson, resolveSubject, sourceEdit, type AdminEnv, type C } from './context'
import { readEditorialSettings } from '../../store/editorial-store'
import { listSubjects } from '../../store/subject-store'
import { ensureSubjects } from '../../worker/migrate-layout'
import { maintainerAddresses } from '../editorial/alerts'

/** The context an editorial action runs in, from a request. */
export function editorialContext(c: C, via: 'api' | 'page'): EditorialContext {
  return { env: c.env, subject: c.get('subject'), actor: c.get('actor'), via, now: c.get('options').now() }
}

/** The context a settings change runs in. */
export function settingsActor(c: C, via: 'api' | 'page'): SettingsActor {
  return { db: c.env.DB, actor: c.get('actor'), via, now: c.get('options').now() }
}

/** An editorial result as JSON: the value, or `{ error }` with its status. */
function reply<T>(c: C, result: EditorialResult<T>) {
  return result.ok ? c.json(result.value as object) : c.json({ error: result.error }, result.status)
}

/** Parses a JSON body with `schema`: the data, or the answer to send (400 / 422). */
async function parseBody<S extends z.ZodType>(c: C, schema: S, optional = false): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const body = optional ? await readOptionalJson(c) : await readJson(c)
  if (body === INVALID) return { ok: false, response: badJson(c) }
  const parsed = schema.safeParse(body ?? {})
  if (!parsed.success) return { ok: false, response: c.json({ errors: fieldErrors(parsed.error) }, 422) }
  return { ok: true, data: parsed.data }
}

export const reviewApi = new Hono<AdminEnv>()

// Only on these paths: the subjects API answers the rest of `/api/subjects/:slug…` (`/audit` too).
const subjectOr404 = resolveSubject((c, slug) => c.json({ errors: { subject: `No subject with the slug "${slug}".` } }, 404))
reviewApi.use('/review/*', subjectOr404)
reviewApi.use('/run', subjectOr404)

reviewApi.get('/review', async (c) => c.json(await loadReviewData(c.env, c.get('subject'))))

reviewApi.patch('/review', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const result = await setSubjectReview(settingsActor(c, 'api'), c.get('subject').slug, body)
  return result.ok ? c.json({ settings: result.value }) : c.json({ errors: result.errors }, result.status)
})

reviewApi.post('/review/held/:id/send', async (c) => reply(c, await sendHeldEdition(editorialContext(c, 'api'), c.req.param('id'))))

reviewApi.post('/review/held/:id/drop', async (c) => {
  const input = await parseBody(c, dropSchema, true)
  if (!input.ok) return input.response
  return reply(c, await dropHeldEdition(editorialContext(c, 'api'), c.req.param('id'), input.data.reason))
})

reviewApi.post('/review/held/:id/drop-change', async (c) => {
  const input = await parseBody(c, dropSchema)
  if (!input.ok) return input.response
  if (!input.data.changeId) return c.json({ errors: { changeId: 'Name the change to drop (its id from GET …/review).' } }, 422)
  return reply(c, await dropHeldChange(editorialContext(c, 'api'), c.req.param('id'), input.data.changeId, input.data.reason))
})

reviewApi.post('/review/retract', async (c) => {
  const input = await parseBody(c, slotSchema)
  if (!input.ok) return input.response
  return reply(c, await retractFact(editorialContext(c, 'api'), toSlot(input.data), input.data.reason))
})

reviewApi.post('/review/ignore', async (c) => {
  const input = await parseBody(c, ignoreSchema)
  if (!input.ok) return input.response
  return reply(c, await ignoreEvidence(editorialContext(c, 'api'), input.data))
})

reviewApi.post('/review/trust', async (c) => {
  const input = await parseBody(c, trustSchema)
  if (!input.ok) return input.response
  const { source, unreliable, reason, version } = input.data
  const result = await setSourceTrust(sourceEdit(c, 'api'), source, unreliable, reason, version)
  return result.ok ? c.json({ source: result.value }) : c.json({ errors: result.errors }, result.status)
})

reviewApi.post('/run', async (c) => {
  const queued = await requestRuns(c.env, [c.get('subject')], { actor: c.get('actor'), via: 'api', now: c.get('options').now() })
  if (queued.length === 0) return c.json({ error: 'The subject is paused: resume it to run it.' }, 409)
  return c.json({ queued }, 202)
})

export const editorialApi = new Hono<AdminEnv>()

editorialApi.get('/settings', async (c) => {
  const settings = await readEditorialSettings(c.env.DB, null)
  return c.json({ review: settings.defaultReview, alertEmails: settings.alertEmails, failureThreshold: settings.failureThreshold, alertRecipients: maintainerAddresses(c.env, settings.alertEmails) })
})

editorialApi.patch('/review', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const result = await setDefaultReview(settingsActor(c, 'api'), body)
  return result.ok ? c.json({ review: result.value.defaultReview }) : c.json({ errors: result.errors }, result.status)
})

editorialApi.patch('/alerts', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const result = await setAlertSettings(settingsActor(c, 'api'), body)
  return result.ok ? c.json({ alertEmails: result.value.alertEmails, failureThreshold: result.value.failureThreshold }) : c.json({ errors: result.errors }, result.status)
})

editorialApi.post('/run', async (c) => {
  // On a new install the first subject exists only once something seeds it: do it here, so a
  // maintainer's first "run all now" after deploy runs it rather than answering an empty list.
  await ensureSubjects(c.env, c.get('options').now())
  const queued = await requestRuns(c.env, await listSubjects(c.env.DB, { status: 'active' }), { actor: c.get('actor'), via: 'api', now: c.get('options').now() })
  return c.json({ queued }, 202)
})
