import { describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'

/**
 * Every URL the README and docs/ tell someone to open, curl or configure is one the Worker
 * routes. (test/node/docs.test.ts checks links, scripts and paths; this one needs the app.)
 */
const DOCS = import.meta.glob(['../../README.md', '../../docs/*.md'], { query: '?raw', import: 'default', eager: true }) as Record<string, string>

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const
type Method = (typeof METHODS)[number]
interface DocRoute {
  method: Method | null
  path: string
  where: string
}

/** Paths that are not ours: wrangler's own endpoint, files on disk. */
const NOT_A_ROUTE = /^\/(?:__scheduled|usr|tmp|work|dev)\b/

/** `<slug>`, `:id` and `N` become sample values; a query string or fragment is dropped. */
function samplePath(path: string): string {
  return path.replace(/[?#].*$/, '').replace(/<[^>]+>|:[a-zA-Z]+/g, 'sample-1')
}

/** The routes a text names: `GET /x` and `/x` in backticks, curl lines, and local or example URLs. */
function documentedRoutes(text: string, where: string): DocRoute[] {
  const found: DocRoute[] = []
  const add = (method: string | null, path: string) => {
    if (!path.startsWith('/') || path.startsWith('//') || path.includes('…') || NOT_A_ROUTE.test(path)) return
    found.push({ method: (METHODS as readonly string[]).includes(method ?? '') ? (method as Method) : null, path, where })
  }
  for (const m of text.matchAll(/`(?:(GET|POST|PUT|PATCH|DELETE) )?(\/[^`\s]*)`/g)) add(m[1] ?? null, m[2]!)
  for (const line of text.split('\n')) {
    if (/^\s*curl\b/.test(line)) {
      const method = /-X (\w+)/.exec(line)?.[1] ?? (/\s-d\s/.test(line) || line.trimEnd().endsWith('\\') ? null : 'GET')
      for (const m of line.matchAll(/(?:\$B|localhost:\d+|watch\.example\.com)(\/[^\s"'`)>]*)/g)) add(method, m[1]!)
    } else {
      for (const m of line.matchAll(/(?:https?:\/\/localhost:\d+|https:\/\/watch\.example\.com)(\/[^\s"'`)>]*)/g)) add(null, m[1]!)
    }
  }
  return found
}

const routes = createApp()
  .routes.filter((r) => r.method !== 'ALL')
  .map((r) => ({
    method: r.method,
    pattern: new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:[a-zA-Z]+/g, '[^/]+').replace(/\/\*$/, '(?:/.*)?')}$`),
  }))

function isRouted(route: DocRoute): boolean {
  const path = samplePath(route.path)
  return routes.some((r) => r.pattern.test(path) && (route.method === null || r.method === route.method))
}

describe('the routes the README and docs/ name', () => {
  const all = Object.entries(DOCS).flatMap(([file, text]) => documentedRoutes(text, file.replace('../../', '')))

  it('are found in the docs (the extraction works)', () => {
    expect(all.length).toBeGreaterThan(60)
    expect(all).toContainEqual({ method: 'POST', path: '/api/subjects/:slug/review/retract', where: 'docs/admin.md' })
  })

  it('are all routed by the Worker, with the method given', () => {
    expect(all.filter((r) => !isRouted(r)).map((r) => `${r.where}: ${r.method ?? ''} ${r.path}`.replace(':  ', ': '))).toEqual([])
  })

  it('would notice a route the Worker does not have', () => {
    expect(isRouted({ method: null, path: '/api/no-such-thing', where: '' })).toBe(false)
    expect(isRouted({ method: 'DELETE', path: '/api/editorial/run', where: '' })).toBe(false)
    expect(isRouted({ method: 'POST', path: '/s/<slug>/history?page=N', where: '' })).toBe(false)
    expect(isRouted({ method: 'GET', path: '/s/<slug>/history?page=N', where: '' })).toBe(true)
  })
})
