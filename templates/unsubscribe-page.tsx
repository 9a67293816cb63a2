import { Layout } from './layout'

/** GET /unsubscribe (the link in the email body): one button, no login. */
export function UnsubscribePage(props: { token: string }) {
  return (
    <Layout title="Unsubscribe | Season Watch">
      <h1>Unsubscribe</h1>
      <p>Press the button and we stop emailing you at once, and erase your address.</p>
      <form method="post" action="/unsubscribe">
        <input type="hidden" name="token" value={props.token} />
        <button type="submit">Unsubscribe</button>
      </form>
    </Layout>
  )
}

/** After unsubscribing (also when it had already happened). */
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
