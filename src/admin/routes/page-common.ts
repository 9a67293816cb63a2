import { forDisplay, loadWithHealth, type C } from './context'
import { listRunReports } from '../../pipeline/run/run-report-store'
import { countFollowers } from '../../mail/subscribers/subscription-store'
import { countAudit, readAudit } from '../../store/audit-log'
import { listSubjects } from '../../store/subject-store'
import { isDemoMode } from '../../worker/config'
import { AdminMessage } from '../../../templates/admin-login'
import { AUDIT_SHOWN, AdminPage, type AdminPageProps } from '../../../templates/admin-page'

type PageStatus = 200 | 404 | 409 | 422

/** Renders the subject's page (sources with health, recent runs, forms, subject, audit), with `extra` form states. */
export async function dashboard(c: C, extra: Partial<AdminPageProps> = {}, status: PageStatus = 200) {
  const subject = c.get('subject')
  const [sources, audit, auditTotal, subjects, runs, followers] = await Promise.all([
    loadWithHealth(c),
    readAudit(c.env.DB, { subject: subject.slug, limit: AUDIT_SHOWN }),
    countAudit(c.env.DB, subject.slug),
    listSubjects(c.env.DB),
    listRunReports(c.env.DB, subject.slug),
    countFollowers(c.env.DB, subject.slug),
  ])
  const props: AdminPageProps = {
    csrf: c.get('csrf'),
    base: c.get('base'),
    subject,
    subjects,
    sources: forDisplay(c, sources),
    audit: forDisplay(c, audit),
    auditTotal,
    runs: forDisplay(c, runs.map((r) => r.summary)),
    followers,
    demoMode: isDemoMode(c.env),
  }
  return c.html(AdminPage({ ...props, ...extra }), status)
}

/** Back to the subject's page with a done-notice (the post/redirect/get pattern). */
export function done(c: C, action: string, id = '', base = c.get('base')) {
  return c.redirect(`${base}?done=${encodeURIComponent(action)}&id=${encodeURIComponent(id)}`, 303)
}

export function missingSubject(c: C, slug: string) {
  return c.html(AdminMessage({ title: 'Not found', message: `No subject with the slug "${slug}".` }), 404)
}
