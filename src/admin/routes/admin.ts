/**
 * The maintainers' area, wired from one file per resource:
 *
 * - `session.ts`        log in (token → session cookie) and out
 * - `subjects-api.ts`   `/api/subjects`, `/api/subjects/:slug` (bearer token)
 * - `sources-api.ts`    `/api/subjects/:slug/sources…`, and `/api/sources…` for the first subject
 * - `sources-page.ts`   `/admin/s/:slug` (and `/admin` for the first subject): sources with health,
 *                       add/edit/enable/disable/delete, dry-run, export/import, the audit log
 * - `subjects-page.ts`  the subject's own form, and adding a subject
 * - `review-api.ts`     editorial control as JSON: `/api/subjects/:slug/review…`, `…/run`, `/api/editorial/…`
 * - `review-page.ts`    `<base>/review`: review mode, held editions, retractions, trust, run now, alerts
 *
 * Access checks live in `access.ts`; routes parse input, call `../sources/source-admin.ts`,
 * `../subjects/subject-admin.ts` or `../dry-run.ts`, and render a template.
 */
import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requireBearer, requireSession } from './access'
import { withOptions, type AdminEnv, type AdminOptions } from './context'
import { sessionRoutes } from './session'
import { registerSourcePages } from './sources-page'
import { sourcesApi } from './sources-api'
import { subjectsApi } from './subjects-api'
import { registerSubjectCreation, registerSubjectPages } from './subjects-page'
import { editorialApi, reviewApi } from './review-api'
import { registerReviewPages } from './review-page'
import { listSubjects } from '../../store/subject-store'

export type { AdminOptions } from './context'

const MAX_BODY = 512 * 1024

/** Every path the admin answers (`/x/*` matches `/x` too); its middleware must not run for the public site. */
const ADMIN_PATHS = ['/admin/*', '/api/sources/*', '/api/subjects/*', '/api/editorial/*']

/** Admin answers are private and never framed or cached. */
const privateHeaders: MiddlewareHandler<AdminEnv> = async (c, next) => {
  await next()
  c.header('Cache-Control', 'no-store')
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('X-Frame-Options', 'DENY')
  c.header('Referrer-Policy', 'same-origin')
  c.header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
}

/**
 * `GET /api/subjects` without credentials is the public list of followed seasons (slug, show,
 * season); with an `Authorization` header it is the admin's full list.
 */
const publicSubjectList: MiddlewareHandler<AdminEnv> = async (c, next) => {
  if (c.req.method !== 'GET' || c.req.header('Authorization') !== undefined) return next()
  const subjects = await listSubjects(c.env.DB, { status: 'active' })
  return c.json({ subjects: subjects.map(({ slug, show, season }) => ({ slug, show, season })) })
}

/** Builds the admin sub-app; `adminRoutes` is the production instance. */
export function createAdminRoutes(options: AdminOptions = {}) {
  const app = new Hono<AdminEnv>()
  for (const path of ADMIN_PATHS) {
    app.use(path, bodyLimit({ maxSize: MAX_BODY, onError: (c) => c.json({ error: 'Request body too large.' }, 413) }))
    app.use(path, privateHeaders, withOptions(options))
  }

  // JSON API (bearer token).
  app.use('/api/subjects', publicSubjectList)
  for (const path of ['/api/sources/*', '/api/subjects/*', '/api/editorial/*']) app.use(path, requireBearer)
  app.route('/api/subjects/:slug/sources', sourcesApi)
  app.route('/api/subjects/:slug', reviewApi)
  app.route('/api/editorial', editorialApi)
  app.route('/api/subjects', subjectsApi)
  app.route('/api/sources', sourcesApi)

  // The page (session cookie; login and logout first, as they need no session).
  app.route('/', sessionRoutes)
  app.use('/admin/*', requireSession)
  registerSubjectCreation(app)
  for (const base of ['/admin', '/admin/s/:slug']) {
    registerSourcePages(app, base)
    registerSubjectPages(app, base)
    registerReviewPages(app, base)
  }
  return app
}

/** The admin as the Worker serves it. */
export const adminRoutes = createAdminRoutes()
