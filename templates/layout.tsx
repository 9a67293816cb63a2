import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { SITE_CSS } from './styles'

/**
 * The page shell: landmarks (header, nav, main, footer), a skip link, and the whole stylesheet
 * inline (one request, no build step; `styles.ts`, shared with the admin). No JavaScript anywhere.
 */

export interface LayoutProps {
  title: string
  /** Short description for search results and link previews. */
  description?: string
  /** The offline demo is running: a strip under the header links to its controls and outbox. */
  demo?: boolean
  children?: Child
}

/** Wraps a page's content in the site shell. */
export function Layout(props: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          {props.description ? <meta name="description" content={props.description} /> : null}
          <meta name="color-scheme" content="light" />
          <link rel="alternate" type="application/atom+xml" title="Season Watch updates" href="/feed.xml" />
          <style>{raw(SITE_CSS)}</style>
        </head>
        <body>
          <a class="skip" href="#main">Skip to content</a>
          <header class="site-header">
            <div class="wrap">
              <a class="brand" href="/">Season Watch</a>
              <nav class="site-nav" aria-label="Site">
                <ul>
                  <li><a href="/">Facts</a></li>
                  <li><a href="/history">History</a></li>
                  <li><a href="/follow">Follow</a></li>
                </ul>
              </nav>
            </div>
          </header>
          {props.demo ? (
            <div class="demo-bar" role="region" aria-label="Offline demo">
              <div class="wrap">
                <p>
                  <strong>Offline demo.</strong> <a href="/demo">Demo controls</a> (move the news along, run the cron) ·{' '}
                  <a href="/outbox">Outbox</a> (the emails, which are not really sent)
                </p>
              </div>
            </div>
          ) : null}
          <main id="main" class="wrap">{props.children}</main>
          <footer class="site-footer">
            <div class="wrap">
              <p>
                Facts are read from public news pages on a schedule. Each one shows how sure it is and where it
                came from. Season Watch is a fan project, not affiliated with Netflix.
              </p>
            </div>
          </footer>
        </body>
      </html>
    </>
  )
}
