import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { DEMO_STEPS, LAST_DEMO_STEP } from '../../src/site/demo/demo-articles'
import { DEMO_NEWS_ORIGIN } from '../../src/site/demo/demo-origin'
import { describeDemoRun, parseOutcomeQuery } from '../../src/site/demo/demo-run'
import { kvKeys } from '../../src/store/kv-keys'
import { seedSubject } from '../../src/worker/config'
import { fakeQueue, seedActive } from '../mail/subscribers/helpers'

// The dev server's origin, deliberately not wrangler.toml's 8787. `npm run dev -- --port 8802`
// sets PUBLIC_URL to it, which is what emails (rendered without a request) use.
const BASE = 'http://localhost:8802'

interface RunAnswer {
  baseline: boolean
  skipped: boolean
  changes: number
  recorded: number
  recipients: number | null
  failed: unknown[]
}

function demoEnv() {
  return { ...env, DEMO_MODE: 'true', PUBLIC_URL: BASE, EMAIL_QUEUE: fakeQueue() } as unknown as Env
}

const app = createApp()

beforeEach(async () => {
  const { keys } = await env.STATE.list()
  await Promise.all(keys.map((k) => env.STATE.delete(k.name)))
  const tables = ['edition_batches', 'editions', 'subscribers', 'subjects', 'layout_migrations', 'run_lock']
  await env.DB.batch(tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)))
})

describe('the demo walkthrough, through the real pipeline', () => {
  it('does at every step what the demo page says a correct system does', async () => {
    const e = demoEnv()
    const call = (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), e)
    const run = async () => (await (await call('/demo/run', { method: 'POST' })).json()) as RunAnswer

    const outcomes: { step: number; sends: boolean; material: number; baseline: boolean }[] = []
    for (let step = 0; step <= LAST_DEMO_STEP; step++) {
      if (step > 0) await call('/demo/advance', { method: 'POST' })
      const r = await run()
      expect(r.failed, `step ${step}`).toEqual([])
      outcomes.push({ step, sends: DEMO_STEPS[step]!.sends, material: r.changes, baseline: r.baseline })
      // Running again at the same step finds nothing new.
      expect((await run()).changes, `step ${step}, second run`).toBe(0)
    }
    expect(outcomes[0]).toMatchObject({ baseline: true, material: 0 })
    expect(outcomes.map((o) => o.material > 0)).toEqual(outcomes.map((o) => o.sends))
    // Quiet steps outnumber loud ones: that is the point of the demo.
    expect(DEMO_STEPS.filter((s) => !s.sends).length).toBeGreaterThan(DEMO_STEPS.filter((s) => s.sends).length)

    const facts = ((await (await call('/api/facts')).json()) as { facts: { stage: { value: string }; release: { status: string; date: string }; trailer: { kind: string } } }).facts
    expect(facts.stage.value).toBe('post-production')
    expect(facts.release).toMatchObject({ status: 'confirmed', date: '2027-01-29' })
    expect(facts.trailer.kind).toBe('teaser')
  })

  it('says what each run did, on the page the button returns to', async () => {
    const e = demoEnv()
    const call = (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), e)
    const press = async (action: string) => {
      const res = await call(`/demo/${action}`, { method: 'POST', headers: { Accept: 'text/html' } })
      expect(res.status).toBe(303)
      return res.headers.get('Location')!
    }
    const outcomeText = async (location: string) => {
      const page = await (await call(location)).text()
      const status = /<div class="notice[^"]*" role="status" id="run-outcome">(.*?)<\/div>/s.exec(page)?.[1] ?? ''
      return status.replace(/<[^>]+>/g, '')
    }

    expect(await outcomeText(await press('run'))).toContain('Baseline recorded, nothing sent')
    expect(await outcomeText(await press('run'))).toContain('Nothing new: no fact changed, nothing sent.')

    await seedActive(2, { prefix: 'demo-reader' })
    await press('advance') // a rumour
    expect(await outcomeText(await press('run'))).toContain('Nothing new')
    await press('advance') // Netflix confirms filming, two actors return
    const sent = await press('run')
    expect(parseOutcomeQuery(Object.fromEntries(new URL(sent, BASE).searchParams))).toMatchObject({ kind: 'sent', material: 3, recipients: 2 })
    expect(await outcomeText(sent)).toContain('3 material changes, email to 2 subscribers.')

    for (let i = 0; i < 3; i++) await press('advance') // a rewrite, Season 1, then the wrap
    expect(await outcomeText(await press('run'))).toContain('1 material change, email to 2 subscribers.')
    await press('advance') // a new release estimate
    expect(await outcomeText(await press('run'))).toContain('No material change, nothing sent (1 change recorded on the fact sheet')
  })

  it('words every outcome for people', () => {
    expect(describeDemoRun({ kind: 'sent', material: 1, recorded: 1, recipients: 2, failed: 0 })).toBe('1 material change, email to 2 subscribers.')
    expect(describeDemoRun({ kind: 'sent', material: 2, recorded: 3, recipients: 0, failed: 0 })).toContain('nobody has confirmed a subscription yet')
    expect(describeDemoRun({ kind: 'quiet', material: 0, recorded: 1, recipients: null, failed: 1 })).toBe(
      'No material change, nothing sent (1 change recorded on the fact sheet, none worth an email). 1 source could not be read.',
    )
    expect(describeDemoRun({ kind: 'skipped', material: 0, recorded: 0, recipients: null, failed: 0 })).toContain('Another run was still going')
    expect(parseOutcomeQuery({ ran: 'bogus' })).toBeNull()
    expect(parseOutcomeQuery({ ran: 'quiet', recorded: '-1' })).toBeNull()
  })

  it('stores demo news under its own origin, and shows it under the origin being served', async () => {
    const e = demoEnv()
    const call = (path: string, init?: RequestInit) => app.fetch(new Request(BASE + path, init), e)
    await call('/demo/run', { method: 'POST' })
    await call('/demo/advance', { method: 'POST' })
    await call('/demo/advance', { method: 'POST' })
    await seedActive(1, { prefix: 'links' })
    await call('/demo/run', { method: 'POST' })

    // Stored state names no dev server: a restart on another port cannot leave stale links.
    const stored = (await env.STATE.get(kvKeys.publicView(seedSubject.slug)))!
    expect(stored).toContain(`${DEMO_NEWS_ORIGIN}/demo/articles/season-2-filming-begins`)
    expect(stored).not.toContain('localhost:8')

    // Every page and API shows links on the origin actually served, here and on another port.
    for (const origin of [BASE, 'http://127.0.0.1:8899']) {
      for (const path of ['/', '/history', '/feed.xml', '/api/facts', '/api/changes', '/demo', '/follow']) {
        const body = await (await app.fetch(new Request(origin + path), e)).text()
        expect(body, `${origin}${path}`).not.toContain(DEMO_NEWS_ORIGIN)
        expect(body, `${origin}${path}`).not.toContain('localhost:8787')
        if (path !== '/follow' && path !== '/demo') expect(body, `${origin}${path}`).toContain(`${origin}/demo/`)
      }
    }
    const feed = await (await call('/feed.xml')).text()
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${BASE}/feed.xml"/>`)

    // The email, rendered by the cron with no request, links to PUBLIC_URL (set by npm run dev).
    const edition = await env.DB.prepare('SELECT subject, text, html FROM editions').first<{ subject: string; text: string; html: string }>()
    expect(edition!.subject).toBe('Filming has begun on All of Us Are Dead Season 2; Lomon and Park Ji-hu return')
    expect(edition!.text).toContain(`- ${BASE}/demo/articles/season-2-filming-begins`)
    expect(edition!.html).toContain(`href="${BASE}/demo/articles/season-2-filming-begins"`)
    expect(edition!.text + edition!.html).not.toContain(DEMO_NEWS_ORIGIN)
    expect(edition!.text).toContain(`All facts with their sources: ${BASE}/`)
  })
})
