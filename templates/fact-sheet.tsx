import type { Child } from 'hono/jsx'
import type { Evidence, Facts } from '../src/core/types'
import { STAGES } from '../src/core/types'
import {
  describeCastStatus,
  describeRelease,
  describeStage,
  describeTrailer,
  isStage,
} from '../src/site/describe-fact'
import { CertaintyBadge, DayStamp, EvidenceList, SourceLink } from './evidence'
import { groupByEvidence, mergeEvidence, quotedEvidence } from '../src/site/group-evidence'
import { toSafeHref } from '../src/site/safe-url'

/**
 * The current fact sheet: one card per fact, each with its certainty, the day of the newest
 * evidence ("as of") and its sources. Missing facts say so rather than disappearing.
 */
export function FactSheet(props: { facts: Facts }) {
  const { stage, release, cast, trailer, episodes } = props.facts
  return (
    <div class="facts">
      <section class="fact fact-wide" aria-labelledby="fact-stage">
        <h3 id="fact-stage">Production stage</h3>
        {stage ? (
          <>
            <p class="fact-value">{describeStage(stage.value)}</p>
            <StageProgress current={stage.value} />
            <Provenance fact={stage} />
          </>
        ) : (
          <p class="fact-value">Unknown</p>
        )}
      </section>

      <section class="fact fact-wide" aria-labelledby="fact-release">
        <h3 id="fact-release">Release</h3>
        <p class="fact-value">
          {release?.status === 'confirmed' ? 'Confirmed: ' : release?.status === 'estimated' ? 'Estimated: ' : ''}
          {describeRelease(release)}
        </p>
        <Provenance fact={release ?? {}} />
      </section>

      <section class="fact" aria-labelledby="fact-trailer">
        <h3 id="fact-trailer">Trailer</h3>
        <p class="fact-value">{describeTrailer(trailer)}</p>
        {trailer ? (
          <>
            {toSafeHref(trailer.url) ? (
              <p>
                <SourceLink url={trailer.url!} label={`Watch the ${trailer.kind === 'teaser' ? 'teaser' : 'trailer'}`} />
              </p>
            ) : null}
            <Provenance fact={trailer} />
          </>
        ) : null}
      </section>

      <section class="fact" aria-labelledby="fact-episodes">
        <h3 id="fact-episodes">Episodes</h3>
        {episodes ? (
          <>
            <p class="fact-value">{episodes.value} episodes</p>
            <Provenance fact={episodes} />
          </>
        ) : (
          <p class="fact-value">Not announced</p>
        )}
      </section>

      <section class="fact fact-wide" aria-labelledby="fact-cast">
        <h3 id="fact-cast">Cast</h3>
        {cast && cast.length > 0 ? (
          <ul class="cast">
            {/* Actors named in the same sentence share one quote and one source list. */}
            {groupByEvidence(cast, (m) => quotedEvidence(m.sources)).map((group) => (
              <li>
                {group.items.map((member) => (
                  <>
                    <p class="fact-value">
                      <span class="actor">{member.actor}</span>
                      {member.role ? <span> as {member.role}</span> : null}
                    </p>
                    <p class="meta">
                      <span>{describeCastStatus(member.status)}</span>
                      <CertaintyBadge value={member.certainty} />
                      <DayStamp prefix="as of" value={member.asOf} />
                    </p>
                  </>
                ))}
                <EvidenceList sources={mergeEvidence(group.items.map((m) => m.sources))} max={3} />
              </li>
            ))}
          </ul>
        ) : (
          <p class="fact-value">No cast announced yet</p>
        )}
      </section>
    </div>
  )
}

/**
 * Under a fact's value: anything the fact adds first (`children`), its certainty, the day of
 * its newest evidence, then the evidence and sources themselves.
 */
function Provenance(props: {
  fact: { certainty?: unknown; asOf?: string | null; sources?: Evidence[] }
  max?: number
  children?: Child
}) {
  const { fact } = props
  return (
    <>
      <p class="meta">
        {props.children}
        <CertaintyBadge value={fact.certainty} />
        <DayStamp prefix="as of" value={fact.asOf} />
      </p>
      <EvidenceList sources={fact.sources} max={props.max} />
    </>
  )
}

/** The five stages in order, the current one marked for screen readers too. */
function StageProgress(props: { current: unknown }) {
  if (!isStage(props.current)) return null
  const at = STAGES.indexOf(props.current)
  return (
    <ol class="stages" aria-label="Production stages">
      {STAGES.map((s, i) =>
        i === at ? (
          <li aria-current="step">{describeStage(s)}</li>
        ) : (
          <li class={i < at ? 'done' : undefined}>
            {describeStage(s)}
            {i < at ? <span class="visually-hidden"> (done)</span> : null}
          </li>
        ),
      )}
    </ol>
  )
}
