/**
 * The maintainers' area: the `/admin` page (login form, session cookie, CSRF-protected forms)
 * and the JSON API under `/api/sources` (bearer token). Routes only check access, parse input,
 * call `src/sources/source-admin.ts` / `src/admin/dry-run.ts` and render a template.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { login, logout, requireBearer, requireSession, type AccessVariables } from '../access'
import { dryRunSource, type DryRunTarget } from '../dry-run'
import { field, noticeFor, sourceFromForm } from '../form-input'
import { isEmptyPlan } from '../import-plan'
import { listWithHealth } from '../source-health'
import { isRecord, validateDryRunTarget, type FieldErrors, type SourceRules } from '../source-schema'
import { readAudit } from '../sources/audit-store'
import { readStateSnapshot } from '../sources/read-state'
import {
  addSource,
  applyImport,
  previewImport,
  removeSource,
  setEnabled,
  updateSource,
  type EditContext,
  type EditResult,
} from '../sources/source-admin'
import { readSources } from '../sources/source-store'
import { readSubject } from '../sources/subject-store'
import { workersKv } from '../../store/kv'
import { defaultSourcesFor, defaultSubject, fetchFor, fetchRulesFor, isDemoMode } from '../../worker/config'
import { AdminDryRun } from '../../../templates/admin-dry-run'
import { AdminEdit } from '../../../templates/admin-edit'
import { AdminImportPreview } from '../../../templates/admin-import'
import { AdminMessage } from '../../../templates/admin-login'
import { AdminPage, type AdminPageProps } from '../../../templates/admin-page'

/** Test seams: the network the dry-run uses and the clock. */
export interface AdminOptions {
  fetch?: typeof fetch
  now?: () => Date
}

type AdminEnv = {
  Bindings: Env
  Variables: AccessVariables
}
type C = Context<AdminEnv>

const MAX_BODY = 512 * 1024

/**
 * URL rules for sources. DEMO_MODE (local `wrangler dev` only) allows loopback URLs, because the
 * demo serves its news pages from the dev server itself; private networks stay blocked.
 */
function rulesFor(env: Env): SourceRules {
  return { allowLoopback: isDemoMode(env) }
}

/** Builds the admin sub-app; `adminRoutes` is the production instance. */
export function createAdminRoutes(options: AdminOptions = {}) {
  const now = options.now ?? (() => new Date())
  // The same network as the cron: in demo mode, the demo documents served in-process.
  const networkFor = (env: Env): typeof fetch => options.fetch ?? fetchFor(env)
  const app = new Hono<AdminEnv>()

  const editContext = (c: C, via: 'api' | 'page'): EditContext => ({
    kv: workersKv(c.env.STATE),
    defaults: defaultSourcesFor(c.env),
    rules: rulesFor(c.env),
    actor: c.get('actor'),
    via,
    now: now(),
  })

  const runDryRun = async (c: C, target: DryRunTarget) => {
    const kv = workersKv(c.env.STATE)
    const [state, subject] = await Promise.all([readStateSnapshot(kv), readSubject(kv, defaultSubject)])
    return dryRunSource(target, { fetch: networkFor(c.env), now, subject: subject.subject, state, rules: fetchRulesFor(c.env) })
  }

  const loadSources = (c: C) => readSources(workersKv(c.env.STATE), defaultSourcesFor(c.env))

  const findSource = async (c: C, id: string) => (await loadSources(c)).find((s) => s.id === id) ?? null

  /** The list joined with the pipeline state (two KV reads, in parallel). */
  const loadWithHealth = async (c: C) => {
    const [sources, state] = await Promise.all([loadSources(c), readStateSnapshot(workersKv(c.env.STATE))])
    return listWithHealth(sources, state)
  }

  const findWithHealth = async (c: C, id: string) => (await loadWithHealth(c)).find((s) => s.id === id) ?? null

  for (const path of ['/admin/*', '/api/sources/*']) {
    app.use(path, bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json({ error: 'Request body too large.' }, 413) }))
    app.use(path, async (c, next) => {
      await next()
      // Admin answers are private and never framed or cached.
      c.header('Cache-Control', 'no-store')
      c.header('X-Content-Type-Options', 'nosniff')
      c.header('X-Frame-Options', 'DENY')
      c.header('Referrer-Policy', 'same-origin')
      c.header(
        'Content-Security-Policy',
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      )
    })
  }

  // ------------------------------------------------------------------------------------------
  // JSON API: Authorization: Bearer <ADMIN_TOKEN>

  const api = new Hono<AdminEnv>()
  api.use('*', requireBearer(now))

  api.get('/', async (c) => c.json({ sources: await loadWithHealth(c) }))

  api.post('/', async (c) => {
    const body = await readJson(c)
    if (body === INVALID) return badJson(c)
    return answer(c, await addSource(editContext(c, 'api'), body), 201)
  })

  api.get('/export', async (c) => {
    const sources = await loadSources(c)
    c.header('Content-Disposition', 'attachment; filename="sources.json"')
    return c.json(sources)
  })

  // Without `confirm: true` this is the preview; with it, the atomic apply (`base` optional).
  api.post('/import', async (c) => {
    const body = await readJson(c)
    if (body === INVALID) return badJson(c)
    const envelope = isRecord(body) && 'sources' in body ? body : { sources: body }
    const base = typeof envelope.base === 'string' ? envelope.base : undefined
    if (envelope.confirm !== true) {
      const preview = await previewImport(editContext(c, 'api'), envelope.sources)
      return preview.ok ? c.json({ applied: false, ...preview.value }) : answer(c, preview)
    }
    const applied = await applyImport(editContext(c, 'api'), envelope.sources, base)
    return applied.ok ? c.json({ applied: true, ...applied.value }) : answer(c, applied)
  })

  api.post('/dry-run', async (c) => {
    const body = await readJson(c)
    if (body === INVALID) return badJson(c)
    const target = validateDryRunTarget(body, rulesFor(c.env))
    if (!target.ok) return c.json({ errors: target.errors }, 422)
    return c.json(await runDryRun(c, target.value))
  })

  api.get('/audit', async (c) => c.json({ entries: await readAudit(workersKv(c.env.STATE)) }))

  api.get('/subject', async (c) => c.json(await readSubject(workersKv(c.env.STATE), defaultSubject)))

  api.get('/:id', async (c) => {
    const source = await findWithHealth(c, c.req.param('id'))
    return source ? c.json({ source }) : apiMissing(c)
  })

  api.patch('/:id', async (c) => {
    const body = await readJson(c)
    if (body === INVALID) return badJson(c)
    return answer(c, await updateSource(editContext(c, 'api'), c.req.param('id'), body))
  })

  api.delete('/:id', async (c) => answer(c, await removeSource(editContext(c, 'api'), c.req.param('id'))))

  api.post('/:id/dry-run', async (c) => {
    const source = await findSource(c, c.req.param('id'))
    return source ? c.json(await runDryRun(c, source)) : apiMissing(c)
  })

  app.route('/api/sources', api)

  // ------------------------------------------------------------------------------------------
  // The page: login form → session cookie; every POST needs same origin + the session's CSRF token.

  app.post('/admin/login', login(now))
  app.use('/admin/*', requireSession(now))

  const dashboard = async (c: C, extra: Partial<AdminPageProps> = {}, status: 200 | 404 | 409 | 422 = 200) => {
    const kv = workersKv(c.env.STATE)
    const [sources, audit, subject] = await Promise.all([loadWithHealth(c), readAudit(kv), readSubject(kv, defaultSubject)])
    const props = { csrf: c.get('csrf'), sources, audit, subject, demoMode: isDemoMode(c.env) }
    return c.html(AdminPage({ ...props, ...extra }), status)
  }

  const done = (c: C, action: string, id = '') =>
    c.redirect(`/admin?done=${encodeURIComponent(action)}&id=${encodeURIComponent(id)}`, 303)

  const missing = (c: C) =>
    c.html(AdminMessage({ title: 'Not found', message: `No source with the id "${c.req.param('id')}".` }), 404)

  app.get('/admin', (c) => dashboard(c, { notice: noticeFor(c.req.query('done'), c.req.query('id')) }))

  app.post('/admin/logout', logout)

  app.post('/admin/sources', async (c) => {
    const input = sourceFromForm(c.get('form'))
    const result = await addSource(editContext(c, 'page'), { ...input, notes: input.notes ?? undefined })
    if (!result.ok) return dashboard(c, { add: { values: input, errors: result.errors } }, result.status)
    return done(c, 'add', result.value.id)
  })

  app.get('/admin/sources/:id', async (c) => {
    const source = await findWithHealth(c, c.req.param('id'))
    if (!source) return missing(c)
    return c.html(AdminEdit({ csrf: c.get('csrf'), source, form: { values: source, errors: {} } }))
  })

  app.post('/admin/sources/:id', async (c) => {
    const id = c.req.param('id')
    const { id: _ignored, ...input } = sourceFromForm(c.get('form'))
    const result = await updateSource(editContext(c, 'page'), id, input)
    if (result.ok) return done(c, 'edit', id)
    if (result.status === 404) return missing(c)
    const source = await findWithHealth(c, id)
    if (!source) return missing(c)
    return c.html(AdminEdit({ csrf: c.get('csrf'), source, form: { values: input, errors: result.errors } }), 422)
  })

  for (const action of ['enable', 'disable'] as const) {
    app.post(`/admin/sources/:id/${action}`, async (c) => {
      const result = await setEnabled(editContext(c, 'page'), c.req.param('id'), action === 'enable')
      return result.ok ? done(c, action, result.value.id) : missing(c)
    })
  }

  app.post('/admin/sources/:id/delete', async (c) => {
    const result = await removeSource(editContext(c, 'page'), c.req.param('id'))
    return result.ok ? done(c, 'delete', result.value.id) : missing(c)
  })

  app.post('/admin/dry-run', async (c) => {
    const form = c.get('form')
    const id = field(form, 'id')
    let target: DryRunTarget
    if (id) {
      const source = await findSource(c, id)
      if (!source) return missing(c)
      target = source
    } else {
      const values = { url: field(form, 'url'), kind: field(form, 'kind') }
      const checked = validateDryRunTarget(values, rulesFor(c.env))
      if (!checked.ok) return dashboard(c, { dryRun: { values, errors: checked.errors } }, 422)
      target = checked.value
    }
    return c.html(AdminDryRun({ csrf: c.get('csrf'), result: await runDryRun(c, target) }))
  })

  app.get('/admin/export', async (c) => {
    const sources = await loadSources(c)
    c.header('Content-Disposition', 'attachment; filename="sources.json"')
    return c.body(JSON.stringify(sources, null, 2) + '\n', 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })

  app.post('/admin/import', async (c) => {
    const text = field(c.get('form'), 'json')
    const parsed = parseJsonText(text)
    if (!parsed.ok) return dashboard(c, { importForm: { text, errors: parsed.errors } }, 422)
    const preview = await previewImport(editContext(c, 'page'), parsed.value)
    if (!preview.ok) return dashboard(c, { importForm: { text, errors: preview.errors } }, preview.status)
    return c.html(AdminImportPreview({ csrf: c.get('csrf'), preview: preview.value }))
  })

  app.post('/admin/import/confirm', async (c) => {
    const form = c.get('form')
    const text = field(form, 'json')
    const parsed = parseJsonText(text)
    if (!parsed.ok) return dashboard(c, { importForm: { text, errors: parsed.errors } }, 422)
    const applied = await applyImport(editContext(c, 'page'), parsed.value, field(form, 'base'))
    if (!applied.ok) return dashboard(c, { importForm: { text, errors: applied.errors } }, applied.status)
    return done(c, isEmptyPlan(applied.value.plan) ? 'import-empty' : 'import')
  })

  return app
}

/** The admin as the Worker serves it. */
export const adminRoutes = createAdminRoutes()

const INVALID = Symbol('invalid json')

async function readJson(c: C): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    return INVALID
  }
}

function apiMissing(c: C) {
  return c.json({ errors: { id: `No source with the id "${c.req.param('id')}".` } }, 404)
}

function badJson(c: C) {
  return c.json({ errors: { body: 'Send a valid JSON body.' } }, 400)
}

function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; errors: FieldErrors } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, errors: { json: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` } }
  }
}

/** An edit result as a JSON answer. */
function answer<T>(c: C, result: EditResult<T>, okStatus: 200 | 201 = 200) {
  if (!result.ok) return c.json({ errors: result.errors }, result.status)
  return c.json({ source: result.value }, okStatus)
}
