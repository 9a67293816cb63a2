import type { Person, Subject } from '../core/types'

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

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Folds case, hyphens and spaces so "Park Ji-hoo", "Park Ji Hoo" and "park jihoo" meet. */
export function normalizeName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '')
}

/** Writes a name so hyphen/space variants and either order of a two-part name all match. */
function aliasPatterns(alias: string): string[] {
  const flex = (a: string) =>
    a
      .split(/[\s-]+/)
      .map(escapeRe)
      .join('[\\s\\-‐]*')
  const out = [flex(alias)]
  const parts = alias.split(/\s+/)
  // "Park Ji-hu" is also written "Ji-hu Park" in English copy.
  if (parts.length === 2 && /^[A-Za-z]/.test(alias)) out.push(flex(`${parts[1]} ${parts[0]}`))
  return out
}

/** Builds the matcher for a subject config. */
export function createSubjectMatcher(subject: Subject): SubjectMatcher {
  const byNorm = new Map<string, string>()
  const people = new Map<string, Person>()
  const alternatives: { re: string; name: string }[] = []
  for (const p of subject.people) {
    people.set(p.name, p)
    for (const alias of [p.name, ...p.aliases]) {
      byNorm.set(normalizeName(alias), p.name)
      const parts = alias.split(/\s+/)
      if (parts.length === 2) byNorm.set(normalizeName(`${parts[1]} ${parts[0]}`), p.name)
      for (const re of aliasPatterns(alias)) alternatives.push({ re, name: p.name })
    }
  }
  // Longest first so "Lomon (Park Solomon)" style overlaps resolve to the fuller match.
  alternatives.sort((a, b) => b.re.length - a.re.length)
  const hangul = /[\u3131-\uD79D]/
  const peopleRe = alternatives.length
    ? new RegExp(
        alternatives
          .map((a, i) => (hangul.test(a.re) ? `(?<p${i}>${a.re})` : `(?<![\\p{L}\\p{N}])(?<p${i}>${a.re})(?![\\p{L}\\p{N}])`))
          .join('|'),
        'giu',
      )
    : null

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
      if (!peopleRe) return []
      const out: PersonMention[] = []
      peopleRe.lastIndex = 0
      for (let m = peopleRe.exec(text); m; m = peopleRe.exec(text)) {
        const groups = m.groups ?? {}
        const key = Object.keys(groups).find((k) => groups[k] !== undefined)
        const name = key ? alternatives[Number(key.slice(1))]?.name : undefined
        if (name) out.push({ name, known: true, index: m.index, length: m[0].length })
      }
      return out
    },
  }
}
