import type { Source, Subject } from '../core/types'
import sourcesJson from '../../data/sources.json'
import subjectJson from '../../data/subject.json'

// The data files are plain JSON so maintainers can edit them without touching code;
// the casts are the one place their shape meets the types (literal unions widen to string).

/** The subject from `data/subject.json`: the show, the season and the names to recognise. */
export const defaultSubject: Subject = subjectJson as Subject

/** The default source list from `data/sources.json`; the live list in KV overrides it. */
export const defaultSources: Source[] = sourcesJson as Source[]

/** True when the Worker runs the offline demo (`wrangler dev --var DEMO_MODE:true`). */
export function isDemoMode(env: Pick<Env, 'DEMO_MODE'>): boolean {
  // String(): the generated Env types the var as its wrangler.toml literal ("false").
  return String(env.DEMO_MODE) === 'true'
}

/** The site's public origin without a trailing slash, for absolute links (feed, emails, demo). */
export function readPublicUrl(env: Pick<Env, 'PUBLIC_URL'>): string {
  return String(env.PUBLIC_URL || 'http://localhost:8787').replace(/\/+$/, '')
}
