/**
 * The one stylesheet of the site and the admin, inline in each page (one request, no build step;
 * the admin's CSP allows inline styles and nothing else). `SITE_CSS` is the public site's look:
 * tokens, type, header, notices, cards, buttons, and the run report both `/demo` and `/admin`
 * show; `ADMIN_CSS` adds what only maintainers' pages need (tables that become cards on a
 * phone, forms, tags). Later admin pages reuse these classes rather than adding their own.
 */

// Colours were picked for WCAG AA contrast (≥ 4.5:1) on their backgrounds.
export const SITE_CSS = `
:root{--fg:#1b1f24;--muted:#4a5360;--bg:#fbfbfa;--card:#fff;--line:#d9dde3;--link:#0b4fa8;--accent:#7a1f1f;
--ok:#13552b;--rep:#1e3f8a;--spec-bg:#eef0f3;--spec-fg:#3a4250;--bad:#9b1111}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--link);text-underline-offset:2px}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
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
.button-small{padding:.3rem .75rem;font-size:.88rem}
.button-danger{background:transparent;color:var(--bad);box-shadow:inset 0 0 0 2px var(--bad)}
.runs{display:grid;gap:.6rem;margin:0;padding:0;list-style:none}
.run{background:var(--card);border:1px solid var(--line);border-radius:8px}
.run>summary{cursor:pointer;padding:.6rem .9rem;display:flex;flex-wrap:wrap;gap:.15rem .75rem;align-items:baseline;list-style:none}
.run>summary::-webkit-details-marker{display:none}
.run>summary::before{content:"▸";color:var(--muted);width:.8rem}
.run[open]>summary::before{content:"▾"}
.run-when{font-weight:650}
.run-gist{color:var(--muted);font-size:.9rem}
.run-body{border-top:1px solid var(--line);padding:.5rem .9rem .8rem}
.run-body h3{font-size:.95rem;margin:.75rem 0 .3rem}
.findings,.docs{list-style:none;margin:0;padding:0;display:grid;gap:.45rem}
.finding{border-left:4px solid var(--line);padding:.15rem 0 .15rem .6rem;overflow-wrap:anywhere}
.finding-sent{border-left-color:var(--ok)}
.finding-what{font-weight:650}
.finding-why{display:block;font-size:.92rem}
.finding-sent .finding-why{color:var(--ok);font-weight:650}
.finding blockquote{margin:.25rem 0;font-size:.88rem}
.docs li{font-size:.9rem;overflow-wrap:anywhere}
.outcome{display:inline-block;min-width:5.5rem;font-size:.78rem;font-weight:650;border-radius:4px;padding:0 .35rem;background:var(--spec-bg);color:var(--spec-fg);text-align:center}
.outcome-new{background:#dcefe2;color:#0f3f20}
.outcome-failed{background:#fde2e2;color:var(--bad)}
.headers{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.headers dt{font-weight:650;color:var(--muted);font-size:.9rem}
.headers dd{margin:0 0 .4rem;overflow-wrap:anywhere}
@media (min-width:600px){.headers{display:grid;grid-template-columns:max-content 1fr;gap:.3rem 1rem}.headers dd{margin:0}}
`

/** What only the admin's pages add to `SITE_CSS`. */
export const ADMIN_CSS = `
.wrap-wide{max-width:72rem}
.brand small{font-weight:400;opacity:.85;font-size:.95rem}
.site-header form{margin:0}
.site-header button{background:transparent;color:#fff;box-shadow:inset 0 0 0 2px #fff;padding:.2rem .75rem;font-size:.9rem}
.site-nav ul{align-items:center}
h2{scroll-margin-top:1rem}
table{border-collapse:collapse;width:100%;font-size:.92rem;background:var(--card);border:1px solid var(--line)}
th,td{border-bottom:1px solid var(--line);padding:.5rem .6rem;text-align:left;vertical-align:top}
th{background:#f1f2f4;color:var(--muted);font-size:.85rem}
td.num{text-align:right;font-variant-numeric:tabular-nums}
td code,.url{overflow-wrap:anywhere}
label{display:block;font-weight:650;margin:.75rem 0 .2rem}
label.check{display:inline-flex;gap:.4rem;align-items:center;font-weight:400;margin:.5rem 1.25rem .25rem 0}
input[type=text],input[type=url],input[type=password],select,textarea{display:block;width:100%;max-width:36rem;margin-top:.25rem;font:inherit;font-weight:400;padding:.5rem .6rem;border:1px solid #8a929e;border-radius:6px;background:#fff;color:var(--fg)}
textarea{min-height:8rem;max-width:100%;font:.9rem/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
select:focus-visible,textarea:focus-visible{outline:3px solid #f0b400;outline-offset:2px}
details>summary{cursor:pointer}
#people{margin:.5rem 0}
#people>summary{font-weight:650;margin-bottom:.5rem}
.panel{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.25rem 1rem 1rem}
.panel>button,.panel>.actions{margin-top:1rem}
.err{color:var(--bad);font-size:.9rem;margin:.2rem 0 .4rem}
.alert{background:#fff4f4;border:1px solid #e2b4b4;border-left:4px solid var(--bad);border-radius:8px;padding:.75rem 1rem;margin:0 0 1rem}
.muted{color:var(--muted)}
.bad{color:var(--bad)}
.ok{color:var(--ok)}
.material{background:#fff6d6}
.tag{display:inline-block;border-radius:999px;padding:.05rem .55rem;font-size:.78rem;font-weight:650;background:var(--spec-bg);color:var(--spec-fg)}
.tag.ok{background:#dcefe2;color:#0f3f20}
.tag.bad{background:#fde2e2;color:var(--bad)}
.row-actions{display:flex;flex-wrap:wrap;gap:.4rem;align-items:center}
.row-actions form{margin:0}
details pre,td pre{white-space:pre-wrap;overflow-wrap:anywhere;max-height:16rem;overflow:auto}
@media (max-width:760px){
table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
table.cards{border:0;background:none}
table.cards thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.cards tr{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:.55rem .8rem;margin:0 0 .75rem}
table.cards td{border:0;padding:.2rem 0}
table.cards td.num{text-align:left}
table.cards td[data-label]::before{content:attr(data-label) ": ";color:var(--muted);font-weight:650;font-size:.85rem}
table.cards .row-actions{padding-top:.35rem}
}
`
