import { describe, expect, it } from 'vitest'
import { fetchDocument, parseRetryAfter, sniffMarkupType, type FetchDocumentOptions } from '../../../src/pipeline/fetch/fetch-document'
import { hashText } from '../../../src/pipeline/fetch/hash'
import {
  KOREAN_SENTENCE,
  KOREAN_SENTENCE_EUC_KR,
  UTF8_PAGE,
  WINDOWS_1252_QUOTE,
  WINDOWS_1252_TEXT,
  hexBytes,
  legacyPage,
  textBytes,
} from '../../fixtures/fetch/pages'

const NOW = new Date('2026-01-01T00:00:00Z')
const URL_A = 'https://news.example/a'

interface Call {
  url: string
  init: RequestInit
}

/** A fake `fetch` answering from `respond`, recording every request it gets. */
function fakeFetch(respond: (url: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: Call[] = []
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input)
    calls.push({ url, init: init ?? {} })
    return respond(url, init ?? {})
  }) as typeof globalThis.fetch
  return { fetch, calls }
}

function options(fetch: typeof globalThis.fetch, extra: Partial<FetchDocumentOptions> = {}): FetchDocumentOptions {
  return { fetch, now: () => NOW, ...extra }
}

function html(body: BodyInit | null, headers: Record<string, string> = {}, status = 200): Response {
  return new Response(body, { status, headers: { 'content-type': 'text/html; charset=utf-8', ...headers } })
}

/** A body stream built from chunks, that records whether it was cancelled and how often it was pulled. */
function trackedStream(
  pull: (controller: ReadableStreamDefaultController<Uint8Array>, pulls: number) => void | Promise<void>,
) {
  const state = { pulls: 0, cancelled: false }
  const stream = new ReadableStream<Uint8Array>({
    pull: (controller) => pull(controller, ++state.pulls),
    cancel: () => {
      state.cancelled = true
    },
  })
  return { stream, state }
}

describe('fetchDocument: success', () => {
  it('fetches, decodes and hashes a page, sending a polite manual-redirect GET', async () => {
    const { fetch, calls } = fakeFetch(() => html(UTF8_PAGE, { etag: '"v1"', 'last-modified': 'Wed, 31 Dec 2025 10:00:00 GMT' }))
    const outcome = await fetchDocument(URL_A, options(fetch, { userAgent: 'TestBot/1' }))

    expect(outcome).toMatchObject({
      kind: 'fetched',
      url: URL_A,
      status: 200,
      contentType: 'text/html',
      charset: 'utf-8',
      text: UTF8_PAGE,
      hash: await hashText(UTF8_PAGE),
      etag: '"v1"',
      lastModified: 'Wed, 31 Dec 2025 10:00:00 GMT',
      bytes: textBytes(UTF8_PAGE).byteLength,
    })
    expect(calls).toHaveLength(1)
    const init = calls[0]!.init
    expect(init.redirect).toBe('manual')
    expect(init.signal).toBeInstanceOf(AbortSignal)
    const headers = new Headers(init.headers)
    expect(headers.get('user-agent')).toBe('TestBot/1')
    expect(headers.get('accept')).toMatch(/^text\/html/)
    expect(headers.has('if-none-match')).toBe(false)
    expect(headers.has('if-modified-since')).toBe(false)
  })

  it('asks for feeds with a feed Accept header', async () => {
    const { fetch, calls } = fakeFetch(() => new Response('<rss></rss>', { headers: { 'content-type': 'application/rss+xml' } }))
    const outcome = await fetchDocument(URL_A, options(fetch, { accept: 'feed' }))
    expect(outcome).toMatchObject({ kind: 'fetched', contentType: 'application/rss+xml' })
    expect(new Headers(calls[0]!.init.headers).get('accept')).toMatch(/^application\/rss\+xml/)
  })

  const charsetCases = [
    {
      name: 'EUC-KR from the header',
      body: legacyPage('', KOREAN_SENTENCE_EUC_KR),
      contentType: 'text/html; charset=euc-kr',
      charset: 'euc-kr',
      text: KOREAN_SENTENCE,
    },
    {
      name: 'EUC-KR from <meta charset> when the header has none',
      body: legacyPage('<meta charset="EUC-KR">', KOREAN_SENTENCE_EUC_KR),
      contentType: 'text/html',
      charset: 'euc-kr',
      text: KOREAN_SENTENCE,
    },
    {
      name: 'windows-1252 from the header',
      body: legacyPage('', WINDOWS_1252_QUOTE),
      contentType: 'text/html; charset=windows-1252',
      charset: 'windows-1252',
      text: WINDOWS_1252_TEXT,
    },
  ]
  it.each(charsetCases)('decodes $name', async ({ body, contentType, charset, text }) => {
    const { fetch } = fakeFetch(() => new Response(body, { headers: { 'content-type': contentType } }))
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome.kind).toBe('fetched')
    if (outcome.kind !== 'fetched') return
    expect(outcome.charset).toBe(charset)
    expect(outcome.text).toContain(`<p>${text}</p>`)
    expect(outcome.bytes).toBe(body.byteLength)
  })

  it.each([
    ['an HTML doctype', '\n  <!DOCTYPE html><html><body>x</body></html>', 'text/html'],
    ['an RSS document', '<?xml version="1.0"?>\n<rss version="2.0"><channel/></rss>', 'application/rss+xml'],
    ['an Atom document', '<feed xmlns="http://www.w3.org/2005/Atom"></feed>', 'application/atom+xml'],
  ])('sniffs %s when Content-Type is missing', async (_name, body, type) => {
    const { fetch } = fakeFetch(() => new Response(textBytes(body)))
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({ kind: 'fetched', contentType: type, text: body })
  })

  it('accepts a body smaller than Content-Length when the runtime decompressed it', async () => {
    // Content-Length counts gzip bytes; the runtime hands us the inflated (here: shorter) body.
    const { fetch } = fakeFetch(() => html(textBytes('<p>ok</p>'), { 'content-length': '40', 'content-encoding': 'gzip' }))
    expect((await fetchDocument(URL_A, options(fetch))).kind).toBe('fetched')
  })
})

describe('fetchDocument: conditional GET and unchanged content', () => {
  const previous = { etag: '"v1"', lastModified: 'Wed, 31 Dec 2025 10:00:00 GMT' }

  it('sends validators and reports 304 as not-modified, keeping refreshed validators', async () => {
    const { fetch, calls } = fakeFetch(() => new Response(null, { status: 304, headers: { etag: '"v2"' } }))
    const outcome = await fetchDocument(URL_A, options(fetch, { previous }))
    expect(outcome).toEqual({
      kind: 'not-modified',
      url: URL_A,
      status: 304,
      etag: '"v2"',
      lastModified: previous.lastModified,
    })
    const headers = new Headers(calls[0]!.init.headers)
    expect(headers.get('if-none-match')).toBe('"v1"')
    expect(headers.get('if-modified-since')).toBe(previous.lastModified)
  })

  it('treats a 304 to an unconditional request as a failure', async () => {
    const { fetch } = fakeFetch(() => new Response(null, { status: 304 }))
    expect(await fetchDocument(URL_A, options(fetch))).toMatchObject({ kind: 'failed', status: 304, transient: false })
  })

  it('reports unchanged when the text hashes the same as last time', async () => {
    const hash = await hashText(UTF8_PAGE)
    const { fetch } = fakeFetch(() => html(UTF8_PAGE, { etag: '"v3"' }))
    const outcome = await fetchDocument(URL_A, options(fetch, { previous: { ...previous, hash } }))
    expect(outcome).toMatchObject({ kind: 'unchanged', url: URL_A, status: 200, hash, etag: '"v3"' })
    expect(outcome).not.toHaveProperty('text')
  })

  it('reports fetched when the hash differs', async () => {
    const { fetch } = fakeFetch(() => html(UTF8_PAGE))
    const outcome = await fetchDocument(URL_A, options(fetch, { previous: { hash: await hashText('older text') } }))
    expect(outcome.kind).toBe('fetched')
  })
})

describe('fetchDocument: redirects', () => {
  it('follows a relative Location and reports the final URL', async () => {
    const { fetch, calls } = fakeFetch((url) =>
      url === URL_A ? new Response(null, { status: 301, headers: { location: '../moved/b?x=1' } }) : html(UTF8_PAGE),
    )
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({ kind: 'fetched', url: 'https://news.example/moved/b?x=1' })
    expect(calls.map((c) => c.url)).toEqual([URL_A, 'https://news.example/moved/b?x=1'])
  })

  /** Redirects /0 → /1 → ... → /n, which is a page. */
  function chain(n: number) {
    return fakeFetch((url) => {
      const step = Number(new URL(url).pathname.slice(1))
      return step < n ? new Response(null, { status: 302, headers: { location: `/${step + 1}` } }) : html(UTF8_PAGE)
    })
  }

  it.each([
    { name: 'exactly maxRedirects hops', hops: 3, max: 3, kind: 'fetched', error: undefined },
    { name: 'one hop over maxRedirects', hops: 4, max: 3, kind: 'failed', error: 'too many redirects (more than 3)' },
    { name: 'the default cap of 5', hops: 6, max: undefined, kind: 'failed', error: 'too many redirects (more than 5)' },
  ])('$name', async ({ hops, max, kind, error }) => {
    const { fetch, calls } = chain(hops)
    const outcome = await fetchDocument('https://news.example/0', options(fetch, { maxRedirects: max }))
    expect(outcome.kind).toBe(kind)
    if (error) expect(outcome).toMatchObject({ error, transient: false })
    expect(calls.length).toBeLessThanOrEqual((max ?? 5) + 1)
  })

  it.each([
    ['ftp://files.example/a.html', /unsupported scheme "ftp:"/],
    ['javascript:alert(1)', /unsupported scheme "javascript:"/],
    ['http://[bad', /invalid URL/],
    [null, /without a Location header/],
  ])('refuses to follow Location %s', async (location, error) => {
    const { fetch, calls } = fakeFetch(() =>
      new Response(null, { status: 307, headers: location === null ? {} : { location } }),
    )
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({ kind: 'failed', status: 307, transient: false })
    if (outcome.kind === 'failed') expect(outcome.error).toMatch(error)
    expect(calls).toHaveLength(1)
  })

  it.each(['file:///etc/passwd', 'not a url'])('refuses the start URL %s without fetching', async (url) => {
    const { fetch, calls } = fakeFetch(() => html(UTF8_PAGE))
    expect(await fetchDocument(url, options(fetch))).toMatchObject({ kind: 'failed', transient: false })
    expect(calls).toHaveLength(0)
  })
})

describe('fetchDocument: limits', () => {
  it('times out a body that never ends, and cancels it', async () => {
    const { stream, state } = trackedStream((controller, pulls) => {
      if (pulls === 1) controller.enqueue(textBytes('<html><body>'))
      else return new Promise(() => {}) // the server stalls forever
    })
    const { fetch } = fakeFetch(() => html(stream))
    const started = Date.now()
    const outcome = await fetchDocument(URL_A, options(fetch, { timeoutMs: 50 }))
    expect(outcome).toEqual({ kind: 'failed', url: URL_A, error: 'timed out after 50 ms', transient: true })
    expect(Date.now() - started).toBeLessThan(1000)
    expect(state.cancelled).toBe(true)
  })

  it('times out a server that never answers, and aborts the request signal', async () => {
    const { fetch, calls } = fakeFetch(() => new Promise<Response>(() => {}))
    const outcome = await fetchDocument(URL_A, options(fetch, { timeoutMs: 50 }))
    expect(outcome).toMatchObject({ kind: 'failed', error: 'timed out after 50 ms', transient: true })
    expect(calls[0]!.init.signal?.aborted).toBe(true)
  })

  it('cuts an endless body at maxBytes and cancels the stream', async () => {
    const { stream, state } = trackedStream((controller) => controller.enqueue(new Uint8Array(300).fill(0x61)))
    const { fetch } = fakeFetch(() => html(stream))
    const outcome = await fetchDocument(URL_A, options(fetch, { maxBytes: 1000 }))
    expect(outcome).toMatchObject({ kind: 'failed', error: 'body larger than 1000 bytes', status: 200, transient: false })
    expect(state.cancelled).toBe(true)
    expect(state.pulls).toBeLessThan(10)
  })

  it('accepts a body of exactly maxBytes', async () => {
    const { fetch } = fakeFetch(() => html(new Uint8Array(1000).fill(0x61)))
    expect(await fetchDocument(URL_A, options(fetch, { maxBytes: 1000 }))).toMatchObject({ kind: 'fetched', bytes: 1000 })
  })

  it('refuses a declared Content-Length over maxBytes without reading the body', async () => {
    const { stream, state } = trackedStream((controller) => controller.enqueue(new Uint8Array(10)))
    const { fetch } = fakeFetch(() => html(stream, { 'content-length': '5000' }))
    const outcome = await fetchDocument(URL_A, options(fetch, { maxBytes: 1000 }))
    expect(outcome).toMatchObject({ kind: 'failed', error: 'body larger than 1000 bytes (Content-Length 5000)' })
    expect(state.pulls).toBeLessThanOrEqual(1) // a stream may pre-pull once on creation; we read nothing
  })

  it('reports a body cut off before its Content-Length as truncated', async () => {
    const { stream } = trackedStream((controller) => {
      controller.enqueue(textBytes('<html><body><p>Film'))
      controller.close()
    })
    const { fetch } = fakeFetch(() => html(stream, { 'content-length': '400' }))
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({ kind: 'failed', error: 'truncated body: got 19 of 400 bytes', status: 200, transient: true })
  })

  it('reports a connection lost mid-body', async () => {
    const { stream } = trackedStream((controller, pulls) => {
      if (pulls === 1) controller.enqueue(textBytes('<html>'))
      else controller.error(new Error('connection reset'))
    })
    const { fetch } = fakeFetch(() => html(stream))
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: 'connection lost while reading the body: connection reset',
      transient: true,
    })
  })
})

describe('fetchDocument: content types', () => {
  it.each([
    ['image/jpeg', hexBytes('ffd8ffe000104a464946')],
    ['application/json', textBytes('{"a":1}')],
    ['text/plain; charset=utf-8', textBytes('<p>not declared as html</p>')],
  ])('refuses %s', async (type, body) => {
    // Endless, so only a cancel (not reaching the end) can free it.
    const { stream, state } = trackedStream((controller) => controller.enqueue(body))
    const { fetch } = fakeFetch(() => new Response(stream, { headers: { 'content-type': type } }))
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({
      kind: 'failed',
      error: `unsupported content type "${type.split(';')[0]}" (expected HTML or XML)`,
      status: 200,
      transient: false,
    })
    await new Promise((resolve) => setTimeout(resolve, 0)) // cancellation propagates asynchronously
    expect(state.cancelled).toBe(true)
    expect(state.pulls).toBeLessThan(5)
  })

  it.each([
    'application/xhtml+xml',
    'application/atom+xml; charset=utf-8',
    'application/xml',
    'TEXT/XML',
  ])('accepts %s', async (type) => {
    const { fetch } = fakeFetch(() => new Response('<?xml version="1.0"?><x/>', { headers: { 'content-type': type } }))
    expect((await fetchDocument(URL_A, options(fetch))).kind).toBe('fetched')
  })

  it('refuses a body without Content-Type that does not look like markup', async () => {
    const { fetch } = fakeFetch(() => new Response(hexBytes('89504e470d0a1a0a0000')))
    expect(await fetchDocument(URL_A, options(fetch))).toMatchObject({
      kind: 'failed',
      error: 'no Content-Type and the body does not look like HTML or XML',
      transient: false,
    })
  })
})

describe('fetchDocument: HTTP errors and network errors', () => {
  const cases: {
    name: string
    status: number
    headers: Record<string, string>
    expected: { error?: string; retryAfterSeconds?: number; transient: boolean }
  }[] = [
    {
      name: '429 with Retry-After in seconds',
      status: 429,
      headers: { 'retry-after': '120' },
      expected: { error: 'HTTP 429 Too Many Requests (retry after 120 s)', retryAfterSeconds: 120, transient: true },
    },
    {
      name: '429 with Retry-After as an HTTP date',
      status: 429,
      headers: { 'retry-after': 'Thu, 01 Jan 2026 00:05:00 GMT' },
      expected: { retryAfterSeconds: 300, transient: true },
    },
    {
      name: '503 with Retry-After',
      status: 503,
      headers: { 'retry-after': '30' },
      expected: { error: 'HTTP 503 Service Unavailable (retry after 30 s)', retryAfterSeconds: 30, transient: true },
    },
    {
      name: '503 without Retry-After',
      status: 503,
      headers: {},
      expected: { error: 'HTTP 503 Service Unavailable', transient: true },
    },
    { name: '404', status: 404, headers: {}, expected: { error: 'HTTP 404 Not Found', transient: false } },
    { name: '410', status: 410, headers: {}, expected: { error: 'HTTP 410 Gone', transient: false } },
    { name: '500', status: 500, headers: {}, expected: { error: 'HTTP 500 Internal Server Error', transient: true } },
  ]

  it.each(cases)('$name', async ({ status, headers, expected }) => {
    const { fetch } = fakeFetch(() => html('<p>error page</p>', headers, status))
    const outcome = await fetchDocument(URL_A, options(fetch))
    expect(outcome).toMatchObject({ kind: 'failed', url: URL_A, status, ...expected })
    if (!('retryAfterSeconds' in expected)) expect(outcome).not.toHaveProperty('retryAfterSeconds')
  })

  it('returns a network error thrown by fetch as a transient failure', async () => {
    const { fetch } = fakeFetch(() => Promise.reject(new TypeError('Network connection lost.')))
    expect(await fetchDocument(URL_A, options(fetch))).toEqual({
      kind: 'failed',
      url: URL_A,
      error: 'network error: Network connection lost.',
      transient: true,
    })
  })

  it('returns a synchronous throw from fetch as a failure', async () => {
    const fetch = (() => {
      throw new Error('boom')
    }) as unknown as typeof globalThis.fetch
    expect(await fetchDocument(URL_A, options(fetch))).toMatchObject({ kind: 'failed', error: 'network error: boom' })
  })

  it('names the redirect target that failed', async () => {
    const { fetch } = fakeFetch((url) =>
      url === URL_A ? new Response(null, { status: 302, headers: { location: '/gone' } }) : html('x', {}, 404),
    )
    expect(await fetchDocument(URL_A, options(fetch))).toMatchObject({ url: 'https://news.example/gone', status: 404 })
  })
})

describe('pure helpers', () => {
  it.each([
    ['120', 120],
    [' 0 ', 0],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
    [null, undefined],
    // The obsolete HTTP-date forms are still HTTP-dates.
    ['Thursday, 01-Jan-26 00:01:00 GMT', 60],
    ['Thu Jan  1 00:01:00 2026', 60],
    // Hostile values: no RangeError, no source parked for millennia.
    ['99999999999999999', 7 * 24 * 3600],
    ['8000000000000', 7 * 24 * 3600],
    ['8e12', undefined],
    ['1'.repeat(400), undefined], // not finite
    ['Infinity', undefined],
    ['-60', undefined],
    ['+60', undefined],
    ['0x10', undefined],
    ['2026', 2026], // seconds, not the year Date.parse would read
    ['8', 8],
    ['Fri, 31 Dec 9999 23:59:59 GMT', 7 * 24 * 3600],
    ['Sat, 13 Sep 275760 00:00:00 GMT', undefined],
    ['Thu, 01 Jan 2026 00:01:00 PST', undefined],
  ])('parseRetryAfter(%s) = %s', (value, seconds) => {
    expect(parseRetryAfter(value, NOW)).toBe(seconds)
  })

  it.each([
    ['<html lang="ko">', 'text/html'],
    ['\ufeff<!-- hi --><p>', 'text/html'],
    ['<?xml version="1.0"?><rdf:RDF>', 'application/xml'],
    ['{"json": true}', null],
    ['hello <html>', null],
  ])('sniffMarkupType(%s) = %s', (text, type) => {
    expect(sniffMarkupType(textBytes(text))).toBe(type)
  })

  it('hashText is SHA-256 hex of the UTF-8 text', async () => {
    expect(await hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(await hashText('한국')).toMatch(/^[0-9a-f]{64}$/)
    expect(await hashText('a')).not.toBe(await hashText('a '))
  })
})
