import type { Finding } from '../src/pipeline/facts/explain-findings'
import { findingLine } from '../src/pipeline/facts/explain-findings'
import type { RunSummary } from '../src/pipeline/run/run-report'
import { describeCastStatus, describeRelease, describeStage, describeTrailer } from '../src/site/describe-fact'
import { formatTime } from '../src/site/format'
import { toSafeHref } from '../src/site/safe-url'
import { isRecord } from '../src/core/is-record'

/**
 * The run reports `/demo` and `/admin` show: per run, the documents read, the claims found and
 * why each finding was or was not sent. Everything in a report came from scraped pages, so it is
 * shown as text (the template escapes it) and only http(s) URLs become links. The caller moves
 * demo URLs to the served origin first, as the public pages do.
 */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** What a finding says, in a few words: "Stage: Filming", "Lomon returns (as Lee Su-hyeok)". */
export function describeFinding(f: Pick<Finding, 'field' | 'value'>): string {
  const v = f.value
  switch (f.field) {
    case 'stage':
      return `Stage: ${describeStage(v)}`
    case 'release': {
      if (!isRecord(v) || v.status === 'none') return 'No release date'
      return v.status === 'confirmed' ? `Release date: ${describeRelease(v)}` : `Release estimate: ${describeRelease(v)}`
    }
    case 'cast': {
      if (!isRecord(v)) return 'Cast'
      const actor = typeof v.actor === 'string' ? v.actor : 'An actor'
      const role = typeof v.role === 'string' && v.role ? ` (as ${v.role})` : ''
      if (v.status === 'departed') return `${actor} leaves the cast`
      if (v.status === 'new') return `${actor} joins the cast${role}`
      if (v.status === 'returning') return `${actor} returns${role}`
      return `${actor}: ${describeCastStatus(v.status)}`
    }
    case 'trailer':
      return isRecord(v) ? describeTrailer({ kind: v.kind === 'teaser' ? 'teaser' : 'trailer', date: typeof v.date === 'string' ? v.date : null }) : 'Trailer'
    case 'episodes':
      return typeof v === 'number' ? `${v} episodes` : 'Episode count'
    default:
      return String(f.field)
  }
}

/** One line for a run's summary: what it read, found and sent. */
export function runGist(s: RunSummary): string {
  const d = s.documents
  const read = d.new + d.unchanged + d.failed + d.skipped
  const parts = [`${plural(read, 'document')} read (${d.new} new, ${d.unchanged} unchanged, ${d.failed} failed${d.skipped ? `, ${d.skipped} skipped` : ''})`, plural(s.claims.found, 'claim')]
  if (s.held) parts.push(heldGist(s.held))
  else parts.push(s.baseline ? 'baseline, nothing sent' : s.sent > 0 ? `${plural(s.sent, 'change')} sent` : 'nothing sent')
  return parts.join(' · ')
}

/** "3 changes held for review, then sent (1 dropped)": what the run held and what became of it. */
function heldGist(h: NonNullable<RunSummary['held']>): string {
  const held = `${plural(h.changes, 'change')} held for review`
  const o = h.outcome
  if (!o || o.status === 'held') return `${held}, waiting`
  if (o.status === 'dropped') return `${held}, then dropped`
  return o.dropped.length > 0 ? `${held}, then sent (${o.dropped.length} dropped)` : `${held}, then sent`
}

/**
 * A held finding's line once a maintainer decided: "held for review, then sent" or "…, then
 * dropped". While it waits (or for any other finding) the run's own line.
 */
export function findingOutcomeLine(f: Finding, held: RunSummary['held']): string {
  const line = findingLine(f)
  const o = held?.outcome
  if (f.reason !== 'held' || !o || o.status === 'held') return line
  const dropped = o.status === 'dropped' || (f.change !== undefined && o.dropped.includes(f.change))
  const by = o.by ? ` by ${o.by}` : ''
  return `${line}; then ${dropped ? 'dropped' : 'sent'}${by}${o.at ? ` ${formatTime(o.at)}` : ''}`
}

/** `https://news.example/a/b/story` → `news.example/…/story`, for links listed under a finding. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url)
    const parts = u.pathname.split('/').filter(Boolean)
    if (parts.length === 0) return u.host
    return parts.length === 1 ? `${u.host}/${parts[0]}` : `${u.host}/…/${parts.at(-1)}`
  } catch {
    return url
  }
}

function SourceLink(props: { url: string; short?: boolean }) {
  const href = toSafeHref(props.url)
  const text = props.short ? shortUrl(props.url) : props.url
  return href ? (
    <a href={href} rel="noopener noreferrer nofollow" class="url" title={props.short ? props.url : undefined}>
      {text}
    </a>
  ) : (
    <span class="url">{text}</span>
  )
}

function FindingItem(props: { f: Finding; held: RunSummary['held'] }) {
  const { f } = props
  return (
    <li class={`finding${f.reason === 'sent' || f.reason === 'held' ? ' finding-sent' : ''}`} data-reason={f.reason}>
      <span class="finding-what">{describeFinding(f)}</span>
      {f.certainty ? <span class="detected"> · {f.certainty}</span> : null}
      <span class="finding-why">{findingOutcomeLine(f, props.held)}</span>
      {f.evidence ? (
        <blockquote>
          <p>{f.evidence}</p>
        </blockquote>
      ) : null}
      {f.sources.length > 0 ? (
        <span class="detected">
          {f.sources.map((u, i) => (
            <>
              {i > 0 ? ' · ' : ''}
              <SourceLink url={u} short />
            </>
          ))}
        </span>
      ) : null}
    </li>
  )
}

/** One run: a summary line (its time and gist), and on opening its findings and documents. */
export function RunReportView(props: { summary: RunSummary; open?: boolean; reviewHref?: ((edition: string) => string) | undefined }) {
  const s = props.summary
  const waiting = s.held && (!s.held.outcome || s.held.outcome.status === 'held') ? s.held.edition : null
  return (
    <details class="run" open={props.open} data-at={s.at}>
      <summary>
        <time class="run-when" datetime={s.at}>
          {formatTime(s.at)}
        </time>
        <span class="run-gist">{runGist(s)}</span>
      </summary>
      <div class="run-body">
        {waiting && props.reviewHref ? (
          <p class="notice">
            This run’s news waits for review: <a href={props.reviewHref(waiting)}>send or drop it</a>.
          </p>
        ) : null}
        <h3>Findings ({s.findings.length + s.omitted.findings})</h3>
        {s.findings.length === 0 ? (
          <p class="hint">
            {s.claims.found === 0
              ? 'No claims about the season in what was read, so nothing to decide.'
              : 'Nothing new in the claims found.'}
          </p>
        ) : (
          <ul class="findings">
            {s.findings.map((f) => (
              <FindingItem f={f} held={s.held} />
            ))}
          </ul>
        )}
        {s.omitted.findings > 0 ? <p class="hint">{plural(s.omitted.findings, 'more finding')} not listed.</p> : null}
        <h3>
          Documents ({s.documents.new} new, {s.documents.unchanged} unchanged, {s.documents.failed} failed{s.documents.skipped ? `, ${s.documents.skipped} skipped` : ''}) and{' '}
          {plural(s.claims.found, 'claim')} ({s.claims.new} new)
        </h3>
        {s.read.length === 0 ? (
          <p class="hint">No documents.</p>
        ) : (
          <ul class="docs">
            {s.read.map((d) => (
              <li data-outcome={d.outcome}>
                <span class={`outcome outcome-${d.outcome}`}>{d.outcome}</span> <SourceLink url={d.url} />{' '}
                <span class="detected">
                  {d.kind}
                  {d.outcome === 'new' ? `, ${plural(d.claims, 'claim')}` : ''}
                </span>
                {d.error ? <span class="finding-why bad">{d.error}</span> : null}
              </li>
            ))}
          </ul>
        )}
        {s.omitted.documents > 0 ? <p class="hint">{plural(s.omitted.documents, 'more document')} not listed.</p> : null}
      </div>
    </details>
  )
}

/** A subject's recent runs, newest first (the newest open). */
export function RunReportList(props: { reports: RunSummary[]; id?: string; empty?: string; reviewHref?: (edition: string) => string }) {
  if (props.reports.length === 0) return <p class="empty">{props.empty ?? 'No runs yet.'}</p>
  return (
    <ul class="runs" id={props.id}>
      {props.reports.map((summary, i) => (
        <li>
          <RunReportView summary={summary} open={i === 0} reviewHref={props.reviewHref} />
        </li>
      ))}
    </ul>
  )
}
