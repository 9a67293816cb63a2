import { formatTime } from '../src/admin/describe'
import type { SourceWithHealth } from '../src/admin/source-health'
import { AdminLayout, CsrfField, VersionField } from './admin-layout'
import { SourceFields, type SourceFormState } from './admin-page'

/** Editing one saved source (the id stays: state and health are keyed by it). */
export function AdminEdit(props: { csrf: string; base: string; source: SourceWithHealth; form: SourceFormState }) {
  const s = props.source
  const path = `${props.base}/sources/${encodeURIComponent(s.id)}`
  return (
    <AdminLayout title={`Edit ${s.id}`} csrf={props.csrf}>
      <p class="hint">
        Last fetch {formatTime(s.health.lastFetchAt)}, status {s.health.lastStatus ?? '–'}, {s.health.failures}{' '}
        consecutive failures{s.health.lastError ? `, last error: ${s.health.lastError}` : ''}.
      </p>
      <form method="post" action={path} id="edit-form" class="panel">
        <CsrfField csrf={props.csrf} />
        <VersionField version={s.version} />
        <SourceFields state={props.form} />
        <button type="submit">Save</button>
      </form>
      <form method="post" action={`${props.base}/dry-run`} class="actions">
        <CsrfField csrf={props.csrf} />
        <input type="hidden" name="id" value={s.id} />
        <button type="submit" class="button-secondary">
          Dry-run the saved source
        </button>
      </form>
      <p>
        <a href={props.base}>Back to the list</a>
      </p>
    </AdminLayout>
  )
}
