import { CHOICE_LABELS, type Choice } from '../src/mail/subscribers/choices'
import { WHY_A_BUTTON } from './confirm-page'
import { EMAIL_STYLE, EmailCard } from './email-document'

/** What the confirmation email needs; `confirmUrl` opens a page with a button (GET changes nothing). */
export interface ConfirmEmailProps {
  confirmUrl: string
  siteUrl: string
  /** Human time the link stops working ("48 hours"). */
  validFor: string
  /** The seasons the link applies, each with what the person asked to hear about. */
  seasons?: { title: string; choice: Choice }[]
  /** The address is already subscribed: the link confirms added seasons or changed choices. */
  change?: boolean
  /** For a change: the manage page, to see or change everything else. */
  manageUrl?: string | null
  manageValidFor?: string
}

/** The subject line: a first subscription, or a change to one. */
export function confirmEmailSubject(change = false): string {
  return change ? 'Confirm the changes to your Season Watch subscription' : 'Confirm your Season Watch subscription'
}

/** The plain subject of a first confirmation (tests and the outbox look for it). */
export const CONFIRM_EMAIL_SUBJECT = confirmEmailSubject(false)

function intro(change: boolean): string {
  return change
    ? 'Someone, hopefully you, asked Season Watch to change what this address gets emails about. To confirm, open the link below and press the button on the page it opens.'
    : 'Someone, hopefully you, asked Season Watch to email this address when a fact about a season materially changes. To confirm, open the link below and press the button on the page it opens.'
}

/** The small grey notes under the button. */
const NOTE = 'color:#4a5360;font-size:14px'

/** HTML part of the double opt-in email. */
export function ConfirmEmailHtml(props: ConfirmEmailProps) {
  const change = props.change ?? false
  const seasons = props.seasons ?? []
  const button = change ? 'Confirm these changes' : 'Confirm my subscription'
  const footer = (
    <>
      Season Watch ·{' '}
      <a href={props.siteUrl} style={EMAIL_STYLE.link}>
        {props.siteUrl}
      </a>
    </>
  )
  return (
    <EmailCard title={confirmEmailSubject(change)} footer={footer}>
      <h1 style="font-size:22px;margin:0 0 12px">{change ? 'Confirm the changes' : 'Confirm your subscription'}</h1>
      <p>{intro(change)}</p>
      {seasons.length > 0 ? (
        <>
          <p style="margin-bottom:4px">{change ? 'What changes:' : 'You asked for:'}</p>
          <ul style="margin-top:0">
            {seasons.map((s) => (
              <li>
                <strong>{s.title}</strong>: {CHOICE_LABELS[s.choice].toLowerCase()}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p style={NOTE}>Why two steps? {WHY_A_BUTTON}</p>
      <p style="margin:20px 0">
        <a href={props.confirmUrl} style="display:inline-block;background:#7a1f1f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">
          {button}
        </a>
      </p>
      <p style={NOTE}>The link works for {props.validFor}. If you did not ask for this, ignore this email: nothing will change.</p>
      {props.manageUrl ? (
        <p style={NOTE}>
          To see or change all your seasons,{' '}
          <a href={props.manageUrl} style={EMAIL_STYLE.link}>
            manage your subscription
          </a>{' '}
          (this link works for {props.manageValidFor}).
        </p>
      ) : null}
    </EmailCard>
  )
}

/** Plain-text part of the double opt-in email. */
export function confirmEmailText(props: ConfirmEmailProps): string {
  const change = props.change ?? false
  const seasons = props.seasons ?? []
  const lines = [change ? 'Confirm the changes' : 'Confirm your subscription', '', intro(change), '']
  if (seasons.length > 0) {
    lines.push(change ? 'What changes:' : 'You asked for:')
    for (const s of seasons) lines.push(`- ${s.title}: ${CHOICE_LABELS[s.choice].toLowerCase()}`)
    lines.push('')
  }
  lines.push(props.confirmUrl, '', `Why two steps? ${WHY_A_BUTTON}`, '', `The link works for ${props.validFor}. If you did not ask for this, ignore this email: nothing will change.`)
  if (props.manageUrl) lines.push('', `To see or change all your seasons (this link works for ${props.manageValidFor}):`, props.manageUrl)
  lines.push('', '--', `Season Watch · ${props.siteUrl}`, '')
  return lines.join('\n')
}
