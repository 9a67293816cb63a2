import { EMAIL_STYLE, EmailCard, SiteLinks } from './email-document'

/**
 * The correction email: what we wrote that was wrong, what is true now, and why. Short on
 * purpose. Every string goes through JSX (escaped) in HTML and is cleaned text in the plain
 * part; the per-recipient unsubscribe block is added by `personalizeEmail` before </body>.
 */
export interface CorrectionEmailModel {
  subject: string
  /** "All of Us Are Dead Season 2". */
  title: string
  wrong: string
  now: string
  reason: string
  /** Day of the update that carried the wrong fact ("14 Jul 2025"), when known. */
  sentOn: string | null
  siteUrl: string
  historyUrl: string
}

const S = {
  ...EMAIL_STYLE,
  h1: 'font-size:22px;line-height:1.3;margin:0 0 12px',
  label: 'font-weight:600;margin:14px 0 2px',
  p: 'margin:0 0 6px',
} as const

/** The HTML part (without the unsubscribe block). */
export function CorrectionEmailHtml(props: { model: CorrectionEmailModel }) {
  const m = props.model
  const footer = `You get this correction because an update we sent you about ${m.title} carried the wrong fact. We are sorry for the mistake.`
  return (
    <EmailCard title={m.subject} footer={footer}>
      <p style={S.meta}>Season Watch · {m.title}</p>
      <h1 style={S.h1}>{m.subject}</h1>
      <p style={S.label}>What we got wrong</p>
      <p style={S.p}>
        {m.sentOn ? `Our update of ${m.sentOn} said: ` : 'We said: '}
        {m.wrong}. That was not right.
      </p>
      <p style={S.label}>What is true now</p>
      <p style={S.p}>{m.now}</p>
      <p style={S.label}>Why</p>
      <p style={S.p}>{m.reason}</p>
      <SiteLinks siteUrl={m.siteUrl} historyUrl={m.historyUrl} />
    </EmailCard>
  )
}

/** The plain-text part. */
export function correctionEmailText(m: CorrectionEmailModel): string {
  return `${[
    m.subject,
    '',
    'WHAT WE GOT WRONG',
    `${m.sentOn ? `Our update of ${m.sentOn} said: ` : 'We said: '}${m.wrong}. That was not right.`,
    '',
    'WHAT IS TRUE NOW',
    m.now,
    '',
    'WHY',
    m.reason,
    '',
    `All facts with their sources: ${m.siteUrl}`,
    `History of changes: ${m.historyUrl}`,
    '',
    '--',
    `You get this correction because an update we sent you about ${m.title} carried the wrong fact.`,
    'We are sorry for the mistake.',
  ].join('\n')}\n`
}
