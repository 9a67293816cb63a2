import { SeasonList, type SeasonLine } from './confirm-page'
import { Layout } from './layout'

/**
 * GET /unsubscribe (the link in an email body): no login, one press. The link is for the season
 * the email was about (`season`); the person may leave that season or everything. An older link
 * with no season (`season: null`) leaves everything.
 */
export function UnsubscribePage(props: { token: string; season: string | null; following: boolean }) {
  const { season } = props
  return (
    <Layout title="Unsubscribe | Season Watch">
      <h1>Unsubscribe</h1>
      {season === null ? (
        <p>Press the button and we stop emailing you at once, and erase your address.</p>
      ) : props.following ? (
        <p>
          Leave <strong>{season}</strong> only, or everything. When you leave your last season we stop emailing you at
          once and erase your address.
        </p>
      ) : (
        <p>
          You no longer get emails about <strong>{season}</strong>. You can still leave everything else.
        </p>
      )}
      <div class="actions">
        {season !== null && props.following ? (
          <form method="post" action="/unsubscribe">
            <input type="hidden" name="token" value={props.token} />
            <input type="hidden" name="leave" value="season" />
            <button type="submit">Unsubscribe from {season}</button>
          </form>
        ) : null}
        <form method="post" action="/unsubscribe">
          <input type="hidden" name="token" value={props.token} />
          <input type="hidden" name="leave" value="all" />
          <button type="submit" class={season !== null && props.following ? 'button-secondary' : undefined}>
            {season === null ? 'Unsubscribe' : 'Unsubscribe from everything'}
          </button>
        </form>
      </div>
    </Layout>
  )
}

/** After leaving one season while still following others. */
export function LeftSeasonPage(props: { title: string; remaining: SeasonLine[] }) {
  return (
    <Layout title="Unsubscribed from a season | Season Watch">
      <h1>You left {props.title}</h1>
      <p role="status">You will get no more emails about {props.title}.</p>
      <p>You still follow:</p>
      <SeasonList seasons={props.remaining} id="still-following" />
      <p class="hint">Each of their emails has its own unsubscribe link, and a link to change your seasons.</p>
    </Layout>
  )
}

/** After unsubscribing from everything (also when it had already happened). */
export function UnsubscribedPage() {
  return (
    <Layout title="Unsubscribed | Season Watch">
      <h1>You’re unsubscribed</h1>
      <p role="status">You will get no more emails from Season Watch, and your address has been erased.</p>
      <p>
        Changed your mind? <a href="/subscribe">Subscribe again</a>.
      </p>
    </Layout>
  )
}

/** The unsubscribe link opened again after leaving: nothing to do, and no button. */
export function AlreadyUnsubscribedPage() {
  return (
    <Layout title="Already unsubscribed | Season Watch">
      <h1>You are already unsubscribed</h1>
      <p role="status">This address gets no emails from Season Watch, and it has been erased. There is nothing more to do.</p>
      <p>
        Changed your mind? <a href="/subscribe">Subscribe again</a>.
      </p>
      <p>
        <a href="/">Back to the facts</a>
      </p>
    </Layout>
  )
}
