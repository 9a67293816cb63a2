import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import { HtmlDocument } from './html-document'
import { SITE_CSS } from './styles'

/**
 * The page shell: landmarks (header, nav, main, footer), a skip link, and the whole stylesheet
 * inline (one request, no build step; `styles.ts`, shared with the admin). No JavaScript anywhere.
 */

/** One link in the site's navigation. */
export interface NavLink {
  href: string
  label: string
}

/**
 * The navigation of one season's pages, under `base` (`/s/<slug>`, or '' for the first season's
 * single-subject URLs); with several seasons it starts with the list of all of them.
 */
export function seasonNav(base: string, several: boolean): NavLink[] {
  return [
    ...(several ? [{ href: '/', label: 'All seasons' }] : []),
    { href: `${base}/`, label: 'Facts' },
    { href: `${base}/history`, label: 'History' },
    { href: '/follow', label: 'Follow' },
  ]
}

const DEFAULT_NAV = seasonNav('', false)

export interface LayoutProps {
  title: string
  /** The header's links (default: the first season's facts, history, and how to follow). */
  nav?: NavLink[]
  /** The Atom feed this page is about (default `/feed.xml`, the first season's). */
  feed?: string
  /** Short description for search results and link previews. */
  description?: string
  /** The offline demo is running: a strip under the header links to its controls and outbox. */
  demo?: boolean
  children?: Child
}

/** Wraps a page's content in the site shell. */
export function Layout(props: LayoutProps) {
  return (
    <HtmlDocument
      title={props.title}
      head={
        <>
          {props.description ? <meta name="description" content={props.description} /> : null}
          <meta name="color-scheme" content="light" />
          <link rel="alternate" type="application/atom+xml" title="Season Watch updates" href={props.feed ?? '/feed.xml'} />
          <style>{raw(SITE_CSS)}</style>
        </>
      }
    >
      <a class="skip" href="#main">Skip to content</a>
      <header class="site-header">
        <div class="wrap">
          <a class="brand" href="/">Season Watch</a>
          <nav class="site-nav" aria-label="Site">
            <ul>
              {(props.nav ?? DEFAULT_NAV).map((link) => (
                <li>
                  <a href={link.href}>{link.label}</a>
                </li>
              ))}
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
    </HtmlDocument>
  )
}
