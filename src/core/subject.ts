import { normalizeName } from './names'
import type { Person, Subject } from './types'

/** People as a replay manifest may give them: a list of Person, or `{ "Name": ["alias", …] }`. */
type PeopleInput = Person[] | Record<string, string[]> | undefined

function toPeople(input: PeopleInput): Person[] {
  if (!input) return []
  if (Array.isArray(input)) return input.map((p) => ({ ...p, aliases: p.aliases ?? [] }))
  return Object.entries(input).map(([name, aliases]) => ({ name, aliases }))
}

/**
 * Combines the configured subject with one given elsewhere (a replay manifest). The same show
 * keeps everything the config knows and adds the extra names; another show stands on its own.
 */
export function resolveSubject(base: Subject, override?: Partial<Omit<Subject, 'people'>> & { people?: PeopleInput }): Subject {
  if (!override?.show) return base
  const extraPeople = toPeople(override.people)
  const sameShow = [base.show, ...base.aliases].some((t) => normalizeName(t) === normalizeName(override.show!))
  if (!sameShow) {
    return {
      show: override.show,
      season: override.season ?? 1,
      aliases: override.aliases ?? [],
      people: extraPeople,
      officialSources: override.officialSources ?? [],
    }
  }
  const people = [...base.people]
  for (const p of extraPeople) {
    const known = people.findIndex((q) => normalizeName(q.name) === normalizeName(p.name))
    if (known >= 0) people[known] = { ...people[known]!, aliases: [...new Set([...people[known]!.aliases, ...p.aliases])] }
    else people.push(p)
  }
  return {
    ...base,
    season: override.season ?? base.season,
    aliases: [...new Set([...base.aliases, ...(override.aliases ?? [])])],
    people,
    officialSources: override.officialSources ?? base.officialSources ?? [],
  }
}

/**
 * A slug for a show and season ("All of Us Are Dead", 2 → `all-of-us-are-dead-s2`): lowercase
 * ASCII letters and digits joined by dashes. A title with no Latin letters gives `subject-s2`.
 */
export function deriveSlug(show: string, season: number): string {
  const base = show
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '')
  return `${base || 'subject'}-s${season}`
}
