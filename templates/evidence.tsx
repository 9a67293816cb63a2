import type { Evidence } from '../src/core/types'
import { describeCertainty, toCertainty } from '../src/site/describe-fact'
import { formatDay } from '../src/site/format'
import { sortEvidence } from '../src/site/group-evidence'
import { toDisplayUrl, toSafeHref } from '../src/site/safe-url'

/**
 * Small pieces shared by the fact sheet and the history: certainty badges, dates and source
 * links. Everything scraped goes through JSX text or attributes (escaped), and only http(s)
 * URLs become links.
 */

/** "Confirmed" / "Reported" / "Speculation", coloured and readable without colour. */
export function CertaintyBadge(props: { value: unknown }) {
  const c = toCertainty(props.value)
  if (!c) return null
  return <span class={`badge badge-${c}`}>{describeCertainty(c)}</span>
}

/** A day as `<time>`, e.g. "as of 14 Jul 2025". */
export function DayStamp(props: { value: string | null | undefined; prefix?: string }) {
  if (!props.value) return null
  return (
    <span>
      {props.prefix ? `${props.prefix} ` : ''}
      <time datetime={props.value}>{formatDay(props.value)}</time>
    </span>
  )
}

/** A link to a source when its URL is safe, else the address as plain text. */
export function SourceLink(props: { url: string; label?: string }) {
  const href = toSafeHref(props.url)
  const label = props.label ?? toDisplayUrl(props.url)
  return href ? (
    <a href={href} rel="nofollow noopener noreferrer">
      {label}
    </a>
  ) : (
    <span>{label}</span>
  )
}

/**
 * The sentence a fact rests on (newest first) and the links to every source behind it.
 * At most `max` sources are listed, so one busy fact cannot swamp the page.
 */
export function EvidenceList(props: { sources: Evidence[] | undefined; max?: number }) {
  const sorted = sortEvidence(props.sources)
  if (sorted.length === 0) return null
  const shown = sorted.slice(0, props.max ?? 4)
  const quote = sorted.find((s) => s.evidence)
  return (
    <>
      {quote ? (
        <blockquote cite={toSafeHref(quote.source) ?? undefined}>
          <p>{quote.evidence}</p>
        </blockquote>
      ) : null}
      <ul class="sources" aria-label="Sources">
        {shown.map((s) => {
          const certainty = toCertainty(s.certainty)
          return (
            <li>
              <SourceLink url={s.source} label={toDisplayUrl(s.source, 48)} />
              {s.published ? (
                <>
                  {', '}
                  <time datetime={s.published}>{formatDay(s.published)}</time>
                </>
              ) : null}
              {certainty ? ` (${describeCertainty(certainty).toLowerCase()})` : ''}
            </li>
          )
        })}
        {sorted.length > shown.length ? <li>and {sorted.length - shown.length} more</li> : null}
      </ul>
    </>
  )
}
