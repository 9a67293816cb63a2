import { normalizeName } from '../../core/names'
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
  /** Matches any title alias of the show. */
  titlePattern: RegExp
  /** Finds every known person (any alias, either name order) in a sentence. */
  findPeople(text: string): PersonMention[]
  /** The config entry for a canonical name. */
  person(name: string): Person | undefined
  /** True when the words are a character name the config knows (not an actor). */
  isRole(words: string): boolean
  /** Canonical name for a written name, if the config knows it. */
  canonicalName(written: string): string | null
  /** Official voices ("Netflix", agencies) as one pattern. */
  officialPattern: RegExp
}

const WORD = /[\p{L}\p{N}]+(?:[-‐'’][\p{L}\p{N}]+)*/gu
const HANGUL = /[\uAC00-\uD7A3]/

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Builds the matcher for a subject config. */
export function createSubjectMatcher(subject: Subject): SubjectMatcher {
  const byNorm = new Map<string, string>()
  const people = new Map<string, Person>()
  for (const p of subject.people) {
    people.set(p.name, p)
    for (const alias of [p.name, ...p.aliases]) {
      byNorm.set(normalizeName(alias), p.name)
      const parts = alias.split(/\s+/)
      if (parts.length === 2) byNorm.set(normalizeName(`${parts[1]} ${parts[0]}`), p.name)
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
  const roles = new Set<string>()
  for (const p of subject.people) for (const r of p.roles ?? []) roles.add(normalizeName(r))

  const titles = [subject.show, ...subject.aliases].filter(Boolean).sort((a, b) => b.length - a.length)
  const titlePattern = new RegExp(titles.map((t) => escapeRe(t).replace(/\s+/g, '\\s+')).join('|'), 'iu')
  const official = subject.officialSources?.length ? subject.officialSources : ['Netflix']
  const officialPattern = new RegExp(
    // Korean particles attach to the noun ("넷플릭스는"), so only Latin letters end a word here.
    `(?<![\\p{L}])(?:${official.map(escapeRe).join('|')})(?![A-Za-z])`,
    'iu',
  )

  return {
    subject,
    titlePattern,
    officialPattern,
    person: (name) => people.get(name),
    isRole: (words) => roles.has(normalizeName(words)),
    canonicalName: (written) => byNorm.get(normalizeName(written)) ?? null,
    findPeople(text) {
      // Word n-grams looked up in a map: linear in the sentence, whatever the size of the cast.
      const tokens = [...text.matchAll(WORD)]
      const norms = tokens.map((t) => t[0].toLowerCase().replace(/[-‐'’]/g, ''))
      const out: PersonMention[] = []
      for (let i = 0; i < tokens.length; i++) {
        let matched = false
        for (let n = firstWords.has(norms[i]!) ? Math.min(maxWords, tokens.length - i) : 0; n >= 1 && !matched; n--) {
          const first = tokens[i]!
          const last = tokens[i + n - 1]!
          const name = byNorm.get(norms.slice(i, i + n).join(''))
          if (name) {
            out.push({ name, known: true, index: first.index, length: last.index + last[0].length - first.index })
            i += n - 1
            matched = true
          }
        }
        const tok = tokens[i]![0]
        // Korean particles attach to names ("박지후는"): try the token's prefixes.
        if (!matched && HANGUL.test(tok)) {
          for (let len = tok.length - 1; len >= 2; len--) {
            const name = byNorm.get(normalizeName(tok.slice(0, len)))
            if (name) {
              out.push({ name, known: true, index: tokens[i]!.index, length: len })
              break
            }
          }
        }
      }
      return out
    },
  }
}
