import type { AuditEntry } from '../src/admin/audit'
import { formatTime, safeHref } from '../src/admin/describe'
import { NOTES_MAX, type FieldErrors } from '../src/admin/source-schema'
import type { SourceWithHealth } from '../src/admin/source-health'
import type { LoadedSubject } from '../src/admin/sources/subject-store'
import { AdminLayout, CsrfField, FieldError } from './admin-layout'

/** What a source form shows: the typed values (strings from the form) and their errors. */
export interface SourceFormState {
  values: { id?: string; url?: string; kind?: string; enabled?: boolean; notes?: string | null }
  errors: FieldErrors
}

/** Everything the sources dashboard shows. */
export interface AdminPageProps {
  csrf: string
  sources: SourceWithHealth[]
  audit: AuditEntry[]
  subject: LoadedSubject
  demoMode: boolean
  notice?: string | null
  add?: SourceFormState
  dryRun?: SourceFormState
  importForm?: { text: string; errors: FieldErrors }
}

/** Audit entries shown on the page (the API returns the whole bounded log). */
export const AUDIT_SHOWN = 50

/** The admin dashboard: sources with health, every operation's form, the subject and the audit log. */
export function AdminPage(props: AdminPageProps) {
  return (
    <AdminLayout title="Sources" csrf={props.csrf}>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.demoMode ? (
        <p class="muted">Demo mode: localhost URLs are allowed so the demo can read pages from the dev server.</p>
      ) : null}

      <h2>Sources ({props.sources.length})</h2>
      <SourceTable sources={props.sources} csrf={props.csrf} />

      <h2 id="add">Add a source</h2>
      <form method="post" action="/admin/sources" id="add-form">
        <CsrfField csrf={props.csrf} />
        <SourceFields state={props.add ?? { values: { enabled: true }, errors: {} }} withId />
        <button type="submit">Add source</button>
      </form>

      <h2 id="dry-run">Dry-run a URL</h2>
      <p class="muted">Fetches the URL now and shows what would be extracted. Saves nothing.</p>
      <form method="post" action="/admin/dry-run" id="dry-run-form">
        <CsrfField csrf={props.csrf} />
        <label>
          URL
          <input type="url" name="url" value={props.dryRun?.values.url ?? ''} required />
        </label>
        <FieldError errors={props.dryRun?.errors} name="url" />
        <KindSelect value={props.dryRun?.values.kind} />
        <FieldError errors={props.dryRun?.errors} name="kind" />
        <button type="submit">Dry-run</button>
      </form>

      <h2 id="import">Export and import</h2>
      <p>
        <a href="/admin/export" download="sources.json">
          Download the source list (JSON)
        </a>
      </p>
      <form method="post" action="/admin/import" id="import-form">
        <CsrfField csrf={props.csrf} />
        <label>
          Paste a source list (JSON array) to preview an import; nothing changes until you confirm.
          <textarea name="json" spellcheck={false}>
            {props.importForm?.text ?? ''}
          </textarea>
        </label>
        {props.importForm ? <ErrorList errors={props.importForm.errors} /> : null}
        <button type="submit">Preview import</button>
      </form>

      <h2 id="subject">Subject</h2>
      <SubjectView loaded={props.subject} />

      <h2 id="audit">Audit log</h2>
      <AuditTable entries={props.audit.slice(0, AUDIT_SHOWN)} total={props.audit.length} />
    </AdminLayout>
  )
}

function SourceTable(props: { sources: SourceWithHealth[]; csrf: string }) {
  if (props.sources.length === 0) return <p class="muted">No sources.</p>
  return (
    <table id="sources">
      <thead>
        <tr>
          <th>Source</th>
          <th>Last fetch</th>
          <th>Status</th>
          <th>Failures</th>
          <th>Articles seen</th>
          <th>Last change</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {props.sources.map((s) => (
          <tr id={`source-${s.id}`} data-enabled={String(s.enabled)}>
            <td>
              <strong>{s.id}</strong> <span class="tag">{s.kind}</span>{' '}
              {s.enabled ? <span class="tag ok">enabled</span> : <span class="tag bad">disabled</span>}
              <br />
              <a href={safeHref(s.url)} rel="noopener noreferrer nofollow">
                <code>{s.url}</code>
              </a>
              {s.notes ? <div class="muted">{s.notes}</div> : null}
            </td>
            <td>{formatTime(s.health.lastFetchAt)}</td>
            <td>
              {s.health.lastStatus ?? '–'}
              {s.health.lastError ? <div class="bad">{s.health.lastError}</div> : null}
            </td>
            <td class="num">{s.health.failures}</td>
            <td class="num">{s.health.articlesSeen}</td>
            <td>{formatTime(s.health.lastChangeAt)}</td>
            <td>
              <a href={`/admin/sources/${encodeURIComponent(s.id)}`}>Edit</a>
              <form method="post" action={`/admin/sources/${encodeURIComponent(s.id)}/${s.enabled ? 'disable' : 'enable'}`} class="inline">
                <CsrfField csrf={props.csrf} />
                <button type="submit">{s.enabled ? 'Disable' : 'Enable'}</button>
              </form>
              <form method="post" action="/admin/dry-run" class="inline">
                <CsrfField csrf={props.csrf} />
                <input type="hidden" name="id" value={s.id} />
                <button type="submit">Dry-run</button>
              </form>
              <form method="post" action={`/admin/sources/${encodeURIComponent(s.id)}/delete`} class="inline">
                <CsrfField csrf={props.csrf} />
                <button type="submit">Delete</button>
              </form>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The fields of a source form (add and edit share them). */
export function SourceFields(props: { state: SourceFormState; withId?: boolean }) {
  const { values, errors } = props.state
  return (
    <>
      {props.withId ? (
        <>
          <label>
            Id (lowercase letters, digits, dashes)
            <input type="text" name="id" value={values.id ?? ''} required pattern="[a-z0-9][a-z0-9\-]{1,62}" />
          </label>
          <FieldError errors={errors} name="id" />
        </>
      ) : null}
      <label>
        URL
        <input type="url" name="url" value={values.url ?? ''} required />
      </label>
      <FieldError errors={errors} name="url" />
      <KindSelect value={values.kind} />
      <FieldError errors={errors} name="kind" />
      <label class="check">
        <input type="checkbox" name="enabled" value="on" checked={values.enabled ?? true} /> Enabled
      </label>
      <FieldError errors={errors} name="enabled" />
      <label>
        Notes (up to {NOTES_MAX} characters)
        <textarea name="notes" maxlength={NOTES_MAX}>
          {values.notes ?? ''}
        </textarea>
      </label>
      <FieldError errors={errors} name="notes" />
      {Object.keys(errors).some((k) => !['id', 'url', 'kind', 'enabled', 'notes'].includes(k)) ? (
        <ErrorList errors={errors} />
      ) : null}
    </>
  )
}

function KindSelect(props: { value?: string | undefined }) {
  return (
    <label>
      Kind
      <select name="kind">
        <option value="page" selected={props.value !== 'feed'}>
          page (re-read every run)
        </option>
        <option value="feed" selected={props.value === 'feed'}>
          feed (RSS/Atom; new items are read as articles)
        </option>
      </select>
    </label>
  )
}

/** Every error of a form as a list (import errors are keyed `sources.3.url`). */
function ErrorList(props: { errors: FieldErrors }) {
  const entries = Object.entries(props.errors)
  if (entries.length === 0) return null
  return (
    <ul class="err">
      {entries.map(([key, message]) => (
        <li>
          <code>{key}</code>: {message}
        </li>
      ))}
    </ul>
  )
}

function SubjectView(props: { loaded: LoadedSubject }) {
  const s = props.loaded.subject
  return (
    <div id="subject-config">
      <p>
        <strong>{s.show}</strong>, season {s.season}{' '}
        <span class="muted">
          ({props.loaded.origin === 'kv' ? 'override saved in KV' : 'default from data/subject.json'}; read-only here)
        </span>
      </p>
      <p>Title aliases: {s.aliases.join(' · ') || 'none'}</p>
      {s.officialSources?.length ? <p>Official sources: {s.officialSources.join(' · ')}</p> : null}
      <table>
        <thead>
          <tr>
            <th>Person</th>
            <th>Aliases</th>
            <th>Roles</th>
            <th>Earlier season</th>
          </tr>
        </thead>
        <tbody>
          {s.people.map((p) => (
            <tr>
              <td>{p.name}</td>
              <td>{p.aliases.join(' · ')}</td>
              <td>{(p.roles ?? []).join(' · ')}</td>
              <td>{p.previousCast ? 'yes' : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function AuditTable(props: { entries: AuditEntry[]; total: number }) {
  if (props.entries.length === 0) return <p class="muted">No changes yet.</p>
  return (
    <>
      <table id="audit-log">
        <thead>
          <tr>
            <th>When</th>
            <th>Who</th>
            <th>Action</th>
            <th>Source</th>
            <th>Before / after</th>
          </tr>
        </thead>
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>{formatTime(e.at)}</td>
              <td>
                <code>{e.actor}</code> <span class="muted">via {e.via}</span>
              </td>
              <td>{e.action}</td>
              <td>{e.target ?? 'all'}</td>
              <td>
                <details>
                  <summary>show</summary>
                  <p>Before:</p>
                  <pre>{JSON.stringify(e.before, null, 1)}</pre>
                  <p>After:</p>
                  <pre>{JSON.stringify(e.after, null, 1)}</pre>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.total > props.entries.length ? (
        <p class="muted">
          Showing the newest {props.entries.length} of {props.total}; <code>GET /api/sources/audit</code> returns all.
        </p>
      ) : null}
    </>
  )
}
