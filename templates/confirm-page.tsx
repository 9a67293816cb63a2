import { CHOICE_LABELS, type Choice } from '../src/mail/subscribers/choices'
import { Layout } from './layout'

/** A season as these pages list it. */
export interface SeasonLine {
  title: string
  choice: Choice
}

/** The seasons a link confirms, or that someone follows, each with what they hear about. */
export function SeasonList(props: { seasons: SeasonLine[]; id?: string }) {
  return (
    <ul id={props.id} class="season-list">
      {props.seasons.map((s) => (
        <li>
          <strong>{s.title}</strong>: {CHOICE_LABELS[s.choice].toLowerCase()}
        </li>
      ))}
    </ul>
  )
}

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

/** GET /confirm: one button, so only a person confirms. Lists the seasons the link is for. */
export function ConfirmPage(props: { token: string; seasons: SeasonLine[] }) {
  return (
    <Layout title="Confirm your subscription | Season Watch">
      <h1>Confirm your subscription</h1>
      <p>Press the button to start getting an email when a fact materially changes.</p>
      {props.seasons.length > 0 ? (
        <>
          <p>This link is for:</p>
          <SeasonList seasons={props.seasons} id="confirm-seasons" />
        </>
      ) : null}
      <form method="post" action="/confirm">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Confirm my subscription</button>
      </form>
      <p class="hint">Why a second step? {WHY_A_BUTTON}</p>
    </Layout>
  )
}

/** POST /confirm succeeded (or had already): what the person follows now. */
export function ConfirmedPage(props: { demo?: boolean; following?: SeasonLine[] } = {}) {
  const following = props.following ?? []
  return (
    <Layout title="Subscribed | Season Watch" demo={props.demo ?? false}>
      <h1>You’re subscribed</h1>
      <p role="status">
        You will get one email when a fact materially changes. Every email has a one-click unsubscribe link and a link
        to change your seasons.
      </p>
      {following.length > 0 ? (
        <>
          <p>You follow:</p>
          <SeasonList seasons={following} id="following" />
        </>
      ) : null}
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
