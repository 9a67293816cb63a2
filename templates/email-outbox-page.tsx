import type { OutboxEntry } from '../src/mail/delivery/outbox-store'
import { Layout } from './layout'

/**
 * The local outbox (demo and development only): what would have been emailed. The HTML part
 * is opened on its own URL under a sandboxing CSP, never inlined into this page.
 */
export function OutboxListPage(props: { entries: OutboxEntry[]; to?: string | undefined }) {
  return (
    <Layout title="Outbox | Season Watch" demo>
      <h1>Outbox</h1>
      <p class="lead">
        Emails written here instead of being sent, because RESEND_API_KEY is not set. Newest first
        {props.to ? `, to ${props.to}` : ''}.
      </p>
      {props.entries.length === 0 ? (
        <p class="empty">
          No emails yet. <a href="/">Subscribe on the home page</a> and the confirmation email appears here; updates follow
          when a <a href="/demo">demo run</a> finds real news.
        </p>
      ) : (
        <ul class="history">
          {props.entries.map((e) => (
            <li data-to={e.to} data-kind={e.kind}>
              <a href={`/outbox/${e.id}`}>{e.subject}</a>
              <p class="meta">
                <span>to {e.to}</span>
                <span>{e.kind}</span>
                <time datetime={e.createdAt}>{e.createdAt}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>
  )
}

/** One outbox email: headers, the plain-text part, and a link to the HTML part. */
export function OutboxEmailPage(props: { entry: OutboxEntry }) {
  const e = props.entry
  return (
    <Layout title={`${e.subject} | Outbox | Season Watch`} demo>
      <p>
        <a href="/outbox">All emails</a>
      </p>
      <h1>{e.subject}</h1>
      <dl>
        <dt>To</dt>
        <dd>{e.to}</dd>
        <dt>Written</dt>
        <dd>
          <time datetime={e.createdAt}>{e.createdAt}</time>
        </dd>
        {Object.entries(e.headers).map(([name, value]) => (
          <>
            <dt>{name}</dt>
            <dd style="overflow-wrap:anywhere">{value}</dd>
          </>
        ))}
      </dl>
      <p>
        <a href={`/outbox/${e.id}/html`} id="open-html">
          Open the HTML part
        </a>
      </p>
      <h2>Plain-text part</h2>
      <pre style="white-space:pre-wrap;overflow-wrap:anywhere;background:#fff;border:1px solid #d9dde3;padding:1rem">{e.text}</pre>
    </Layout>
  )
}
