/**
 * Renders the correction email for a retracted fact (pure). It goes out as an edition of its
 * own, through the same notifier, Queue and consumer as updates, so recipients are planned,
 * filtered and personalised (unsubscribe link) exactly like an update's.
 */
import type { CorrectionNote } from '../../core/editorial'
import { formatDay } from '../../site/format'
import { cleanText } from '../render/clean-text'
import type { RenderedEmail } from './notifier'
import { CorrectionEmailHtml, correctionEmailText, type CorrectionEmailModel } from '../../../templates/email-correction'

export interface CorrectionEmailInput {
  note: CorrectionNote
  showTitle: string
  season: number
  publicUrl: string
  /** When the update with the wrong fact went out (ISO), when known. */
  sentAt: string | null
}

/** The correction email, without the per-recipient unsubscribe block. */
export function renderCorrectionEmail(input: CorrectionEmailInput): RenderedEmail {
  const title = cleanText(`${input.showTitle} Season ${input.season}`, 120)
  const model: CorrectionEmailModel = {
    subject: cleanText(`Correction: ${title}`, 140),
    title,
    wrong: cleanText(input.note.wrong, 300),
    now: cleanText(input.note.now, 300),
    reason: cleanText(input.note.reason, 500),
    sentOn: input.sentAt ? formatDay(input.sentAt.slice(0, 10)) : null,
    siteUrl: `${input.publicUrl}/`,
    historyUrl: `${input.publicUrl}/history`,
  }
  return { subject: model.subject, text: correctionEmailText(model), html: String(CorrectionEmailHtml({ model })) }
}
