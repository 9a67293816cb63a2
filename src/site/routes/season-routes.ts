import type { Hono } from 'hono'
import { z } from 'zod'
import type { PublicView } from '../../core/public-view'
import { formSeasons } from '../../mail/subscribers/requested-seasons'
import { workersKv } from '../../store/kv'
import { listSubjects } from '../../store/subject-store'
import { isDemoMode, readPublicUrl, servedOrigin } from '../../worker/config'
import { releaseEventFor, renderReleaseCalendar } from '../calendar'
import { rebaseDemoUrls } from '../demo/demo-origin'
import { seasonTitle } from '../format'
import { paginate } from '../paginate'
import { readFirstSubjectView, readPublicView, readSubjectView, toPublic, type PublicSubject } from '../read-public-view'
import { API_CACHE, apiCors, cacheFor, setPageHeaders, type Ctx } from './site-headers'
import { HomePage } from '../../../templates/home-page'
import { EditionPage, HistoryPage } from '../../../templates/history-page'
import { MessagePage } from '../../../templates/message-page'
import { renderAtomFeed } from '../../../templates/atom-feed'

/** Editions per history page (HTML and API). */
export const HISTORY_PAGE_SIZE = 20
/** Editions shown on a season's page. */
export const RECENT_ON_HOME = 5
/** Editions in the Atom feed. */
export const FEED_SIZE = 50

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1) })

/** A season found for a request: its subject, its view (links as this response shows them), and where its pages live. */
export interface SeasonAt {
  subject: PublicSubject
  view: PublicView | null
  /** `/s/<slug>`, or '' for the first season's single-subject URLs. */
  base: string
}

/** The 404 page of a season we do not follow (never did, or a maintainer removed it). */
const NO_SUCH_SEASON = {
  title: 'No such season',
  message: 'We do not follow a season at this address: the link may be mistyped, or the season was removed.',
  links: [{ href: '/', label: 'The seasons we follow' }],
}

/** Answers with the 404 page of a season we do not follow (never cached: it may be added soon). */
function noSuchSeason(c: Ctx) {
  setPageHeaders(c)
  c.header('Cache-Control', 'no-store')
  return c.html(MessagePage({ ...NO_SUCH_SEASON, demo: isDemoMode(c.env) }), 404)
}

/** How a set of routes finds its season: by the `:slug` in the path, or the first subject. */
export type LocateSeason = (c: Ctx) => Promise<SeasonAt | null>

/** In the demo, stored demo news URLs point at the origin actually being served (see `demo-origin.ts`). */
export function servedView(c: Ctx, view: PublicView | null): PublicView | null {
  return view && isDemoMode(c.env) ? rebaseDemoUrls(view, servedOrigin(c.env, c.req.url)) : view
}

/** The path of a season's pages. */
export const seasonBase = (slug: string) => `/s/${encodeURIComponent(slug)}`

/** `/s/:slug/…`: one D1 read (the subject) and one KV read (its view). */
export const locateBySlug: LocateSeason = async (c) => {
  const found = await readSubjectView(c.env, workersKv(c.env.STATE), c.req.param('slug') ?? '')
  return found ? { subject: found.subject, view: servedView(c, found.view), base: seasonBase(found.subject.slug) } : null
}

/** The single-subject URLs (`/history`, `/feed.xml`, `/api/facts`, …): the first subject, one D1 and one KV read. */
export const locateFirst: LocateSeason = async (c) => {
  const { subject, view } = await readFirstSubjectView(c.env, workersKv(c.env.STATE))
  return { subject, view: servedView(c, view), base: '' }
}

/** The season's `.ics` for its confirmed premiere, or null. The UID uses PUBLIC_URL's host, never the served one. */
function releaseEvent(c: Ctx, at: SeasonAt) {
  return releaseEventFor({
    slug: at.subject.slug,
    title: seasonTitle(at.subject),
    publicUrl: readPublicUrl(c.env),
    pageUrl: `${servedOrigin(c.env, c.req.url)}${seasonBase(at.subject.slug)}/`,
    view: at.view,
  })
}

/**
 * A season's page: its fact sheet, the subscribe form (this season ticked) and recent changes.
 * Reads the subject list once (the form offers every open season) and this season's view.
 */
export async function renderSeasonPage(c: Ctx, at: SeasonAt, several: boolean, form: { seasons: ReturnType<typeof formSeasons> }) {
  setPageHeaders(c)
  const open = form.seasons.some((s) => s.slug === at.subject.slug)
  const event = releaseEvent(c, at)
  return c.html(
    HomePage({
      subject: at.subject,
      base: at.base,
      several,
      view: at.view,
      recent: RECENT_ON_HOME,
      form: { seasons: form.seasons, selected: open ? [{ slug: at.subject.slug, choice: 'all' }] : [] },
      calendarUrl: event ? `${seasonBase(at.subject.slug)}/release.ics` : null,
      turnstileSiteKey: String(c.env.TURNSTILE_SITE_KEY ?? '').trim() || null,
      demo: isDemoMode(c.env),
    }),
  )
}

/**
 * The routes every season has under `base` (`/s/:slug`, or '' for the first subject's
 * single-subject URLs): history, one edition, the Atom feed, and the JSON facts and changes.
 * Each makes one D1 read, one KV read and no writes.
 */
export function registerSeasonRoutes(app: Hono<{ Bindings: Env }>, base: string, locate: LocateSeason) {
  const demo = (c: Ctx) => isDemoMode(c.env)
  app.use(`${base}/api/facts`, apiCors)
  app.use(`${base}/api/changes`, apiCors)

  app.get(`${base}/history`, async (c) => {
    const query = pageQuery.safeParse(c.req.query())
    setPageHeaders(c)
    if (!query.success) return c.html(MessagePage({ title: 'Bad page number', message: 'Pages are numbered from 1.', demo: demo(c) }), 400)
    const at = await locate(c)
    if (!at) return noSuchSeason(c)
    const page = paginate(at.view?.history ?? [], query.data.page, HISTORY_PAGE_SIZE)
    if (!page) return c.html(MessagePage({ title: 'No such page', message: 'The history is not that long yet.', demo: demo(c) }), 404)
    return c.html(HistoryPage({ ...at.subject, base: at.base, several: at.base !== '', page, demo: demo(c) }))
  })

  app.get(`${base}/history/:id`, async (c) => {
    const at = await locate(c)
    if (!at) return noSuchSeason(c)
    const entry = at.view?.history.find((e) => e.id === c.req.param('id'))
    setPageHeaders(c)
    if (!entry) return c.html(MessagePage({ title: 'Update not found', message: 'It may be older than the history we keep.', demo: demo(c) }), 404)
    return c.html(EditionPage({ ...at.subject, base: at.base, several: at.base !== '', entry, demo: demo(c) }))
  })

  app.get(`${base}/feed.xml`, async (c) => {
    const at = await locate(c)
    if (!at) return c.text('No such season.', 404)
    const xml = await renderAtomFeed({
      publicUrl: servedOrigin(c.env, c.req.url),
      base: at.base,
      show: at.subject.show,
      season: at.subject.season,
      entries: (at.view?.history ?? []).slice(0, FEED_SIZE),
      updatedAt: at.view?.updatedAt ?? null,
    })
    c.header('Cache-Control', cacheFor(c, API_CACHE))
    c.header('X-Content-Type-Options', 'nosniff')
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
  })

  app.get(`${base}/api/facts`, async (c) => {
    const at = await locate(c)
    c.header('Cache-Control', cacheFor(c, API_CACHE))
    if (!at) return c.json({ error: 'no such season' }, 404)
    const { slug, show, season } = at.subject
    return c.json({ slug, show, season, updatedAt: at.view?.updatedAt ?? null, facts: at.view?.facts ?? null })
  })

  app.get(`${base}/api/changes`, async (c) => {
    const query = pageQuery.safeParse(c.req.query())
    c.header('Cache-Control', cacheFor(c, API_CACHE))
    if (!query.success) return c.json({ error: 'page must be a whole number from 1' }, 400)
    const at = await locate(c)
    if (!at) return c.json({ error: 'no such season' }, 404)
    const page = paginate(at.view?.history ?? [], query.data.page, HISTORY_PAGE_SIZE)
    if (!page) return c.json({ error: 'no such page' }, 404)
    const { slug, show, season } = at.subject
    return c.json({ slug, show, season, ...page })
  })
}

/**
 * What only `/s/:slug/` has: the season's own page, and its calendar file. (The first subject's
 * page at `/` is the home page's.)
 */
export function registerSeasonPages(app: Hono<{ Bindings: Env }>) {
  app.get('/s/:slug', (c) => c.redirect(`${seasonBase(c.req.param('slug'))}/`, 301))

  app.get('/s/:slug/', async (c) => {
    // One D1 read for every subject (the form offers each open season), one KV read for this one.
    const subjects = await listSubjects(c.env.DB)
    const subject = subjects.find((s) => s.slug === c.req.param('slug'))
    if (!subject) return noSuchSeason(c)
    const view = servedView(c, await readPublicView(workersKv(c.env.STATE), subject))
    const at: SeasonAt = { subject: toPublic(subject), view, base: seasonBase(subject.slug) }
    return renderSeasonPage(c, at, subjects.length > 1, { seasons: formSeasons(subjects) })
  })

  app.get('/s/:slug/release.ics', async (c) => {
    const at = await locateBySlug(c)
    c.header('X-Content-Type-Options', 'nosniff')
    if (!at) return c.text('We do not follow a season at this address.', 404)
    const event = releaseEvent(c, at)
    if (!event) {
      c.header('Cache-Control', 'no-store')
      return c.text(`No release date is confirmed yet for ${seasonTitle(at.subject)}. The calendar event appears here once one is.\n`, 404)
    }
    c.header('Cache-Control', cacheFor(c, API_CACHE))
    c.header('Content-Disposition', `inline; filename="${at.subject.slug}-release.ics"`)
    return c.body(renderReleaseCalendar(event), 200, { 'Content-Type': 'text/calendar; charset=utf-8' })
  })
}
