/** WebCrypto HMAC-SHA256 helpers shared by link tokens, webhook checks and address hashes. */

const encoder = new TextEncoder()
const keyCache = new Map<string, Promise<CryptoKey>>()

/** Imports (once per secret) an HMAC-SHA256 key from raw bytes or a UTF-8 string. */
function importHmacKey(secret: string | Uint8Array): Promise<CryptoKey> {
  const id = typeof secret === 'string' ? `s:${secret}` : `b:${toBase64(secret)}`
  let key = keyCache.get(id)
  if (!key) {
    const raw = typeof secret === 'string' ? encoder.encode(secret) : secret
    key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
    keyCache.set(id, key)
  }
  return key
}

/** HMAC-SHA256 of a UTF-8 message. */
export async function hmacSign(secret: string | Uint8Array, message: string): Promise<Uint8Array> {
  const key = await importHmacKey(secret)
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)))
}

/** Checks a MAC in constant time (WebCrypto's verify compares without early exit). */
export async function hmacVerify(secret: string | Uint8Array, message: string, mac: Uint8Array): Promise<boolean> {
  const key = await importHmacKey(secret)
  return crypto.subtle.verify('HMAC', key, mac, encoder.encode(message))
}

export function toBase64(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += String.fromCharCode(b)
  return btoa(s)
}

/** Decodes standard or URL-safe base64; null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
  const std = text.replace(/-/g, '+').replace(/_/g, '/')
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(std)) return null
  try {
    const bin = atob(std + '='.repeat((4 - (std.length % 4)) % 4))
    return Uint8Array.from(bin, (c) => c.charCodeAt(0))
  } catch {
    return null
  }
}

export function toBase64Url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
