import { HANGUL, normalizeName } from '../../core/names'
import { personKey, plainKey, sameKey } from '../../core/person-key'
import type { Person, Subject } from '../../core/types'

/** A person found in a sentence. */
export interface PersonMention {
  /** Canonical name (config) or the name as written (unknown person). */
  name: string
  known: boolean
  index: number
  length: number
}

/** Precompiled lookups for one subject; build once per run, reuse for every sentence. */
export interface SubjectMatcher {
  subject: Subject
  /** Matches any title alias of the show (a one-word title inside a longer name does not count). */
  titlePattern: RegExp
  /**
   * The titles as a pattern source without the proper-noun guard, for patterns compiled with the
   * `i` flag (under which the guard's capitals mean nothing); those anchor the title to a season
   * number, a verb or the end of a phrase themselves.
   */
  titleSource: string
  /** Finds every known person (any alias, either name order) in a sentence. */
  findPeople(text: string): PersonMention[]
  /** The config entry for a canonical name. */
  person(name: string): Person | undefined
  /** True when the words are a character name the config knows (not an actor), in any spelling. */
  isRole(words: string): boolean
  /** Canonical name for a written name (any alias, or a spelling of one), if the config knows it. */
  canonicalName(written: string): string | null
  /** Official voices (the streamer, studios, agencies) as one pattern; never matches when none are configured. */
  officialPattern: RegExp
  /** The same, global, for walking every mention. */
  officialGlobal: RegExp
  /** "announced by <official>", "was renewed by the streamer". */
  officialPassive: RegExp
  /** "according to <official>", "<official>에 따르면". */
  officialAccording: RegExp
}

const WORD = /[\p{L}\p{N}]+(?:[-‐'’][\p{L}\p{N}]+)*/gu
// Two words glued by a missing space in the source ("Kim Shin RokLee Dong Hee").
const GLUED = /(\p{Ll})(\p{Lu}\p{Ll})/gu
const HAS_GLUE = /\p{Ll}\p{Lu}\p{Ll}/u

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

const LATIN = /[A-Za-z0-9\u00C0-\u024F]/

/**
 * One title as a pattern. Whole words only: a Latin title inside a longer word is another word
 * ("Kingdom" in "United Kingdoms"); a Hangul title takes its particles after it ("킹덤은"). Any
 * case except the first letter, which running text capitalises: "Moving" the show, not "a moving
 * finale". No `i` flag, so each cased letter is spelled as a class.
 */
function titleSource(title: string, guarded = true, ownNames: readonly string[] = []): string {
  const chars = [...title.trim()]
  const body = chars
    .map((ch, i) => {
      if (/\s/.test(ch)) return '\\s+'
      const lower = ch.toLowerCase()
      const upper = ch.toUpperCase()
      if (lower === upper) return escapeRe(ch)
      return i === 0 && ch === upper ? escapeRe(upper) : `[${escapeRe(lower)}${escapeRe(upper)}]`
    })
    .join('')
    .replace(/(?:\\s\+)+/g, '\\s+')
  const lead = LATIN.test(chars[0] ?? '') ? '(?<![A-Za-z0-9\\u00C0-\\u024F])' : ''
  const trail = /[A-Za-z\u00C0-\u024F]/.test(chars.at(-1) ?? '') ? '(?![A-Za-z\\u00C0-\\u024F])' : ''
  const plain = `${lead}(?:${body})${trail}`
  if (!guarded || !/^[A-Za-z\u00C0-\u024F][A-Za-z0-9\u00C0-\u024F'’-]*$/.test(title.trim())) return plain
  // A one-word title inside a longer proper noun is part of another name: "the United Kingdom",
  // "the Harvest Moon Festival", "of Harvest Moon began". In running text (after a lower-case
  // word) any capitalised neighbour that is not a season word says so; elsewhere (sentence start,
  // a title-case headline) only a capitalised follower that running text goes on after does.
  // The checks look back from after the title, so they run only where the title matched.
  const back = `(?:${body})`
  return `${plain}(?<!${nameBefore(ownNames)}${back})(?:(?<=${RUNNING_BEFORE}${back})(?!${CAPITAL_AFTER})|(?<!${RUNNING_BEFORE}${back})(?!${CAPITAL_AFTER}\\s+[a-z]))`
}

// A word that starts in lower case, then the space before the title: running text, not a headline.
const RUNNING_BEFORE = `(?:^|[^A-Za-z0-9'’\\u00C0-\\u024F])[a-z][A-Za-z'’-]*,?\\s+`
// Capitalised words that may follow the title ("Republic Season 2", "Harvest Star …").
const TITLE_TAIL = 'Season|Seasons|Series|Part|Chapter|Episode|Episodes|Vol|Volume|Special|Finale|Trailer|Teaser|Poster|Star|Stars|Cast|Actor|Actress|Director|Writer|Creator|Showrunner|Original'
const CAPITAL_AFTER = `\\s+(?!(?:${TITLE_TAIL})\\b)[A-Z][a-z]+\\b`
// A capitalised word right before the title, itself after a lower-case word or "The" ("the United
// Kingdom", "The Czech Republic began"); a possessive ("Lumen TV's Harvest") or a label ("Original",
// "Series") is not one, and neither is a word of the subject's own official names ("the Lumen
// Harvest teaser"): they own the show.
const nameBefore = (ownNames: readonly string[]) =>
  `(?:^|[^A-Za-z0-9'’\\u00C0-\\u024F])(?:[a-z][A-Za-z'’-]*|The)\\s+(?!(?:${['Original', 'Originals', 'Drama', 'Series', 'Season', 'Show', ...ownNames].join('|')})\\s)[A-Z][a-z]+\\s+`

/**
 * The titles plus each English title of three or more words without its leading "The" ("The
 * Stardust Smith" is written "Stardust Smith" too): a config that gives no aliases still matches.
 * Two-word titles keep the article ("The Crown" is not "Crown").
 */
function withoutArticle(titles: string[]): string[] {
  const out = [...titles]
  for (const t of titles) {
    const m = /^the\s+(\S+(?:\s+\S+)+)$/i.exec(t.trim())
    if (m && !out.some((o) => o.toLowerCase() === m[1]!.toLowerCase())) out.push(m[1]!)
  }
  return out
}

/** Builds the matcher for a subject config. */
export function createSubjectMatcher(subject: Subject): SubjectMatcher {
  const byNorm = new Map<string, string>()
  const people = new Map<string, Person>()
  const keys: { key: string; plain: string; name: string }[] = []
  for (const p of subject.people) {
    people.set(p.name, p)
    for (const alias of [p.name, ...p.aliases]) {
      byNorm.set(normalizeName(alias), p.name)
      const parts = alias.split(/\s+/)
      if (parts.length === 2) byNorm.set(normalizeName(`${parts[1]} ${parts[0]}`), p.name)
      keys.push({ key: personKey(alias), plain: plainKey(alias), name: p.name })
    }
  }
  // Only n-grams starting with a known first word are looked up at all.
  const firstWords = new Set<string>()
  for (const p of subject.people) {
    for (const alias of [p.name, ...p.aliases]) {
      const words = alias.split(/\s+/)
      firstWords.add(normalizeName(words[0] ?? ''))
      if (words.length === 2) firstWords.add(normalizeName(words[1] ?? ''))
      // "Ji Hu Park" style splits of a hyphenated given name start with its first syllable.
      if (words.length === 2) firstWords.add(normalizeName((words[1] ?? '').split('-')[0] ?? ''))
    }
  }
  // Longest alias in words decides how far an n-gram lookup needs to reach.
  const maxWords = Math.max(1, ...subject.people.flatMap((p) => [p.name, ...p.aliases].map((a) => a.split(/[\s-]+/).length)))
  const roleKeys: string[] = []
  const roles = new Set<string>()
  for (const p of subject.people) {
    for (const r of p.roles ?? []) {
      roles.add(normalizeName(r))
      roleKeys.push(personKey(r))
    }
  }

  const titles = withoutArticle([subject.show, ...subject.aliases].filter(Boolean)).sort((a, b) => b.length - a.length)
  // Capitalised Latin words of the official names, which may stand right before the title.
  const ownNames = [...new Set((subject.officialSources ?? []).flatMap((o) => o.match(/\b[A-Z][a-z]+\b/g) ?? []))]
  const titlePattern = new RegExp(titles.map((t) => titleSource(t, true, ownNames)).join('|'))
  const titleLoose = titles.map((t) => titleSource(t, false)).join('|')
  const official = (subject.officialSources ?? []).filter(Boolean)
  // Korean particles attach to the noun ("넷플릭스는"), so only Latin letters end a word here.
  // No unicode flag (it makes every test slower): letters are spelled out as ranges.
  const officialSource = official.length ? `(?<![A-Za-z\\u00C0-\\u024F\\uAC00-\\uD7A3])(?:${official.map(escapeRe).join('|')})(?![A-Za-z])` : '(?!)'
  const officialPattern = new RegExp(officialSource, 'i')

  // Spelling keys, looked up exactly first; the fuzzy pass only compares names with the same surname.
  const byKey = new Map<string, string>()
  const byPlain = new Map<string, string>()
  const bySurname = new Map<string, { key: string; name: string }[]>()
  for (const k of keys) {
    byKey.set(k.key, k.name)
    byPlain.set(k.plain, k.name)
    const surname = k.key.includes('|') ? k.key.split('|')[0]! : ''
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), k])
  }
  const canonicalCache = new Map<string, string | null>()
  const canonicalName = (written: string): string | null => {
    const exact = byNorm.get(normalizeName(written))
    if (exact) return exact
    let hit = canonicalCache.get(written)
    if (hit !== undefined) return hit
    const key = personKey(written)
    hit = byKey.get(key) ?? byPlain.get(plainKey(written)) ?? null
    if (!hit) hit = bySurname.get(key.includes('|') ? key.split('|')[0]! : '')?.find((k) => sameKey(k.key, key))?.name ?? null
    if (canonicalCache.size > 2000) canonicalCache.clear()
    canonicalCache.set(written, hit)
    return hit
  }
  const roleCache = new Map<string, boolean>()
  const peopleCache = new Map<string, PersonMention[]>()

  return {
    subject,
    titlePattern,
    titleSource: titleLoose,
    officialPattern,
    officialGlobal: new RegExp(officialSource, 'gi'),
    officialPassive: new RegExp(
      `\\b(?:renewed|greenlit|green-lit|confirmed|announced|ordered|picked\\s+up|revealed|released|unveiled|shared|set|scheduled)\\b[^.;]{0,60}?\\bby\\s+(?:the\\s+)?${officialSource}`,
      'i',
    ),
    officialAccording: new RegExp(`\\baccording\\s+to\\s+(?:the\\s+)?${officialSource}|${officialSource}\\s*(?:\\([^)]{1,20}\\))?\\s*(?:측)?에\\s*따르면`, 'i'),
    person: (name) => people.get(name),
    isRole: (words) => {
      if (roles.has(normalizeName(words))) return true
      let hit = roleCache.get(words)
      if (hit === undefined) {
        const key = personKey(words)
        hit = roleKeys.some((k) => sameKey(k, key))
        if (roleCache.size > 2000) roleCache.clear()
        roleCache.set(words, hit)
      }
      return hit
    },
    canonicalName,
    findPeople(text) {
      // The same sentence is asked about by several extractors: answer from a small cache.
      const cached = peopleCache.get(text)
      if (cached) return cached
      const found = findPeopleIn(text)
      if (peopleCache.size > 500) peopleCache.clear()
      peopleCache.set(text, found)
      return found
    },
  }

  function findPeopleIn(text: string): PersonMention[] {
    {
      // Word n-grams looked up in a map: linear in the sentence, whatever the size of the cast.
      const source = HAS_GLUE.test(text) ? text.replace(GLUED, '$1 $2') : text
      const shift = source === text ? null : gluedOffsets(text)
      const tokens = [...source.matchAll(WORD)]
      const norms = tokens.map((t) => t[0].toLowerCase().replace(/[-‐'’]/g, ''))
      const out: PersonMention[] = []
      const at = (i: number) => (shift ? shift(i) : i)
      for (let i = 0; i < tokens.length; i++) {
        let matched = false
        for (let n = firstWords.has(norms[i]!) ? Math.min(maxWords, tokens.length - i) : 0; n >= 1 && !matched; n--) {
          const first = tokens[i]!
          const last = tokens[i + n - 1]!
          const name = byNorm.get(norms.slice(i, i + n).join(''))
          if (name) {
            const start = at(first.index)
            out.push({ name, known: true, index: start, length: at(last.index + last[0].length) - start })
            i += n - 1
            matched = true
          }
        }
        const tok = tokens[i]![0]
        // A name written in Hangul over two words carries its particle on the last one ("노라 휘트컴과").
        for (let n = Math.min(maxWords, tokens.length - i); n >= 2 && !matched && HANGUL.test(tok); n--) {
          const last = tokens[i + n - 1]![0]
          for (let cut = 1; cut <= 2 && cut < last.length && !matched; cut++) {
            const name = byNorm.get(norms.slice(i, i + n - 1).join('') + normalizeName(last.slice(0, last.length - cut)))
            if (name) {
              const start = at(tokens[i]!.index)
              out.push({ name, known: true, index: start, length: at(tokens[i + n - 1]!.index + last.length - cut) - start })
              i += n - 1
              matched = true
            }
          }
        }
        // Korean particles attach to names ("박지후는"): try the token's prefixes.
        if (!matched && HANGUL.test(tok)) {
          for (let len = tok.length - 1; len >= 2; len--) {
            const name = byNorm.get(normalizeName(tok.slice(0, len)))
            if (name) {
              out.push({ name, known: true, index: at(tokens[i]!.index), length: len })
              break
            }
          }
        }
      }
      return out
    }
  }
}

/** Maps offsets in the de-glued text back to the original (one inserted space per glue point). */
function gluedOffsets(text: string): (i: number) => number {
  const inserted: number[] = []
  GLUED.lastIndex = 0
  let count = 0
  for (let m = GLUED.exec(text); m; m = GLUED.exec(text)) inserted.push(m.index + 1 + count++)
  return (i) => i - inserted.filter((p) => p < i).length
}
