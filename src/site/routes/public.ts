import { Hono } from 'hono'
import { formSeasons } from '../../mail/subscribers/requested-seasons'
import { workersKv } from '../../store/kv'
import { isDemoMode, servedOrigin } from '../../worker/config'
import { readFirstSubjectView, readPublicView } from '../read-public-view'
import { glanceOf, readSeasonGlances, type SeasonAtGlance } from '../season-glance'
import { seasonTitle } from '../format'
import { locateBySlug, locateFirst, registerSeasonPages, registerSeasonRoutes, renderSeasonPage, seasonBase, servedView } from './season-routes'
import { API_CACHE, apiCors, cacheFor, setPageHeaders, type Ctx } from './site-headers'
import { SeasonsPage } from '../../../templates/home-page'
import { FollowPage } from '../../../templates/follow-page'

export { FEED_SIZE, HISTORY_PAGE_SIZE, RECENT_ON_HOME } from './season-routes'

/**
 * What visitors read. `/` lists the followed seasons (or, while there is one, is its page);
 * each season has its page, history, Atom feed, calendar file and JSON under `/s/<slug>/`; the
 * single-subject URLs (`/history`, `/feed.xml`, `/api/facts`, `/api/changes`) keep showing the
 * first subject, so feed readers and scripts from before several seasons keep working. Every
 * route reads one D1 row set and one KV value per season it shows, and writes nothing.
 */
export const publicRoutes = new Hono<{ Bindings: Env }>()

/**
 * Every subject at a glance (one D1 query; a KV read only for a subject with no glance yet), or
 * (D1 unreadable, or not seeded yet) the first subject alone, from its view.
 */
async function readSeasons(c: Ctx): Promise<SeasonAtGlance[]> {
  const kv = workersKv(c.env.STATE)
  const all = await readSeasonGlances(c.env, kv).catch(() => null)
  if (all && all.length > 0) return all
  const { subject, view } = await readFirstSubjectView(c.env, kv)
  return [{ subject, view: { slug: subject.slug }, glance: view ? glanceOf(view) : null, read: view }]
}

publicRoutes.get('/', async (c) => {
  const seasons = await readSeasons(c)
  const form = { seasons: formSeasons(seasons.map((s) => s.subject)) }
  if (seasons.length === 1) {
    // One season: `/` is its page, so its whole view (one KV read, unless the fallback read it).
    const { subject, view: at, read } = seasons[0]!
    const view = read !== undefined ? read : await readPublicView(workersKv(c.env.STATE), at)
    return renderSeasonPage(c, { subject, view: servedView(c, view), base: '' }, false, form)
  }
  setPageHeaders(c)
  return c.html(
    SeasonsPage({
      seasons: seasons.map(({ subject, glance }) => ({ subject, glance })),
      form: { ...form, selected: [] },
      turnstileSiteKey: String(c.env.TURNSTILE_SITE_KEY ?? '').trim() || null,
      demo: isDemoMode(c.env),
    }),
  )
})

publicRoutes.get('/follow', async (c) => {
  const seasons = await readSeasons(c)
  setPageHeaders(c)
  const list = seasons.map(({ subject }) => ({ title: seasonTitle(subject), base: seasons.length === 1 ? '' : seasonBase(subject.slug) }))
  return c.html(FollowPage({ seasons: list, origin: servedOrigin(c.env, c.req.url), demo: isDemoMode(c.env) }))
})

/**
 * `GET /api/subjects` without credentials: every followed season with its slug, stage and
 * latest change (paused ones too, marked). With an `Authorization` header the request is the
 * admin's (its full, authenticated list), so it goes on to the admin routes.
 */
publicRoutes.use('/api/subjects', async (c, next) => (c.req.header('Authorization') === undefined ? apiCors(c, next) : next()))
publicRoutes.get('/api/subjects', async (c, next) => {
  if (c.req.header('Authorization') !== undefined) return next()
  const origin = servedOrigin(c.env, c.req.url)
  const seasons = await readSeasonGlances(c.env, workersKv(c.env.STATE))
  c.header('Cache-Control', cacheFor(c, API_CACHE))
  return c.json({
    subjects: seasons.map(({ subject, glance }) => {
      const base = `${origin}${seasonBase(subject.slug)}`
      return {
        slug: subject.slug,
        show: subject.show,
        season: subject.season,
        status: subject.status,
        stage: glance?.stage ?? null,
        updatedAt: glance?.updatedAt ?? null,
        latestChange: glance?.latest ?? null,
        links: { page: `${base}/`, facts: `${base}/api/facts`, changes: `${base}/api/changes`, feed: `${base}/feed.xml` },
      }
    }),
  })
})

registerSeasonPages(publicRoutes)
registerSeasonRoutes(publicRoutes, '/s/:slug', locateBySlug)
registerSeasonRoutes(publicRoutes, '', locateFirst)
