/**
 * Content hashing for change detection: an unchanged page hashes the same, so it is not parsed again.
 */

/** SHA-256 of the text's UTF-8 bytes, as 64 lowercase hex characters. */
export async function hashText(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  let hex = ''
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0')
  return hex
}
