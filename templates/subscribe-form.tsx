import { Layout } from './layout'

export interface SubscribeFormProps {
  /** Public Turnstile site key; when set, the widget (and Cloudflare's script) is included. */
  turnstileSiteKey?: string | null
  /** The address to put back in the field after an error (escaped like any text). */
  email?: string
  /** What was wrong with the last attempt, shown next to the field. */
  error?: string | null
}

/**
 * The subscribe form (double opt-in). Rendered on `/` by the public page and on `/subscribe`.
 * The `website` field is a honeypot: hidden from people (and screen readers), filled by bots.
 */
export function SubscribeForm(props: SubscribeFormProps = {}) {
  const errorId = props.error ? 'subscribe-error' : undefined
  return (
    <form method="post" action="/subscribe" class="subscribe">
      <label for="subscribe-email">Email address</label>
      <div class="subscribe-row">
        <input
          id="subscribe-email"
          name="email"
          type="email"
          required
          maxlength={254}
          autocomplete="email"
          inputmode="email"
          value={props.email ?? ''}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={errorId}
        />
        <button type="submit">Subscribe</button>
      </div>
      {props.error ? (
        <p id="subscribe-error" class="hint" role="alert" style="color:#8a1010;font-weight:600">
          {props.error}
        </p>
      ) : null}
      <div aria-hidden="true" style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden">
        <label for="subscribe-website">Leave this field empty</label>
        <input id="subscribe-website" name="website" type="text" tabindex={-1} autocomplete="off" value="" />
      </div>
      {props.turnstileSiteKey ? (
        <>
          <div class="cf-turnstile" data-sitekey={props.turnstileSiteKey} style="margin-top:.5rem" />
          <script src="https://challenges.cloudflare.com/turnstile/v0/api.js" async defer />
        </>
      ) : null}
      <p class="hint">
        One calm email when a fact materially changes. We send a confirmation link first; every email has a one-click
        unsubscribe. We keep only your address, and erase it when you leave.
      </p>
    </form>
  )
}

/** `/subscribe`: the form on its own page, also where a failed attempt lands. */
export function SubscribePage(props: SubscribeFormProps) {
  return (
    <Layout title="Subscribe | Season Watch">
      <h1>Get an email when something changes</h1>
      <SubscribeForm {...props} />
    </Layout>
  )
}
