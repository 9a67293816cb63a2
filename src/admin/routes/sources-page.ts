import type { Hono } from 'hono'
import type { DryRunTarget } from '../dry-run'
import { field, noticeFor, sourceFromForm } from '../form-input'
import { isEmptyPlan } from '../import-plan'
import { validateDryRunTarget } from '../source-schema'
import { applyImport, previewImport, removeSource, setEnabled, updateSource, addSource, type EditResult } from '../sources/source-admin'
import { findSource, forDisplay, formVersion, loadWithHealth, parseJsonText, resolveSubject, rulesFor, runDryRun, sourceEdit, type AdminEnv, type C } from './context'
import { dashboard, done, missingSubject } from './page-common'
import { exportName } from './sources-api'
import { listSources, withoutVersion } from '../../store/source-store'
import { AdminDryRun } from '../../../templates/admin-dry-run'
import { AdminEdit } from '../../../templates/admin-edit'
import { AdminImportPreview } from '../../../templates/admin-import'
import { AdminMessage } from '../../../templates/admin-login'

/**
 * One subject's page and its source forms, under `base`: `/admin` (the first subject) and
 * `/admin/s/:slug`. The session gate runs before these (see `admin.ts`).
 */
export function registerSourcePages(app: Hono<AdminEnv>, base: string): void {
  const subject = resolveSubject(missingSubject)

  app.get(base, subject, (c) => dashboard(c, { notice: noticeFor(c.req.query('done'), c.req.query('id')) }))

  app.post(`${base}/sources`, subject, async (c) => {
    const input = sourceFromForm(c.get('form'))
    const result = await addSource(sourceEdit(c, 'page'), { ...input, notes: input.notes ?? undefined })
    if (!result.ok) return dashboard(c, { add: { values: input, errors: result.errors } }, result.status)
    return done(c, 'add', result.value.id)
  })

  app.get(`${base}/sources/:id`, subject, async (c) => {
    const source = (await loadWithHealth(c)).find((s) => s.id === c.req.param('id'))
    if (!source) return missing(c)
    return c.html(AdminEdit({ csrf: c.get('csrf'), base: c.get('base'), source: forDisplay(c, source), form: { values: source, errors: {} } }))
  })

  app.post(`${base}/sources/:id`, subject, async (c) => {
    const id = c.req.param('id')
    const { id: _ignored, ...input } = sourceFromForm(c.get('form'))
    const result = await updateSource(sourceEdit(c, 'page'), id, input, formVersion(c))
    if (result.ok) return done(c, 'edit', id)
    if (result.status === 404) return missing(c)
    const source = (await loadWithHealth(c)).find((s) => s.id === id)
    if (!source) return missing(c)
    // A stale version shows the current source (and its new version) with the message.
    const values = result.status === 409 ? source : input
    return c.html(AdminEdit({ csrf: c.get('csrf'), base: c.get('base'), source: forDisplay(c, source), form: { values, errors: result.errors } }), result.status)
  })

  for (const action of ['enable', 'disable'] as const) {
    app.post(`${base}/sources/:id/${action}`, subject, async (c) => {
      const result = await setEnabled(sourceEdit(c, 'page'), c.req.param('id'), action === 'enable', formVersion(c))
      return result.ok ? done(c, action, result.value.id) : refused(c, result)
    })
  }

  app.post(`${base}/sources/:id/delete`, subject, async (c) => {
    const result = await removeSource(sourceEdit(c, 'page'), c.req.param('id'), formVersion(c))
    return result.ok ? done(c, 'delete', result.value.id) : refused(c, result)
  })

  app.post(`${base}/dry-run`, subject, async (c) => {
    const form = c.get('form')
    const id = field(form, 'id')
    let target: DryRunTarget
    if (id) {
      const source = await findSource(c, id)
      if (!source) return missing(c, id)
      target = withoutVersion(source)
    } else {
      const values = { url: field(form, 'url'), kind: field(form, 'kind') }
      const checked = validateDryRunTarget(values, rulesFor(c.env))
      if (!checked.ok) return dashboard(c, { dryRun: { values, errors: checked.errors } }, 422)
      target = checked.value
    }
    return c.html(AdminDryRun({ csrf: c.get('csrf'), base: c.get('base'), result: forDisplay(c, await runDryRun(c, target)) }))
  })

  app.get(`${base}/export`, subject, async (c) => {
    const sources = (await listSources(c.env.DB, c.get('subject').slug)).map(withoutVersion)
    c.header('Content-Disposition', `attachment; filename="${exportName(c)}"`)
    return c.body(JSON.stringify(sources, null, 2) + '\n', 200, { 'Content-Type': 'application/json; charset=utf-8' })
  })

  app.post(`${base}/import`, subject, async (c) => {
    const text = field(c.get('form'), 'json')
    const parsed = parseJsonText(text)
    if (!parsed.ok) return dashboard(c, { importForm: { text, errors: parsed.errors } }, 422)
    const preview = await previewImport(sourceEdit(c, 'page'), parsed.value)
    if (!preview.ok) return dashboard(c, { importForm: { text, errors: preview.errors } }, preview.status)
    // The plan is shown; the list it carries to the confirm stays as validated.
    return c.html(AdminImportPreview({ csrf: c.get('csrf'), base: c.get('base'), preview: { ...preview.value, plan: forDisplay(c, preview.value.plan) } }))
  })

  app.post(`${base}/import/confirm`, subject, async (c) => {
    const form = c.get('form')
    const text = field(form, 'json')
    const parsed = parseJsonText(text)
    if (!parsed.ok) return dashboard(c, { importForm: { text, errors: parsed.errors } }, 422)
    const applied = await applyImport(sourceEdit(c, 'page'), parsed.value, field(form, 'base'))
    if (!applied.ok) return dashboard(c, { importForm: { text, errors: applied.errors } }, applied.status)
    return done(c, isEmptyPlan(applied.value.plan) ? 'import-empty' : 'import')
  })
}


function missing(c: C, id = c.req.param('id')) {
  return c.html(AdminMessage({ title: 'Not found', message: `No source with the id "${id}".`, back: c.get('base') }), 404)
}

/** A button's edit that did not go through: not found, or changed meanwhile. */
function refused(c: C, result: Extract<EditResult<unknown>, { ok: false }>) {
  if (result.status === 404) return missing(c)
  return c.html(AdminMessage({ title: 'Changed meanwhile', message: Object.values(result.errors).join(' '), back: c.get('base') }), result.status)
}
