import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'

/** The frame of an HTML email: doctype, charset, viewport, title and a styled body (inline styles only). */
export function EmailDocument(props: { title: string; bodyStyle: string; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
        </head>
        <body style={props.bodyStyle}>{props.children}</body>
      </html>
    </>
  )
}
