import { describe, expect, it } from 'vitest'
import { buildHostilePages } from '../fixtures/hostile/hostile-pages'
import { adminEnv, loginPage, makeAdmin, postForm, TOKEN } from './helpers'

const URL = 'https://hostile.example/page'

/** The admin with a network that serves one hostile page. */
function adminServing(body: string | Uint8Array) {
  const fetch = (async () => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8' } })) as typeof globalThis.fetch
  return makeAdmin({ fetch, now: () => new Date('2025-07-23T07:00:00Z') })
}

describe('the admin dry-run of a hostile page', () => {
  const deep = buildHostilePages().find((p) => p.name === '60,000 nested div/span pairs')!

  it('answers the API with the page\'s error, not a 500', async () => {
    const res = await adminServing(deep.body).request(
      '/api/sources/dry-run',
      { method: 'POST', headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ url: URL, kind: 'page' }) },
      adminEnv(),
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as { error: string | null; documents: unknown[] }
    expect(body.error).toMatch(/page too deeply nested to read/)
    expect(body.documents).toEqual([])
  })

  it('shows the error on the page', async () => {
    const app = adminServing(deep.body)
    const session = await loginPage(app)
    const res = await postForm(app, '/admin/dry-run', session, { url: URL, kind: 'page' })
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/page too deeply nested to read/)
  })
})
