import { beforeEach, describe, expect, it } from 'vitest'
import { call, clearTables, makeApp, nextIp, rowFor, testEnv } from './helpers'

const app = makeApp()
beforeEach(clearTables)

describe('POST /subscribe with a body that is not a form', () => {
  it.each(['text/plain', 'application/xml', 'application/octet-stream', ''])('answers 415 to content type "%s" and says what to send', async (type) => {
    const e = testEnv()
    const headers: Record<string, string> = { 'cf-connecting-ip': nextIp() }
    if (type) headers['content-type'] = type
    const res = await call(app, e, '/subscribe', { method: 'POST', headers, body: 'email=fan@example.com' })
    expect(res.status).toBe(415)
    expect(await res.text()).toMatch(/application\/x-www-form-urlencoded, multipart\/form-data or application\/json/)
    expect(await rowFor('fan@example.com')).toBeNull()
    expect(e.EMAIL_QUEUE.jobs).toEqual([])
  })

  it('answers JSON clients in JSON', async () => {
    const res = await call(app, testEnv(), '/subscribe', { method: 'POST', headers: { 'content-type': 'text/plain', accept: 'application/json', 'cf-connecting-ip': nextIp() }, body: 'x' })
    expect(res.status).toBe(415)
    expect(await res.json()).toEqual({ ok: false, error: expect.stringMatching(/application\/json/) })
  })
})
