import { Hono, type MiddlewareHandler } from 'hono'
import { createSubject, removeSubject, updateSubject } from '../subjects/subject-admin'
import { answer, badJson, forDisplay, INVALID, readJson, readOptionalJson, readVersion, subjectEdit, type AdminEnv, type C } from './context'
import { listRunReports } from '../../pipeline/run/run-report-store'
import { readAudit } from '../../store/audit-log'
import { getSubject, listSubjects, type SubjectRecord } from '../../store/subject-store'
import { ensureSubjects } from '../../worker/migrate-layout'

/**
 * The followed subjects as JSON: list, add, read, edit (with the version read), pause/resume
 * (`{"status": "paused"}`), remove. Each subject's sources live under `/:slug/sources`.
 */
export const subjectsApi = new Hono<AdminEnv>()

// A new install (or one still on the single-subject layout) gets its first subject before
// anything else: a subject added first would otherwise take its place.
const ensure: MiddlewareHandler<AdminEnv> = async (c, next) => {
  await ensureSubjects(c.env, c.get('options').now())
  await next()
}
subjectsApi.use('/', ensure)
subjectsApi.use('/:slug', ensure)

subjectsApi.get('/', async (c) => c.json({ subjects: (await listSubjects(c.env.DB)).map(toApi) }))

subjectsApi.post('/', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const result = await createSubject(subjectEdit(c, 'api'), body)
  return answer(c, 'subject', result.ok ? { ok: true, value: toApi(result.value) } : result, 201)
})

// Every maintainer action, all subjects (newest first).
subjectsApi.get('/audit', async (c) => c.json({ entries: await readAudit(c.env.DB) }))

subjectsApi.get('/:slug', async (c) => {
  const subject = await getSubject(c.env.DB, c.req.param('slug'))
  if (!subject) return missing(c)
  c.header('ETag', `"${subject.version}"`)
  return c.json({ subject: toApi(subject) })
})

// The subject's recent run reports, newest first: what `/admin` shows under "Recent runs".
subjectsApi.get('/:slug/runs', async (c) => {
  const subject = await getSubject(c.env.DB, c.req.param('slug'))
  if (!subject) return missing(c)
  return c.json({ runs: forDisplay(c, (await listRunReports(c.env.DB, subject.slug)).map((r) => r.summary)) })
})

subjectsApi.patch('/:slug', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const version = readVersion(c, body)
  if (!version.ok) return c.json({ errors: version.errors }, 422)
  const result = await updateSubject(subjectEdit(c, 'api'), c.req.param('slug'), body, version.value)
  return answer(c, 'subject', result.ok ? { ok: true, value: toApi(result.value) } : result)
})

subjectsApi.delete('/:slug', async (c) => {
  const body = await readOptionalJson(c)
  if (body === INVALID) return badJson(c)
  const version = readVersion(c, body)
  if (!version.ok) return c.json({ errors: version.errors }, 422)
  const result = await removeSubject(subjectEdit(c, 'api'), c.req.param('slug'), version.value)
  return answer(c, 'subject', result.ok ? { ok: true, value: toApi(result.value) } : result)
})

/** A subject as the API shows it: config, status, version and times (not the migration mark). */
export function toApi(subject: SubjectRecord) {
  const { legacy: _legacy, ...shown } = subject
  return shown
}

function missing(c: C) {
  return c.json({ errors: { slug: `No subject with the slug "${c.req.param('slug')}".` } }, 404)
}
