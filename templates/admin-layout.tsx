import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'

/** Styles inline: the admin has a strict CSP (no external files, no scripts). */
const STYLE = `
body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1100px;padding:1rem 1.25rem;color:#1b1b1b}
h1{font-size:1.5rem;margin:.2rem 0 1rem}h2{font-size:1.15rem;margin:2rem 0 .6rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #e4e4e4;padding:.35rem .4rem;text-align:left;vertical-align:top}
th{background:#f6f6f6}td.num{text-align:right}code,pre{font:12px/1.4 ui-monospace,monospace}pre{white-space:pre-wrap;word-break:break-all;background:#f6f6f6;padding:.4rem;max-height:16rem;overflow:auto}
form.inline{display:inline}td form.inline button,td a{margin:0 .3rem .3rem 0}label{display:block;margin:.35rem 0}label.check{display:inline-block;margin-right:1rem}
input[type=text],input[type=url],input[type=password],select,textarea{font:inherit;padding:.25rem .35rem;width:100%;max-width:34rem;box-sizing:border-box}
textarea{min-height:8rem;max-width:100%}button{font:inherit;padding:.25rem .7rem;cursor:pointer}
.err{color:#a40000;font-size:.88rem;margin:.1rem 0 .3rem}.notice{background:#eef8ee;border:1px solid #9c9;padding:.5rem .7rem}
.alert{background:#fff0f0;border:1px solid #d99;padding:.5rem .7rem}.muted{color:#666}.bad{color:#a40000}.ok{color:#176317}
.material{background:#fff6d6}.tag{display:inline-block;border:1px solid #bbb;border-radius:3px;padding:0 .3rem;font-size:.8rem}
.bar{display:flex;justify-content:space-between;align-items:center;gap:1rem}
`

/** The admin page frame: doctype, title, styles and a header with a logout button when logged in. */
export function AdminLayout(props: { title: string; csrf?: string; children?: Child }) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{props.title} · Season Watch admin</title>
          <style>{raw(STYLE)}</style>
        </head>
        <body>
          <div class="bar">
            <h1>
              <a href="/admin">Season Watch admin</a>
              {props.title === 'Sources' ? '' : ` · ${props.title}`}
            </h1>
            {props.csrf ? (
              <form method="post" action="/admin/logout" class="inline">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit">Log out</button>
              </form>
            ) : null}
          </div>
          {props.children}
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
