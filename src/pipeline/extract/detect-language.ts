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
  es: 'el la los las de del que y en por una con para es se su al lo como más pero sus le ya fue este esta son también entre cuando muy sin sobre ser temporada estreno'.split(' '),
  pt: 'o os as de do da dos das que e em um uma para com não no na por mais se ao como mas foi ser está também seu sua pelo pela sobre temporada estreia'.split(' '),
  fr: 'le la les de des et en un une du est que pour dans pas sur au par plus ce qui ne se sont avec aux cette été mais ou saison'.split(' '),
  de: 'der die das und ist nicht mit den von zu ein eine auf für im dem sich des auch es als an wird sind bei nach noch wie über zur am zurück staffel folgen'.split(' '),
  id: 'yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh sebagai ada adalah karena atau telah kembali serial musim'.split(' '),
  nl: 'de het een en van is dat op te in met voor niet zijn die naar ook om aan bij als wordt er nog door maar'.split(' '),
  it: 'il di che e la per un una del della non sono con in le gli dei delle è anche come più nel alla ha stagione'.split(' '),
  vi: 'và của là có được không những một các cho với này trong người phim mùa đã sẽ cũng khi từ ngày trên vai lại'.split(' '),
  tr: 've bir bu da de ile için olarak daha çok gibi olan en ama sezon dizi'.split(' '),
  tl: 'ang ng mga sa na si ay para nang kay ni ito rin din pa lang naman hindi siya sila ayon bilang at'.split(' '),
  ms: 'yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke oleh bahawa telah kembali sebagai musim'.split(' '),
  pl: 'się nie na jest że do to w z i jako sezon który która po od za przez ale'.split(' '),
}

const LOOKUP = new Map<string, string[]>()
for (const [lang, words] of Object.entries(FUNCTION_WORDS)) {
  for (const w of words) LOOKUP.set(w, [...(LOOKUP.get(w) ?? []), lang])
}

const WORD = /[A-Za-zÀ-ÿœăâđêôơưạ-ỹąćęłńśźżğışçñ']+/g
// Below this share of English function words among lower-case words, a text read as English
// (by a tie, or by a few shared words such as "at" and "on") that has more of another language's
// words is that other language.
const MIN_ENGLISH_SHARE = 0.12
const MIN_WORDS_FOR_SHARE = 5
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
  // Greek, Hebrew, Arabic, Devanagari, Thai: no rules, and nothing else to tell apart.
  let otherScript = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) hangul++
    else if (c >= 0x3040 && c <= 0x30ff) kana++
    else if (c >= 0x4e00 && c <= 0x9fff) han++
    else if (c >= 0x0400 && c <= 0x04ff) cyrillic++
    else if ((c >= 0x0370 && c <= 0x03ff) || (c >= 0x0590 && c <= 0x06ff) || (c >= 0x0900 && c <= 0x097f) || (c >= 0x0e00 && c <= 0x0e7f)) otherScript++
    else if (!((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x1e00 && c <= 0x1eff))) continue
    letters++
  }
  if (letters === 0) return declared
  if (hangul / letters > 0.3) return 'ko'
  if (kana / letters > 0.1) return 'ja'
  // Chinese writes a character per syllable: a fifth of the letters outweighs the Latin names in it.
  if (han / letters > 0.2) return 'zh'
  if (cyrillic / letters > 0.3) return 'ru'
  if (otherScript / letters > 0.2) return declared && declared !== 'en' ? declared : 'und'
  // Latin script: count function words per language.
  const score = new Map<string, number>()
  let lower = 0
  for (const m of text.matchAll(WORD)) {
    const word = m[0]
    // Function words are written in lower case; capitalised tokens are names ("Ha-neul", "Do").
    if (word[0] !== word[0]!.toLowerCase()) continue
    // "Min-ho", "Do-gyeom": the lower-case half of a hyphenated name is not a word.
    if (/^[a-zà-ÿ]/.test(word) && text[m.index - 1] !== '-') lower++
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
  const guess = top < 3 ? (declared ?? (best && best !== 'en' && ranked.length === 1 ? best : 'en')) : (best ?? declared)
  // English prose is full of "the", "of", "to": lower-case words with almost none of them, and
  // some of another language's, are not English (a telegraphic English line has neither).
  const foreign = ranked.some((lang) => lang !== 'en' && (score.get(lang) ?? 0) > (score.get('en') ?? 0))
  if (guess === 'en' && foreign && lower >= MIN_WORDS_FOR_SHARE && (score.get('en') ?? 0) / lower < MIN_ENGLISH_SHARE) return 'und'
  return guess
}
