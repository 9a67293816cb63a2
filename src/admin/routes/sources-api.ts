import { Hono } from 'hono'
import { isRecord, validateDryRunTarget } from '../source-schema'
import { addSource, applyImport, previewImport, removeSource, updateSource } from '../sources/source-admin'
import { answer, badJson, findSource, INVALID, loadWithHealth, readJson, readOptionalJson, readVersion, resolveSubject, rulesFor, runDryRun, sourceEdit, type AdminEnv, type C } from './context'
import { readAudit } from '../../store/audit-log'
import { listSources, withoutVersion } from '../../store/source-store'
import { subjectConfig } from '../../store/subject-store'

/**
 * One subject's sources as JSON: list with health, add, edit, delete, dry-run, export/import and
 * the audit log. Mounted at `/api/subjects/:slug/sources` and, for the first subject, at
 * `/api/sources` (the single-subject API, so existing scripts keep working).
 */
export const sourcesApi = new Hono<AdminEnv>()

sourcesApi.use('*', resolveSubject((c, slug) => c.json({ errors: { subject: `No subject with the slug "${slug}".` } }, 404)))

sourcesApi.get('/', async (c) => c.json({ sources: await loadWithHealth(c) }))

sourcesApi.post('/', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  return answer(c, 'source', await addSource(sourceEdit(c, 'api'), body), 201)
})

sourcesApi.get('/export', async (c) => {
  const sources = (await listSources(c.env.DB, c.get('subject').slug)).map(withoutVersion)
  c.header('Content-Disposition', `attachment; filename="${exportName(c)}"`)
  return c.json(sources)
})

// Without `confirm: true` this is the preview; with it, the atomic apply (`base` optional).
sourcesApi.post('/import', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const envelope = isRecord(body) && 'sources' in body ? body : { sources: body }
  const base = typeof envelope.base === 'string' || typeof envelope.base === 'number' ? String(envelope.base) : undefined
  if (envelope.confirm !== true) {
    const preview = await previewImport(sourceEdit(c, 'api'), envelope.sources)
    return preview.ok ? c.json({ applied: false, ...preview.value }) : c.json({ errors: preview.errors }, preview.status)
  }
  const applied = await applyImport(sourceEdit(c, 'api'), envelope.sources, base)
  return applied.ok ? c.json({ applied: true, ...applied.value }) : c.json({ errors: applied.errors }, applied.status)
})

sourcesApi.post('/dry-run', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const target = validateDryRunTarget(body, rulesFor(c.env))
  if (!target.ok) return c.json({ errors: target.errors }, 422)
  return c.json(await runDryRun(c, target.value))
})

sourcesApi.get('/audit', async (c) => c.json({ entries: await readAudit(c.env.DB, { subject: c.get('subject').slug }) }))

// The single-subject API's read-only view of the subject (`/api/subjects/:slug` edits it).
sourcesApi.get('/subject', (c) => c.json({ subject: subjectConfig(c.get('subject')), version: c.get('subject').version, origin: 'storage' }))

sourcesApi.get('/:id', async (c) => {
  const source = (await loadWithHealth(c)).find((s) => s.id === c.req.param('id'))
  if (!source) return missing(c)
  c.header('ETag', `"${source.version}"`)
  return c.json({ source })
})

sourcesApi.patch('/:id', async (c) => {
  const body = await readJson(c)
  if (body === INVALID) return badJson(c)
  const version = readVersion(c, body)
  if (!version.ok) return c.json({ errors: version.errors }, 422)
  return answer(c, 'source', await updateSource(sourceEdit(c, 'api'), c.req.param('id'), body, version.value))
})

sourcesApi.delete('/:id', async (c) => {
  const body = await readOptionalJson(c)
  if (body === INVALID) return badJson(c)
  const version = readVersion(c, body)
  if (!version.ok) return c.json({ errors: version.errors }, 422)
  return answer(c, 'source', await removeSource(sourceEdit(c, 'api'), c.req.param('id'), version.value))
})

sourcesApi.post('/:id/dry-run', async (c) => {
  const source = await findSource(c, c.req.param('id'))
  return source ? c.json(await runDryRun(c, withoutVersion(source))) : missing(c)
})

function missing(c: C) {
  return c.json({ errors: { id: `No source with the id "${c.req.param('id')}".` } }, 404)
}

/** `sources.json` for the first subject (as before), `sources-<slug>.json` for the others. */
export function exportName(c: C): string {
  return c.get('base') === '/admin' ? 'sources.json' : `sources-${c.get('subject').slug}.json`
}
