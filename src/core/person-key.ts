/**
 * How a person's name sounds, whatever its spelling. News about Korean productions writes one
 * actor many ways ("Kim Sung-cheol", "Kim Sung Chul", "Kim Seong-cheol", "김성철"); the key folds
 * the usual romanization variants and romanizes Hangul (Revised Romanization, no sound changes)
 * so that every spelling lands on the same key. Western names fold only case and punctuation
 * differences plus a few letter pairs, so they stay distinct.
 */

// Initial, medial and final jamo of a Hangul syllable, in Unicode order.
const INITIALS = ['g', 'kk', 'n', 'd', 'tt', 'r', 'm', 'b', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h']
const MEDIALS = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i']
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't']

const HANGUL_SYLLABLE = /^[\uAC00-\uD7A3]+$/

/** Two-syllable Korean surnames. */
const COMPOUND_SURNAMES = new Set(['남궁', '황보', '제갈', '선우', '독고', '사공', '서문'])

/**
 * Latin spellings of Korean surnames that folding alone does not bring together, mapped to their
 * Revised Romanization. Spellings that fold to the same key already (Kim/Gim, Jung/Jeong/Chung,
 * Yoon/Yun, Moon/Mun, Cho/Jo) need no entry.
 */
const SURNAME_VARIANTS: Record<string, string> = {
  lee: 'i', yi: 'i', rhee: 'i', rhie: 'i', ri: 'i', lim: 'im', rim: 'im', yim: 'im', park: 'bak', pak: 'bak', bahk: 'bak',
  choi: 'choe', choy: 'choe', oh: 'o', suh: 'seo', sur: 'seo', ahn: 'an', sohn: 'son', ryu: 'yu', ryoo: 'yu', lyu: 'yu',
  you: 'yu', paik: 'baek', paek: 'baek', baik: 'baek', huh: 'heo', hur: 'heo', noh: 'no', roh: 'no', rho: 'no', ro: 'no',
  woo: 'u', wu: 'u', uhm: 'eom', um: 'eom', ohm: 'eom', shim: 'sim', kook: 'guk', yook: 'yuk', keum: 'geum', kum: 'geum',
  namkoong: 'namgung', namgoong: 'namgung', sunwoo: 'seonu', hwangbo: 'hwangbo',
}

/** Korean surnames as most news copy writes them: used to tell a surname from a given name. */
const KOREAN_SURNAMES = new Set([
  ...Object.keys(SURNAME_VARIANTS),
  ...'kim gim yoo im jung jeong chung kang gang cho jo yoon yun jang chang han seo shin sin kwon gwon hwang an song yu hong jeon jun chun ko go moon mun yang son bae pae baek heo nam ha kwak gwak sung seong cha joo ju koo gu min jin ji eom chae won cheon bang kong gong hyun hyeon ham byun byeon yeom yeo do seok seol ma gil yeon wi pyo myung ki ban wang ok in maeng tak eun yong ye kyung bong sa boo bu'.split(' '),
])

/** The most frequent surnames: when both ends of a name could be a surname, these win. */
const COMMON_SURNAMES = new Set(
  'kim lee park choi jung jeong kang cho jo yoon jang lim im han oh seo shin kwon hwang ahn song yoo ryu hong jeon ko go moon yang son bae baek heo nam noh roh'.split(' '),
)

/** True for one of the most frequent Korean surnames as news copy writes it ("Kim", "Lee", "Park"). */
export function isCommonKoreanSurname(word: string): boolean {
  return COMMON_SURNAMES.has(word.toLowerCase())
}

/** Romanizes Hangul syllables (Revised Romanization, letter by letter). */
export function romanizeHangul(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.charCodeAt(0) - 0xac00
    if (code < 0 || code > 11171) {
      out += ch
      continue
    }
    out += INITIALS[Math.floor(code / 588)]! + MEDIALS[Math.floor((code % 588) / 28)]! + FINALS[code % 28]!
  }
  return out
}

/** Folds romanization variants: voiced/unvoiced pairs, vowel spellings, a final silent "e". */
function foldSpelling(word: string): string {
  let t = word
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
  t = t.replace(/ck/g, 'k').replace(/sh/g, 's').replace(/ch/g, 'j').replace(/ph/g, 'p')
  t = t.replace(/([aeiouwy])h/g, '$1')
  t = t.replace(/eo|oo|ou|eu/g, 'u').replace(/ee|ea/g, 'i')
  t = t.replace(/[kq]/g, 'g').replace(/t/g, 'd').replace(/p/g, 'b').replace(/r/g, 'l').replace(/[fv]/g, 'b').replace(/z/g, 'j')
  t = t.replace(/(.)\1+/g, '$1')
  return t.length > 3 ? t.replace(/([^aeiouy])e$/, '$1') : t
}

function surnameKey(written: string): string {
  const lower = written.toLowerCase()
  return foldSpelling(SURNAME_VARIANTS[lower] ?? lower)
}

/**
 * A spelling-independent key for a person's name: `surname|given` for Korean names (in either
 * order, in Hangul or Latin letters), the folded words otherwise.
 */
export function personKey(name: string): string {
  const trimmed = name.trim()
  const compact = trimmed.replace(/\s+/g, '')
  if (HANGUL_SYLLABLE.test(compact)) {
    const cut = compact.length >= 4 && COMPOUND_SURNAMES.has(compact.slice(0, 2)) ? 2 : 1
    return `${surnameKey(romanizeHangul(compact.slice(0, cut)))}|${foldSpelling(romanizeHangul(compact.slice(cut)))}`
  }
  const words = trimmed.split(/\s+/).filter(Boolean)
  if (words.length < 2) return foldSpelling(trimmed)
  const first = words[0]!.toLowerCase()
  const last = words[words.length - 1]!.toLowerCase()
  // "Park Ji Hu" and "Ji Hu Park": a common surname decides, then any surname.
  const front = COMMON_SURNAMES.has(first) || (KOREAN_SURNAMES.has(first) && !COMMON_SURNAMES.has(last))
  if (front && KOREAN_SURNAMES.has(first)) return `${surnameKey(first)}|${foldSpelling(words.slice(1).join(''))}`
  if (KOREAN_SURNAMES.has(last)) return `${surnameKey(last)}|${foldSpelling(words.slice(0, -1).join(''))}`
  return words.map(foldSpelling).join(' ')
}

/** Edit distance, capped: returns `max + 1` as soon as it is exceeded. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
      row.push(v)
      if (v < best) best = v
    }
    if (best > max) return max + 1
    prev = row
  }
  return prev[b.length]!
}

/**
 * True when two keys name the same person: equal; for a Korean name, given names that differ
 * by one vowel only ("Ga-yi" / "Ga-i", "Re" / "Rae": a consonant tells "Seo-yeon" from "Seo-jun");
 * for any other name, one letter apart in a long name ("Whitcom" / "Whitcombe").
 */
export function sameKey(a: string, b: string): boolean {
  if (a === b) return true
  const korean = a.includes('|')
  if (korean !== b.includes('|')) return false
  if (!korean) return Math.min(a.length, b.length) >= 8 && editDistance(a, b, 1) <= 1
  const [sa, ga] = a.split('|')
  const [sb, gb] = b.split('|')
  if (sa !== sb || !ga || !gb) return false
  return vowelVariant(ga, gb)
}

const VOWEL = /[aeiouy]/

/** True when two short given names differ by one vowel only ("Re" / "Ree" / "Rae"). */
function vowelVariant(a: string, b: string): boolean {
  if (a.length === b.length) {
    let diff = 0
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i] && !(VOWEL.test(a[i]!) && VOWEL.test(b[i]!) && ++diff === 1)) return false
    return diff <= 1
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  if (long.length - short.length !== 1) return false
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return VOWEL.test(long[i]!)
  }
  return false
}

/** The whole name folded as one word, for names with no surname to split off ("Lomon", "로몬"). */
export function plainKey(name: string): string {
  return foldSpelling(romanizeHangul(name.replace(/\s+/g, '')))
}

/** True when two written names are spellings of the same person. */
export function samePerson(a: string, b: string): boolean {
  return sameKey(personKey(a), personKey(b)) || plainKey(a) === plainKey(b)
}
