import type { Change } from '../src/core/types'
import type { CorrectionNote } from '../src/core/editorial'
import { changeId } from '../src/pipeline/facts/diff-facts'
import type { HistoryEntry } from '../src/core/public-view'
import type { Page } from '../src/site/paginate'
import { describeChange, happenedOn } from '../src/site/describe-fact'
import { formatDay, formatTime } from '../src/site/format'
import { groupByEvidence, unionOf } from '../src/site/group-evidence'
import { toDisplayUrl } from '../src/site/safe-url'
import { CertaintyBadge, SourceLink } from './evidence'

/** The in-page anchor of one edition: its id with anything unsafe in an HTML id replaced. */
function editionAnchor(id: string): string {
  return `edition-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`
}

/** Material changes, newest edition first, each with its evidence and sources. */
export function HistoryList(props: { entries: HistoryEntry[] }) {
  if (props.entries.length === 0) {
    return <p class="empty">No changes recorded yet. The first run records a silent baseline; changes after it appear here.</p>
  }
  return (
    <ol class="history">
      {props.entries.map((entry) => (
        <li>
          <Edition entry={entry} />
        </li>
      ))}
    </ol>
  )
}

/**
 * One edition: when it happened (the day of its newest evidence), and, smaller, when the run
 * detected it. Changes that rest on the same sentence are listed together under one quote.
 */
function Edition(props: { entry: HistoryEntry }) {
  const { entry } = props
  const anchor = editionAnchor(entry.id)
  if (entry.correction) return <Correction anchor={anchor} note={entry.correction} />
  const retracted = new Map((entry.retracted ?? []).map((r) => [r.changeId, r.correctionId]))
  const happened = happenedOn(entry)
  return (
    <article id={anchor} aria-labelledby={`${anchor}-h`}>
      <h3 id={`${anchor}-h`}>
        {happened ? (
          <>
            <time datetime={happened}>{formatDay(happened)}</time>{' '}
            <span class="detected">
              detected <time datetime={entry.at}>{formatTime(entry.at)}</time>
            </span>
          </>
        ) : (
          <>
            Detected <time datetime={entry.at}>{formatTime(entry.at)}</time>
          </>
        )}
      </h3>
      <ul class="changes">
        {groupByEvidence(entry.changes ?? [], (c) => c.evidence).map((group) => (
          <ChangeGroup changes={group.items} evidence={group.evidence} retracted={retracted} />
        ))}
      </ul>
    </article>
  )
}

/** A correction: what we said, what is true now, and why (a maintainer retracted a fact). */
function Correction(props: { anchor: string; note: CorrectionNote }) {
  const { anchor, note } = props
  return (
    <article id={anchor} aria-labelledby={`${anchor}-h`} class="correction">
      <h3 id={`${anchor}-h`}>
        Correction <time datetime={note.at}>{formatTime(note.at)}</time>
      </h3>
      <p class="correction-note">
        <strong>We said:</strong> {note.wrong}. That was wrong. <strong>True now:</strong> {note.now} <strong>Why:</strong> {note.reason}
      </p>
      {note.editionId ? (
        <p>
          <a href={`#${editionAnchor(note.editionId)}`}>The update that said it</a>
        </p>
      ) : null}
    </article>
  )
}

function ChangeGroup(props: { changes: Change[]; evidence: string | null; retracted: Map<string, string> }) {
  const sources = unionOf(props.changes.map((c) => c.sources))
  return (
    <li>
      {props.changes.map((change) => {
        const correction = props.retracted.get(changeId(change))
        return (
          <p class="change-title">
            {correction ? <s>{describeChange(change)}</s> : describeChange(change)} <CertaintyBadge value={change.certainty} />
            {correction ? (
              <>
                {' '}
                <a class="retracted" href={`#${editionAnchor(correction)}`}>
                  retracted, see the correction
                </a>
              </>
            ) : null}
          </p>
        )
      })}
      {props.evidence ? (
        <blockquote>
          <p>{props.evidence}</p>
        </blockquote>
      ) : null}
      {sources.length > 0 ? (
        <ul class="sources" aria-label="Sources">
          {sources.slice(0, 5).map((url) => (
            <li>
              <SourceLink url={url} label={toDisplayUrl(url, 48)} />
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  )
}

/** Previous/next links for a paginated list; hidden when there is one page. */
export function Pager(props: { page: Page<unknown>; href: (page: number) => string; label: string }) {
  const { page, pages } = props.page
  if (pages <= 1) return null
  return (
    <nav class="pager" aria-label={props.label}>
      {page > 1 ? (
        <a href={props.href(page - 1)} rel="prev">
          ← Newer
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <a href={props.href(page + 1)} rel="next">
          Older →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}
