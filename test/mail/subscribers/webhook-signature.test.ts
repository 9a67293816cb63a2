import { describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhook } from '../../../src/mail/subscribers/webhook-signature'
import { WEBHOOK_SECRET } from './helpers'

const body = JSON.stringify({ type: 'email.bounced', data: { to: ['a@example.com'] } })
// The SDK's verify also checks the timestamp against the real clock, so the spec signs at real time.
const now = new Date(Math.floor(Date.now() / 1000) * 1000)
const ts = Math.floor(now.getTime() / 1000)

describe('Svix webhook signatures', () => {
  it('accept a valid signature, also among several (secret rotation)', async () => {
    const sig = await signWebhook(WEBHOOK_SECRET, 'msg_1', ts, body)
    expect(await verifyWebhook(WEBHOOK_SECRET, { id: 'msg_1', timestamp: String(ts), signature: sig }, body, now)).toEqual({ ok: true })
    const many = `v1,bm90LXRoaXMtb25l ${sig} v2,whatever`
    expect(await verifyWebhook(WEBHOOK_SECRET, { id: 'msg_1', timestamp: String(ts), signature: many }, body, now)).toEqual({ ok: true })
  })

  it('verify with the resend SDK over the raw body, JSON or not', async () => {
    const raw = 'not json'
    const sig = await signWebhook(WEBHOOK_SECRET, 'msg_3', ts, raw)
    expect(await verifyWebhook(WEBHOOK_SECRET, { id: 'msg_3', timestamp: String(ts), signature: sig }, raw, now)).toEqual({ ok: true })
    expect(await verifyWebhook(WEBHOOK_SECRET, { id: 'msg_3', timestamp: String(ts), signature: sig }, 'not jsom', now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(await verifyWebhook('whsec_!!not-base64!!', { id: 'msg_3', timestamp: String(ts), signature: sig }, raw, now)).toEqual({ ok: false, reason: 'bad-secret' })
  })

  it('reject a changed body, id or timestamp, a wrong secret, stale times and missing headers', async () => {
    const sig = await signWebhook(WEBHOOK_SECRET, 'msg_1', ts, body)
    const h = { id: 'msg_1', timestamp: String(ts), signature: sig }
    expect(await verifyWebhook(WEBHOOK_SECRET, h, `${body} `, now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(await verifyWebhook(WEBHOOK_SECRET, { ...h, id: 'msg_2' }, body, now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(await verifyWebhook('whsec_b3RoZXItc2VjcmV0LWtleQ==', h, body, now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(await verifyWebhook(WEBHOOK_SECRET, h, body, new Date(now.getTime() + 6 * 60_000))).toEqual({ ok: false, reason: 'stale' })
    expect(await verifyWebhook(WEBHOOK_SECRET, h, body, new Date(now.getTime() - 6 * 60_000))).toEqual({ ok: false, reason: 'stale' })
    expect(await verifyWebhook(WEBHOOK_SECRET, { ...h, signature: null }, body, now)).toEqual({ ok: false, reason: 'missing-headers' })
    expect(await verifyWebhook(WEBHOOK_SECRET, { ...h, timestamp: 'soon' }, body, now)).toEqual({ ok: false, reason: 'stale' })
  })
})
