import { Hono, type Context } from 'hono'
import { cors } from 'hono/cors'
import { z } from 'zod'
import type { PublicView } from '../../core/public-view'
import { workersKv } from '../../store/kv'
import { readFirstSubjectView, type PublicSubject } from '../read-public-view'
import { paginate } from '../paginate'
import { rebaseDemoUrls } from '../demo/demo-origin'
import { isDemoMode, servedOrigin } from '../../worker/config'
import { HomePage } from '../../../templates/home-page'
import { EditionPage, HistoryPage } from '../../../templates/history-page'
import { FollowPage } from '../../../templates/follow-page'
import { MessagePage } from '../../../templates/message-page'
import { renderAtomFeed } from '../../../templates/atom-feed'

/**
 * What visitors read: the fact sheet, the history, the Atom feed and the JSON API, of the first
 * subject. Every route makes one D1 read (which subject), one KV read (its view) and no writes.
 */
export const publicRoutes = new Hono<{ Bindings: Env }>()

/** Editions per history page (HTML and API). */
export const HISTORY_PAGE_SIZE = 20
/** Editions shown on `/`. */
export const RECENT_ON_HOME = 5
/** Editions in the Atom feed. */
export const FEED_SIZE = 50

const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(1_000_000).default(1) })

const API_CACHE = 'public, max-age=300'
const PAGE_CACHE = 'public, max-age=60'

// No script may run on these pages; inline styles only. Turnstile's origin is allowed for the
// subscribe form the email issue renders on `/`.
const CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https: data:',
  'script-src https://challenges.cloudflare.com',
  'frame-src https://challenges.cloudflare.com',
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ')

type Ctx = Context<{ Bindings: Env }>

// In the demo, state changes at the press of a button: a cached page would hide the change.
const cacheFor = (c: Ctx, cache: string) => (isDemoMode(c.env) ? 'no-store' : cache)

function setPageHeaders(c: Ctx) {
  c.header('Cache-Control', cacheFor(c, PAGE_CACHE))
  c.header('Content-Security-Policy', CSP)
  c.header('X-Content-Type-Options', 'nosniff')
  c.header('Referrer-Policy', 'strict-origin-when-cross-origin')
}

/**
 * The first subject and its view, with links as this response should show them: in the demo,
 * stored demo news URLs point at the origin actually being served (see `demo-origin.ts`).
 */
async function readView(c: Ctx): Promise<{ subject: PublicSubject; view: PublicView | null }> {
  const { subject, view } = await readFirstSubjectView(c.env, workersKv(c.env.STATE))
  return { subject, view: view && isDemoMode(c.env) ? rebaseDemoUrls(view, servedOrigin(c.env, c.req.url)) : view }
}

// CORS only on the two public read endpoints: admin APIs elsewhere under /api must not get it.
const apiCors = cors({ origin: '*', allowMethods: ['GET', 'OPTIONS'], maxAge: 86_400 })
publicRoutes.use('/api/facts', apiCors)
publicRoutes.use('/api/changes', apiCors)

publicRoutes.get('/', async (c) => {
  const { subject: { show, season }, view } = await readView(c)
  setPageHeaders(c)
  const turnstileSiteKey = String(c.env.TURNSTILE_SITE_KEY ?? '').trim() || null
  return c.html(HomePage({ show, season, view, recent: RECENT_ON_HOME, turnstileSiteKey, demo: isDemoMode(c.env) }))
})

publicRoutes.get('/follow', async (c) => {
  const { subject: { show, season } } = await readFirstSubjectView(c.env, workersKv(c.env.STATE))
  setPageHeaders(c)
  return c.html(FollowPage({ show, season, origin: servedOrigin(c.env, c.req.url), demo: isDemoMode(c.env) }))
})

publicRoutes.get('/history', async (c) => {
  const query = pageQuery.safeParse(c.req.query())
  setPageHeaders(c)
  const demo = isDemoMode(c.env)
  if (!query.success) return c.html(MessagePage({ title: 'Bad page number', message: 'Pages are numbered from 1.', demo }), 400)
  const { subject: { show, season }, view } = await readView(c)
  const page = paginate(view?.history ?? [], query.data.page, HISTORY_PAGE_SIZE)
  if (!page) return c.html(MessagePage({ title: 'No such page', message: 'The history is not that long yet.', demo }), 404)
  return c.html(HistoryPage({ show, season, page, demo }))
})

publicRoutes.get('/history/:id', async (c) => {
  const { subject: { show, season }, view } = await readView(c)
  const entry = view?.history.find((e) => e.id === c.req.param('id'))
  const demo = isDemoMode(c.env)
  setPageHeaders(c)
  if (!entry) return c.html(MessagePage({ title: 'Update not found', message: 'It may be older than the history we keep.', demo }), 404)
  return c.html(EditionPage({ show, season, entry, demo }))
})

publicRoutes.get('/feed.xml', async (c) => {
  const { subject: { show, season }, view } = await readView(c)
  const xml = await renderAtomFeed({
    publicUrl: servedOrigin(c.env, c.req.url),
    show,
    season,
    entries: (view?.history ?? []).slice(0, FEED_SIZE),
    updatedAt: view?.updatedAt ?? null,
  })
  c.header('Cache-Control', cacheFor(c, API_CACHE))
  c.header('X-Content-Type-Options', 'nosniff')
  return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' })
})

publicRoutes.get('/api/facts', async (c) => {
  const { subject: { show, season }, view } = await readView(c)
  c.header('Cache-Control', cacheFor(c, API_CACHE))
  return c.json({ show, season, updatedAt: view?.updatedAt ?? null, facts: view?.facts ?? null })
})

publicRoutes.get('/api/changes', async (c) => {
  const query = pageQuery.safeParse(c.req.query())
  c.header('Cache-Control', cacheFor(c, API_CACHE))
  if (!query.success) return c.json({ error: 'page must be a whole number from 1' }, 400)
  const { subject: { show, season }, view } = await readView(c)
  const page = paginate(view?.history ?? [], query.data.page, HISTORY_PAGE_SIZE)
  if (!page) return c.json({ error: 'no such page' }, 404)
  return c.json({ show, season, ...page })
})
