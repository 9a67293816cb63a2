import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { ADMIN_CSS, SITE_CSS } from './styles'

/**
 * The admin page frame: the site's look (`styles.ts`, shared with the public layout) in a wider
 * column, a header with the way back to the public site and, when logged in, a logout button.
 * Styles are inline: the admin's CSP allows no external files and no scripts.
 */
export function AdminLayout(props: { title: string; csrf?: string; children?: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <meta name="color-scheme" content="light" />
          <title>{props.title} · Season Watch admin</title>
          <style>{raw(SITE_CSS + ADMIN_CSS)}</style>
        </head>
        <body class="admin">
          <a class="skip" href="#main">
            Skip to content
          </a>
          <header class="site-header">
            <div class="wrap wrap-wide">
              <a class="brand" href="/admin">
                Season Watch <small>admin</small>
              </a>
              <nav class="site-nav" aria-label="Admin">
                <ul>
                  <li>
                    <a href="/admin">Subjects</a>
                  </li>
                  <li>
                    <a href="/">Public site</a>
                  </li>
                  {props.csrf ? (
                    <li>
                      <form method="post" action="/admin/logout" id="logout">
                        <CsrfField csrf={props.csrf} />
                        <button type="submit">Log out</button>
                      </form>
                    </li>
                  ) : null}
                </ul>
              </nav>
            </div>
          </header>
          <main id="main" class="wrap wrap-wide">
            <h1>{props.title}</h1>
            {props.children}
          </main>
        </body>
      </html>
    </>
  )
}

/** The hidden CSRF field every state-changing form carries. */
export function CsrfField(props: { csrf: string }) {
  return <input type="hidden" name="_csrf" value={props.csrf} />
}

/** The hidden version an edit form carries, so a change made meanwhile is refused (409), not overwritten. */
export function VersionField(props: { version: number | undefined }) {
  return props.version === undefined ? null : <input type="hidden" name="version" value={String(props.version)} />
}

/** A field's error message, when it has one. */
export function FieldError(props: { errors?: Record<string, string>; name: string }) {
  const message = props.errors?.[props.name]
  return message ? (
    <p class="err" id={`err-${props.name}`}>
      {message}
    </p>
  ) : null
}

/** A table's header row: one plain-text heading a column. */
export function TableHead(props: { cols: string[] }) {
  return (
    <thead>
      <tr>
        {props.cols.map((c) => (
          <th>{c}</th>
        ))}
      </tr>
    </thead>
  )
}
