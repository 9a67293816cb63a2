import { describe, expect, it } from 'vitest'
import { signWebhook, verifyWebhook } from '../../../src/mail/subscribers/webhook-signature'
import { WEBHOOK_SECRET } from './helpers'

const body = JSON.stringify({ type: 'email.bounced', data: { to: ['a@example.com'] } })
const now = new Date('2026-03-01T12:00:00Z')
const ts = Math.floor(now.getTime() / 1000)

describe('Svix webhook signatures', () => {
  it('accept a valid signature, also among several (secret rotation)', async () => {
    const sig = await signWebhook(WEBHOOK_SECRET, 'msg_1', ts, body)
    expect(await verifyWebhook(WEBHOOK_SECRET, { id: 'msg_1', timestamp: String(ts), signature: sig }, body, now)).toEqual({ ok: true })
    const many = `v1,bm90LXRoaXMtb25l ${sig} v2,whatever`
    expect(await verifyWebhook(WEBHOOK_SECRET, { id: 'msg_1', timestamp: String(ts), signature: many }, body, now)).toEqual({ ok: true })
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
