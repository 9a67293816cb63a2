import type { Change, Facts } from '../core/types'
import type { RenderedEmail } from '../notify/notifier'

export interface RenderEmailInput {
  changes: Change[]
  facts: Facts
  showTitle: string
  season: number
  publicUrl: string
  /** Per-recipient link; omitted in previews and the replay. */
  unsubscribeUrl?: string
}

/**
 * Renders the update email for a run's material changes. Placeholder until the email issue
 * lands its templates: plain text only, same shape.
 */
export function renderUpdateEmail(input: RenderEmailInput): RenderedEmail {
  const material = input.changes.filter((c) => c.material)
  const subject = `${input.showTitle} Season ${input.season}: ${material.length} update(s)`
  const text = material.map((c) => `- ${c.field}: ${JSON.stringify(c.to)}\n  ${c.evidence ?? ''}\n  ${c.sources.join(' ')}`).join('\n')
  return { subject, text, html: `<pre>${text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)}</pre>` }
}
