/**
 * The language of an article's running text. The claim rules exist for English and Korean only;
 * a page in any other language must yield no claims (English words such as "Season 2" or a
 * cast list inside a Spanish or Indonesian article would otherwise be read as English news).
 * Markup declarations are often wrong (a template's `lang="en"` on every page), so the text
 * decides; the declaration only breaks a tie on very short texts.
 */
import type { ParsedArticle } from './parse-html'

/** Languages the claim rules are written for. */
export const RULE_LANGUAGES = new Set(['en', 'ko'])

// Frequent function words per language: a few dozen short words are enough to tell news prose
// apart. Words shared between languages ("a", "de", "in") score for each of them.
const FUNCTION_WORDS: Record<string, string[]> = {
  en: 'the of and to in is that for with was on as by his her it be has have are will from this which who their its an at but not been after they more also would about when than'.split(' '),
  es: 'el la los las de del que y en por una con para es se su al lo como más pero sus le ya fue este esta son también entre cuando muy sin sobre ser'.split(' '),
  pt: 'o os as de do da dos das que e em um uma para com não no na por mais se ao como mas foi ser está também seu sua pelo pela sobre'.split(' '),
  fr: 'le la les de des et en un une du est que pour dans pas sur au par plus ce qui ne se sont avec aux cette été mais ou'.split(' '),
  de: 'der die das und ist nicht mit den von zu ein eine auf für im dem sich des auch es als an wird sind bei nach noch wie über zur'.split(' '),
  id: 'yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh sebagai ada adalah karena atau telah kembali serial musim'.split(' '),
  nl: 'de het een en van is dat op te in met voor niet zijn die naar ook om aan bij als wordt er nog door maar'.split(' '),
  it: 'il di che e la per un una del della non sono con in le gli dei delle è anche come più nel alla ha'.split(' '),
  vi: 'và của là có được không những một các cho với này trong người phim mùa đã sẽ cũng khi từ'.split(' '),
  tr: 've bir bu da de ile için olarak daha çok gibi olan en ama sezon dizi'.split(' '),
}

const LOOKUP = new Map<string, string[]>()
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang])
}

const NON_WORD = /[^A-Za-zÀ-ÿœăâđêôơưạ-ỹ']+/
const MAX_CHARS = 600

/**
 * The primary language subtag of the article's running text (`en`, `ko`, `es`, …), or null
 * when there is too little text to tell.
 */
export function detectLanguage(article: Pick<ParsedArticle, 'lang' | 'blocks' | 'title'>): string | null {
  let text = ''
  for (const b of article.blocks) {
    if (b.kind === 'heading' || b.kind === 'caption') continue
    text += ` ${b.text}`
    if (text.length > MAX_CHARS) break
  }
  if (text.trim().length === 0) text = article.title ?? ''
  const declared = (article.lang ?? '').split('-')[0]!.toLowerCase() || null
  // Scripts first: a char-code loop (Unicode property regexes cost more than the DOM walk).
  let letters = 0
  let hangul = 0
  let kana = 0
  let han = 0
  let cyrillic = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++
    else if (c >= 0x3040 && c <= 0x30ff) kana++
    else if (c >= 0x4e00 && c <= 0x9fff) han++
    else if (c >= 0x0400 && c <= 0x04ff) cyrillic++
    else if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff))) continue
    letters++
  }
  if (letters === 0) return declared
  if (hangul / letters > 0.3) return 'ko'
  if (kana / letters > 0.1) return 'ja'
  if (han / letters > 0.3) return 'zh'
  if (cyrillic / letters > 0.3) return 'ru'
  // Latin script: count function words per language.
  const score = new Map<string, number>()
  let tokens = 0
  for (const word of text.split(NON_WORD)) {
    if (!word) continue
    tokens++
    // Function words are written in lower case; capitalised tokens are names ("Ha-neul", "Do").
    if (word[0] !== word[0]!.toLowerCase()) continue
    const langs = LOOKUP.get(word)
    if (langs) for (const lang of langs) score.set(lang, (score.get(lang) ?? 0) + 1)
  }
  // Highest score wins; a tie goes to the declared language, then to English.
  const rank = (lang: string) => (score.get(lang) ?? 0) * 4 + (lang === declared ? 2 : 0) + (lang === 'en' ? 1 : 0)
  const ranked = [...score.keys()].sort((a, b) => rank(b) - rank(a))
  const best = ranked[0]
  const top = best ? (score.get(best) ?? 0) : 0
  // Too little text to tell: trust the declaration, else read it as English unless only one
  // other language's words appear.
  if (top < 3) return declared ?? (best && best !== 'en' && ranked.length === 1 ? best : 'en')
  return best ?? declared
}
