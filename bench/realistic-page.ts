/**
 * Builds a news page shaped like the ones the cron reads: ~125 KB, of which the article is a few
 * KB and the rest is what real sites wrap around it (tag-manager scripts, inline styles, nav,
 * "trending" and "related" lists, comments, an ad slot every few paragraphs). Generated, so the
 * benchmark carries no third-party text.
 */
export function buildRealisticPage(targetBytes = 125_000, variant = 0): string {
  const para = (i: number) =>
    `<p>Paragraph ${i} (${variant}): Netflix said the second season of All of Us Are Dead is in production, and the cast lineup includes Park Ji-hu, Yoon Chan-young and Lee Min-jae. Director notes and set photos were shared with fans on social media, the report added.</p>`
  const script = (i: number) =>
    `<script>(function(w,d){w.dataLayer=w.dataLayer||[];w.dataLayer.push({event:'slot_${i}',t:Date.now()});var s=d.createElement('script');s.async=true;s.src='https://cdn.example/ads/${i}.js';d.head.appendChild(s);})(window,document);/* ${'x'.repeat(400)} */</script>`
  const style = `<style>${'.c{margin:0;padding:0;color:#222} '.repeat(200)}</style>`
  const nav = `<header><nav><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav></header>`
  const aside = `<aside class="sidebar"><h2>Trending</h2><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/t/${i}">Another show season ${i} wraps filming, studio confirms</a></li>`).join('')}</ul></aside>`
  const comments = `<section id="comments"><ol class="comment-list">${Array.from({ length: 30 }, (_, i) => `<li class="comment"><div class="comment-author">reader${i}</div><div class="comment-content"><p>I heard it premieres next month!</p></div></li>`).join('')}</ol></section>`
  let body = ''
  for (let i = 0; i < 12; i++) body += para(i) + (i % 3 === 2 ? '<div class="ad-slot"><span>Advertisement</span><ins class="adsbygoogle"></ins></div>' : '')
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>All of Us Are Dead Season 2 is in production</title><meta property="article:published_time" content="2025-07-23T09:30:00+00:00">${style}`
  let scripts = ''
  let i = 0
  const shell = (s: string) => `${head}${s}</head><body>${nav}<main><article><h1>All of Us Are Dead Season 2 is in production</h1>${body}</article>${aside}${comments}</main><footer>© Example</footer></body></html>`
  while (shell(scripts).length < targetBytes) scripts += script(i++)
  return shell(scripts)
}
