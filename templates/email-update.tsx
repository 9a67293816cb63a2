import { EMAIL_STYLE, EmailCard, SiteLinks } from './email-document'
import type { ChangeItem, SourceItem, UpdateEmailModel } from '../src/mail/render/update-email-model'

/**
 * The HTML part of an update email. Inline styles only (mail clients drop <style> blocks and
 * never run scripts); every model string goes through JSX, which escapes it. The footer here
 * says why the reader gets the email; the per-recipient unsubscribe block is added by
 * `personalizeEmail` just before </body>.
 */

const S = {
  ...EMAIL_STYLE,
  h1: 'font-size:22px;line-height:1.3;margin:0 0 8px',
  h2: 'font-size:17px;margin:24px 0 8px;border-bottom:2px solid #d9dde3;padding-bottom:4px',
  h3: 'font-size:16px;margin:0 0 4px',
  quote: 'margin:6px 0;padding:4px 12px;border-left:3px solid #d9dde3;color:#2c333c;font-size:15px',
} as const

function Source(props: { source: SourceItem }) {
  const { source } = props
  const date = source.published ? ` (${source.published})` : ''
  return (
    <li>
      <a href={source.href} style={S.link}>
        {source.label}
      </a>
      {date}
    </li>
  )
}

function Change(props: { change: ChangeItem }) {
  const { change } = props
  const meta = [change.certainty, change.date].filter(Boolean).join(' · ')
  return (
    <div style="margin:0 0 18px">
      {change.headlines.map((headline) => (
        <h3 style={S.h3}>{headline}</h3>
      ))}
      {meta ? <p style={S.meta}>{meta}</p> : null}
      {change.evidence ? <blockquote style={S.quote}>“{change.evidence}”</blockquote> : null}
      {change.sources.length > 0 ? (
        <ul style="margin:4px 0 0;padding-left:20px;font-size:14px">
          {change.sources.map((s) => (
            <Source source={s} />
          ))}
        </ul>
      ) : null}
    </div>
  )
}

/** The whole HTML document for one update email (without the unsubscribe block). */
export function UpdateEmailHtml(props: { model: UpdateEmailModel }) {
  const m = props.model
  const footer = (
    <>
      You get this email because you subscribed to Season Watch updates about {m.title}
      {m.choiceNote ? ` (${m.choiceNote})` : ''} and confirmed your address. We write only when a fact materially
      changes.
    </>
  )
  return (
    <EmailCard title={m.subject} preheader={m.preheader} footer={footer}>
      <p style={S.meta}>Season Watch · {m.title}</p>
      <h1 style={S.h1}>{m.subject}</h1>
      <h2 style={S.h2}>What changed</h2>
      {m.changes.map((c) => (
        <Change change={c} />
      ))}
      <h2 style={S.h2}>The facts now</h2>
      <table role="presentation" style="border-collapse:collapse;width:100%;font-size:15px">
        {m.facts.map((f) => (
          <tr>
            <th scope="row" style="text-align:left;vertical-align:top;padding:4px 12px 4px 0;white-space:nowrap">
              {f.label}
            </th>
            <td style="padding:4px 0">
              {f.value}
              {f.certainty || f.asOf ? (
                <span style={S.meta}> ({[f.certainty, f.asOf ? `as of ${f.asOf}` : null].filter(Boolean).join(', ')})</span>
              ) : null}
            </td>
          </tr>
        ))}
      </table>
      {m.cast.length > 0 ? (
        <>
          <h3 style="font-size:15px;margin:12px 0 4px">Cast</h3>
          <ul style="margin:0;padding-left:20px;font-size:15px">
            {m.cast.map((c) => (
              <li>
                {c.actor}
                {c.role ? ` as ${c.role}` : ''} ({c.status})
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {m.calendarUrl ? (
        <p style="margin:12px 0 0">
          <a href={m.calendarUrl} style={S.link}>
            Add the premiere to your calendar
          </a>{' '}
          (an .ics file; it updates if the date moves)
        </p>
      ) : null}
      <SiteLinks siteUrl={m.siteUrl} historyUrl={m.historyUrl} />
    </EmailCard>
  )
}
