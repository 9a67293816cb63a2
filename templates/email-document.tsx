import type { Child } from 'hono/jsx'
import { HtmlDocument } from './html-document'

/**
 * What reader emails (updates, corrections, confirmations) share inside the document frame
 * (`html-document.tsx`): the grey page, the white card and the small
 * footer line under it. Inline styles only: mail clients drop <style> blocks.
 */

/** The styles reader emails share (each template adds its own for what only it shows). */
export const EMAIL_STYLE = {
  body: 'margin:0;padding:0;background:#f4f4f2;color:#1b1f24;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif',
  wrap: 'max-width:600px;margin:0 auto;padding:24px 16px',
  card: 'background:#ffffff;border:1px solid #d9dde3;border-radius:8px;padding:20px',
  meta: 'color:#4a5360;font-size:14px;margin:0 0 6px',
  link: 'color:#0b4fa8',
  small: 'color:#4a5360;font-size:13px;line-height:1.5',
  preheader: 'display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;color:#f4f4f2',
} as const

/**
 * A reader email: the card holding `children`, then `footer` in small print under it. A
 * `preheader` is the hidden line mail clients show next to the subject.
 */
export function EmailCard(props: { title: string; preheader?: string; footer: Child; children?: Child }) {
  return (
    <HtmlDocument title={props.title} bodyStyle={EMAIL_STYLE.body}>
      {props.preheader !== undefined ? <div style={EMAIL_STYLE.preheader}>{props.preheader}</div> : null}
      <div style={EMAIL_STYLE.wrap}>
        <div style={EMAIL_STYLE.card}>{props.children}</div>
        <p style={EMAIL_STYLE.small}>{props.footer}</p>
      </div>
    </HtmlDocument>
  )
}

/** The two links every reader email ends its card with: the facts page and the history. */
export function SiteLinks(props: { siteUrl: string; historyUrl: string }) {
  return (
    <p style="margin:20px 0 0">
      <a href={props.siteUrl} style={EMAIL_STYLE.link}>
        All facts with their sources
      </a>{' '}
      ·{' '}
      <a href={props.historyUrl} style={EMAIL_STYLE.link}>
        History of changes
      </a>
    </p>
  )
}
