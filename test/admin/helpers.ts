import { env } from 'cloudflare:test'
import { Hono } from 'hono'
import { createAdminRoutes, type AdminOptions } from '../../src/admin/routes/admin'
import { listSources, withoutVersion } from '../../src/store/source-store'
import { seedSubject } from '../../src/worker/config'

export const TOKEN = 'test-admin-token-0123456789-abcdef'
export const ORIGIN = 'http://localhost'

/** The admin sub-app with a fake network and clock, mounted like the Worker mounts it. */
export function makeAdmin(options: AdminOptions = {}) {
  const app = new Hono<{ Bindings: Env }>()
  app.route('/', createAdminRoutes(options))
  return app
}

/** A rate limiter that never limits: these specs send many wrong tokens on purpose. */
const unlimited: RateLimit = { limit: async () => ({ success: true }) }

/**
 * The real bindings (KV, D1) plus admin settings. The admin's wrong-credential limiter is lifted
 * here; `access.test.ts` drives the real `ADMIN_LIMITER` binding.
 */
export function adminEnv(vars: { ADMIN_TOKEN?: string; DEMO_MODE?: string; PUBLIC_URL?: string } = { ADMIN_TOKEN: TOKEN }): Env {
  return { ...env, DEMO_MODE: 'false', ADMIN_LIMITER: unlimited, ...vars } as Env
}

/** Deletes every KV key, so each test starts from the defaults. */
export async function clearKv(): Promise<void> {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
}

/**
 * A fresh install: no KV keys, no subjects (their sources and subscriptions go with them), no
 * migration marks, no locks. The audit log is append-only, so tests read it from `auditMark()` on.
 */
export async function resetStorage(): Promise<void> {
  await clearKv()
  await env.DB.batch([env.DB.prepare('DELETE FROM subjects'), env.DB.prepare('DELETE FROM layout_migrations'), env.DB.prepare('DELETE FROM run_lock')])
}

/** The newest audit entry id now: entries after it belong to the test that asked. */
export async function auditMark(): Promise<number> {
  return (await env.DB.prepare('SELECT COALESCE(MAX(id), 0) AS n FROM audit_log').first<{ n: number }>())!.n
}

/** Every KV key and value: compare before/after to prove an operation wrote nothing. */
export async function kvSnapshot(): Promise<Record<string, string | null>> {
  const { keys } = await env.STATE.list()
  const out: Record<string, string | null> = {}
  for (const k of keys) out[k.name] = await env.STATE.get(k.name)
  return out
}

/** Everything an admin write could touch (KV, subjects, sources, audit): equal before/after = nothing written. */
export async function storageSnapshot(): Promise<Record<string, unknown>> {
  const rows = async (sql: string) => (await env.DB.prepare(sql).all()).results
  return {
    kv: await kvSnapshot(),
    subjects: await rows('SELECT * FROM subjects ORDER BY seq'),
    sources: await rows('SELECT * FROM sources ORDER BY subject_slug, position'),
    audit: await rows('SELECT COUNT(*) AS n FROM audit_log'),
  }
}

/** A subject's saved sources, without versions (null before the first subject exists). */
export async function savedSources(slug = seedSubject.slug): Promise<unknown[] | null> {
  if (!(await env.DB.prepare('SELECT 1 FROM subjects WHERE slug = ?1').bind(slug).first())) return null
  return (await listSources(env.DB, slug)).map(withoutVersion)
}

/** A fetch that answers from a table of URL → response and records what was asked. */
export function fakeNetwork(pages: Record<string, { body: string; type?: string; status?: number; headers?: Record<string, string> }>) {
  const calls: string[] = []
  const fetch = (async (input: RequestInfo | URL) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    calls.push(url)
    const page = pages[url]
    if (!page) return new Response('not found', { status: 404 })
    return new Response(page.body, {
      status: page.status ?? 200,
      headers: { 'content-type': page.type ?? 'text/html; charset=utf-8', ...page.headers },
    })
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

/** A small news article page. */
export function articleHtml(opts: { title: string; published: string; paragraphs: string[] }): string {
  const body = opts.paragraphs.map((p) => `<p>${p}</p>`).join('\n')
  return `<!doctype html><html><head><meta charset="utf-8"><title>${opts.title}</title>
<meta property="article:published_time" content="${opts.published}"></head>
<body><article><h1>${opts.title}</h1><time datetime="${opts.published}">${opts.published}</time>
${body}</article></body></html>`
}

/** Logs in through the page and returns the cookie header and the CSRF token of the session. */
export async function loginPage(app: ReturnType<typeof makeAdmin>, e: Env = adminEnv()) {
  const res = await app.request(
    '/admin/login',
    { method: 'POST', headers: { Origin: ORIGIN }, body: new URLSearchParams({ token: TOKEN }) },
    e,
  )
  const setCookie = res.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';')[0]!
  const page = await app.request('/admin', { headers: { Cookie: cookie } }, e)
  const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(await page.text())?.[1] ?? ''
  return { cookie, csrf, setCookie }
}

/** POSTs a form like the browser does (same origin, session cookie, CSRF token). */
export function postForm(
  app: ReturnType<typeof makeAdmin>,
  path: string,
  session: { cookie: string; csrf: string },
  fields: Record<string, string>,
  e: Env = adminEnv(),
  headers: Record<string, string> = { Origin: ORIGIN },
) {
  return app.request(
    path,
    { method: 'POST', headers: { Cookie: session.cookie, ...headers }, body: new URLSearchParams({ _csrf: session.csrf, ...fields }) },
    e,
  )
}
