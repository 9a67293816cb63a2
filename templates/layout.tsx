import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'

/**
 * The page shell: landmarks (header, nav, main, footer), a skip link, and the whole stylesheet
 * inline (one request, no build step). No JavaScript anywhere.
 */

// Colours were picked for WCAG AA contrast (≥ 4.5:1) on their backgrounds.
const CSS = `
:root{--fg:#1b1f24;--muted:#4a5360;--bg:#fbfbfa;--card:#fff;--line:#d9dde3;--link:#0b4fa8;--accent:#7a1f1f;
--ok:#13552b;--rep:#1e3f8a;--spec-bg:#eef0f3;--spec-fg:#3a4250}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link);text-underline-offset:2px}
a:focus-visible,button:focus-visible,input:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:.5rem}
.wrap{max-width:46rem;margin:0 auto;padding:0 1rem}
.site-header{background:var(--accent);color:#fff}
.site-header .wrap{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.25rem 1rem;padding-top:.75rem;padding-bottom:.75rem}
.site-header a{color:#fff}
.brand{font-weight:700;font-size:1.1rem;text-decoration:none}
.site-nav ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
main.wrap{padding-top:1.5rem;padding-bottom:2.5rem}
.demo-bar{background:#fff4d6;border-bottom:1px solid #e6cf8a;font-size:.9rem}
.demo-bar .wrap{padding-top:.4rem;padding-bottom:.4rem}
.demo-bar p{margin:0}
.notice{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--ok);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.notice-warn{border-left-color:#a15c00}
h1{font-size:1.6rem;line-height:1.25;margin:.25rem 0 .5rem}
h2{font-size:1.25rem;margin:2rem 0 .75rem;padding-bottom:.25rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:0 0 .35rem}
.lead{color:var(--muted);margin:0 0 1rem}
.empty{background:var(--card);border:1px dashed var(--line);border-radius:8px;padding:1rem}
.facts{display:grid;gap:.75rem;grid-template-columns:1fr}
@media (min-width:720px){.facts{grid-template-columns:1fr 1fr}.fact-wide{grid-column:1/-1}}
.fact{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.85rem 1rem}
.fact-value{font-size:1.2rem;font-weight:650;margin:0 0 .35rem;overflow-wrap:anywhere}
.meta{color:var(--muted);font-size:.9rem;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem .6rem;align-items:center}
.badge{display:inline-block;border-radius:999px;padding:.05rem .55rem;font-size:.8rem;font-weight:650;letter-spacing:.01em}
.badge-confirmed{background:var(--ok);color:#fff}
.badge-reported{background:var(--rep);color:#fff}
.badge-speculated{background:var(--spec-bg);color:var(--spec-fg);border:1px solid #c5cad3}
.stages{display:flex;flex-wrap:wrap;gap:.25rem;list-style:none;margin:.5rem 0 .25rem;padding:0;font-size:.85rem}
.stages li{padding:.1rem .5rem;border-radius:4px;background:var(--spec-bg);color:var(--spec-fg)}
.stages li.done{background:#dcefe2;color:#0f3f20}
.stages li[aria-current]{background:var(--ok);color:#fff;font-weight:700}
.cast{list-style:none;margin:0;padding:0;display:grid;gap:.5rem}
.cast>li{border-top:1px solid var(--line);padding-top:.5rem}
.cast>li:first-child{border-top:0;padding-top:0}
.actor{font-weight:650}
blockquote{margin:.5rem 0;padding:.1rem .75rem;border-left:3px solid var(--line);color:#2c333c;font-size:.95rem;overflow-wrap:anywhere}
blockquote p{margin:.25rem 0}
code{overflow-wrap:anywhere}
pre code{overflow-wrap:normal}
.sources{margin:.25rem 0 0;padding-left:1.1rem;font-size:.9rem;overflow-wrap:anywhere}
.history{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.history>li{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.85rem 1rem}
.changes{margin:.25rem 0 0;padding-left:1.1rem}
.changes>li+li{margin-top:.6rem}
.change-title{font-weight:650;overflow-wrap:anywhere}
.pager{display:flex;justify-content:space-between;gap:1rem;margin-top:1rem;flex-wrap:wrap}
.subscribe{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:1rem}
.subscribe label{display:block;font-weight:650;margin-bottom:.35rem}
.subscribe-row{display:flex;flex-wrap:wrap;gap:.5rem}
.subscribe input[type=email]{flex:1 1 14rem;min-width:0;font:inherit;padding:.55rem .65rem;border:1px solid #8a929e;border-radius:6px}
button,.button{font:inherit;font-weight:650;padding:.55rem 1rem;border:0;border-radius:6px;background:var(--accent);color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.button-secondary{background:transparent;color:var(--accent);box-shadow:inset 0 0 0 2px var(--accent)}
button:disabled{background:#e3e6ea;color:#5b6470;box-shadow:none;cursor:not-allowed}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:1rem 0}
.actions form{margin:0}
.actions .push{margin-left:auto}
.detected{color:var(--muted);font-size:.85rem;font-weight:400}
.steps{margin:.5rem 0;padding-left:1.6rem}
.steps>li{margin:.35rem 0;padding:.3rem .5rem;border-radius:6px}
.steps>li[aria-current]{background:#fff4d6;outline:1px solid #e6cf8a}
.steps .expect{display:block;color:var(--muted);font-size:.9rem}
.hint{color:var(--muted);font-size:.9rem;margin:.5rem 0 0}
pre{overflow-x:auto;background:#f1f2f4;padding:.75rem;border-radius:6px;font-size:.85rem}
.site-footer{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;padding:1rem 0 2rem}
`

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
          <style>{raw(CSS)}</style>
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
