import type { KvLike } from '../../store/kv'
import { serveDemoDocument } from './demo-documents'
import { readDemoStep } from './demo-step'

/**
 * A `fetch` for the cron in demo mode: GETs under `${publicUrl}/demo/` are answered in-process
 * from the demo documents; everything else goes to the real fetch.
 *
 * Why not a real self-request: under `wrangler dev` the Worker may listen on another port than
 * PUBLIC_URL says (tests use 8792), and a deployed Worker cannot fetch its own hostname. Serving
 * in-process keeps the demo offline and port-agnostic, while the cron still sees ordinary HTTP
 * responses (status, Content-Type, ETag/304).
 *
 * `kv` is the raw namespace: reading the demo step is not part of the pipeline's KV counts.
 */
export function createDemoFetch(publicUrl: string, kv: KvLike, fallback: typeof fetch): typeof fetch {
  const prefix = `${publicUrl}/demo/`
  return async (input, init) => {
    const request = new Request(input, init)
    if (request.method !== 'GET' || !request.url.startsWith(prefix)) return fallback(input, init)
    const step = await readDemoStep(kv)
    const path = new URL(request.url).pathname
    const response = await serveDemoDocument(path, step, publicUrl, request.headers.get('If-None-Match'))
    return response ?? new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
  }
}
