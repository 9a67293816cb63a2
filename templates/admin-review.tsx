import type { FactPiece, FactSlot, HeldChange } from '../src/core/editorial'
import type { Evidence, Facts } from '../src/core/types'
import { describeValue, formatTime, safeHref } from '../src/admin/describe'
import type { ReviewData } from '../src/admin/editorial/review-data'
import { MAX_HOLD_HOURS } from '../src/admin/editorial/editorial-schema'
import { describeChange } from '../src/site/describe-fact'
import { statementOfPiece } from '../src/pipeline/facts/editorial-filter'
import type { ExclusionRule, ReviewPolicy } from '../src/core/editorial'
import type { HeldEdition } from '../src/store/editorial-store'
import type { SubjectRecord } from '../src/store/subject-store'
import { AdminLayout, CsrfField, FieldError, TableHead, VersionField } from './admin-layout'

/** Everything the review page shows. */
export interface AdminReviewProps {
  csrf: string
  base: string
  subject: SubjectRecord
  subjects: SubjectRecord[]
  data: ReviewData
  notice: string | null
  error: string | null
  errors: Record<string, string>
}

/** A review mode in words. */
function describePolicy(p: ReviewPolicy): string {
  if (p.mode === 'off') return 'off: editions go out as soon as a run finds them'
  return p.holdHours === null ? 'hold: each edition waits for a maintainer' : `hold ${p.holdHours} h: each edition waits, then goes out by itself unless dropped`
}

/**
 * One subject's editorial page. Every scraped string (evidence, URLs, values) goes through
 * JSX, which escapes it; links are only made of http(s) URLs.
 */
export function AdminReview(props: AdminReviewProps) {
  const { base, subject, data, csrf } = props
  const review = `${base}/review`
  return (
    <AdminLayout title={`Review: ${subject.show}, season ${subject.season}`} csrf={csrf}>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <p class="alert" role="alert" id="review-error">
          {props.error}
        </p>
      ) : null}
      <p id="current-subject">
        Editorial control of <code>{subject.slug}</code> · <a href={base}>Sources and subject</a>
        {props.subjects.length > 1 ? (
          <>
            {' '}
            · other subjects:{' '}
            {props.subjects
              .filter((s) => s.slug !== subject.slug)
              .map((s, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`/admin/s/${encodeURIComponent(s.slug)}/review`}>{s.slug}</a>
                </>
              ))}
          </>
        ) : null}
      </p>

      <h2 id="run">Run now</h2>
      <div class="row-actions">
        <form method="post" action={`${base}/run`} class="inline" id="run-form">
          <CsrfField csrf={csrf} />
          <button type="submit">Run {subject.slug} now</button>
        </form>
        <form method="post" action={`${base}/run`} class="inline" id="run-all-form">
          <CsrfField csrf={csrf} />
          <input type="hidden" name="scope" value="all" />
          <button type="submit" class="button-secondary">
            Run every active subject now
          </button>
        </form>
      </div>
      <p class="hint">Puts a run on the runs Queue: it starts in a moment, under the subject’s lock, like a scheduled one.</p>

      <h2 id="review-mode">Review mode</h2>
      <p>
        Now: <strong id="effective-mode">{describePolicy(data.effective)}</strong>
        {data.settings.subjectReview ? ' (this subject’s own)' : ' (the default)'}.
      </p>
      <form method="post" action={`${review}/mode`} id="mode-form" class="panel">
        <CsrfField csrf={csrf} />
        <ModeFields
          withDefault={describePolicy(data.settings.defaultReview)}
          mode={data.settings.subjectReview?.mode ?? 'default'}
          hours={data.settings.subjectReview?.holdHours ?? null}
          errors={props.errors}
        />
        <button type="submit">Save review mode</button>
      </form>

      <h2 id="held">Held editions ({data.pending.length})</h2>
      {data.pending.length === 0 ? <p class="hint">Nothing is waiting.</p> : null}
      {data.pending.map((h) => (
        <HeldEditionView held={h} csrf={csrf} action={`${review}/held/${encodeURIComponent(h.id)}`} ignore={`${review}/ignore`} />
      ))}

      <h2 id="facts">Current facts</h2>
      <p class="hint">
        Retract a fact that is wrong: it leaves the fact sheet, its claims stop counting (only new evidence from another site
        can bring it back), the history and feed show the correction, and those who got it by email get a short correction.
      </p>
      {data.facts ? <FactsTable facts={data.facts} pending={data.pending} csrf={csrf} action={`${review}/retract`} ignore={`${review}/ignore`} errors={props.errors} /> : <p class="hint">No run has recorded facts yet.</p>}

      <h2 id="corrections">Corrections ({data.corrections.length})</h2>
      {data.corrections.length === 0 ? (
        <p class="hint">None.</p>
      ) : (
        <table id="correction-list" class="cards">
          <TableHead cols={['When', 'We said', 'True now', 'Why', 'Email']} />
          <tbody>
            {data.corrections.map((c) => (
              <tr>
                <td data-label="When">{formatTime(c.note.at)}</td>
                <td data-label="We said">{c.note.wrong}</td>
                <td data-label="True now">{c.note.now}</td>
                <td data-label="Why">{c.note.reason}</td>
                <td data-label="Email">{c.correctionEditionId ? <code>{c.correctionEditionId}</code> : <span class="muted">none (no update carried it)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="trust">Source trust</h2>
      <p class="hint">An unreliable source’s claims never count towards corroboration or confirmation (the dry-run still shows them, marked).</p>
      <table id="trust-list" class="cards">
        <TableHead cols={['Source', 'Trust', 'Change']} />
        <tbody>
          {data.sources.map((s) => (
            <tr id={`trust-${s.id}`}>
              <td>
                <strong>{s.id}</strong>{' '}
                <a href={safeHref(s.url)} rel="noopener noreferrer nofollow" class="url">
                  <code>{s.url}</code>
                </a>
              </td>
              <td data-label="Trust">{s.unreliable ? <span class="tag bad">unreliable</span> : <span class="tag ok">trusted</span>}</td>
              <td>
                <form method="post" action={`${review}/trust`}>
                  <CsrfField csrf={csrf} />
                  <VersionField version={s.version} />
                  <input type="hidden" name="source" value={s.id} />
                  <input type="hidden" name="unreliable" value={s.unreliable ? 'false' : 'true'} />
                  <input type="text" name="reason" placeholder="Why (kept in the audit log)" maxlength={500} aria-label={`Why, for ${s.id}`} />
                  <div class="row-actions">
                    <button type="submit" class={s.unreliable ? 'button-small button-secondary' : 'button-small button-danger'}>
                      {s.unreliable ? 'Trust again' : 'Mark unreliable'}
                    </button>
                  </div>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="exclusions">Claims that no longer count ({data.exclusions.length})</h2>
      {data.exclusions.length === 0 ? (
        <p class="hint">None.</p>
      ) : (
        <table id="exclusion-list" class="cards">
          <TableHead cols={['What', 'Excluded', 'Why', 'When, who']} />
          <tbody>
            {data.exclusions.map((e) => (
              <tr>
                <td>{e.kind === 'drop' ? 'dropped change' : e.kind === 'retract' ? 'retracted fact' : 'ignored sentence'}</td>
                <td data-label="Excluded">
                  <RuleView rule={e.rule} />
                </td>
                <td data-label="Why">{e.reason ?? <span class="muted">not given</span>}</td>
                <td data-label="When, who">
                  {formatTime(e.createdAt)} · {e.createdBy}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="decided">Decided editions</h2>
      {data.decided.length === 0 ? (
        <p class="hint">None yet.</p>
      ) : (
        <ul id="decided-list">
          {data.decided.map((h) => (
            <li>
              <code>{h.id}</code> found {formatTime(h.at)}: <strong>{h.status}</strong> {formatTime(h.decidedAt)} by {h.decidedBy ?? '?'}
              {h.dropped.length > 0 ? ` (${h.dropped.length} of ${h.changes.length} changes dropped)` : ''}
            </li>
          ))}
        </ul>
      )}

      <h2 id="settings">Every subject: default review mode and alerts</h2>
      <form method="post" action={`${review}/defaults`} id="defaults-form" class="panel">
        <CsrfField csrf={csrf} />
        <ModeFields mode={data.settings.defaultReview.mode} hours={data.settings.defaultReview.holdHours} errors={props.errors} />
        <button type="submit">Save default review mode</button>
      </form>
      <form method="post" action={`${review}/alerts`} id="alerts-form" class="panel">
        <CsrfField csrf={csrf} />
        <label>
          Maintainer addresses for alerts (held editions, sources failing several runs in a row, failed runs), one per line
          <textarea name="alertEmails">{data.settings.alertEmails.join('\n')}</textarea>
        </label>
        <FieldError errors={props.errors} name="alertEmails" />
        {Object.entries(props.errors)
          .filter(([k]) => k.startsWith('alertEmails.'))
          .map(([k, m]) => (
            <p class="err">
              Address {Number(k.split('.')[1]) + 1}: {m}
            </p>
          ))}
        <label>
          Alert after this many failed runs in a row
          <input type="text" name="failureThreshold" value={String(data.settings.failureThreshold)} inputmode="numeric" />
        </label>
        <FieldError errors={props.errors} name="failureThreshold" />
        <p class="hint">
          Alerts go to: {data.alertRecipients.length > 0 ? data.alertRecipients.join(', ') : 'nobody yet'} (these plus the <code>MAINTAINER_EMAILS</code> var).
        </p>
        <button type="submit">Save alert settings</button>
      </form>
    </AdminLayout>
  )
}

function ModeFields(props: { mode: string; hours: number | null; withDefault?: string; errors: Record<string, string> }) {
  return (
    <>
      <label>
        Mode
        <select name="mode">
          {props.withDefault ? (
            <option value="default" selected={props.mode === 'default'}>
              as the default ({props.withDefault})
            </option>
          ) : null}
          <option value="off" selected={props.mode === 'off'}>
            off: send as found
          </option>
          <option value="hold" selected={props.mode === 'hold'}>
            hold: wait for approval
          </option>
        </select>
      </label>
      <FieldError errors={props.errors} name="mode" />
      <label>
        With hold: send by itself after this many hours (empty: wait for a maintainer; 1 to {MAX_HOLD_HOURS})
        <input type="text" name="holdHours" value={props.hours === null ? '' : String(props.hours)} inputmode="numeric" />
      </label>
      <FieldError errors={props.errors} name="holdHours" />
    </>
  )
}

/** One held edition: each change with its evidence, and the buttons. */
function HeldEditionView(props: { held: HeldEdition; csrf: string; action: string; ignore: string }) {
  const h = props.held
  return (
    <article id={`held-${h.id}`} class="held panel">
      <h3>
        Found {formatTime(h.at)} · <code>{h.id}</code> ·{' '}
        {h.holdUntil ? <span class="tag">goes out by itself at {formatTime(h.holdUntil)}</span> : <span class="tag">waits for you</span>}
      </h3>
      <table class="held-changes cards">
        <TableHead cols={['Change', 'Certainty, as of', 'Evidence', 'Drop']} />
        <tbody>
          {h.changes.map((c) => {
            const dropped = h.dropped.includes(c.id)
            return (
              <tr class={dropped ? 'dropped muted' : 'material'} data-change={c.id}>
                <td>
                  <strong>{describeChange(c.change)}</strong>
                  {dropped ? <span class="tag bad">dropped</span> : null}
                </td>
                <td data-label="Certainty, as of">
                  {c.change.certainty ?? ''}
                  {c.change.asOf ? `, ${c.change.asOf}` : ''}
                </td>
                <td data-label="Evidence">
                  <EvidenceList evidence={evidenceOf(c.after)} csrf={props.csrf} ignore={props.ignore} />
                </td>
                <td>
                  {dropped ? null : (
                    <ReasonForm action={`${props.action}/drop-change`} class="drop-change" csrf={props.csrf} hidden={{ changeId: c.id }} placeholder="Why (optional)" label="Why drop this change" button="Drop this change" />
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      <form method="post" action={`${props.action}/send`} class="send-held">
        <CsrfField csrf={props.csrf} />
        <button type="submit">Send now ({h.changes.length - h.dropped.length} changes)</button>
      </form>
      <form method="post" action={`${props.action}/drop`} class="drop-held">
        <CsrfField csrf={props.csrf} />
        <label>
          Or drop the whole edition (why, optional)
          <input type="text" name="reason" maxlength={500} />
        </label>
        <div class="row-actions">
          <button type="submit" class="button-small button-danger">
            Drop the whole edition
          </button>
        </div>
      </form>
    </article>
  )
}

/**
 * A one-button form that carries a reason (drop a change, retract a fact): hidden fields, the
 * reason's text box and a danger button.
 */
function ReasonForm(props: { action: string; class: string; csrf: string; hidden: Record<string, string>; placeholder: string; label: string; button: string; required?: boolean }) {
  return (
    <form method="post" action={props.action} class={props.class}>
      <CsrfField csrf={props.csrf} />
      {Object.entries(props.hidden).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      <input type="text" name="reason" placeholder={props.placeholder} maxlength={500} required={props.required} aria-label={props.label} />
      <div class="row-actions">
        <button type="submit" class="button-small button-danger">
          {props.button}
        </button>
      </div>
    </form>
  )
}

function evidenceOf(piece: FactPiece | unknown): Evidence[] {
  const sources = (piece as { sources?: unknown } | null)?.sources
  return Array.isArray(sources) ? (sources as Evidence[]) : []
}

/** Evidence sentences with source, date and certainty, each with an "ignore" button. */
function EvidenceList(props: { evidence: Evidence[]; csrf: string; ignore: string }) {
  if (props.evidence.length === 0) return <span class="muted">no evidence kept</span>
  return (
    <ul class="evidence">
      {props.evidence.map((e) => (
        <li>
          <q>{e.evidence}</q>
          <br />
          <a href={safeHref(e.source)} rel="noopener noreferrer nofollow" class="url">
            <code>{e.source}</code>
          </a>{' '}
          · {e.published ?? 'undated'} · {e.certainty}
          <form method="post" action={props.ignore} class="inline ignore-evidence">
            <CsrfField csrf={props.csrf} />
            <input type="hidden" name="source" value={e.source} />
            <input type="hidden" name="evidence" value={e.evidence} />
            <button type="submit" class="button-small button-secondary">
              Ignore this sentence
            </button>
          </form>
        </li>
      ))}
    </ul>
  )
}

/** Each fact now, with a retract form (or a note when a held edition carries it). */
function FactsTable(props: { facts: Facts; pending: HeldEdition[]; csrf: string; action: string; ignore: string; errors: Record<string, string> }) {
  const f = props.facts
  const rows: { slot: FactSlot; label: string; piece: FactPiece }[] = [
    { slot: { field: 'stage' }, label: 'Stage', piece: f.stage },
    { slot: { field: 'release' }, label: 'Release', piece: f.release.status === 'none' ? null : f.release },
    { slot: { field: 'trailer' }, label: 'Trailer', piece: f.trailer },
    { slot: { field: 'episodes' }, label: 'Episodes', piece: f.episodes },
    ...f.cast.map((c) => ({ slot: { field: 'cast', actor: c.actor } as FactSlot, label: 'Cast', piece: c })),
  ]
  const held = new Set(props.pending.flatMap((h) => h.changes.filter((c: HeldChange) => !h.dropped.includes(c.id)).map((c) => statementOfPiece(c.slot, c.after))))
  return (
    <>
      <FieldError errors={props.errors} name="reason" />
      <table id="fact-list" class="cards">
        <TableHead cols={['Fact', 'Value', 'Evidence', 'Retract']} />
        <tbody>
          {rows
            .filter((r) => r.piece !== null)
            .map((r) => {
              const isHeld = held.has(statementOfPiece(r.slot, r.piece))
              return (
                <tr data-fact={r.slot.field === 'cast' ? `cast:${r.slot.actor}` : r.slot.field}>
                  <td>{r.label}</td>
                  <td data-label="Value">
                    {describeValue(r.slot.field, r.piece)} {isHeld ? <span class="tag">held for review</span> : null}
                  </td>
                  <td data-label="Evidence">
                    <EvidenceList evidence={evidenceOf(r.piece)} csrf={props.csrf} ignore={props.ignore} />
                  </td>
                  <td>
                    {isHeld ? (
                      <span class="muted">drop it in its held edition</span>
                    ) : (
                      <ReasonForm
                        action={props.action}
                        class="retract"
                        csrf={props.csrf}
                        hidden={r.slot.field === 'cast' ? { field: r.slot.field, actor: r.slot.actor } : { field: r.slot.field }}
                        placeholder="What is wrong (sent to subscribers)"
                        required
                        label="Why retract"
                        button="Retract"
                      />
                    )}
                  </td>
                </tr>
              )
            })}
        </tbody>
      </table>
    </>
  )
}

function RuleView(props: { rule: ExclusionRule }) {
  const r = props.rule
  if (r.kind === 'evidence') {
    return (
      <>
        <q>{r.evidence}</q> in <code>{r.source}</code>
      </>
    )
  }
  return (
    <>
      <code>{r.statement}</code> from {r.sites.join(', ') || 'no site'}
    </>
  )
}
