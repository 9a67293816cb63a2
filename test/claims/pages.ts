/**
 * Builds whole news pages for the furniture rows: a headline, a date, running text, and raw
 * HTML fragments (meta and poll lines, captions, embeds, related lists, comments) around it.
 */

/** Escapes text for HTML. */
export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** The parts of a news page. */
export interface PageParts {
  lang: 'en' | 'ko'
  title: string
  /** `YYYY-MM-DD`, written as `article:published_time`. */
  published?: string
  /** Raw HTML inside the article, between the headline and the running text. */
  top?: string
  /** Running text, one paragraph each (escaped here). */
  body: string[]
  /** Raw HTML inside the article, after the running text. */
  bottom?: string
  /** Raw HTML after the article (comment sections, "more stories" rails). */
  outside?: string
}

/** A plain news page around the given parts. */
export function newsPage(p: PageParts): string {
  const date = p.published ?? '2025-04-15'
  return `<!doctype html>
<html lang="${p.lang}"><head><meta charset="utf-8"><title>${esc(p.title)}</title>
<meta property="article:published_time" content="${date}T06:30:00+09:00"></head>
<body>
<div class="site-top"><a href="/">Home</a> <a href="/drama">Drama</a> <a href="/streaming">Streaming</a></div>
<main>
<article>
<h1>${esc(p.title)}</h1>
${p.top ?? ''}
${p.body.map((t) => `<p>${esc(t)}</p>`).join('\n')}
${p.bottom ?? ''}
</article>
${p.outside ?? ''}
</main>
<div class="site-bottom">© 2025 Example Media</div>
</body></html>`
}
