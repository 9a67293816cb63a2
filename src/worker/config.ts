import type { Source, Subject } from '../core/types'
import type { FetchRules } from '../pipeline/fetch/guarded-fetch'
import type { SubjectInput } from '../store/subject-store'
import { createDemoFetch, demoOrigins } from '../site/demo/demo-fetch'
import { listDemoSources } from '../site/demo/demo-documents'
import { workersKv } from '../store/kv'
import sourcesJson from '../../data/sources.json'
import subjectJson from '../../data/subject.json'

// The data files are plain JSON so maintainers can edit them without touching code;
// the casts are the one place their shape meets the types (literal unions widen to string).

/** The subject from `data/subject.json`: the show, the season and the names to recognise. */
export const defaultSubject: Subject = subjectJson as Subject

/**
 * The first subject of a new install (or of one migrated from the single-subject layout):
 * `data/subject.json` with its slug. Once it is stored, storage is the source of truth.
 */
export const seedSubject: SubjectInput = { ...(subjectJson as Subject & { slug: string }), status: 'active' }

/** The default source list from `data/sources.json`: the first subject's sources on a new install. */
export const defaultSources: Source[] = sourcesJson as Source[]

/**
 * The first subject's sources on a new install: the demo's own sources in demo mode (served
 * from this Worker), else `data/sources.json`.
 */
export function defaultSourcesFor(env: Pick<Env, 'DEMO_MODE' | 'PUBLIC_URL'>): Source[] {
  return isDemoMode(env) ? listDemoSources() : defaultSources
}

/** True when the Worker runs the offline demo (`wrangler dev --var DEMO_MODE:true`). */
export function isDemoMode(env: Pick<Env, 'DEMO_MODE'>): boolean {
  // String(): the generated Env types the var as its wrangler.toml literal ("false").
  return String(env.DEMO_MODE) === 'true'
}

/** The site's public origin without a trailing slash, for absolute links (feed, emails, demo). */
export function readPublicUrl(env: Pick<Env, 'PUBLIC_URL'>): string {
  return String(env.PUBLIC_URL || 'http://localhost:8787').replace(/\/+$/, '')
}

/**
 * The URL rules for the pipeline's requests (cron and admin dry-run): public http(s) only. In
 * demo mode the demo's own documents under `/demo/` of its origins pass too: `fetchFor` serves
 * them in-process, so they never reach the network; any other loopback URL is still refused.
 */
export function fetchRulesFor(env: Pick<Env, 'DEMO_MODE' | 'PUBLIC_URL'>): FetchRules {
  return isDemoMode(env) ? { inProcessPrefixes: demoOrigins(readPublicUrl(env)).map((o) => `${o}/demo/`) } : {}
}

/**
 * The origin for absolute links in a response to `requestUrl`. In demo mode (local use) that
 * is the origin actually being served, whatever port `wrangler dev` listens on; in production
 * it is PUBLIC_URL, the one canonical address. (Emails have no request: they use PUBLIC_URL,
 * which `npm run dev` sets from `--port`.)
 */
export function servedOrigin(env: Pick<Env, 'DEMO_MODE' | 'PUBLIC_URL'>, requestUrl: string): string {
  return isDemoMode(env) ? new URL(requestUrl).origin : readPublicUrl(env)
}

/**
 * The network the pipeline reads through: the real one, or in demo mode one that serves the
 * demo documents in-process (from the uncounted KV) and passes everything else through.
 */
export function fetchFor(env: Pick<Env, 'DEMO_MODE' | 'PUBLIC_URL' | 'STATE'>): typeof fetch {
  // bind keeps `this` right for the global fetch.
  const realFetch = fetch.bind(globalThis)
  return isDemoMode(env) ? createDemoFetch(readPublicUrl(env), workersKv(env.STATE), realFetch) : realFetch
}
