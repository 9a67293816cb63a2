import type { CastFact, Change, Evidence, Facts, ReleaseValue, TrailerValue } from '../../core/types'
import { STAGES } from '../../core/types'

export interface DiffOptions {
  /** The first run of a fresh install records a baseline: nothing it finds is material. */
  baseline: boolean
  /** Ids (`changeId`) of changes already reported: recorded again, never material again. */
  reported?: ReadonlySet<string>
}

function sourcesOf(evidence: Evidence[] | undefined): string[] {
  return [...new Set((evidence ?? []).map((e) => e.source))]
}

function bestEvidence(evidence: Evidence[] | undefined): string | null {
  return evidence?.[0]?.evidence ?? null
}

const releaseValue = (r: Facts['release']): ReleaseValue => ({ status: r.status, date: r.date, window: r.window, text: r.text })
const castValue = (c: CastFact) => ({ actor: c.actor, role: c.role, status: c.status })
const trailerValue = (t: NonNullable<Facts['trailer']>): TrailerValue => ({ kind: t.kind, date: t.date, url: t.url })
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/**
 * Old facts vs new facts → changes, each marked material or not:
 * stage moving forward, a release becoming confirmed or a confirmed date changing, an actor
 * newly in or confirmed out, the first teaser and the first full trailer, the first episode count
 * and an official correction of it.
 * Re-worded evidence, new estimates and new sources for the same fact are not changes at all.
 */
export function diffFacts(before: Facts, after: Facts, options: DiffOptions): Change[] {
  const changes: Change[] = []
  const material = (yes: boolean) => yes && !options.baseline

  if (after.stage && after.stage.value !== before.stage?.value) {
    const forward = STAGES.indexOf(after.stage.value) > (before.stage ? STAGES.indexOf(before.stage.value) : -1)
    changes.push({
      field: 'stage',
      material: material(forward),
      from: before.stage?.value ?? null,
      to: after.stage.value,
      certainty: after.stage.certainty,
      sources: sourcesOf(after.stage.sources),
      evidence: bestEvidence(after.stage.sources),
      asOf: after.stage.asOf,
    })
  }

  const rb = releaseValue(before.release)
  const ra = releaseValue(after.release)
  if (!same(rb, ra)) {
    const nowConfirmed = ra.status === 'confirmed' && (rb.status !== 'confirmed' || rb.date !== ra.date || !same(rb.window, ra.window))
    changes.push({
      field: 'release',
      material: material(nowConfirmed),
      from: rb,
      to: ra,
      ...(after.release.certainty ? { certainty: after.release.certainty } : {}),
      sources: sourcesOf(after.release.sources),
      evidence: bestEvidence(after.release.sources),
      asOf: after.release.asOf ?? null,
    })
  }

  const oldCast = new Map(before.cast.map((c) => [c.actor, c]))
  for (const entry of after.cast) {
    const prev = oldCast.get(entry.actor)
    if (prev && same(castValue(prev), castValue(entry))) continue
    const joined = entry.status !== 'departed' && (!prev || prev.status === 'departed')
    // Merge lists a departure only for someone the season was expected to have (a listed cast
    // member or an earlier season's actor), so a first entry that says "departed" is news too.
    const left = entry.status === 'departed' && (!prev || prev.status !== 'departed')
    changes.push({
      field: 'cast',
      material: material(joined || left),
      from: prev ? castValue(prev) : null,
      to: castValue(entry),
      ...(entry.certainty ? { certainty: entry.certainty } : {}),
      sources: sourcesOf(entry.sources),
      evidence: bestEvidence(entry.sources),
      asOf: entry.asOf ?? null,
    })
  }

  if (after.trailer && (!before.trailer || before.trailer.kind !== after.trailer.kind)) {
    changes.push({
      field: 'trailer',
      material: material(!before.trailer || after.trailer.kind === 'trailer'),
      from: before.trailer ? trailerValue(before.trailer) : null,
      to: trailerValue(after.trailer),
      ...(after.trailer.certainty ? { certainty: after.trailer.certainty } : {}),
      sources: sourcesOf(after.trailer.sources),
      evidence: bestEvidence(after.trailer.sources),
      asOf: after.trailer.asOf ?? null,
    })
  }

  if (after.episodes && after.episodes.value !== before.episodes?.value) {
    // An official count that differs from the one announced before is a correction.
    const corrected = !!before.episodes && after.episodes.certainty === 'confirmed'
    changes.push({
      field: 'episodes',
      material: material(!before.episodes || corrected),
      from: before.episodes?.value ?? null,
      to: after.episodes.value,
      certainty: after.episodes.certainty,
      sources: sourcesOf(after.episodes.sources),
      evidence: bestEvidence(after.episodes.sources),
      asOf: after.episodes.asOf,
    })
  }
  // An overlapping run may already have reported a change.
  const reported = options.reported
  return reported?.size ? changes.map((c) => (c.material && reported.has(changeId(c)) ? { ...c, material: false } : c)) : changes
}

/** A stable id for a change, so overlapping runs and retries never report it twice. */
export function changeId(c: Change): string {
  return `${c.field}:${JSON.stringify(c.to)}`
}
