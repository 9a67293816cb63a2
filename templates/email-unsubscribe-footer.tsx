/**
 * The per-recipient part of every update email: leave this season (one click, no login), and
 * the manage link (change seasons and choices). Kept apart from the edition's body so the body
 * is rendered once per choice and this once per person.
 */
export function UnsubscribeFooterHtml(props: { unsubscribeUrl: string; manageUrl?: string | undefined }) {
  return (
    <div style="max-width:600px;margin:0 auto;padding:0 16px 24px;color:#4a5360;font-size:13px;line-height:1.5">
      Don't want these any more?{' '}
      <a href={props.unsubscribeUrl} style="color:#0b4fa8">
        Unsubscribe
      </a>{' '}
      from this season (one click, no login; you can leave everything there too).
      {props.manageUrl ? (
        <>
          {' '}
          Or{' '}
          <a href={props.manageUrl} style="color:#0b4fa8">
            change your seasons and what you hear about
          </a>
          .
        </>
      ) : null}
    </div>
  )
}

/** The same, for the plain-text part. */
export function unsubscribeFooterText(props: { unsubscribeUrl: string; manageUrl?: string | undefined }): string {
  const lines = [`Unsubscribe from this season (one click, no login): ${props.unsubscribeUrl}`]
  if (props.manageUrl) lines.push(`Change your seasons and what you hear about: ${props.manageUrl}`)
  return `${lines.join('\n')}\n`
}
