import { Layout } from './layout'

/**
 * Pages of the double opt-in. The link in the email lands on `ConfirmPage`, whose button
 * POSTs: a GET never changes anything, because mail scanners open links.
 */

/** Why confirming takes a button press after the link: said once, in the email and on the page. */
export const WHY_A_BUTTON = 'Mail scanners open links by themselves; a button press shows a person said yes.'

/**
 * After the form: the same words whether the address was new, pending or already subscribed.
 * In the demo nothing is sent, so the page points at the outbox where the email is.
 */
export function CheckInboxPage(props: { demo?: boolean } = {}) {
  return (
    <Layout title="Check your inbox | Season Watch" demo={props.demo ?? false}>
      <h1>Check your inbox</h1>
      <p role="status">
        If this address can be subscribed, we have sent it a link to confirm. Open it and press the button; until then
        nothing else is sent.
      </p>
      {props.demo ? (
        <p class="notice notice-warn">
          This is the offline demo: no email leaves this machine. Find the confirmation email in the{' '}
          <a href="/outbox">outbox</a> and open its link there.
        </p>
      ) : (
        <p class="hint">No email? Check your spam folder, or try again in ten minutes.</p>
      )}
      <p>
        <a href="/">Back to the facts</a>
      </p>
    </Layout>
  )
}

/** GET /confirm: one button, so only a person confirms. */
export function ConfirmPage(props: { token: string }) {
  return (
    <Layout title="Confirm your subscription | Season Watch">
      <h1>Confirm your subscription</h1>
      <p>Press the button to start getting an email when a fact about the season materially changes.</p>
      <form method="post" action="/confirm">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Confirm my subscription</button>
      </form>
      <p class="hint">Why a second step? {WHY_A_BUTTON}</p>
    </Layout>
  )
}

/** POST /confirm succeeded (or had already). */
export function ConfirmedPage(props: { demo?: boolean } = {}) {
  return (
    <Layout title="Subscribed | Season Watch" demo={props.demo ?? false}>
      <h1>You’re subscribed</h1>
      <p role="status">
        You will get one email when a fact materially changes: filming, a confirmed date, a trailer, cast news. Every
        email has a one-click unsubscribe link.
      </p>
      <p>
        <a href="/">See the current facts</a>
        {props.demo ? (
          <>
            {' '}
            · <a href="/demo">Move the demo along</a> and watch the <a href="/outbox">outbox</a>
          </>
        ) : null}
      </p>
    </Layout>
  )
}

/** A forged, expired or used-up link: a clear page, never a 500. */
export function LinkProblemPage(props: { title: string; message: string }) {
  return (
    <Layout title={`${props.title} | Season Watch`}>
      <h1>{props.title}</h1>
      <p role="alert">{props.message}</p>
      <p>
        <a href="/subscribe">Subscribe again</a> · <a href="/">Back to the facts</a>
      </p>
    </Layout>
  )
}

/** Too many attempts from one address (rate limit). */
export function TooManyPage() {
  return (
    <Layout title="Too many attempts | Season Watch">
      <h1>Too many attempts</h1>
      <p role="alert">Please wait a minute and try again.</p>
      <p>
        <a href="/">Back to the facts</a>
      </p>
    </Layout>
  )
}
