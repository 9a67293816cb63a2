import type { Hono } from 'hono'
import { field, subjectFromValues, subjectValuesFromForm } from '../form-input'
import { createSubject, removeSubject, updateSubject } from '../subjects/subject-admin'
import { formVersion, resolveSubject, subjectEdit, type AdminEnv } from './context'
import { dashboard, done, missingSubject } from './page-common'
import { firstSubject } from '../../store/subject-store'
import { AdminMessage } from '../../../templates/admin-login'

/** The subject's own form (edit, pause/resume, remove) under `base`, like the source pages. */
export function registerSubjectPages(app: Hono<AdminEnv>, base: string): void {
  const subject = resolveSubject(missingSubject)

  app.post(`${base}/subject`, subject, async (c) => {
    const values = subjectValuesFromForm(c.get('form'), false)
    const { input, errors } = subjectFromValues(values)
    if (Object.keys(errors).length > 0) return dashboard(c, { subjectForm: { values, errors } }, 422)
    const slug = c.get('subject').slug
    const result = await updateSubject(subjectEdit(c, 'page'), slug, input, formVersion(c))
    if (result.ok) return done(c, 'subject-edit', slug)
    if (result.status === 404) return missingSubject(c, slug)
    return dashboard(c, { subjectForm: { values, errors: result.errors } }, result.status)
  })

  app.post(`${base}/subject/delete`, subject, async (c) => {
    const slug = c.get('subject').slug
    // The page's box must be ticked (a browser enforces `required`; a hand-made request might not).
    if (field(c.get('form'), 'confirm') !== 'yes') {
      return c.html(AdminMessage({ title: 'Not removed', message: 'Tick the box to confirm: removing a subject ends its subscriptions and deletes its facts.', back: c.get('base') }), 422)
    }
    const result = await removeSubject(subjectEdit(c, 'page'), slug, formVersion(c))
    if (!result.ok) return c.html(AdminMessage({ title: 'Not removed', message: Object.values(result.errors).join(' '), back: c.get('base') }), result.status)
    return done(c, 'subject-delete', slug, '/admin')
  })
}

/** Adding a subject (the form on every subject's page posts here). */
export function registerSubjectCreation(app: Hono<AdminEnv>): void {
  app.post('/admin/subjects', resolveSubject(missingSubject), async (c) => {
    const values = subjectValuesFromForm(c.get('form'), true)
    const { input, errors } = subjectFromValues(values)
    // Errors are shown on the first subject's page, where the form was sent from or like it.
    if (Object.keys(errors).length > 0) return dashboard(c, { newSubject: { values, errors } }, 422)
    const result = await createSubject(subjectEdit(c, 'page'), input)
    if (!result.ok) return dashboard(c, { newSubject: { values, errors: result.errors } }, result.status)
    const first = await firstSubject(c.env.DB)
    const home = first?.slug === result.value.slug ? '/admin' : `/admin/s/${encodeURIComponent(result.value.slug)}`
    return done(c, 'subject-add', result.value.slug, home)
  })
}

