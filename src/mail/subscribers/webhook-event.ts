import { z } from 'zod'

/** The part of a Resend webhook we act on; other event types are acknowledged and ignored. */
const webhookEventSchema = z.object({
  type: z.string().max(100),
  data: z
    .object({
      email_id: z.string().max(200).optional(),
      to: z.union([z.array(z.string().max(320)).max(100), z.string().max(320)]).optional(),
    })
    .loose(),
})

export type WebhookAction = { kind: 'bounce' | 'complaint'; addresses: string[]; emailId: string | null } | { kind: 'ignore'; type: string }

/** Parses a verified webhook body into what to do. Returns null for a malformed body. */
export function readWebhookEvent(rawBody: string): WebhookAction | null {
  let json: unknown
  try {
    json = JSON.parse(rawBody)
  } catch {
    return null
  }
  const parsed = webhookEventSchema.safeParse(json)
  if (!parsed.success) return null
  const { type, data } = parsed.data
  if (type !== 'email.bounced' && type !== 'email.complained') return { kind: 'ignore', type }
  const to = data.to === undefined ? [] : Array.isArray(data.to) ? data.to : [data.to]
  // Resend may send "Name <addr>"; keep the address part, normalised like the form does.
  const addresses = to.map((t) => (/<([^<>]+)>\s*$/.exec(t)?.[1] ?? t).trim().toLowerCase()).filter((a) => a.includes('@'))
  return { kind: type === 'email.bounced' ? 'bounce' : 'complaint', addresses, emailId: data.email_id ?? null }
}
