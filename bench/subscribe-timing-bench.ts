/**
 * Subscribe timing (issue 9 item 8): does the answer to `POST /subscribe` take longer for a new
 * address than for a known or bounced one? The real route against a real D1 (Miniflare, through
 * wrangler's platform proxy), measured two ways side by side:
 * - "work inline": without an ExecutionContext the route does the state-dependent work before
 *   answering, as it did before the fix;
 * - "deferred": as the Worker runs it, the work goes to `waitUntil` after the response.
 */
import { getPlatformProxy } from 'wrangler'
import { hashAddress } from '../src/mail/subscribers/address-hash'
import { createSubscribeRoutes } from '../src/mail/routes/subscribe'
import { applySqlMigrations } from '../test/faults/migrate'

const SIGNING_KEY = 'bench-signing-key-0123456789abcdef'
const RUNS = 31
type State = 'bounced' | 'known' | 'new'

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)]!
}

/** The bench section: medians per address state, work inline vs deferred. */
export async function benchSubscribeTiming(): Promise<string[]> {
  const proxy = await getPlatformProxy<Env>({ configPath: 'wrangler.toml', persist: false })
  // The route logs one line per request; keep the bench output to its table.
  const log = console.log
  console.log = () => {}
  try {
    const db = proxy.env.DB
    await applySqlMigrations(db)
    const unlimited: RateLimit = { limit: async () => ({ success: true }) }
    const queue = { send: async () => {}, sendBatch: async () => {} }
    const env = { ...proxy.env, SIGNING_KEY, DEMO_MODE: 'false', PUBLIC_URL: 'https://watch.example', SUBSCRIBE_LIMITER: unlimited, EMAIL_QUEUE: queue } as unknown as Env
    const now = new Date().toISOString()
    await db.prepare("INSERT INTO subscribers (email, status, created_at, updated_at, confirmed_at) VALUES ('known@example.com', 'active', ?1, ?1, ?1)").bind(now).run()
    await db.prepare("INSERT INTO subscribers (email, suppress_hash, status, created_at, updated_at) VALUES (NULL, ?1, 'bounced', ?2, ?2)").bind(await hashAddress(SIGNING_KEY, 'bounced@example.com'), now).run()

    const app = createSubscribeRoutes()
    let fresh = 0
    const address = (state: State) => (state === 'new' ? `new${fresh++}@example.com` : `${state}@example.com`)
    const post = (email: string) =>
      new Request('https://watch.example/subscribe', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email }).toString() })

    const time = async (state: State, deferred: boolean): Promise<number> => {
      const pending: Promise<unknown>[] = []
      const ctx = { waitUntil: (p: Promise<unknown>) => void pending.push(p), passThroughOnException: () => {}, props: {} }
      const t = performance.now()
      const res = deferred ? await app.fetch(post(address(state)), env, ctx as unknown as ExecutionContext) : await app.fetch(post(address(state)), env)
      const ms = performance.now() - t
      await res.text()
      await Promise.all(pending)
      return ms
    }
    const states: State[] = ['bounced', 'known', 'new']
    const times: Record<string, number[]> = {}
    for (let i = 0; i < RUNS + 3; i++) {
      // Interleaved, so every state sees the same machine load.
      for (const deferred of [false, true]) {
        for (const state of states) {
          const ms = await time(state, deferred)
          if (i >= 3) (times[`${state}/${deferred}`] ??= []).push(ms)
        }
      }
    }
    const row = (deferred: boolean) => states.map((s) => median(times[`${s}/${deferred}`]!).toFixed(1).padStart(5)).join(' / ')
    const spread = (deferred: boolean) => {
      const m = states.map((s) => median(times[`${s}/${deferred}`]!))
      return (Math.max(...m) / Math.min(...m)).toFixed(2)
    }
    return [
      `subscribe timing (POST /subscribe, real D1 via Miniflare, median of ${RUNS}; bounced / known / new, ms):`,
      `  work inline (as before the fix): ${row(false)}   slowest/fastest ${spread(false)}x`,
      `  work deferred (waitUntil):       ${row(true)}   slowest/fastest ${spread(true)}x`,
    ]
  } finally {
    console.log = log
    await proxy.dispose()
  }
}
