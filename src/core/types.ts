/**
 * The plain data the whole pipeline passes around. Nothing here does I/O; every stage
 * (extract, merge, diff, render) is a function from these shapes to these shapes.
 */

/** How sure a claim is, weakest last. */
export type Certainty = 'confirmed' | 'reported' | 'speculated'

/** Production stages in the order a season moves through them. */
export const STAGES = ['renewed', 'pre-production', 'filming', 'post-production', 'released'] as const
export type Stage = (typeof STAGES)[number]

/** An inclusive date range, both ends `YYYY-MM-DD`. */
export interface DateWindow {
  from: string
  to: string
}

export interface ReleaseValue {
  status: 'none' | 'estimated' | 'confirmed'
  /** Exact premiere day when known. */
  date: string | null
  /** Range the premiere falls in when only a month, season or year is known. */
  window: DateWindow | null
  /** The phrase as written ("late 2026 or early 2027"). */
  text: string | null
}

export type CastStatus = 'returning' | 'new' | 'departed'

export interface CastValue {
  /** Canonical name from the subject config, or the name as written when unknown. */
  actor: string
  role: string | null
  status: CastStatus
}

export interface TrailerValue {
  kind: 'teaser' | 'trailer'
  date: string | null
  url: string | null
}

/** Claim value by field; the discriminated union keeps extractors and merge honest. */
export type ClaimBody =
  | { field: 'stage'; value: Stage }
  | { field: 'release'; value: ReleaseValue }
  | { field: 'cast'; value: CastValue }
  | { field: 'trailer'; value: TrailerValue }
  | { field: 'episodes'; value: number }

export type Field = ClaimBody['field']

/** One statement about one field, from one sentence of one document. */
export type Claim = ClaimBody & {
  certainty: Certainty
  /** The sentence that supports it, as it reads on the page (plain text). */
  evidence: string
  /** URL of the document it came from. */
  source: string
  /** Publication day of that document, `YYYY-MM-DD`, or null when unknown. */
  published: string | null
  /**
   * True when the page carried no date of its own, so `published` is the day it was fetched:
   * such a claim may be much older than it looks and never outranks dated evidence.
   */
  undated?: boolean
  /**
   * A departure whose words say the actor was in the show ("has left the series", "will not
   * return", "replacing X"): news even when the config does not list them as earlier cast.
   */
  formerCast?: true
}

/** What `extractDocument` returns for one page: the `npm run facts` contract. */
export interface ExtractResult {
  published: string | null
  claims: Claim[]
  /**
   * Detected language of the running text (`en`, `ko`, `es`, …; null when too little text).
   * Only English and Korean have claim rules: any other language yields no claims. Not part of
   * the `npm run facts` output, which prints `published` and `claims` only.
   */
  lang?: string | null
}

/** Where a fact came from: enough to show and link evidence. */
export interface Evidence {
  source: string
  evidence: string
  published: string | null
  certainty: Certainty
}

export interface StageFact {
  value: Stage
  certainty: Certainty
  /** Day of the newest evidence the fact rests on. */
  asOf: string | null
  sources: Evidence[]
}

export interface EpisodesFact {
  value: number
  certainty: Certainty
  asOf: string | null
  sources: Evidence[]
}

export type ReleaseFact = ReleaseValue & {
  certainty?: Certainty
  asOf?: string | null
  sources?: Evidence[]
}

export type CastFact = CastValue & {
  certainty?: Certainty
  asOf?: string | null
  sources?: Evidence[]
}

export type TrailerFact = TrailerValue & {
  certainty?: Certainty
  asOf?: string | null
  sources?: Evidence[]
}

/** The current fact sheet (the replay `state` line). */
export interface Facts {
  stage: StageFact | null
  release: ReleaseFact
  cast: CastFact[]
  trailer: TrailerFact | null
  episodes: EpisodesFact | null
}

/** One difference between two fact sheets. */
export interface Change {
  field: Field
  material: boolean
  from: unknown
  to: unknown
  certainty?: Certainty
  sources: string[]
  evidence: string | null
  /** Day of the newest evidence behind the new value: when it happened, as far as the sources say. */
  asOf?: string | null
}

/** A configured place to read. */
export interface Source {
  id: string
  url: string
  kind: 'page' | 'feed'
  enabled: boolean
  notes?: string
  /** A maintainer marked it as not to be trusted alone (stored and round-tripped; no effect yet). */
  unreliable?: boolean
}

/** A person the subject config knows, with every spelling seen in the wild. */
export interface Person {
  name: string
  aliases: string[]
  /** Character(s) they play; used to attach roles and to not mistake a character for an actor. */
  roles?: string[]
  /** True when they were in an earlier season: a Season 2 mention without "new" means returning. */
  previousCast?: boolean
}

/** What we follow: the show, the season, and the names to recognise. */
export interface Subject {
  show: string
  season: number
  /** Other titles of the show, in any language ("Now at Our School", "지금 우리 학교는"). */
  aliases: string[]
  people: Person[]
  /** Producers, platforms and agencies whose word makes a claim confirmed (the streamer, the studio). */
  officialSources?: string[]
}
