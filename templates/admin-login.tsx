import { AdminLayout } from './admin-layout'

/** The login form: the maintainer pastes the admin token once; the cookie carries a session. */
export function AdminLogin(props: { error?: string | null }) {
  return (
    <AdminLayout title="Log in">
      {props.error ? <p class="alert">{props.error}</p> : null}
      <form method="post" action="/admin/login" class="panel" id="login-form">
        <label>
          Admin token
          <input type="password" name="token" autocomplete="current-password" required autofocus />
        </label>
        <button type="submit">Log in</button>
      </form>
    </AdminLayout>
  )
}

/** Shown when no ADMIN_TOKEN is configured. */
export function AdminOff() {
  return (
    <AdminLayout title="Off">
      <p class="alert">
        The admin is off: no <code>ADMIN_TOKEN</code> is configured. Set one with{' '}
        <code>wrangler secret put ADMIN_TOKEN</code> (or <code>--var ADMIN_TOKEN:…</code> locally).
      </p>
    </AdminLayout>
  )
}

/** A one-line answer page: a refused request (CSRF, origin), a missing source, an edit made stale. */
export function AdminMessage(props: { title: string; message: string; back?: string }) {
  return (
    <AdminLayout title={props.title}>
      <p class="alert">{props.message}</p>
      <p>
        <a href={props.back ?? '/admin'}>Back to the admin</a>
      </p>
    </AdminLayout>
  )
}
