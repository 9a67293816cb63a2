import type { KvLike } from '../../store/kv'
import { serveDemoDocument } from './demo-documents'
import { DEMO_NEWS_ORIGIN } from './demo-origin'
import { readDemoStep } from './demo-step'

/**
 * A `fetch` for the cron in demo mode: GETs under `/demo/` of the demo news origin (the demo's
 * own sources) or of `publicUrl` (a demo page a maintainer added by its local address) are
 * answered in-process from the demo documents; everything else goes to the real fetch.
 *
 * Why not a real self-request: under `wrangler dev` the Worker may listen on any port, and a
 * deployed Worker cannot fetch its own hostname. Serving in-process keeps the demo offline and
 * port-agnostic, while the cron still sees ordinary HTTP responses (status, Content-Type,
 * ETag/304).
 *
 * `kv` is the raw namespace: reading the demo step is not part of the pipeline's KV counts.
 */
export function createDemoFetch(publicUrl: string, kv: KvLike, fallback: typeof fetch): typeof fetch {
  const origins = demoOrigins(publicUrl)
  return async (input, init) => {
    const request = new Request(input, init)
    const origin = origins.find((o) => request.url.startsWith(`${o}/demo/`))
    if (request.method !== 'GET' || !origin) return fallback(input, init)
    const step = await readDemoStep(kv)
    const path = new URL(request.url).pathname
    const response = await serveDemoDocument(path, step, origin, request.headers.get('If-None-Match'))
    return response ?? new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  }
}

/** The origins whose `/demo/` documents the demo fetch serves in-process (never over the network). */
export function demoOrigins(publicUrl: string): string[] {
  return [DEMO_NEWS_ORIGIN, publicUrl.replace(/\/+$/, '')]
}
