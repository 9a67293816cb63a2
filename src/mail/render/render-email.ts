import type { Change, Facts } from '../../core/types'
import type { EmailVariant, RenderedEmail } from '../delivery/notifier'
import { changesForChoice, CHOICES, type Choice } from '../subscribers/choices'
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
  /** The subject's slug: links go to its pages (`/s/<slug>/`), and a confirmed date to its calendar file. */
  slug?: string
  /** Which subscribers this copy is for (`all` by default); said in the footer. */
  choice?: Choice
  /** Per-recipient link; omitted in previews and the replay. */
  unsubscribeUrl?: string
}

/** One recipient's links, added to their copy of an edition's email. */
export interface RecipientLinks {
  /** Leaves the season the email is about (the page offers leaving everything too). */
  unsubscribeUrl: string
  /** The manage page: change seasons and choices. */
  manageUrl?: string
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
 * An edition's emails: the one for subscribers who hear about everything (`email`), and one per
 * other choice that includes at least one of the changes, rendered from only those changes
 * (`variants`). A choice with no variant gets no email for this edition. One render per choice,
 * never per person.
 */
export function renderEditionEmails(input: Omit<RenderEmailInput, 'choice' | 'unsubscribeUrl'>): { email: RenderedEmail; variants: EmailVariant[] } {
  const email = renderUpdateEmail({ ...input, choice: 'all' })
  const variants: EmailVariant[] = []
  for (const choice of CHOICES) {
    if (choice === 'all') continue
    const changes = changesForChoice(choice, input.changes.filter((c) => c.material))
    if (changes.length > 0) variants.push({ choice, email: renderUpdateEmail({ ...input, changes, choice }) })
  }
  return { email, variants }
}

/**
 * For an email that is not split by change (a correction of one change): the same email for every
 * choice other than `all` that includes one of `changes`, so it reaches exactly the subscribers the
 * corrected update reached.
 */
export function sameEmailForChoices(changes: readonly Change[], email: RenderedEmail): EmailVariant[] {
  return CHOICES.filter((c): c is EmailVariant['choice'] => c !== 'all' && changesForChoice(c, changes).length > 0).map((choice) => ({ choice, email }))
}

/**
 * Adds one recipient's links to an edition's email: in HTML just before the last </body> (the
 * body's scraped text is escaped, so it cannot contain a literal </body>), in text as the last
 * lines. Structural, not a placeholder swap, so no scraped string can smuggle in a fake link.
 */
export function personalizeEmail(email: RenderedEmail, links: string | RecipientLinks): RenderedEmail {
  return emailPersonalizer(email)(typeof links === 'string' ? { unsubscribeUrl: links } : links)
}

/**
 * `personalizeEmail` for many recipients of one email: the email is split once, and each
 * recipient's copy is then just their footer joined in.
 */
export function emailPersonalizer(email: RenderedEmail): (links: RecipientLinks) => RenderedEmail {
  const at = email.html.toLowerCase().lastIndexOf('</body>')
  const [before, after] = at >= 0 ? [email.html.slice(0, at), email.html.slice(at)] : [email.html, '']
  const text = email.text.replace(/\n*$/, '\n')
  return (links) => ({
    subject: email.subject,
    text: `${text}${unsubscribeFooterText(links)}`,
    html: `${before}${String(UnsubscribeFooterHtml(links))}${after}`,
  })
}
