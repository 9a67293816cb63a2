import { EmailDocument } from './email-document'

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
  body: 'margin:0;padding:0;background:#f4f4f2;color:#1b1f24;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif',
  wrap: 'max-width:600px;margin:0 auto;padding:24px 16px',
  card: 'background:#ffffff;border:1px solid #d9dde3;border-radius:8px;padding:20px',
  h1: 'font-size:22px;line-height:1.3;margin:0 0 12px',
  meta: 'color:#4a5360;font-size:14px;margin:0 0 6px',
  label: 'font-weight:600;margin:14px 0 2px',
  p: 'margin:0 0 6px',
  link: 'color:#0b4fa8',
  small: 'color:#4a5360;font-size:13px;line-height:1.5',
} as const

/** The HTML part (without the unsubscribe block). */
export function CorrectionEmailHtml(props: { model: CorrectionEmailModel }) {
  const m = props.model
  return (
    <EmailDocument title={m.subject} bodyStyle={S.body}>
      <div style={S.wrap}>
        <div style={S.card}>
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
          <p style="margin:20px 0 0">
            <a href={m.siteUrl} style={S.link}>
              All facts with their sources
            </a>{' '}
            ·{' '}
            <a href={m.historyUrl} style={S.link}>
              History of changes
            </a>
          </p>
        </div>
        <p style={S.small}>
          You get this correction because an update we sent you about {m.title} carried the wrong fact. We are sorry for
          the mistake.
        </p>
      </div>
    </EmailDocument>
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
