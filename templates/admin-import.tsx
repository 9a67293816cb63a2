import { isEmptyPlan } from '../src/admin/import-plan'
import type { Source } from '../src/core/types'
import type { ImportPreview } from '../src/admin/sources/source-admin'
import { AdminLayout, CsrfField, TableHead } from './admin-layout'

/** The import preview: what would be added, changed and removed, and the confirm button. */
export function AdminImportPreview(props: { csrf: string; base: string; preview: ImportPreview }) {
  const { plan } = props.preview
  return (
    <AdminLayout title="Import preview" csrf={props.csrf}>
      <p>
        The list is valid: {plan.adds.length} to add, {plan.changes.length} to change, {plan.removes.length} to remove,{' '}
        {plan.unchanged.length} unchanged.
      </p>
      <h2>Adds</h2>
      <Sources list={plan.adds} id="import-adds" />
      <h2>Changes</h2>
      {plan.changes.length === 0 ? (
        <p class="hint">None.</p>
      ) : (
        <table id="import-changes" class="cards">
          <TableHead cols={['Id', 'Before', 'After']} />
          <tbody>
            {plan.changes.map((c) => (
              <tr>
                <td>
                  <strong>{c.after.id}</strong>
                </td>
                <td data-label="Before">
                  <pre>{JSON.stringify(c.before, null, 1)}</pre>
                </td>
                <td data-label="After">
                  <pre>{JSON.stringify(c.after, null, 1)}</pre>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Removes</h2>
      <Sources list={plan.removes} id="import-removes" />
      {isEmptyPlan(plan) ? (
        <p class="notice">The import matches the current list; there is nothing to apply.</p>
      ) : (
        <form method="post" action={`${props.base}/import/confirm`} id="import-confirm" class="actions">
          <CsrfField csrf={props.csrf} />
          <input type="hidden" name="base" value={props.preview.base} />
          {/* The validated list, re-serialised: what is confirmed is exactly what was previewed. */}
          <input type="hidden" name="json" value={JSON.stringify(props.preview.sources)} />
          <button type="submit">Apply this import</button>
        </form>
      )}
      <p>
        <a href={props.base}>Cancel</a>
      </p>
    </AdminLayout>
  )
}

function Sources(props: { list: Source[]; id: string }) {
  if (props.list.length === 0) return <p class="hint">None.</p>
  return (
    <ul id={props.id}>
      {props.list.map((s) => (
        <li>
          <strong>{s.id}</strong> ({s.kind}, {s.enabled ? 'enabled' : 'disabled'}) <code class="url">{s.url}</code>
        </li>
      ))}
    </ul>
  )
}
