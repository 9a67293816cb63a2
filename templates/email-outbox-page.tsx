import type { OutboxEntry } from '../src/mail/delivery/outbox-store'
import { formatTime } from '../src/site/format'
import { Layout } from './layout'

/** A stored ISO time as people read it, with the exact time in `datetime`. */
function When(props: { iso: string }) {
  return <time datetime={props.iso}>{formatTime(props.iso)}</time>
}

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
          when a <a href="/demo">demo run</a> finds real news. Emails go through the email queue, so one can take
          a few seconds to arrive: <a href="/outbox">reload</a>.
        </p>
      ) : (
        <ul class="history">
          {props.entries.map((e) => (
            <li data-to={e.to} data-kind={e.kind}>
              <a href={`/outbox/${e.id}`}>{e.subject}</a>
              <p class="meta">
                {e.from ? <span>from {e.from}</span> : null}
                <span>to {e.to}</span>
                <span>{e.kind}</span>
                <When iso={e.createdAt} />
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
      <dl class="headers">
        <dt>From</dt>
        <dd>{e.from ?? 'not recorded (written before the outbox kept it)'}</dd>
        <dt>To</dt>
        <dd>{e.to}</dd>
        <dt>Subject</dt>
        <dd>{e.subject}</dd>
        <dt>Written</dt>
        <dd>
          <When iso={e.createdAt} />
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
