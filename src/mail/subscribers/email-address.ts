import { z } from 'zod'

/** RFC 5321 caps a path at 256 octets, i.e. 254 characters for the address itself. */
export const MAX_EMAIL_LENGTH = 254

/**
 * An address as the form sends it: trimmed, checked, then lower-cased so the same mailbox
 * typed twice is one subscriber (virtually every provider treats the local part
 * case-insensitively). zod's email check also rules out spaces and line breaks, so an address
 * can never inject a header.
 */
export const emailAddressSchema = z
  .string({ error: 'Enter your email address.' })
  .trim()
  .min(1, 'Enter your email address.')
  .max(MAX_EMAIL_LENGTH, `That address is longer than ${MAX_EMAIL_LENGTH} characters.`)
  .pipe(z.email({ error: 'That does not look like an email address.' }))
  .transform((s) => s.toLowerCase())
