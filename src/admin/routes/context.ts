/**
 * What every admin route shares: the Hono env, the test seams, reading a JSON body, a version
 * and the subject a request is about, and turning an edit result into an answer.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { dryRunSource, type DryRunTarget } from '../dry-run'
import { field, type FormBody } from '../form-input'
import { listWithHealth } from '../source-health'
import type { FieldErrors, SourceRules } from '../source-schema'
import type { EditContext, EditResult } from '../sources/source-admin'
import type { SubjectEditContext } from '../subjects/subject-admin'
import { loadState, readStoredState } from '../../pipeline/run/state-store'
import { workersKv } from '../../store/kv'
import { listSources, type SourceRecord } from '../../store/source-store'
import { listExclusions } from '../../store/editorial-store'
import { getSubject, subjectConfig, type SubjectRecord } from '../../store/subject-store'
import { rebaseDemoUrls } from '../../site/demo/demo-origin'
import { fetchFor, fetchRulesFor, isDemoMode, servedOrigin } from '../../worker/config'
import { ensureSubjects } from '../../worker/migrate-layout'

/** Test seams: the network the dry-run uses and the clock. */
export interface AdminOptions {
  fetch?: typeof fetch
  now?: () => Date
}

export type AdminEnv = {
  Bindings: Env
  Variables: {
    actor: string
    csrf: string
    form: FormBody
    /** The subject the request is about (the first one on the single-subject paths). */
    subject: SubjectRecord
    /** Where this subject's page lives: `/admin` for the first subject's alias, else `/admin/s/<slug>`. */
    base: string
    options: Required<AdminOptions>
  }
}
export type C = Context<AdminEnv>

/** Fills in the test seams for every route below. */
export function withOptions(options: AdminOptions): MiddlewareHandler<AdminEnv> {
  const now = options.now ?? (() => new Date())
  return async (c, next) => {
    // The same network as the cron: in demo mode, the demo documents served in-process.
    c.set('options', { now, fetch: options.fetch ?? fetchFor(c.env) })
    await next()
  }
}

/**
 * Resolves the subject of a request: `:slug` when the path has one (404 when there is no such
 * subject), else the first subject (created from data/subject.json on first use).
 */
export function resolveSubject(answerMissing: (c: C, slug: string) => Response | Promise<Response>): MiddlewareHandler<AdminEnv> {
  return async (c, next) => {
    const slug = c.req.param('slug')
    const first = await ensureSubjects(c.env, c.get('options').now())
    const subject = slug === undefined ? first : await getSubject(c.env.DB, slug)
    if (!subject) return answerMissing(c, slug ?? '')
    c.set('subject', subject)
    c.set('base', slug === undefined ? '/admin' : `/admin/s/${encodeURIComponent(subject.slug)}`)
    await next()
  }
}

/**
 * URL rules for sources. DEMO_MODE (local `wrangler dev` only) allows loopback URLs, because the
 * demo serves its news pages from the dev server itself; private networks stay blocked.
 */
export function rulesFor(env: Env): SourceRules {
  return { allowLoopback: isDemoMode(env) }
}

/**
 * `value` as a page shows it: in demo mode every demo news URL (`http://demo-news.localhost/…`,
 * the fixed origin stored state uses) moved to the origin being served, as the public pages do.
 * Only for display: form values keep what is stored.
 */
export function forDisplay<T>(c: C, value: T): T {
  return isDemoMode(c.env) ? rebaseDemoUrls(value, servedOrigin(c.env, c.req.url)) : value
}

/** The context a source edit runs in. */
export function sourceEdit(c: C, via: 'api' | 'page'): EditContext {
  return { db: c.env.DB, subject: c.get('subject').slug, rules: rulesFor(c.env), actor: c.get('actor'), via, now: c.get('options').now() }
}

/** The context a subject edit runs in. */
export function subjectEdit(c: C, via: 'api' | 'page'): SubjectEditContext {
  return { db: c.env.DB, kv: workersKv(c.env.STATE), actor: c.get('actor'), via, now: c.get('options').now() }
}

/** Where the subject's state is read from (the single-subject keys while it is marked legacy). */
function stateAt(subject: SubjectRecord) {
  return { slug: subject.slug, legacy: subject.legacy }
}

/** The subject's sources joined with its pipeline state (one D1 read and one KV read, in parallel). */
export async function loadWithHealth(c: C) {
  const subject = c.get('subject')
  const [sources, state] = await Promise.all([listSources(c.env.DB, subject.slug), readStoredState(workersKv(c.env.STATE), stateAt(subject))])
  return listWithHealth(sources, state)
}

/** One source of the subject, or null. */
export async function findSource(c: C, id: string): Promise<SourceRecord | null> {
  return (await listSources(c.env.DB, c.get('subject').slug)).find((s) => s.id === id) ?? null
}

/** Dry-runs a target against the subject's current facts and claims (its whole ledger). */
export async function runDryRun(c: C, target: DryRunTarget) {
  const subject = c.get('subject')
  const [loaded, exclusions] = await Promise.all([loadState(workersKv(c.env.STATE), stateAt(subject)), listExclusions(c.env.DB, subject.slug)])
  const { now, fetch } = c.get('options')
  return dryRunSource(target, { fetch, now, subject: subjectConfig(subject), state: loaded?.state ?? null, rules: fetchRulesFor(c.env), exclusions: exclusions.map((e) => e.rule) })
}

/** Marker for a body that is not JSON. */
export const INVALID = Symbol('invalid json')

export async function readJson(c: C): Promise<unknown> {
  try {
    return await c.req.json()
  } catch {
    return INVALID
  }
}

/** A body that may be absent (DELETE): null when empty, else parsed JSON (or INVALID). */
export async function readOptionalJson(c: C): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return INVALID
  }
}

export function badJson(c: C) {
  return c.json({ errors: { body: 'Send a valid JSON body.' } }, 400)
}

/**
 * The version an edit says it saw: `version` in the body (or form) or an `If-Match` header
 * (`"3"`, `W/"3"` or `3`). Undefined when neither is given; an error when one is not a version.
 */
export function readVersion(c: C, body: unknown): { ok: true; value: number | undefined } | { ok: false; errors: FieldErrors } {
  const fromBody = typeof body === 'object' && body !== null && 'version' in body ? (body as { version: unknown }).version : undefined
  const header = c.req.header('If-Match')
  const raw = fromBody ?? (header ? header.replace(/^W\//, '').replace(/^"(.*)"$/, '$1').trim() : undefined)
  if (raw === undefined || raw === '') return { ok: true, value: undefined }
  const n = typeof raw === 'number' ? raw : /^\d{1,15}$/.test(String(raw)) ? Number(raw) : NaN
  if (!Number.isSafeInteger(n) || n < 1) return { ok: false, errors: { version: 'Send the version you read (a whole number), as "version" or If-Match.' } }
  return { ok: true, value: n }
}

/** The version a page form carried (its hidden `version` field), if any. */
export function formVersion(c: C): number | undefined {
  const raw = field(c.get('form'), 'version')
  return /^\d{1,15}$/.test(raw) ? Number(raw) : undefined
}

export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; errors: FieldErrors } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (error) {
    return { ok: false, errors: { json: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` } }
  }
}

/** An edit result as a JSON answer: `{ <key>: value }` or `{ errors }` with the result's status. */
export function answer<T>(c: C, key: 'source' | 'subject', result: EditResult<T>, okStatus: 200 | 201 = 200) {
  if (!result.ok) return c.json({ errors: result.errors }, result.status)
  return c.json({ [key]: result.value }, okStatus)
}
