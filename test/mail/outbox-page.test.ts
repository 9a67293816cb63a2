import { env } from 'cloudflare:workers'
import { DOMParser } from 'linkedom/worker'
import { beforeEach, describe, expect, it } from 'vitest'
import { createApp } from '../../src/app'
import { outboxSender } from '../../src/mail/delivery/outbox-store'

const app = createApp()
const demoEnv = { ...env, DEMO_MODE: 'true' } as unknown as Env
const page = async (path: string) => new DOMParser().parseFromString(await (await app.fetch(new Request(`http://localhost:8804${path}`), demoEnv)).text(), 'text/html')

beforeEach(async () => {
  await env.DB.prepare('DELETE FROM outbox').run()
})

describe('the outbox pages', () => {
  it('show who an email is from, and when it was written in words, with the exact time in <time datetime>', async () => {
    const send = outboxSender(env.DB, () => new Date('2026-12-02T07:05:09.123Z'))
    await send.sendBatch([{ from: 'Season Watch <updates@watch.example>', to: 'fan@example.com', subject: 'Filming has begun', text: 'hello', html: '<p>hello</p>' }], { key: 'k1', kind: 'update', attempts: 1 })

    const list = await page('/outbox')
    const meta = list.querySelector('li[data-to="fan@example.com"] .meta')!
    expect(meta.textContent).toContain('from Season Watch <updates@watch.example>')
    const time = meta.querySelector('time')!
    expect(time.getAttribute('datetime')).toBe('2026-12-02T07:05:09.123Z')
    expect(time.textContent).toBe('2 Dec 2026, 07:05 UTC')

    const id = /\/outbox\/(\d+)/.exec(list.querySelector('li[data-to] a')!.getAttribute('href')!)![1]
    const one = await page(`/outbox/${id}`)
    const headers = Object.fromEntries([...one.querySelectorAll('dl.headers dt')].map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]))
    expect(headers).toMatchObject({ From: 'Season Watch <updates@watch.example>', To: 'fan@example.com', Subject: 'Filming has begun', Written: '2 Dec 2026, 07:05 UTC' })
    expect(one.querySelector('dl.headers time')?.getAttribute('datetime')).toBe('2026-12-02T07:05:09.123Z')
  })

  it('say when an older email has no From kept', async () => {
    await env.DB.prepare(
      "INSERT INTO outbox (dedupe_key, kind, to_addr, subject, text, html, headers_json, created_at) VALUES ('old', 'confirm', 'x@example.com', 's', 't', 'h', '{}', '2026-01-01T00:00:00.000Z')",
    ).run()
    const list = await page('/outbox')
    expect(list.querySelector('li[data-to] .meta')!.textContent).not.toContain('from')
    const id = /\/outbox\/(\d+)/.exec(list.querySelector('li[data-to] a')!.getAttribute('href')!)![1]
    expect((await page(`/outbox/${id}`)).querySelector('dl.headers dd')?.textContent).toContain('not recorded')
  })

  it('when empty, say how an email gets there and that the queue can take a few seconds, with a reload link', async () => {
    const empty = await page('/outbox')
    const hint = empty.querySelector('p.empty')!
    expect(hint.textContent).toContain('a few seconds')
    expect([...hint.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['/', '/demo', '/outbox'])
  })
})
