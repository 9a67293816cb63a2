import { describe, expect, it } from 'vitest'
import { signLinkToken, verifyLinkToken } from '../../../src/mail/subscribers/link-token'

const KEY = 'k-0123456789'

describe('link tokens', () => {
  it('round-trip and are deterministic', async () => {
    const a = await signLinkToken(KEY, 'unsubscribe', 42, null)
    expect(a).toBe(await signLinkToken(KEY, 'unsubscribe', 42, null))
    expect(await verifyLinkToken(KEY, 'unsubscribe', a)).toEqual({ ok: true, subscriberId: 42, expiresAt: null, scope: '' })
    expect(a).toMatch(/^[A-Za-z0-9._-]+$/)
  })

  it('reject forged, tampered, wrong-key, wrong-purpose and expired tokens', async () => {
    const now = new Date('2026-01-01T00:00:00Z')
    const exp = now.getTime() / 1000 + 60
    const good = await signLinkToken(KEY, 'confirm', 7, exp)
    expect((await verifyLinkToken(KEY, 'confirm', good, now)).ok).toBe(true)
    expect(await verifyLinkToken(KEY, 'confirm', good.replace('.7.', '.8.'), now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(await verifyLinkToken('other-key', 'confirm', good, now)).toEqual({ ok: false, reason: 'bad-signature' })
    expect(await verifyLinkToken(KEY, 'unsubscribe', good, now)).toEqual({ ok: false, reason: 'wrong-purpose' })
    expect(await verifyLinkToken(KEY, 'confirm', good, new Date(now.getTime() + 61_000))).toEqual({ ok: false, reason: 'expired' })
    // The MAC's last character carries two unused bits: a token changed only there is refused too.
    const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const sibling = ALPHABET[ALPHABET.indexOf(good.at(-1)!) ^ 1]!
    expect((await verifyLinkToken(KEY, 'confirm', good.slice(0, -1) + sibling, now)).ok).toBe(false)
    for (const junk of ['', 'v1', 'v1.c.1.0.', '../../etc', 'x'.repeat(500), null, 42, { a: 1 }]) {
      expect(await verifyLinkToken(KEY, 'confirm', junk, now)).toEqual({ ok: false, reason: 'malformed' })
    }
  })
})
