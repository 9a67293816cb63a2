/**
 * What a subscriber hears about, per season: `all` (every material change) or `release` (only
 * the release date and trailers). Pure: which changes a choice includes, and how a list of
 * choices travels inside a signed link (`slug_a~slug_r`).
 */
import type { Change } from '../../core/types'

/** The choices, in the order the form shows them. */
export const CHOICES = ['all', 'release'] as const

export type Choice = (typeof CHOICES)[number]

/** One season a person follows, and what they hear about it. */
export interface SeasonChoice {
  slug: string
  choice: Choice
}

/** Most seasons one request can name (keeps signed links short). */
export const MAX_SEASONS_PER_REQUEST = 20

/** How the form and the emails name each choice. */
export const CHOICE_LABELS: Record<Choice, string> = {
  all: 'Everything that changes',
  release: 'Only the release date and trailers',
}

/** The fields a `release` subscriber hears about. */
const RELEASE_FIELDS = new Set(['release', 'trailer'])

/** True when a person with `choice` hears about `change`. */
export function includesChange(choice: Choice, change: Pick<Change, 'field'>): boolean {
  return choice === 'all' || RELEASE_FIELDS.has(String(change.field))
}

/** The changes a person with `choice` is shown (possibly none: then they get no email). */
export function changesForChoice<T extends Pick<Change, 'field'>>(choice: Choice, changes: readonly T[]): T[] {
  return changes.filter((c) => includesChange(choice, c))
}

export function isChoice(value: unknown): value is Choice {
  return typeof value === 'string' && (CHOICES as readonly string[]).includes(value)
}

/** A subject slug as subjects have them (`src/admin/subject-schema.ts`). */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/

const CODE: Record<Choice, string> = { all: 'a', release: 'r' }
const FROM_CODE: Record<string, Choice> = { a: 'all', r: 'release' }

/**
 * A list of choices as a link scope: `slug_a~other-slug_r`. Only characters URLs leave alone,
 * and none that a slug can hold as separators.
 */
export function encodeChoices(list: readonly SeasonChoice[]): string {
  return list.map((s) => `${s.slug}_${CODE[s.choice]}`).join('~')
}

/** Reads `encodeChoices` back; null when it is not such a list. */
export function decodeChoices(scope: string): SeasonChoice[] | null {
  if (scope === '') return []
  const out: SeasonChoice[] = []
  for (const part of scope.split('~')) {
    const at = part.lastIndexOf('_')
    const slug = part.slice(0, at)
    const choice = FROM_CODE[part.slice(at + 1)]
    if (at < 0 || !choice || !SLUG_PATTERN.test(slug)) return null
    out.push({ slug, choice })
  }
  return out.length > MAX_SEASONS_PER_REQUEST ? null : out
}

/** One entry per slug (the last one named wins), in the order first named. */
export function dedupeChoices(list: readonly SeasonChoice[]): SeasonChoice[] {
  const by = new Map<string, Choice>()
  for (const s of list) by.set(s.slug, s.choice)
  return [...by].map(([slug, choice]) => ({ slug, choice }))
}
