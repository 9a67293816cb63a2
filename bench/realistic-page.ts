/**
 * Builds a news page shaped like the ones the cron reads: ~125 KB, of which the article is a few
 * KB and the rest is what real sites wrap around it (tag-manager scripts, inline styles, nav,
 * "trending" and "related" lists, comments, an ad slot every few paragraphs). Generated, so the
 * benchmark carries no third-party text.
 */
export function buildRealisticPage(targetBytes = 125_000, variant = 0): string {
  // A news story's mix: a few paragraphs carry the news, most are background and colour.
  const news = [
    `Netflix said on Wednesday that the second season of All of Us Are Dead is in production in Seoul (${variant}).`,
    'Returning for Season 2 are Park Ji-hu, Yoon Chan-young, Cho Yi-hyun and Lomon, while Lee Min-jae and Kim Si-eun join the cast.',
    'The streamer has not announced a premiere date, though industry watchers expect the season to arrive in late 2026.',
  ]
  const background = [
    'The first season followed a group of students trapped in their high school during a sudden outbreak, and it became one of the most watched non-English series on the platform.',
    'Critics praised its set pieces and its attention to the way teenagers treat one another under pressure, while some found its running time long.',
    'The series is based on a webtoon that ran for several years and built a large following among younger readers before the adaptation was announced.',
    'Fans have spent the long wait trading theories online about which characters survived and how the story might move beyond the school walls.',
    'The director has said in earlier interviews that he wanted the next chapter to feel larger in scale, with more of the city drawn into the story.',
    'Production designers reportedly scouted university campuses for the new setting, according to local entertainment outlets.',
    'Korean zombie stories have found a wide audience abroad over the past decade, from feature films to long-running streaming series.',
    'The show drew attention for casting many young actors in their first major roles, several of whom have since led dramas of their own.',
    'Viewers who want to catch up can still stream every episode of the first season on the service in most regions.',
  ]
  const para = (i: number) => `<p>${i % 4 === 0 ? news[(i / 4) % news.length] : background[i % background.length]}</p>`
  const script = (i: number) =>
    `<script>(function(w,d){w.dataLayer=w.dataLayer||[];w.dataLayer.push({event:'slot_${i}',t:Date.now()});var s=d.createElement('script');s.async=true;s.src='https://cdn.example/ads/${i}.js';d.head.appendChild(s);})(window,document);/* ${'x'.repeat(400)} */</script>`
  const style = `<style>${'.c{margin:0;padding:0;color:#222} '.repeat(200)}</style>`
  const nav = `<header><nav><ul>${Array.from({ length: 40 }, (_, i) => `<li><a href="/section/${i}">Section ${i}</a></li>`).join('')}</ul></nav></header>`
  const aside = `<aside class="sidebar"><h2>Trending</h2><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/t/${i}">Another show season ${i} wraps filming, studio confirms</a></li>`).join('')}</ul></aside>`
  const comments = `<section id="comments"><ol class="comment-list">${Array.from({ length: 30 }, (_, i) => `<li class="comment"><div class="comment-author">reader${i}</div><div class="comment-content"><p>I heard it premieres next month!</p></div></li>`).join('')}</ol></section>`
  let body = ''
  for (let i = 0; i < 14; i++) body += para(i) + (i % 3 === 2 ? '<div class="ad-slot"><span>Advertisement</span><ins class="adsbygoogle"></ins></div>' : '')
  const head = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>All of Us Are Dead Season 2 is in production</title><meta property="article:published_time" content="2025-07-23T09:30:00+00:00">${style}`
  let scripts = ''
  let i = 0
  const shell = (s: string) => `${head}${s}</head><body>${nav}<main><article><h1>All of Us Are Dead Season 2 is in production</h1>${body}</article>${aside}${comments}</main><footer>© Example</footer></body></html>`
  while (shell(scripts).length < targetBytes) scripts += script(i++)
  return shell(scripts)
}

const SYLLABLES = ['ba', 'da', 'ga', 'ha', 'ja', 'ma', 'na', 'ra', 'sa', 'ta', 'bo', 'do', 'go', 'ho', 'jo', 'mo']

/** A different made-up name per run and page ("Kim Ba-da"), so each run brings new facts. */
export function actorName(run: number, page: number): string {
  const s = (k: number) => SYLLABLES[k % SYLLABLES.length]!
  return `Kim ${s(run).toUpperCase().slice(0, 1)}${s(run).slice(1)}${s(Math.floor(run / 16))}-${s(page)}${s(Math.floor(page / 16))}`
}
