/**
 * Hostile inputs for every HTTP route: forms, links, the admin API and page, webhooks, the
 * public pages. Each must get a clear 4xx (a status from 400 to 499 with a message a person can
 * act on) and leave every table, every KV key and the email Queue exactly as they were.
 *
 * Adding a route or an input: push a `HostileInput` in `hostileInputs()`; it runs against the
 * real app (`createApp`) over the world's bindings.
 */
import { createApp } from '../../src/app'
import { signLinkToken } from '../../src/mail/subscribers/link-token'
import { signWebhook } from '../../src/mail/subscribers/webhook-signature'
import subjectJson from '../../data/subject.json' with { type: 'json' }
import { ADMIN_TOKEN, listTables, PUBLIC_URL, recordingQueue, SIGNING_KEY, WEBHOOK_SECRET, type World } from './world'

/** One hostile request and the route it attacks. */
export interface HostileInput {
  route: string
  name: string
  request: (ctx: InputContext) => Request | Promise<Request>
}

/** What inputs may need: a fresh client IP each (so rate limits do not answer for them) and an admin session. */
export interface InputContext {
  ip: string
  session: { cookie: string; csrf: string }
}

/** A route's line in the table. */
export interface RouteCounts {
  route: string
  tried: number
  clear4xx: number
  failures: string[]
}

const url = (path: string) => `${PUBLIC_URL}${path}`
const FORM = 'application/x-www-form-urlencoded'
const XSS = '<script>alert(1)</script>'
/** The first subject's slug (data/subject.json), created by the first admin request. */
const FIRST_SUBJECT = (subjectJson as { slug: string }).slug
const nowSeconds = () => Math.floor(Date.now() / 1000)

function post(path: string, ip: string, body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request(url(path), { method: 'POST', headers: { 'cf-connecting-ip': ip, ...headers }, body })
}
const form = (path: string, ip: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  post(path, ip, new URLSearchParams(fields).toString(), { 'content-type': FORM, ...headers })
const json = (path: string, ip: string, body: string, headers: Record<string, string> = {}) =>
  post(path, ip, body, { 'content-type': 'application/json', accept: 'application/json', ...headers })
const get = (path: string, ip: string, headers: Record<string, string> = {}) => new Request(url(path), { headers: { 'cf-connecting-ip': ip, ...headers } })

/**
 * Link tokens that are wrong in every way. (A correctly signed token is not hostile: only the
 * signing key makes one. Unsubscribing an erased subscriber again answers 200 on purpose.)
 */
async function badTokens(purpose: 'confirm' | 'unsubscribe' | 'manage'): Promise<[string, string][]> {
  const other = purpose === 'confirm' ? 'unsubscribe' : 'confirm'
  const good = await signLinkToken(SIGNING_KEY, purpose, 424242, purpose === 'unsubscribe' ? null : nowSeconds() + 3600)
  const forged = await signLinkToken('not-the-signing-key-0123456789abcdef', purpose, 1, null)
  return [
    ['empty token', ''],
    ['forged (other key)', forged],
    ['wrong purpose', await signLinkToken(SIGNING_KEY, other, 1, null)],
    ['expired', await signLinkToken(SIGNING_KEY, purpose, 1, nowSeconds() - 60)],
    ['truncated', good.slice(0, -5)],
    ['one character changed', good.slice(0, -1) + (good.endsWith('A') ? 'B' : 'A')],
    ['SQL in the token', "1' OR '1'='1"],
    [XSS, XSS],
    ['4 KB of garbage', 'x'.repeat(4000)],
  ]
}

async function signedWebhook(ip: string, body: string, opts: { id?: string; ts?: number; secret?: string } = {}): Promise<Request> {
  const id = opts.id ?? `msg_${crypto.randomUUID()}`
  const ts = opts.ts ?? nowSeconds()
  const signature = await signWebhook(opts.secret ?? WEBHOOK_SECRET, id, ts, body)
  return post('/webhooks/resend', ip, body, { 'content-type': 'application/json', 'svix-id': id, 'svix-timestamp': String(ts), 'svix-signature': signature })
}

/** Every hostile input, grouped by route. */
export async function hostileInputs(): Promise<HostileInput[]> {
  const inputs: HostileInput[] = []
  const add = (route: string, name: string, request: HostileInput['request']) => inputs.push({ route, name, request })

  // --- The subscribe form (and its JSON twin).
  const subscribe = 'POST /subscribe'
  for (const [name, email] of [
    ['missing address', null],
    ['empty address', ''],
    ['not an address', 'not-an-address'],
    ['header injection', 'fan@example.com\r\nBcc: everyone@example.com'],
    ['two addresses', 'a@example.com, b@example.com'],
    ['320 characters', `${'a'.repeat(310)}@example.com`],
    ['script tag', `${XSS}@example.com`],
    ['NUL byte', 'fan\u0000@example.com'],
    ['only a domain', '@example.com'],
    ['spaces inside', 'fan @example.com'],
  ] as const) {
    add(subscribe, `form: ${name}`, ({ ip }) => form('/subscribe', ip, email === null ? {} : { email }))
  }
  for (const [name, body] of [
    ['JSON: not JSON', '{"email": '],
    ['JSON: an array', '["fan@example.com"]'],
    ['JSON: address as a number', '{"email": 12345}'],
    ['JSON: address as an array', '{"email": ["fan@example.com"]}'],
    ['JSON: address as an object', '{"email": {"toString": "fan@example.com"}}'],
    ['JSON: __proto__ key', '{"__proto__": {"email": "fan@example.com"}}'],
    ['JSON: 5,000 nested arrays', `{"email": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['JSON: null', 'null'],
  ] as const) {
    add(subscribe, name, ({ ip }) => json('/subscribe', ip, body))
  }
  add(subscribe, 'text/plain body', ({ ip }) => post('/subscribe', ip, 'email=fan@example.com', { 'content-type': 'text/plain' }))
  add(subscribe, 'XML body', ({ ip }) => post('/subscribe', ip, '<email>fan@example.com</email>', { 'content-type': 'application/xml' }))
  add(subscribe, 'no content type', ({ ip }) => post('/subscribe', ip, 'email=fan@example.com'))
  add(subscribe, '9 KB body', ({ ip }) => form('/subscribe', ip, { email: 'fan@example.com', pad: 'x'.repeat(9 * 1024) }))
  // The seasons and choices.
  const seasons = (fields: [string, string][]) => ({ ip }: InputContext) => post('/subscribe', ip, new URLSearchParams([['email', 'fan@example.com'], ...fields]).toString(), { 'content-type': FORM })
  add(subscribe, 'form: no season ticked', seasons([['seasons-listed', '1']]))
  add(subscribe, 'form: a season slug with a path in it', seasons([['season', '../../admin']]))
  add(subscribe, 'form: a season slug with script', seasons([['season', XSS]]))
  add(subscribe, 'form: a choice that does not exist', seasons([['season', FIRST_SUBJECT], [`choice-${FIRST_SUBJECT}`, 'gossip']]))
  add(subscribe, 'form: 21 seasons', seasons(Array.from({ length: 21 }, (_, i) => ['season', `show-s${i + 1}`] as [string, string])))
  add(subscribe, 'JSON: seasons as a string', ({ ip }) => json('/subscribe', ip, '{"email": "fan@example.com", "seasons": []}'))
  add(subscribe, 'JSON: a season as a number', ({ ip }) => json('/subscribe', ip, '{"email": "fan@example.com", "seasons": [42]}'))

  // --- Confirmation and unsubscribe links.
  for (const [name, token] of await badTokens('confirm')) {
    add('GET /confirm', name, ({ ip }) => get(`/confirm?token=${encodeURIComponent(token)}`, ip))
    add('POST /confirm', name, ({ ip }) => form('/confirm', ip, { token }))
  }
  add('POST /confirm', 'no token field', ({ ip }) => form('/confirm', ip, {}))
  const unknown = await signLinkToken(SIGNING_KEY, 'confirm', 424242, nowSeconds() + 3600)
  add('POST /confirm', 'signed for a subscriber who does not exist', ({ ip }) => form('/confirm', ip, { token: unknown }))
  add('POST /confirm', '5 KB body', ({ ip }) => form('/confirm', ip, { token: 'x'.repeat(5 * 1024) }))
  for (const [name, token] of await badTokens('unsubscribe')) {
    add('GET /unsubscribe', name, ({ ip }) => get(`/unsubscribe?token=${encodeURIComponent(token)}`, ip))
    add('POST /unsubscribe', name, ({ ip }) => form('/unsubscribe', ip, { token }))
    add('POST /unsubscribe/one-click', name, ({ ip }) => post(`/unsubscribe/one-click?token=${encodeURIComponent(token)}`, ip, 'List-Unsubscribe=One-Click', { 'content-type': FORM }))
  }
  const scopedJunk = await signLinkToken('not-the-signing-key-0123456789abcdef', 'unsubscribe', 1, null, FIRST_SUBJECT)
  add('POST /unsubscribe/one-click', 'forged season link', ({ ip }) => post(`/unsubscribe/one-click?token=${encodeURIComponent(scopedJunk)}`, ip, 'List-Unsubscribe=One-Click', { 'content-type': FORM }))
  for (const [name, token] of await badTokens('manage')) {
    add('GET /manage', name, ({ ip }) => get(`/manage?token=${encodeURIComponent(token)}`, ip))
    add('POST /manage', name, ({ ip }) => form('/manage', ip, { token, action: 'leave-all' }))
  }
  add('POST /manage', 'no token field', ({ ip }) => form('/manage', ip, { action: 'leave-all' }))
  add('POST /manage', '9 KB body', ({ ip }) => form('/manage', ip, { token: 'x', pad: 'x'.repeat(9 * 1024) }))

  // --- Resend webhooks.
  const hook = 'POST /webhooks/resend'
  const bounce = JSON.stringify({ type: 'email.bounced', data: { email_id: 'em_1', to: ['reader@example.com'] } })
  add(hook, 'no signature headers', ({ ip }) => post('/webhooks/resend', ip, bounce, { 'content-type': 'application/json' }))
  add(hook, 'signed with another secret', ({ ip }) => signedWebhook(ip, bounce, { secret: 'whsec_b3RoZXItc2VjcmV0LWtleS0xMjM0NTY3OA==' }))
  add(hook, 'body changed after signing', async ({ ip }) => {
    const r = await signedWebhook(ip, bounce)
    return new Request(r, { body: bounce.replace('em_1', 'em_2') })
  })
  add(hook, 'timestamp 10 minutes old', ({ ip }) => signedWebhook(ip, bounce, { ts: nowSeconds() - 600 }))
  add(hook, 'timestamp 10 minutes ahead', ({ ip }) => signedWebhook(ip, bounce, { ts: nowSeconds() + 600 }))
  add(hook, 'timestamp 99999999999999999', async ({ ip }) => {
    const r = await signedWebhook(ip, bounce)
    const headers = new Headers(r.headers)
    headers.set('svix-timestamp', '99999999999999999')
    return new Request(r, { headers })
  })
  add(hook, 'garbage signature header', async ({ ip }) => {
    const r = await signedWebhook(ip, bounce)
    const headers = new Headers(r.headers)
    headers.set('svix-signature', 'v1,,,, v2 ' + 'A'.repeat(500))
    return new Request(r, { headers })
  })
  add(hook, 'signed, not JSON', ({ ip }) => signedWebhook(ip, 'this is not json'))
  add(hook, 'signed, wrong shape', ({ ip }) => signedWebhook(ip, JSON.stringify({ type: 12, data: 'x' })))
  add(hook, 'signed, 500 recipients', ({ ip }) => signedWebhook(ip, JSON.stringify({ type: 'email.bounced', data: { to: Array.from({ length: 500 }, (_, i) => `r${i}@example.com`) } })))
  add(hook, '300 KB body', ({ ip }) => post('/webhooks/resend', ip, 'x'.repeat(300 * 1024), { 'content-type': 'application/json' }))

  // --- The admin JSON API.
  const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` }
  add('admin API: access', 'no token', ({ ip }) => get('/api/sources', ip))
  add('admin API: access', 'wrong token', ({ ip }) => get('/api/sources', ip, { authorization: `Bearer ${ADMIN_TOKEN.slice(0, -1)}x` }))
  add('admin API: access', 'token as Basic', ({ ip }) => get('/api/sources', ip, { authorization: `Basic ${ADMIN_TOKEN}` }))
  add('admin API: access', 'wrong token on a write', ({ ip }) => json('/api/sources', ip, '{"id":"x-y","url":"https://ok.example/","kind":"page"}', { authorization: 'Bearer nope' }))
  const addSource = 'POST /api/sources'
  const source = (extra: Record<string, unknown>) => JSON.stringify({ id: 'hostile-test', url: 'https://ok.example/news', kind: 'page', ...extra })
  for (const [name, body] of [
    ['not JSON', '{"id": '],
    ['an array', '[]'],
    ['missing fields', '{}'],
    ['__proto__ key', '{"id":"proto-x","url":"https://ok.example/","kind":"page","__proto__":{"enabled":false}}'],
    ['constructor key', source({ constructor: { prototype: { polluted: true } } })],
    ['unknown field', source({ admin: true })],
    ['id with a path', source({ id: '../../etc/passwd' })],
    ['reserved id', source({ id: 'export' })],
    ['id of 200 characters', source({ id: 'a'.repeat(200) })],
    ['id with a script tag', source({ id: XSS })],
    ['kind rss', source({ kind: 'rss' })],
    ['enabled "yes"', source({ enabled: 'yes' })],
    ['notes of 10,000 characters', source({ notes: 'n'.repeat(10_000) })],
    ['javascript: URL', source({ url: 'javascript:alert(1)' })],
    ['file: URL', source({ url: 'file:///etc/passwd' })],
    ['URL with credentials', source({ url: 'https://user:pw@ok.example/' })],
    ['URL to 127.0.0.1', source({ url: 'http://127.0.0.1:8787/admin' })],
    ['URL to 2130706433', source({ url: 'http://2130706433/' })],
    ['URL to [::ffff:127.0.0.1]', source({ url: 'http://[::ffff:127.0.0.1]/' })],
    ['URL to [::ffff:0:a00:1]', source({ url: 'http://[::ffff:0:a00:1]/' })],
    ['URL to [64:ff9b:1::a00:1]', source({ url: 'http://[64:ff9b:1::a00:1]/' })],
    ['URL to cloud metadata', source({ url: 'http://169.254.169.254/latest/meta-data/' })],
    ['URL to 10.0.0.1', source({ url: 'http://10.0.0.1/' })],
    ['URL to metadata.google.internal', source({ url: 'http://metadata.google.internal/' })],
    ['URL of 5,000 characters', source({ url: `https://ok.example/${'a'.repeat(5000)}` })],
  ] as const) {
    add(addSource, name, ({ ip }) => json('/api/sources', ip, body, bearer))
  }
  add(addSource, '600 KB body', ({ ip }) => json('/api/sources', ip, source({ notes: 'n'.repeat(600 * 1024) }), bearer))
  add(addSource, 'form body to the JSON API', ({ ip }) => form('/api/sources', ip, { id: 'x-y', url: 'https://ok.example/', kind: 'page' }, bearer))
  const existing = 'wikipedia-aouad'
  add('PATCH /api/sources/:id', 'unknown id', ({ ip }) => new Request(url('/api/sources/no-such-source'), { method: 'PATCH', headers: { ...bearer, 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: '{"enabled":false}' }))
  for (const [name, body] of [
    ['not JSON', '{'],
    ['change of id', '{"id":"other-id"}'],
    ['URL to 127.0.0.1', '{"url":"http://127.0.0.1/"}'],
    ['enabled as a string', '{"enabled":"false"}'],
    ['__proto__ key', '{"__proto__":{"enabled":false}}'],
  ] as const) {
    add('PATCH /api/sources/:id', name, ({ ip }) => new Request(url(`/api/sources/${existing}`), { method: 'PATCH', headers: { ...bearer, 'content-type': 'application/json', 'cf-connecting-ip': ip }, body }))
  }
  add('DELETE /api/sources/:id', 'unknown id', ({ ip }) => new Request(url('/api/sources/no-such-source'), { method: 'DELETE', headers: { ...bearer, 'cf-connecting-ip': ip } }))
  add('DELETE /api/sources/:id', 'id with a path', ({ ip }) => new Request(url('/api/sources/..%2F..%2Fadmin'), { method: 'DELETE', headers: { ...bearer, 'cf-connecting-ip': ip } }))
  for (const [name, body] of [
    ['not a list', '{"sources": "all"}'],
    ['2,000 sources', JSON.stringify({ sources: Array.from({ length: 2000 }, (_, i) => ({ id: `s-${i}`, url: `https://s${i}.example/`, kind: 'page' })) })],
    ['duplicate ids', JSON.stringify({ sources: [{ id: 'dup-a', url: 'https://a.example/', kind: 'page' }, { id: 'dup-a', url: 'https://b.example/', kind: 'page' }] })],
    ['a loopback source inside', JSON.stringify({ sources: [{ id: 'ok-one', url: 'https://a.example/', kind: 'page' }, { id: 'bad-one', url: 'http://localhost/', kind: 'page' }] })],
    ['confirm with a stale base', JSON.stringify({ sources: [{ id: 'ok-one', url: 'https://a.example/', kind: 'page' }], confirm: true, base: 'stale' })],
  ] as const) {
    add('POST /api/sources/import', name, ({ ip }) => json('/api/sources/import', ip, body, bearer))
  }
  for (const [name, body] of [
    ['loopback URL', '{"url":"http://127.0.0.1/","kind":"page"}'],
    ['IPv4-mapped loopback', '{"url":"http://[::ffff:127.0.0.1]/","kind":"page"}'],
    ['private network', '{"url":"http://192.168.1.1/","kind":"feed"}'],
    ['bad kind', '{"url":"https://ok.example/","kind":"pdf"}'],
    ['not JSON', 'url=https://ok.example/'],
  ] as const) {
    add('POST /api/sources/dry-run', name, ({ ip }) => json('/api/sources/dry-run', ip, body, bearer))
  }

  // --- Subjects and per-subject sources.
  const subj = (extra: Record<string, unknown>) => JSON.stringify({ slug: 'hostile-show', show: 'Some Show', season: 2, ...extra })
  for (const [name, body] of [
    ['not JSON', '{"slug":'],
    ['missing fields', '{}'],
    ['__proto__ key', '{"slug":"proto-show","show":"X","season":2,"__proto__":{"status":"active"}}'],
    ['slug with a path', subj({ slug: '../state' })],
    ['slug of 300 characters', subj({ slug: 's'.repeat(300) })],
    ['season 0', subj({ season: 0 })],
    ['season 1e9', subj({ season: 1e9 })],
    ['season as text', subj({ season: 'two' })],
    ['show of 100,000 characters', subj({ show: 'x'.repeat(100_000) })],
    ['status "deleted"', subj({ status: 'deleted' })],
    ['people as a string', subj({ people: 'everyone' })],
  ] as const) {
    add('POST /api/subjects', name, ({ ip }) => json('/api/subjects', ip, body, bearer))
  }
  add('PATCH /api/subjects/:slug', 'unknown subject', ({ ip }) => new Request(url('/api/subjects/no-such-show'), { method: 'PATCH', headers: { ...bearer, 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: '{"show":"X"}' }))
  add('PATCH /api/subjects/:slug', 'a version that is not a number', ({ ip }) => new Request(url(`/api/subjects/${FIRST_SUBJECT}`), { method: 'PATCH', headers: { ...bearer, 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: '{"show":"X","version":"latest"}' }))
  add('PATCH /api/subjects/:slug', 'a stale version', ({ ip }) => new Request(url(`/api/subjects/${FIRST_SUBJECT}`), { method: 'PATCH', headers: { ...bearer, 'content-type': 'application/json', 'cf-connecting-ip': ip }, body: '{"show":"X","version":999999}' }))
  add('DELETE /api/subjects/:slug', 'unknown subject', ({ ip }) => new Request(url('/api/subjects/no-such-show'), { method: 'DELETE', headers: { ...bearer, 'cf-connecting-ip': ip } }))
  add('POST /api/subjects/:slug/sources', 'unknown subject', ({ ip }) => json('/api/subjects/no-such-show/sources', ip, source({}), bearer))
  add('POST /api/subjects/:slug/sources', 'URL to 127.0.0.1', ({ ip }) => json(`/api/subjects/${FIRST_SUBJECT}/sources`, ip, source({ url: 'http://127.0.0.1/' }), bearer))
  add('POST /api/subjects/:slug/sources', 'slug with a path', ({ ip }) => json('/api/subjects/..%2F..%2Fx/sources', ip, source({}), bearer))

  // --- The review (editorial) API and run-now, per subject and for all.
  const api = (method: string, path: string, ip: string, body: string | null, headers: Record<string, string> = bearer) =>
    new Request(url(path), { method, headers: { 'content-type': 'application/json', accept: 'application/json', 'cf-connecting-ip': ip, ...headers }, body })
  const review = `/api/subjects/${FIRST_SUBJECT}/review`
  add('review API', 'GET: no token', ({ ip }) => api('GET', review, ip, null, {}))
  add('review API', 'GET: unknown subject', ({ ip }) => api('GET', '/api/subjects/no-such-show/review', ip, null))
  for (const [name, body] of [
    ['mode: not JSON', '{"mode":'],
    ['mode: "publish"', '{"mode":"publish"}'],
    ['mode: hold for 10,000 hours', '{"mode":"hold","holdHours":10000}'],
    ['mode: __proto__ key', '{"mode":"off","__proto__":{"mode":"hold"}}'],
  ] as const) {
    add('review API', `PATCH ${name}`, ({ ip }) => api('PATCH', review, ip, body))
  }
  add('review API', 'send: unknown held edition', ({ ip }) => api('POST', `${review}/held/no-such-edition/send`, ip, null))
  add('review API', 'send: held id with script', ({ ip }) => api('POST', `${review}/held/${encodeURIComponent(XSS)}/send`, ip, null))
  add('review API', 'drop: no reason', ({ ip }) => api('POST', `${review}/held/no-such-edition/drop`, ip, '{}'))
  add('review API', 'drop-change: no change named', ({ ip }) => api('POST', `${review}/held/no-such-edition/drop-change`, ip, '{"reason":"wrong"}'))
  for (const [name, body] of [
    ['not JSON', 'field=release'],
    ['a field that does not exist', '{"field":"gossip","reason":"wrong"}'],
    ['no reason', '{"field":"release"}'],
    ['a reason of 100,000 characters', JSON.stringify({ field: 'release', reason: 'r'.repeat(100_000) })],
    ['an actor with script, nothing known', JSON.stringify({ field: 'cast', actor: XSS, reason: 'wrong' })],
  ] as const) {
    add('review API', `retract: ${name}`, ({ ip }) => api('POST', `${review}/retract`, ip, body))
  }
  for (const [name, body] of [
    ['a javascript: URL', JSON.stringify({ source: 'javascript:alert(1)', evidence: 'x', reason: 'wrong' })],
    ['no sentence', JSON.stringify({ source: 'https://ok.example/a', evidence: '', reason: 'wrong' })],
    ['an unknown field', JSON.stringify({ source: 'https://ok.example/a', evidence: 'x', reason: 'wrong', all: true })],
  ] as const) {
    add('review API', `ignore: ${name}`, ({ ip }) => api('POST', `${review}/ignore`, ip, body))
  }
  add('review API', 'trust: unknown source', ({ ip }) => api('POST', `${review}/trust`, ip, JSON.stringify({ source: 'no-such-source', unreliable: true, reason: 'spam' })))
  add('review API', 'trust: unreliable as "yes"', ({ ip }) => api('POST', `${review}/trust`, ip, JSON.stringify({ source: existing, unreliable: 'yes', reason: 'spam' })))
  for (const [name, body] of [
    ['review: "publish"', ['/api/editorial/review', '{"mode":"publish"}']],
    ['alerts: not an address', ['/api/editorial/alerts', '{"alertEmails":["not-an-address"],"failureThreshold":3}']],
    ['alerts: header injection', ['/api/editorial/alerts', JSON.stringify({ alertEmails: ['a@example.com\r\nBcc: x@example.com'], failureThreshold: 3 })]],
    ['alerts: threshold 0', ['/api/editorial/alerts', '{"alertEmails":[],"failureThreshold":0}']],
    ['alerts: 500 addresses', ['/api/editorial/alerts', JSON.stringify({ alertEmails: Array.from({ length: 500 }, (_, i) => `m${i}@example.com`), failureThreshold: 3 })]],
    ['alerts: not JSON', ['/api/editorial/alerts', '{']],
  ] as const) {
    add('review API', `editorial ${name}`, ({ ip }) => api('PATCH', body[0], ip, body[1]))
  }
  add('run now', 'API: no token', ({ ip }) => api('POST', `/api/subjects/${FIRST_SUBJECT}/run`, ip, null, {}))
  add('run now', 'API: wrong token', ({ ip }) => api('POST', `/api/subjects/${FIRST_SUBJECT}/run`, ip, null, { authorization: 'Bearer nope' }))
  add('run now', 'API: unknown subject', ({ ip }) => api('POST', '/api/subjects/no-such-show/run', ip, null))
  add('run now', 'API, all subjects: no token', ({ ip }) => api('POST', '/api/editorial/run', ip, null, {}))

  // --- The admin page.
  add('POST /admin/login', 'wrong token', ({ ip }) => form('/admin/login', ip, { token: 'not-the-token' }, { origin: PUBLIC_URL }))
  add('POST /admin/login', 'empty token', ({ ip }) => form('/admin/login', ip, {}, { origin: PUBLIC_URL }))
  add('POST /admin/login', 'right token from another site', ({ ip }) => form('/admin/login', ip, { token: ADMIN_TOKEN }, { origin: 'https://evil.example' }))
  add('POST /admin/login', 'right token, no origin', ({ ip }) => form('/admin/login', ip, { token: ADMIN_TOKEN }))
  const pageForm = (path: string, fields: Record<string, string>, headers: Record<string, string> = { origin: PUBLIC_URL }) => (c: InputContext) =>
    form(path, c.ip, { _csrf: c.session.csrf, ...fields }, { cookie: c.session.cookie, ...headers })
  add('admin page forms', 'add: no CSRF token', (c) => form('/admin/sources', c.ip, { id: 'csrf-x', url: 'https://ok.example/', kind: 'page' }, { cookie: c.session.cookie, origin: PUBLIC_URL }))
  add('admin page forms', 'add: another site', pageForm('/admin/sources', { id: 'csrf-y', url: 'https://ok.example/', kind: 'page' }, { origin: 'https://evil.example' }))
  add('admin page forms', 'add: no session', ({ ip }) => form('/admin/sources', ip, { id: 'nosess', url: 'https://ok.example/', kind: 'page' }, { origin: PUBLIC_URL }))
  add('admin page forms', 'add: forged session cookie', (c) => form('/admin/sources', c.ip, { _csrf: c.session.csrf, id: 'forged', url: 'https://ok.example/', kind: 'page' }, { cookie: `sw_admin=${Date.now()}.${'0'.repeat(64)}`, origin: PUBLIC_URL }))
  add('admin page forms', 'add: loopback URL', pageForm('/admin/sources', { id: 'loop-x', url: 'http://127.0.0.1/', kind: 'page' }))
  add('admin page forms', 'add: bad id', pageForm('/admin/sources', { id: XSS, url: 'https://ok.example/', kind: 'page' }))
  add('admin page forms', 'import: not JSON', pageForm('/admin/import', { json: '[{' }))
  add('admin page forms', 'import: loopback source', pageForm('/admin/import', { json: '[{"id":"loop-y","url":"http://localhost/","kind":"page"}]' }))
  add('admin page forms', 'edit: unknown source', pageForm('/admin/sources/no-such-source', { url: 'https://ok.example/', kind: 'page' }))
  add('admin page forms', 'delete: unknown source', pageForm('/admin/sources/no-such-source/delete', {}))
  add('admin page forms', 'run now: no CSRF token', (c) => form('/admin/run', c.ip, {}, { cookie: c.session.cookie, origin: PUBLIC_URL }))
  add('admin page forms', 'run now: another site', pageForm('/admin/run', { scope: 'all' }, { origin: 'https://evil.example' }))
  add('admin page forms', 'run now: no session', ({ ip }) => form('/admin/run', ip, { scope: 'all' }, { origin: PUBLIC_URL }))
  add('admin page forms', 'run now: unknown subject', pageForm('/admin/s/no-such-show/run', {}))
  add('admin page forms', 'retract: no reason', pageForm('/admin/review/retract', { field: 'release' }))
  add('admin page forms', 'review mode: "publish"', pageForm('/admin/review/mode', { mode: 'publish' }))
  add('admin page forms', 'alerts: not an address', pageForm('/admin/review/alerts', { alertEmails: 'not-an-address', failureThreshold: '3' }))
  add('admin page forms', 'dry-run: private URL', pageForm('/admin/dry-run', { url: 'http://10.1.1.1/', kind: 'page' }))

  // --- Public pages and links.
  for (const path of ['/history/%3Cscript%3E', '/history/0000', '/outbox', '/outbox/1/html', '/demo', '/demo/advance', '/nope', '/api/sources/../../admin']) {
    add('public pages and links', `GET ${path}`, ({ ip }) => get(path, ip))
  }
  // Per-season pages, feeds, calendars and the public API: unknown, hostile and malformed slugs.
  for (const path of [
    '/s/no-such-show/',
    `/s/${encodeURIComponent(XSS)}/`,
    '/s/..%2F..%2Fadmin/',
    `/s/${'s'.repeat(300)}/`,
    '/s/no-such-show/release.ics',
    `/s/${encodeURIComponent(XSS)}/release.ics`,
    '/s/no-such-show/feed.xml',
    '/s/no-such-show/history',
    `/s/${FIRST_SUBJECT}/history/%3Cscript%3E`,
    `/s/${FIRST_SUBJECT}/history/0000`,
    '/s/no-such-show/api/facts',
    '/s/no-such-show/api/changes',
    `/s/${FIRST_SUBJECT}/api/changes?page=0`,
    `/s/${FIRST_SUBJECT}/api/changes?page=-5`,
    `/s/${FIRST_SUBJECT}/api/changes?page=${encodeURIComponent(XSS)}`,
    `/s/${FIRST_SUBJECT}/api/changes?page=99999999999999999999`,
    `/s/${FIRST_SUBJECT}/history?page=abc`,
  ]) {
    add('season pages and public API', `GET ${path.length > 60 ? `${path.slice(0, 57)}…` : path}`, ({ ip }) => get(path, ip))
  }
  add('season pages and public API', 'GET /api/subjects with a forged token', ({ ip }) => get('/api/subjects', ip, { authorization: 'Bearer forged' }))
  add('public pages and links', 'POST /demo/run outside demo mode', ({ ip }) => post('/demo/run', ip, null))
  add('public pages and links', 'POST /demo/reset outside demo mode', ({ ip }) => post('/demo/reset', ip, null))
  return inputs
}

/** Every table's rows, every KV pair and what was enqueued, as one string to compare. */
async function snapshot(world: World, queue: ReturnType<typeof recordingQueue>): Promise<string> {
  const db = world.env.DB
  const parts: string[] = []
  for (const table of await listTables(db)) parts.push(table, JSON.stringify((await db.prepare(`SELECT * FROM ${table}`).all()).results))
  const { keys } = await world.env.STATE.list()
  for (const k of keys) parts.push(k.name, (await world.env.STATE.get(k.name)) ?? '')
  parts.push(JSON.stringify(queue.sent))
  return parts.join('\n')
}

/** A message a person can act on: a JSON `error`/`errors` text, or a page with words in it. */
async function isClear(res: Response): Promise<boolean> {
  const text = await res.text()
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      const body = JSON.parse(text) as { error?: unknown; errors?: unknown }
      const messages = [body.error, ...(body.errors && typeof body.errors === 'object' ? Object.values(body.errors) : [])]
      return messages.some((m) => typeof m === 'string' && m.trim().length > 3)
    } catch {
      return false
    }
  }
  const words = text.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
  return words.length > 8 && !/Internal Server Error/.test(words)
}

/** Sends every input through the app, one route line each. */
export async function runHostileInputs(world: World): Promise<RouteCounts[]> {
  await world.reset()
  const queue = recordingQueue()
  const env = { ...world.env, EMAIL_QUEUE: queue } as unknown as Env
  const app = createApp()
  const call = async (request: Request) => {
    const pending: Promise<unknown>[] = []
    const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext
    const res = await app.fetch(request, env, ctx)
    await Promise.allSettled(pending)
    return res
  }
  // A live admin session for the page forms (logging in stores nothing).
  const login = await call(form('/admin/login', '192.0.2.1', { token: ADMIN_TOKEN }, { origin: PUBLIC_URL }))
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
  const page = await call(get('/admin', '192.0.2.1', { cookie }))
  const session = { cookie, csrf: /name="_csrf" value="([0-9a-f]+)"/.exec(await page.text())?.[1] ?? '' }

  const byRoute = new Map<string, RouteCounts>()
  let n = 0
  for (const input of await hostileInputs()) {
    n++
    const ip = `198.51.${Math.floor(n / 250)}.${(n % 250) + 1}`
    const counts = byRoute.get(input.route) ?? { route: input.route, tried: 0, clear4xx: 0, failures: [] }
    byRoute.set(input.route, counts)
    counts.tried++
    const before = await snapshot(world, queue)
    let verdict: string
    try {
      const res = await call(await input.request({ ip, session }))
      const clear = await isClear(res)
      const unchanged = (await snapshot(world, queue)) === before
      verdict = res.status >= 400 && res.status < 500 && clear && unchanged ? 'ok' : `${res.status}${clear ? '' : ', unclear'}${unchanged ? '' : ', stored something'}`
    } catch (e) {
      verdict = `threw ${e instanceof Error ? e.message : String(e)}`
    }
    if (verdict === 'ok') counts.clear4xx++
    else counts.failures.push(`${input.name}: ${verdict}`)
  }
  return [...byRoute.values()]
}
