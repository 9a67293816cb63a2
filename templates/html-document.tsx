import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'

/**
 * The frame every HTML document we serve or send shares: doctype, language, charset, viewport
 * and title. `head` adds what a kind of document needs after them (styles, feeds, robots).
 */
export function HtmlDocument(props: { title: string; head?: Child; bodyClass?: string; bodyStyle?: string; children?: Child }) {
  return (
    <>
      {raw('<!DOCTYPE html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.head}
        </head>
        <body class={props.bodyClass} style={props.bodyStyle}>
          {props.children}
        </body>
      </html>
    </>
  )
}
