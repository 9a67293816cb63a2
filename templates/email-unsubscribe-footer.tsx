/**
 * The per-recipient part of every update email: the one-click unsubscribe link. Kept apart
 * from the edition's body so the body is rendered once per edition and this once per person.
 */
export function UnsubscribeFooterHtml(props: { url: string }) {
  return (
    <div style="max-width:600px;margin:0 auto;padding:0 16px 24px;color:#4a5360;font-size:13px;line-height:1.5">
      Don't want these any more?{' '}
      <a href={props.url} style="color:#0b4fa8">
        Unsubscribe
      </a>{' '}
      (one click, no login).
    </div>
  )
}

/** The same, for the plain-text part. */
export function unsubscribeFooterText(url: string): string {
  return `Unsubscribe (one click, no login): ${url}\n`
}
