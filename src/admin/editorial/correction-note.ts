/**
 * The words of a correction (pure): what was said, as the update said it, and what is true now,
 * from the fact left in the slot after the retraction.
 */
import type { FactPiece, FactSlot } from '../../core/editorial'
import type { CastFact, Change, EpisodesFact, Evidence, ReleaseFact, StageFact, TrailerFact } from '../../core/types'
import { describeRelease, describeStage, describeTrailer } from '../../site/describe-fact'

/** A fact as the change that would have announced it (for a fact no edition carried, e.g. the baseline's). */
export function changeForPiece(slot: FactSlot, piece: NonNullable<FactPiece>): Change {
  const sources = [...new Set(((piece as { sources?: Evidence[] }).sources ?? []).map((e) => e.source))]
  const evidence = (piece as { sources?: Evidence[] }).sources?.[0]?.evidence ?? null
  const base = { material: true, from: null, sources, evidence }
  switch (slot.field) {
    case 'stage':
      return { ...base, field: 'stage', to: (piece as StageFact).value }
    case 'episodes':
      return { ...base, field: 'episodes', to: (piece as EpisodesFact).value }
    case 'release': {
      const r = piece as ReleaseFact
      return { ...base, field: 'release', to: { status: r.status, date: r.date, window: r.window, text: r.text } }
    }
    case 'trailer': {
      const t = piece as TrailerFact
      return { ...base, field: 'trailer', to: { kind: t.kind, date: t.date, url: t.url } }
    }
    case 'cast': {
      const c = piece as CastFact
      return { ...base, field: 'cast', to: { actor: c.actor, role: c.role, status: c.status } }
    }
  }
}

/** What the slot says now, as a sentence ("Lee is not on the cast list"). */
export function describeNow(slot: FactSlot, piece: FactPiece): string {
  switch (slot.field) {
    case 'stage':
      return piece ? `The production stage is: ${describeStage((piece as StageFact).value)}.` : 'The production stage is not known.'
    case 'release': {
      const r = piece as ReleaseFact | null
      if (!r || r.status === 'none') return 'No release date has been announced.'
      return r.status === 'confirmed' ? `The release date is ${describeRelease(r)}.` : `The release is estimated: ${describeRelease(r)}.`
    }
    case 'trailer':
      return piece ? `${describeTrailer(piece as TrailerFact)}.` : 'No teaser or trailer is out yet.'
    case 'episodes':
      return piece ? `The season has ${(piece as EpisodesFact).value} episodes.` : 'The number of episodes has not been announced.'
    case 'cast': {
      const c = piece as CastFact | null
      if (!c) return `${slot.actor} is not on the cast list.`
      return c.status === 'departed' ? `${c.actor} has left the cast.` : `${c.actor} is on the cast (${c.status === 'new' ? 'new' : 'returning'}).`
    }
  }
}
