import type { Change, Facts } from '../../core/types'
import type { RenderedEmail } from '../delivery/notifier'
import { UpdateEmailHtml } from '../../../templates/email-update'
import { updateEmailText } from '../../../templates/email-update-text'
import { UnsubscribeFooterHtml, unsubscribeFooterText } from '../../../templates/email-unsubscribe-footer'
import { buildUpdateEmailModel } from './update-email-model'

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
 * Renders the update email for a run's material changes: a subject naming the biggest change,
 * each material change with its evidence, sources and dates, the current fact sheet, and a
 * footer saying why the reader gets it. Pure. With `unsubscribeUrl`, the result is exactly
 * `personalizeEmail(renderUpdateEmail(input without it), unsubscribeUrl)`.
 */
export function renderUpdateEmail(input: RenderEmailInput): RenderedEmail {
  const model = buildUpdateEmailModel(input)
  const email: RenderedEmail = {
    subject: model.subject,
    text: updateEmailText(model),
    html: String(UpdateEmailHtml({ model })),
  }
  return input.unsubscribeUrl ? personalizeEmail(email, input.unsubscribeUrl) : email
}

/**
 * Adds one recipient's unsubscribe link to an edition's email: in HTML just before the last
 * </body> (the body's scraped text is escaped, so it cannot contain a literal </body>), in
 * text as the last line. Structural, not a placeholder swap, so no scraped string can
 * smuggle in a fake link.
 */
export function personalizeEmail(email: RenderedEmail, unsubscribeUrl: string): RenderedEmail {
  return emailPersonalizer(email)(unsubscribeUrl)
}

/**
 * `personalizeEmail` for many recipients of one email: the email is split once, and each
 * recipient's copy is then just their footer joined in.
 */
export function emailPersonalizer(email: RenderedEmail): (unsubscribeUrl: string) => RenderedEmail {
  const at = email.html.toLowerCase().lastIndexOf('</body>')
  const [before, after] = at >= 0 ? [email.html.slice(0, at), email.html.slice(at)] : [email.html, '']
  const text = email.text.replace(/\n*$/, '\n')
  return (url) => ({
    subject: email.subject,
    text: `${text}${unsubscribeFooterText(url)}`,
    html: `${before}${String(UnsubscribeFooterHtml({ url }))}${after}`,
  })
}
