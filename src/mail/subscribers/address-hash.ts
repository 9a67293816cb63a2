import { hmacSign, toHex } from './hmac'

/**
 * A keyed hash of an address for the bounce suppression list: lets us recognise a bounced
 * address again without keeping it (a plain SHA-256 of an address is easy to reverse).
 */
export async function hashAddress(signingKey: string, email: string): Promise<string> {
  return toHex(await hmacSign(signingKey, `season-watch/address/${email}`))
}
