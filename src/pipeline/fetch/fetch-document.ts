/**
 * Polite, bounded HTTP GET for one source document. `fetch` and `now` are passed in so the cron,
 * the replay harness and tests drive the same code.
 *
 * Every failure is returned as a value (`kind: 'failed'`), never thrown: one bad source must not
 * fail the run for the others, and the caller records the error and retries next run.
 */
import { clampSeconds, readRetryAfter } from '../../core/retry-after'
import { decodeBody } from './decode'
import { UnsafeUrlError } from './guarded-fetch'
import { hashText } from './hash'

/** Default time budget for one document, redirects and body read included. */
export const DEFAULT_TIMEOUT_MS = 15_000
/** Default body size cap: news pages are well under this; anything bigger is not an article. */
export const DEFAULT_MAX_BYTES = 2 * 1024 * 1024
/** Default number of redirects followed before giving up. */
export const DEFAULT_MAX_REDIRECTS = 5
/** Default User-Agent: says who we are, as polite crawlers do. */
export const DEFAULT_USER_AGENT = 'SeasonWatch/0.1 (TV news monitor; a few requests per week)'

/** Media types we parse; anything else (images, PDFs, JSON) is a failure, not a document. */
export const ACCEPTED_MEDIA_TYPES: ReadonlySet<string> = new Set([
  'text/html',
  'application/xhtml+xml',
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/xml',
  'text/xml',
])

const ACCEPT_HEADERS = {
  html: 'text/html,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.1',
  feed: 'application/rss+xml,application/atom+xml,application/rdf+xml;q=0.9,application/xml;q=0.8,text/xml;q=0.8,*/*;q=0.1',
} as const

/** What we remember about a document from its last successful fetch. */
export interface PreviousFetch {
  etag?: string
  lastModified?: string
  /** {@link hashText} of the last decoded text. */
  hash?: string
}

/** Knobs and injected I/O for {@link fetchDocument}. */
export interface FetchDocumentOptions {
  fetch: typeof fetch
  now: () => Date
  previous?: PreviousFetch
  /** Whole-document budget in ms, covering every redirect hop and the body read. */
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
  userAgent?: string
  /** Which Accept header to send; `html` by default. */
  accept?: 'html' | 'feed'
}

/** A fresh document, decoded and hashed. */
export interface FetchedDocument {
  kind: 'fetched'
  /** Final URL after redirects: resolve relative links against this. */
  url: string
  status: number
  /** Media type without parameters, lowercased (sniffed when the header was missing). */
  contentType: string
  /** Canonical encoding used to decode (`utf-8`, `euc-kr`, ...). */
  charset: string
  text: string
  hash: string
  etag?: string
  lastModified?: string
  bytes: number
}

/** The server answered 304 to our conditional GET: nothing to do. */
export interface NotModified {
  kind: 'not-modified'
  url: string
  status: 304
  /** Validators to keep (a 304 may refresh them). */
  etag?: string
  lastModified?: string
}

/** The body came back but hashes the same as last time, so the caller skips parsing. */
export interface UnchangedDocument {
  kind: 'unchanged'
  url: string
  status: number
  hash: string
  etag?: string
  lastModified?: string
  bytes: number
}

/** Why a fetch did not produce a document. */
export interface FetchFailure {
  kind: 'failed'
  /** The URL being fetched when it failed (after any redirects followed so far). */
  url: string
  /** Human-readable, e.g. "HTTP 404 Not Found", "timed out after 15000 ms". */
  error: string
  status?: number
  retryAfterSeconds?: number
  /** True when trying again later may well succeed (timeouts, 5xx, 429, cut connections). */
  transient: boolean
}

/** Every way {@link fetchDocument} can end. */
export type FetchOutcome = FetchedDocument | NotModified | UnchangedDocument | FetchFailure

/** Rejection reason used when our own deadline fires; compared by identity. */
const TIMED_OUT = Symbol('timed out')

/**
 * GETs one document: conditional on `previous`, following up to `maxRedirects` http(s) redirects
 * itself, within `timeoutMs`, reading at most `maxBytes`, accepting only HTML/XML, decoding its
 * charset and hashing the text. Resolves with a {@link FetchOutcome}; never rejects.
 */
export async function fetchDocument(url: string, options: FetchDocumentOptions): Promise<FetchOutcome> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const start = parseHttpUrl(url)
  if (typeof start === 'string') return failed(url, start, { transient: false })

  const controller = new AbortController()
  // Races every await against the deadline: an injected fetch or body stream may ignore the signal.
  const deadline = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(TIMED_OUT), { once: true })
  })
  deadline.catch(() => {}) // only observed while racing; never an unhandled rejection
  const timer = setTimeout(() => controller.abort(), timeoutMs)

  const state = { url: start.href }
  try {
    return await followAndRead(start, options, controller.signal, deadline, state)
  } catch (error) {
    if (error instanceof UnsafeUrlError) return failed(state.url, error.message, { transient: false })
    if (error === TIMED_OUT || controller.signal.aborted) {
      return failed(state.url, `timed out after ${timeoutMs} ms`, { transient: true })
    }
    return failed(state.url, `network error: ${describeError(error)}`, { transient: true })
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The longest a source's Retry-After may hold it off: a week, two cron runs. A site asking for
 * longer (or sending `99999999999999999`) is tried again after that.
 */
export const MAX_RETRY_AFTER_SECONDS = 7 * 24 * 60 * 60

/**
 * Parses a Retry-After value (delay in seconds, or an HTTP date) into whole seconds from `now`,
 * at most {@link MAX_RETRY_AFTER_SECONDS}. Undefined when absent, malformed or not finite; a
 * date in the past gives 0.
 */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  const seconds = readRetryAfter(value, now)
  return seconds === null ? undefined : clampSeconds(seconds, 0, MAX_RETRY_AFTER_SECONDS)
}

/**
 * Guesses HTML or XML from a body's first bytes, for responses without a Content-Type.
 * Returns a media type, or null when the bytes do not look like markup.
 */
export function sniffMarkupType(bytes: Uint8Array): string | null {
  let head = ''
  for (const byte of bytes.subarray(0, 512)) head += String.fromCharCode(byte)
  head = head.replace(/^\xef\xbb\xbf/, '').trimStart().toLowerCase()
  if (head.startsWith('<?xml')) {
    if (/<rss[\s>]/.test(head)) return 'application/rss+xml'
    if (/<feed[\s>]/.test(head)) return 'application/atom+xml'
    if (/<html[\s>]/.test(head)) return 'application/xhtml+xml'
    return 'application/xml'
  }
  if (/^<rss[\s>]/.test(head)) return 'application/rss+xml'
  if (/^<feed[\s>]/.test(head)) return 'application/atom+xml'
  // The tag list of the WHATWG MIME sniffing "HTML" pattern.
  if (/^<(!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)[\s>]/.test(head)) {
    return 'text/html'
  }
  if (head.startsWith('<!--')) return 'text/html'
  return null
}

async function followAndRead(
  start: URL,
  options: FetchDocumentOptions,
  signal: AbortSignal,
  deadline: Promise<never>,
  state: { url: string },
): Promise<FetchOutcome> {
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS
  const headers = buildRequestHeaders(options)
  let current = start

  for (let redirects = 0; ; redirects++) {
    state.url = current.href
    const response = await Promise.race([
      options.fetch(current.href, { method: 'GET', headers, redirect: 'manual', signal }),
      deadline,
    ])
    if (!isRedirect(response.status)) return readFinal(response, current.href, options, deadline)

    discardBody(response)
    const status = response.status
    if (redirects >= maxRedirects) {
      return failed(current.href, `too many redirects (more than ${maxRedirects})`, { status, transient: false })
    }
    const location = response.headers.get('location')
    if (!location) {
      return failed(current.href, `HTTP ${status} redirect without a Location header`, { status, transient: false })
    }
    let next: URL
    try {
      next = new URL(location, current)
    } catch {
      return failed(current.href, `HTTP ${status} redirect to an invalid URL "${clip(location)}"`, { status, transient: false })
    }
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      return failed(current.href, `redirect to unsupported scheme "${next.protocol}" (${clip(next.href)})`, {
        status,
        transient: false,
      })
    }
    current = next
  }
}

async function readFinal(
  response: Response,
  url: string,
  options: FetchDocumentOptions,
  deadline: Promise<never>,
): Promise<FetchOutcome> {
  const { status } = response
  const etag = response.headers.get('etag') ?? undefined
  const lastModified = response.headers.get('last-modified') ?? undefined

  if (status === 304) {
    discardBody(response)
    const previous = options.previous
    if (!previous?.etag && !previous?.lastModified) {
      // We sent no validators, so there is nothing to reuse: treat it as a broken answer.
      return failed(url, 'HTTP 304 Not Modified to a request that was not conditional', { status, transient: false })
    }
    return {
      kind: 'not-modified',
      url,
      status: 304,
      etag: etag ?? previous.etag,
      lastModified: lastModified ?? previous.lastModified,
    }
  }

  if (status < 200 || status > 299) {
    discardBody(response)
    const retryAfterSeconds =
      status === 429 || status === 503 ? parseRetryAfter(response.headers.get('retry-after'), options.now()) : undefined
    const suffix = retryAfterSeconds === undefined ? '' : ` (retry after ${retryAfterSeconds} s)`
    return failed(url, `HTTP ${status} ${reasonPhrase(response)}`.trimEnd() + suffix, {
      status,
      retryAfterSeconds,
      transient: status >= 500 || status === 408 || status === 425 || status === 429,
    })
  }

  const rawType = response.headers.get('content-type')
  const declaredType = rawType ? mediaTypeOf(rawType) : null
  if (declaredType && !ACCEPTED_MEDIA_TYPES.has(declaredType)) {
    discardBody(response)
    return failed(url, `unsupported content type "${declaredType}" (expected HTML or XML)`, { status, transient: false })
  }

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const declaredLength = readContentLength(response)
  if (declaredLength !== null && declaredLength > maxBytes) {
    discardBody(response)
    return failed(url, `body larger than ${maxBytes} bytes (Content-Length ${declaredLength})`, { status, transient: false })
  }

  const body = await readBody(response.body, maxBytes, deadline)
  if (body.kind === 'too-large') {
    return failed(url, `body larger than ${maxBytes} bytes`, { status, transient: false })
  }
  const got = body.bytes.byteLength
  if (declaredLength !== null && got < declaredLength) {
    return failed(url, `truncated body: got ${got} of ${declaredLength} bytes`, { status, transient: true })
  }
  if (body.kind === 'broken') {
    return failed(url, `connection lost while reading the body: ${body.error}`, { status, transient: true })
  }

  const contentType = declaredType ?? sniffMarkupType(body.bytes)
  if (!contentType) {
    return failed(url, 'no Content-Type and the body does not look like HTML or XML', { status, transient: false })
  }

  const decoded = decodeBody(body.bytes, rawType)
  const hash = await hashText(decoded.text)
  if (options.previous?.hash === hash) {
    return { kind: 'unchanged', url, status, hash, etag, lastModified, bytes: got }
  }
  return {
    kind: 'fetched',
    url,
    status,
    contentType,
    charset: decoded.charset,
    text: decoded.text,
    hash,
    etag,
    lastModified,
    bytes: got,
  }
}

type BodyRead =
  | { kind: 'complete'; bytes: Uint8Array }
  | { kind: 'too-large' }
  | { kind: 'broken'; bytes: Uint8Array; error: string }

/** Reads a body stream chunk by chunk, cancelling it as soon as it passes `maxBytes`. */
async function readBody(
  body: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  deadline: Promise<never>,
): Promise<BodyRead> {
  if (!body) return { kind: 'complete', bytes: new Uint8Array(0) }
  const reader = body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), deadline])
      if (done) break
      total += value.byteLength
      if (total > maxBytes) {
        reader.cancel().catch(() => {})
        return { kind: 'too-large' }
      }
      chunks.push(value)
    }
  } catch (error) {
    reader.cancel().catch(() => {})
    if (error === TIMED_OUT) throw error
    return { kind: 'broken', bytes: concatChunks(chunks, total), error: describeError(error) }
  }
  return { kind: 'complete', bytes: concatChunks(chunks, total) }
}

function buildRequestHeaders(options: FetchDocumentOptions): Headers {
  const headers = new Headers({
    'User-Agent': options.userAgent ?? DEFAULT_USER_AGENT,
    Accept: ACCEPT_HEADERS[options.accept ?? 'html'],
  })
  if (options.previous?.etag) headers.set('If-None-Match', options.previous.etag)
  if (options.previous?.lastModified) headers.set('If-Modified-Since', options.previous.lastModified)
  return headers
}

/** The URL if it is absolute http(s), else a human-readable reason. */
function parseHttpUrl(raw: string): URL | string {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return `invalid URL "${clip(raw)}"`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `unsupported scheme "${url.protocol}"`
  return url
}

function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308
}

/**
 * Content-Length, but only when it counts the bytes we read: with a Content-Encoding the header
 * counts compressed bytes while the runtime hands us decompressed ones.
 */
function readContentLength(response: Response): number | null {
  const encoding = response.headers.get('content-encoding')?.trim().toLowerCase()
  if (encoding && encoding !== 'identity') return null
  const raw = response.headers.get('content-length')?.trim()
  return raw && /^\d+$/.test(raw) ? Number(raw) : null
}

function mediaTypeOf(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase()
}

const REASON_PHRASES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

function reasonPhrase(response: Response): string {
  return response.statusText || REASON_PHRASES[response.status] || ''
}

function discardBody(response: Response): void {
  // Free the connection; a body we will not read must not hold it open.
  response.body?.cancel().catch(() => {})
}

function concatChunks(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name
  return String(error)
}

function clip(text: string): string {
  return text.length > 120 ? `${text.slice(0, 117)}...` : text
}

function failed(
  url: string,
  error: string,
  extra: { status?: number; retryAfterSeconds?: number; transient: boolean },
): FetchFailure {
  const failure: FetchFailure = { kind: 'failed', url, error, transient: extra.transient }
  if (extra.status !== undefined) failure.status = extra.status
  if (extra.retryAfterSeconds !== undefined) failure.retryAfterSeconds = extra.retryAfterSeconds
  return failure
}
