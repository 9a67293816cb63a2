import { env } from 'cloudflare:workers'
import { DOMParser } from 'linkedom/worker'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { findingLine } from '../../src/pipeline/facts/explain-findings'
import type { RunSummary } from '../../src/pipeline/run/run-report'
import { d1RunReports, listRunReports } from '../../src/pipeline/run/run-report-store'
import { LAST_DEMO_STEP } from '../../src/site/demo/demo-articles'
import { DEMO_NEWS_ORIGIN } from '../../src/site/demo/demo-origin'
import { seedSubject } from '../../src/worker/config'
import { fakeQueue } from '../mail/subscribers/helpers'

// A dev server on a port of its own: links in reports follow it.
const BASE = 'http://localhost:8803'
const TOKEN = 'run-report-admin-token-0123456789abcdef'
const SLUG = seedSubject.slug
const app = createApp()
const demoEnv = () => ({ ...env, DEMO_MODE: 'true', PUBLIC_URL: BASE, ADMIN_TOKEN: TOKEN, EMAIL_QUEUE: fakeQueue() }) as unknown as Env

function caller(e: Env) {
  return (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), e)
}

/** The finding lines of the newest report, as "what: why". */
async function newestLines(): Promise<string[]> {
  const [r] = await listRunReports(env.DB, SLUG, 1)
  return r!.summary.findings.map((f) => `${f.field}=${typeof f.value === 'object' ? JSON.stringify(f.value) : String(f.value)}: ${findingLine(f)}`)
}

async function adminPage(call: ReturnType<typeof caller>, path = '/admin'): Promise<string> {
  const login = await call('/admin/login', { method: 'POST', headers: { Origin: BASE }, body: new URLSearchParams({ token: TOKEN }) })
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!
  const res = await call(path, { headers: { Cookie: cookie } })
  expect(res.status).toBe(200)
  return res.text()
}

beforeEach(async () => {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  const tables = ['edition_batches', 'editions', 'subscribers', 'subjects', 'layout_migrations', 'run_lock', 'run_reports']
  await env.DB.batch(tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
})

describe('the demo walkthrough, as its run reports tell it', () => {
  it('says at each step why the news was sent or kept quiet', async () => {
    const call = caller(demoEnv())
    const steps: string[][] = []
    for (let step = 0; step <= LAST_DEMO_STEP; step++) {
      if (step > 0) await call('/demo/advance', { method: 'POST' })
      await call('/demo/run', { method: 'POST' })
      steps.push(await newestLines())
      // The same step again: every document unchanged, nothing to decide.
      await call('/demo/run', { method: 'POST' })
      const [again] = await listRunReports(env.DB, SLUG, 1)
      expect(again!.summary.findings, `step ${step}, second run`).toEqual([])
      expect(again!.summary.documents.new, `step ${step}, second run`).toBe(0)
    }
    const has = (step: number, text: string) => expect(steps[step]!.some((l) => l.includes(text)), `step ${step}: ${text}\n${steps[step]!.join('\n')}`).toBe(true)
    const only = (step: number, why: string) => expect(steps[step]!.every((l) => l.endsWith(why)), `step ${step}\n${steps[step]!.join('\n')}`).toBe(true)

    has(0, 'stage=renewed: not sent: first run, recorded as the baseline')
    has(0, ': not sent: speculation') // fans hoping two actors return
    only(1, 'not sent: speculation') // the rumour
    expect(steps[2]!.filter((l) => l.endsWith('sent: confirmed by Netflix'))).toHaveLength(3) // filming and two actors
    only(3, 'not sent: already known') // the rewrite
    expect(steps[4]).toEqual([]) // Season 1 news yields no Season 2 claims
    has(5, 'stage=post-production: sent: confirmed by Netflix')
    only(6, 'not sent: an estimate (shown on the fact sheet), not a confirmed date')
    has(7, 'trailer=')
    expect(steps[7]!.filter((l) => l.includes(': sent: '))).toEqual([expect.stringMatching(/^trailer=.*"teaser".*: sent: confirmed by Netflix$/)])
    expect(steps[8]).toEqual([]) // the fabricated review is not read as a fact
    expect(steps[9]!.filter((l) => l.includes(': sent: '))).toEqual([expect.stringMatching(/^release=.*"2027-01-29".*: sent: confirmed by Netflix$/)])
  })

  it('answers the run button with the reasons too (curl)', async () => {
    const call = caller(demoEnv())
    await call('/demo/run', { method: 'POST' })
    await call('/demo/advance', { method: 'POST' })
    const answer = (await (await call('/demo/run', { method: 'POST' })).json()) as { why: string[] }
    expect(answer.why).toEqual(['Stage: Filming: not sent: speculation'])
  })
})

describe('the reports on /demo and /admin', () => {
  it('show the newest runs, with the documents, the claims and each finding’s reason, links on the served origin', async () => {
    const call = caller(demoEnv())
    await call('/demo/run', { method: 'POST' })
    await call('/demo/advance', { method: 'POST' })
    await call('/demo/advance', { method: 'POST' })
    await call('/demo/run', { method: 'POST' })

    for (const html of [await (await call('/demo')).text(), await adminPage(call)]) {
      const doc = new DOMParser().parseFromString(html, 'text/html')
      const runs = doc.querySelectorAll('details.run')
      expect(runs.length).toBe(2)
      // The newest first and open, with its gist and its time in a machine-readable form.
      expect(runs[0]!.hasAttribute('open')).toBe(true)
      expect(runs[1]!.hasAttribute('open')).toBe(false)
      expect(runs[0]!.querySelector('time')?.getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/)
      expect(runs[0]!.querySelector('.run-gist')?.textContent).toMatch(/^4 documents read \(4 new, 0 unchanged, 0 failed\) · \d+ claims · 3 changes sent$/)
      expect(runs[1]!.querySelector('.run-gist')?.textContent).toContain('baseline, nothing sent')
      const sent = [...runs[0]!.querySelectorAll('.finding-sent')]
      expect(sent.map((li) => li.querySelector('.finding-what')?.textContent)).toEqual(['Stage: Filming', 'Lomon returns (as Lee Su-hyeok)', 'Park Ji-hu returns (as Nam On-jo)'])
      expect(sent.every((li) => li.querySelector('.finding-why')?.textContent === 'sent: confirmed by Netflix')).toBe(true)
      expect(runs[0]!.querySelectorAll('.docs li[data-outcome="new"]').length).toBe(4)
      expect(html).not.toContain(DEMO_NEWS_ORIGIN)
      expect(runs[0]!.querySelector('.docs a')?.getAttribute('href')).toMatch(new RegExp(`^${BASE}/demo/`))
    }
  })

  it('admin shows the demo’s sources on the served origin, while an edit form keeps the stored URL', async () => {
    const call = caller(demoEnv())
    const list = new DOMParser().parseFromString(await adminPage(call), 'text/html')
    const links = [...list.querySelectorAll('#sources a.url')].map((a) => a.getAttribute('href'))
    expect(links.length).toBeGreaterThan(0)
    expect(links.every((href) => href!.startsWith(`${BASE}/demo/`))).toBe(true)
    const id = list.querySelector('#sources tbody tr')!.id.replace(/^source-/, '')
    const edit = new DOMParser().parseFromString(await adminPage(call, `/admin/sources/${id}`), 'text/html')
    expect(edit.querySelector('#edit-form input[name=url]')?.getAttribute('value')).toMatch(new RegExp(`^${DEMO_NEWS_ORIGIN}/demo/`))
  })

  it('are in the admin API too, for scripts (bearer token)', async () => {
    const call = caller(demoEnv())
    await call('/demo/run', { method: 'POST' })
    expect((await call(`/api/subjects/${SLUG}/runs`)).status).toBe(401)
    const res = await call(`/api/subjects/${SLUG}/runs`, { headers: { Authorization: `Bearer ${TOKEN}` } })
    const { runs } = (await res.json()) as { runs: RunSummary[] }
    expect(runs).toHaveLength(1)
    expect(runs[0]).toMatchObject({ baseline: true, sent: 0 })
    expect(JSON.stringify(runs)).not.toContain(DEMO_NEWS_ORIGIN)
    expect((await call('/api/subjects/no-such-subject/runs', { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(404)
  })

  it('say so before the first run', async () => {
    const call = caller(demoEnv())
    expect(await (await call('/demo')).text()).toContain('No runs yet')
    expect(await adminPage(call)).toContain('No runs yet: the cron has not run this subject.')
  })

  it('escape what came from scraped pages, and link only http(s)', async () => {
    const call = caller(demoEnv())
    await call('/demo/run', { method: 'POST' }) // creates the subject
    const hostile: RunSummary = {
      at: '2026-01-01T07:00:00.000Z',
      baseline: false,
      documents: { new: 1, unchanged: 0, failed: 1, skipped: 0 },
      read: [
        { url: 'javascript:alert(1)', kind: 'article', outcome: 'failed', claims: 0, error: '<img src=x onerror=alert(2)>' },
        { url: 'https://ok.example/a', kind: 'article', outcome: 'new', claims: 1 },
      ],
      claims: { found: 1, new: 1 },
      sent: 0,
      findings: [
        { field: 'cast', value: { actor: '<script>alert(3)</script>', role: null, status: 'new' }, reason: 'one-site', by: ['ok.example'], certainty: 'reported', claims: 1, sources: ['javascript:alert(4)'], evidence: '"><script>alert(5)</script>' },
      ],
      omitted: { documents: 0, findings: 0 },
    }
    await d1RunReports(env.DB).save(SLUG, hostile)
    for (const html of [await (await call('/demo')).text(), await adminPage(call)]) {
      expect(html).not.toMatch(/<script>alert|<img src=x|href="javascript:/)
      expect(html).toContain('&lt;script&gt;alert(3)&lt;/script&gt; joins the cast')
      expect(html).toContain('not sent: one site so far, waiting for a second')
    }
  })
})
