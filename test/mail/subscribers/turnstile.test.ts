import { describe, expect, it } from 'vitest'
import { SITEVERIFY_URL, TURNSTILE_TEST_SECRETS, verifyTurnstile } from '../../../src/mail/subscribers/turnstile'
import { fakeSiteverify } from './fake-siteverify'

describe('verifyTurnstile', () => {
  it('passes with the always-pass test secret and fails with the always-fail one', async () => {
    const fake = fakeSiteverify()
    expect(await verifyTurnstile(TURNSTILE_TEST_SECRETS.pass, 'XXXX.DUMMY.TOKEN.XXXX', '203.0.113.9', fake.fetch)).toEqual({ ok: true })
    expect(await verifyTurnstile(TURNSTILE_TEST_SECRETS.fail, 'XXXX.DUMMY.TOKEN.XXXX', null, fake.fetch)).toEqual({ ok: false, codes: ['invalid-input-response'] })
    expect(fake.calls).toHaveLength(2)
    expect(fake.calls[0]).toMatchObject({ url: SITEVERIFY_URL, secret: TURNSTILE_TEST_SECRETS.pass, response: 'XXXX.DUMMY.TOKEN.XXXX', remoteip: '203.0.113.9' })
  })

  it('fails closed without a token or when siteverify is unreachable', async () => {
    const fake = fakeSiteverify()
    expect(await verifyTurnstile(TURNSTILE_TEST_SECRETS.pass, '', null, fake.fetch)).toEqual({ ok: false, codes: ['missing-input-response'] })
    expect(fake.calls).toHaveLength(0)
    const down = (async () => {
      throw new TypeError('network down')
    }) as unknown as typeof fetch
    expect(await verifyTurnstile(TURNSTILE_TEST_SECRETS.pass, 'tok', null, down)).toEqual({ ok: false, codes: ['network-error'] })
  })
})
