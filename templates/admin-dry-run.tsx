import type { Change, Claim } from '../src/core/types'
import { describeValue, formatTime, safeHref } from '../src/admin/describe'
import type { DryRunResult } from '../src/admin/dry-run'
import { AdminLayout, TableHead } from './admin-layout'

/** What a dry-run found: documents, their claims with evidence, and the changes they would cause. */
export function AdminDryRun(props: { csrf: string; base: string; result: DryRunResult }) {
  const r = props.result
  const material = r.changes.filter((c) => c.material)
  const other = r.changes.filter((c) => !c.material)
  return (
    <AdminLayout title="Dry-run" csrf={props.csrf}>
      <p>
        {r.target.id ? (
          <>
            Source <strong>{r.target.id}</strong>,{' '}
          </>
        ) : (
          'Unsaved '
        )}
        {r.target.kind}{' '}
        <a href={safeHref(r.target.url)} rel="noopener noreferrer nofollow" class="url">
          <code>{r.target.url}</code>
        </a>
        , read {formatTime(r.at)}. Nothing was saved.
      </p>
      {r.error ? (
        <p class="alert" id="dry-run-error">
          Could not read it: {r.error}
        </p>
      ) : null}
      {r.unreliable ? (
        <p class="alert" id="dry-run-unreliable">
          This source is marked <strong>unreliable</strong>: its claims are shown below but never count towards corroboration
          or confirmation, so it causes no change.
        </p>
      ) : null}
      <h2>Material changes it would cause ({material.length})</h2>
      {r.baseline ? (
        <p class="hint">There are no facts yet: the first real run records a baseline and emails nothing.</p>
      ) : null}
      <ChangeList changes={material} id="material-changes" empty="None: no email would go out because of this source." />
      {other.length > 0 ? (
        <details>
          <summary>{other.length} other (not material) changes</summary>
          <ChangeList changes={other} id="other-changes" empty="" />
        </details>
      ) : null}

      <h2>Documents ({r.documents.length})</h2>
      {r.documents.map((d) => (
        <section class="document">
          <h3>
            <a href={safeHref(d.url)} rel="noopener noreferrer nofollow" class="url">
              {d.url}
            </a>
          </h3>
          {d.error ? (
            <p class="bad">{d.error}</p>
          ) : (
            <>
              <p>
                Published: <strong class="published">{d.published ?? 'unknown'}</strong> · Language: <strong class="lang">{d.lang ?? 'unknown'}</strong> · {d.claims.length} claims
              </p>
              <ClaimTable claims={d.claims} unreliable={r.unreliable === true} />
            </>
          )}
        </section>
      ))}
      <p>
        <a href={props.base}>Back to the list</a>
      </p>
    </AdminLayout>
  )
}

function ClaimTable(props: { claims: Claim[]; unreliable: boolean }) {
  if (props.claims.length === 0) return <p class="hint">No claims about the season.</p>
  return (
    <table class="claims cards">
      <TableHead cols={['Field', 'Value', 'Certainty', 'Evidence']} />
      <tbody>
        {props.claims.map((c) => (
          <tr>
            <td>
              <strong>{c.field}</strong>
            </td>
            <td data-label="Value">{describeValue(c.field, c.value)}</td>
            <td data-label="Certainty">
              {c.certainty}
              {props.unreliable ? <span class="tag bad">not counted: unreliable</span> : null}
            </td>
            <td data-label="Evidence">
              <q>{c.evidence}</q>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function ChangeList(props: { changes: Change[]; id: string; empty: string }) {
  if (props.changes.length === 0) return props.empty ? <p id={props.id}>{props.empty}</p> : null
  return (
    <table id={props.id} class="cards">
      <TableHead cols={['Field', 'From', 'To', 'Certainty', 'Evidence']} />
      <tbody>
        {props.changes.map((c) => (
          <tr class={c.material ? 'material' : ''}>
            <td>
              <strong>{c.field}</strong>
            </td>
            <td data-label="From">{describeValue(c.field, c.from)}</td>
            <td data-label="To">{describeValue(c.field, c.to)}</td>
            <td data-label="Certainty">{c.certainty ?? ''}</td>
            <td data-label="Evidence">{c.evidence ? <q>{c.evidence}</q> : null}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
