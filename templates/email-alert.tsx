import { HtmlDocument } from './html-document'

/**
 * An email to maintainers (an edition waits for review, a source keeps failing, a run failed).
 * Plain and short; scraped text (error messages, evidence) goes through JSX, which escapes it.
 */
export interface AlertEmailModel {
  subject: string
  /** Paragraphs, in order. */
  lines: string[]
  /** The one thing to click (the review page, the admin), when there is one. */
  action: { label: string; href: string } | null
}

/** The HTML part. */
export function AlertEmailHtml(props: { model: AlertEmailModel }) {
  const m = props.model
  return (
    <HtmlDocument title={m.subject} bodyStyle="margin:0;padding:16px;color:#1b1f24;font:15px/1.5 -apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif">
      <p style="color:#4a5360;font-size:13px;margin:0 0 8px">Season Watch · maintainer alert</p>
      <h1 style="font-size:19px;margin:0 0 12px">{m.subject}</h1>
      {m.lines.map((line) => (
        <p style="margin:0 0 8px">{line}</p>
      ))}
      {m.action ? (
        <p style="margin:16px 0 0">
          <a href={m.action.href} style="color:#0b4fa8">
            {m.action.label}
          </a>
        </p>
      ) : null}
    </HtmlDocument>
  )
}

/** The plain-text part. */
export function alertEmailText(m: AlertEmailModel): string {
  return `${[m.subject, '', ...m.lines.flatMap((l) => [l, '']), ...(m.action ? [`${m.action.label}: ${m.action.href}`] : [])].join('\n').trimEnd()}\n`
}
