import { raw } from 'hono/html'
import { WHY_A_BUTTON } from './confirm-page'

/** What the confirmation email needs; `confirmUrl` opens a page with a button (GET changes nothing). */
export interface ConfirmEmailProps {
  confirmUrl: string
  siteUrl: string
  /** Human time the link stops working ("48 hours"). */
  validFor: string
}

export const CONFIRM_EMAIL_SUBJECT = 'Confirm your Season Watch subscription'

/** HTML part of the double opt-in email. */
export function ConfirmEmailHtml(props: ConfirmEmailProps) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{CONFIRM_EMAIL_SUBJECT}</title>
        </head>
        <body style='margin:0;padding:0;background:#f4f4f2;color:#1b1f24;font:16px/1.5 -apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif'>
          <div style="max-width:600px;margin:0 auto;padding:24px 16px">
            <div style="background:#ffffff;border:1px solid #d9dde3;border-radius:8px;padding:20px">
              <h1 style="font-size:22px;margin:0 0 12px">Confirm your subscription</h1>
              <p>
                Someone, hopefully you, asked Season Watch to email this address when a fact about the season materially
                changes. To confirm, open the link below and press the button on the page it opens.
              </p>
              <p style="color:#4a5360;font-size:14px">Why two steps? {WHY_A_BUTTON}</p>
              <p style="margin:20px 0">
                <a href={props.confirmUrl} style="display:inline-block;background:#7a1f1f;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;font-weight:600">
                  Confirm my subscription
                </a>
              </p>
              <p style="color:#4a5360;font-size:14px">
                The link works for {props.validFor}. If you did not ask for this, ignore this email: nothing will be sent
                to you.
              </p>
            </div>
            <p style="color:#4a5360;font-size:13px">
              Season Watch · <a href={props.siteUrl} style="color:#0b4fa8">{props.siteUrl}</a>
            </p>
          </div>
        </body>
      </html>
    </>
  )
}

/** Plain-text part of the double opt-in email. */
export function confirmEmailText(props: ConfirmEmailProps): string {
  return [
    'Confirm your subscription',
    '',
    'Someone, hopefully you, asked Season Watch to email this address when a fact about the',
    'season materially changes. To confirm, open this link and press the button on the page:',
    '',
    props.confirmUrl,
    '',
    `Why two steps? ${WHY_A_BUTTON}`,
    '',
    `The link works for ${props.validFor}. If you did not ask for this, ignore this email:`,
    'nothing will be sent to you.',
    '',
    '--',
    `Season Watch · ${props.siteUrl}`,
    '',
  ].join('\n')
}
