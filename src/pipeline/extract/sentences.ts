/**
 * Sentence splitting for news text. Claims cite one sentence as evidence, so a split in the
 * wrong place ("Mr." / "U.S." / "Dec.") either cuts the evidence short or glues two facts
 * together. Handles English abbreviations and initials, closing quotes, ellipses, Korean
 * endings ("다." / "요.") and CJK full stops.
 */

// Abbreviations after which a period does not end a sentence (compared case-sensitively).
const ABBREVIATIONS = new Set([
  'Mr', 'Mrs', 'Ms', 'Mx', 'Dr', 'Prof', 'St', 'Mt', 'No', 'Nos', 'Vol', 'vol', 'Ed', 'ed', 'Eds',
  'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Sept', 'Oct', 'Nov', 'Dec',
  'Inc', 'Ltd', 'Co', 'Corp', 'Bros', 'Jr', 'Sr', 'vs', 'v', 'etc', 'al', 'approx', 'est', 'ca', 'cf',
  'Gen', 'Gov', 'Sen', 'Rep', 'Lt', 'Col', 'Capt', 'Sgt', 'Supt', 'Rev', 'Hon', 'Pres', 'Ave', 'Blvd', 'Rd',
  'Fig', 'fig', 'pp', 'p', 'ft', 'min', 'Ph', 'Mon', 'Tue', 'Tues', 'Wed', 'Thu', 'Thurs', 'Fri', 'Sat', 'Sun',
])

// After a dotted acronym ("U.S.") these words usually start a new sentence.
const SENTENCE_STARTERS = new Set([
  'The', 'This', 'That', 'These', 'Those', 'It', 'Its', 'He', 'She', 'They', 'We', 'I', 'You', 'But',
  'However', 'In', 'A', 'An', 'And', 'So', 'His', 'Her', 'Their', 'There', 'Meanwhile', 'Fans',
])

const CLOSERS = '"\'”’»)]」』'
const OPENERS = '"\'“‘«(['
const CJK_STOPS = '。！？'

/** True for a letter that can start a sentence after a period: uppercase or a non-Latin script. */
function isSentenceStart(ch: string): boolean {
  if (ch >= '0' && ch <= '9') return true
  if (OPENERS.includes(ch)) return true
  const lower = ch.toLowerCase()
  const upper = ch.toUpperCase()
  // Caseless scripts (Hangul, CJK) have lower === upper and are letters nonetheless.
  if (lower === upper) return /\p{L}/u.test(ch)
  return ch === upper
}

/** The word (letters and inner dots) that ends right before position `dot`. */
function wordBefore(text: string, dot: number): string {
  let i = dot
  while (i > 0 && /[\p{L}\p{N}.]/u.test(text[i - 1]!)) i--
  return text.slice(i, dot)
}

/** The next word starting at `i` (letters only). */
function wordAt(text: string, i: number): string {
  const m = /^\p{L}+/u.exec(text.slice(i, i + 20))
  return m ? m[0] : ''
}

/**
 * Decides whether the period at `dot` ends a sentence, given the index of the next
 * non-space character. Abbreviations, initials and dotted acronyms usually do not.
 */
function periodEnds(text: string, dot: number, next: number): boolean {
  const word = wordBefore(text, dot)
  const bare = word.replace(/^\.+/, '')
  if (bare === '') return true
  // Numbers like "No. 1" are handled by the abbreviation; "2." at the end of a list item ends it.
  if (ABBREVIATIONS.has(bare)) {
    // "etc." and "al." often do end a sentence; trust a following capital in that case.
    return (bare === 'etc' || bare === 'al') && isSentenceStart(text[next] ?? '') && !/\d/.test(text[next] ?? '')
  }
  // Initials: "J. K. Rowling", "Lee J. Kyoo".
  if (/^\p{Lu}$/u.test(bare)) return false
  // Dotted acronyms and Latin abbreviations: "U.S.", "U.K.", "e.g.", "i.e.".
  if (/^(?:\p{L}\.)+\p{L}$/u.test(bare)) {
    if (/^[a-z]\.[a-z]$/.test(bare)) return false
    return SENTENCE_STARTERS.has(wordAt(text, next))
  }
  return true
}

/**
 * Splits text into sentences, keeping each sentence's original characters (trimmed).
 * @param text a paragraph of news text
 * @returns the sentences in order; text with no terminator is one sentence
 */
export function splitSentences(text: string): string[] {
  const out: string[] = []
  let start = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    const ch = text[i]!
    // A blank line is always a boundary.
    if (ch === '\n' && /^\n[^\S\n]*\n/.test(text.slice(i, i + 8))) {
      push(out, text.slice(start, i))
      start = i + 1
      continue
    }
    if (CJK_STOPS.includes(ch)) {
      let end = i + 1
      while (end < n && (CJK_STOPS.includes(text[end]!) || CLOSERS.includes(text[end]!))) end++
      push(out, text.slice(start, end))
      start = end
      i = end - 1
      continue
    }
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue
    // Take the whole run of terminators and closing quotes: `?!`, `..."`, `.”)`.
    let end = i + 1
    while (end < n && '.!?…'.includes(text[end]!)) end++
    while (end < n && CLOSERS.includes(text[end]!)) end++
    // A boundary needs whitespace (or the end) after it; "1.5" and "Yahoo!News" stay whole.
    let next = end
    while (next < n && /\s/.test(text[next]!)) next++
    if (next === n) break
    if (next === end || !isSentenceStart(text[next]!)) {
      i = end - 1
      continue
    }
    const run = text.slice(i, end)
    const ellipsis = run.startsWith('…') || run.startsWith('..')
    const isBoundary = ch === '.' && !ellipsis ? periodEnds(text, i, next) : true
    if (isBoundary && (!ellipsis || /\p{Lu}/u.test(text[next]!) || OPENERS.includes(text[next]!))) {
      push(out, text.slice(start, end))
      start = next
    }
    i = end - 1
  }
  push(out, text.slice(start))
  return out
}

/** Adds a trimmed, non-empty sentence. */
function push(out: string[], sentence: string): void {
  const t = sentence.trim()
  if (t) out.push(t)
}
