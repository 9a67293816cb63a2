import type { AuditEntry } from '../src/admin/audit'
import { formatTime, safeHref } from '../src/admin/describe'
import type { SubjectFormValues } from '../src/admin/form-input'
import { NOTES_MAX, type FieldErrors } from '../src/admin/source-schema'
import type { SourceWithHealth } from '../src/admin/source-health'
import type { RunSummary } from '../src/pipeline/run/run-report'
import type { SubjectRecord } from '../src/store/subject-store'
import { AdminLayout, CsrfField, FieldError, TableHead, VersionField } from './admin-layout'
import { RunReportList } from './run-report'

/** What a source form shows: the typed values (strings from the form) and their errors. */
export interface SourceFormState {
  values: { id?: string; url?: string; kind?: string; enabled?: boolean; unreliable?: boolean; notes?: string | null }
  errors: FieldErrors
}

/** What a subject form shows: the typed values and their errors (`people.3.name` for a person's). */
export interface SubjectFormState {
  values: SubjectFormValues
  errors: FieldErrors
}

/** Everything one subject's page shows. */
export interface AdminPageProps {
  csrf: string
  /** Where this subject's page and forms live (`/admin` or `/admin/s/<slug>`). */
  base: string
  subject: SubjectRecord
  /** Every subject, for the list at the top. */
  subjects: SubjectRecord[]
  sources: SourceWithHealth[]
  /** The newest entries of this subject's audit log, and how many it holds. */
  audit: AuditEntry[]
  auditTotal: number
  /** The subject's recent run reports, newest first. */
  runs: RunSummary[]
  /** How many people follow this subject (removing it ends their subscriptions). */
  followers?: number
  demoMode: boolean
  notice?: string | null
  add?: SourceFormState
  dryRun?: SourceFormState
  importForm?: { text: string; errors: FieldErrors }
  subjectForm?: SubjectFormState
  newSubject?: SubjectFormState
}

/** Audit entries shown on the page (the API returns more). */
export const AUDIT_SHOWN = 50

/** One subject's page: the subject list, its sources with health, its recent runs, every operation's form, the subject form and its audit log. */
export function AdminPage(props: AdminPageProps) {
  const { base, subject } = props
  return (
    <AdminLayout title="Subjects and sources" csrf={props.csrf}>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.demoMode ? (
        <p class="hint">Demo mode: localhost URLs are allowed so the demo can read pages from the dev server.</p>
      ) : null}

      <SubjectList subjects={props.subjects} current={subject.slug} />
      <p id="current-subject">
        Showing <strong>{subject.show}</strong>, season {subject.season} <code>{subject.slug}</code>{' '}
        {subject.status === 'paused' ? <span class="tag bad">paused: the cron skips it</span> : <span class="tag ok">active</span>} ·{' '}
        <a href={`${base}/review`} id="review-link">
          Review, corrections, trust and run now
        </a>
      </p>

      <h2>Sources ({props.sources.length})</h2>
      <SourceTable sources={props.sources} csrf={props.csrf} base={base} />

      <h2 id="recent-runs">Recent runs</h2>
      <p class="hint">
        What each run read, the claims it found, and why each finding was or was not sent. The last {props.runs.length > 0 ? props.runs.length : 'few'}{' '}
        runs are kept.
      </p>
      <RunReportList reports={props.runs} id="runs" empty="No runs yet: the cron has not run this subject." reviewHref={(edition) => `${base}/review#held-${edition}`} />

      <h2 id="add">Add a source</h2>
      <form method="post" action={`${base}/sources`} id="add-form" class="panel">
        <CsrfField csrf={props.csrf} />
        <SourceFields state={props.add ?? { values: { enabled: true }, errors: {} }} withId />
        <button type="submit">Add source</button>
      </form>

      <h2 id="dry-run">Dry-run a URL</h2>
      <p class="hint">Fetches the URL now and shows what would be extracted. Saves nothing.</p>
      <form method="post" action={`${base}/dry-run`} id="dry-run-form" class="panel">
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
        <a href={`${base}/export`} download="sources.json">
          Download the source list (JSON)
        </a>
      </p>
      <form method="post" action={`${base}/import`} id="import-form" class="panel">
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
      <SubjectView subject={subject} />
      <SubjectForm subject={subject} csrf={props.csrf} base={base} state={props.subjectForm} canRemove={props.subjects.length > 1} followers={props.followers ?? 0} />

      <h2 id="audit">Audit log</h2>
      <AuditTable entries={props.audit} total={props.auditTotal} base={base} />

      <h2 id="add-subject">Add a subject</h2>
      <NewSubjectForm csrf={props.csrf} state={props.newSubject} />
    </AdminLayout>
  )
}

function SubjectList(props: { subjects: SubjectRecord[]; current: string }) {
  return (
    <table id="subjects" class="cards">
      <TableHead cols={['Subject', 'Slug', 'Status']} />
      <tbody>
        {props.subjects.map((s, i) => (
          <tr id={`subject-${s.slug}`} data-status={s.status}>
            <td>
              {s.slug === props.current ? (
                <strong>
                  {s.show}, season {s.season}
                </strong>
              ) : (
                <a href={i === 0 ? '/admin' : `/admin/s/${encodeURIComponent(s.slug)}`}>
                  {s.show}, season {s.season}
                </a>
              )}
            </td>
            <td data-label="Slug">
              <code>{s.slug}</code>
            </td>
            <td data-label="Status">{s.status}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function SourceTable(props: { sources: SourceWithHealth[]; csrf: string; base: string }) {
  if (props.sources.length === 0) return <p class="empty">No sources yet: add one below.</p>
  return (
    <table id="sources" class="cards">
      <TableHead cols={['Source', 'Last fetch', 'Status', 'Failures', 'Articles seen', 'Last change', 'Actions']} />
      <tbody>
        {props.sources.map((s) => (
          <tr id={`source-${s.id}`} data-enabled={String(s.enabled)}>
            <td>
              <strong>{s.id}</strong> <span class="tag">{s.kind}</span>{' '}
              {s.enabled ? <span class="tag ok">enabled</span> : <span class="tag bad">disabled</span>}
              {s.unreliable ? <span class="tag bad">unreliable</span> : null}
              <br />
              <a href={safeHref(s.url)} rel="noopener noreferrer nofollow" class="url">
                <code>{s.url}</code>
              </a>
              {s.notes ? <div class="muted">{s.notes}</div> : null}
            </td>
            <td data-label="Last fetch">{formatTime(s.health.lastFetchAt)}</td>
            <td data-label="Status">
              {s.health.lastStatus ?? '–'}
              {s.health.lastError ? <div class="bad">{s.health.lastError}</div> : null}
            </td>
            <td class="num" data-label="Failures">
              {s.health.failures}
            </td>
            <td class="num" data-label="Articles seen">
              {s.health.articlesSeen}
            </td>
            <td data-label="Last change">{formatTime(s.health.lastChangeAt)}</td>
            <td>
              <div class="row-actions">
                <a href={`${props.base}/sources/${encodeURIComponent(s.id)}`} class="button button-small button-secondary">
                  Edit
                </a>
                <form method="post" action={`${props.base}/sources/${encodeURIComponent(s.id)}/${s.enabled ? 'disable' : 'enable'}`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <VersionField version={s.version} />
                  <button type="submit" class="button-small button-secondary">
                    {s.enabled ? 'Disable' : 'Enable'}
                  </button>
                </form>
                <form method="post" action={`${props.base}/dry-run`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <input type="hidden" name="id" value={s.id} />
                  <button type="submit" class="button-small button-secondary">
                    Dry-run
                  </button>
                </form>
                <form method="post" action={`${props.base}/sources/${encodeURIComponent(s.id)}/delete`} class="inline">
                  <CsrfField csrf={props.csrf} />
                  <VersionField version={s.version} />
                  <button type="submit" class="button-small button-danger">
                    Delete
                  </button>
                </form>
              </div>
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
      <label class="check">
        <input type="checkbox" name="unreliable" value="on" checked={values.unreliable ?? false} /> Unreliable
      </label>
      <FieldError errors={errors} name="enabled" />
      <FieldError errors={errors} name="unreliable" />
      <label>
        Notes (up to {NOTES_MAX} characters)
        <textarea name="notes" maxlength={NOTES_MAX}>
          {values.notes ?? ''}
        </textarea>
      </label>
      <FieldError errors={errors} name="notes" />
      <FieldError errors={errors} name="version" />
      {Object.keys(errors).some((k) => !['id', 'url', 'kind', 'enabled', 'unreliable', 'notes', 'version'].includes(k)) ? (
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

function SubjectView(props: { subject: SubjectRecord }) {
  const s = props.subject
  return (
    <div id="subject-config">
      <p>
        <strong>{s.show}</strong>, season {s.season} <span class="muted">(version {s.version}, saved {formatTime(s.updatedAt)})</span>
      </p>
      <p>Title aliases: {s.aliases.join(' · ') || 'none'}</p>
      {s.officialSources?.length ? <p>Official sources: {s.officialSources.join(' · ')}</p> : null}
      {s.people.length === 0 ? <p class="muted">No people yet: unknown names are kept as written.</p> : null}
      <details hidden={s.people.length === 0} id="people">
        <summary>People ({s.people.length}): the cast and every spelling of their names</summary>
      <table class="cards">
        <TableHead cols={['Person', 'Aliases', 'Roles', 'Earlier season']} />
        <tbody>
          {s.people.map((p) => (
            <tr>
              <td>
                <strong>{p.name}</strong>
              </td>
              <td data-label="Aliases">{p.aliases.join(' · ')}</td>
              <td data-label="Roles">{(p.roles ?? []).join(' · ')}</td>
              <td data-label="Earlier season">{p.previousCast ? 'yes' : 'no'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </details>
    </div>
  )
}

/** The values a subject form starts from: the stored subject, as text. */
export function subjectFormValues(s: SubjectRecord): SubjectFormValues {
  return {
    show: s.show,
    season: String(s.season),
    aliases: s.aliases.join('\n'),
    officialSources: (s.officialSources ?? []).join('\n'),
    people: JSON.stringify(s.people, null, 1),
    status: s.status,
  }
}

/** Editing the subject: show, season, aliases and official sources one per line, people as JSON, status. */
function SubjectForm(props: { subject: SubjectRecord; csrf: string; base: string; state?: SubjectFormState | undefined; canRemove: boolean; followers: number }) {
  const values = props.state?.values ?? subjectFormValues(props.subject)
  const errors = props.state?.errors ?? {}
  return (
    <>
      <form method="post" action={`${props.base}/subject`} id="subject-form" class="panel">
        <CsrfField csrf={props.csrf} />
        <VersionField version={props.subject.version} />
        <SubjectFields values={values} errors={errors} />
        <FieldError errors={errors} name="version" />
        <button type="submit">Save subject</button>
      </form>
      {props.canRemove ? (
        <form method="post" action={`${props.base}/subject/delete`} id="subject-delete" class="actions">
          <CsrfField csrf={props.csrf} />
          <VersionField version={props.subject.version} />
          <label class="check">
            <input type="checkbox" name="confirm" value="yes" required /> Yes, remove it: {props.followers === 1 ? '1 person follows it' : `${props.followers} people follow it`}{' '}
            and stop getting email about it; its facts, history and run reports are deleted. To stop it for a while, pause it
            instead.
          </label>
          <button type="submit" class="button-danger">
            Remove this subject and its sources
          </button>
        </form>
      ) : null}
    </>
  )
}

/** The fields of the subject forms, each with its own error (nested ones listed under their field). */
function SubjectFields(props: { values: SubjectFormValues; errors: FieldErrors; withSlug?: boolean }) {
  const { values, errors } = props
  return (
    <>
      {props.withSlug ? (
        <>
          <label>
            Slug (lowercase letters, digits, dashes; used in URLs, never changes)
            <input type="text" name="slug" value={values.slug ?? ''} required pattern="[a-z0-9][a-z0-9\-]{1,62}" />
          </label>
          <FieldError errors={errors} name="slug" />
        </>
      ) : null}
      <label>
        Show
        <input type="text" name="show" value={values.show} required />
      </label>
      <FieldError errors={errors} name="show" />
      <label>
        Season
        <input type="text" name="season" value={values.season} inputmode="numeric" required />
      </label>
      <FieldError errors={errors} name="season" />
      <label>
        Title aliases, one per line, any language
        <textarea name="aliases">{values.aliases}</textarea>
      </label>
      <NestedErrors errors={errors} name="aliases" />
      <label>
        Official sources (whose word confirms a claim), one per line
        <textarea name="officialSources">{values.officialSources}</textarea>
      </label>
      <NestedErrors errors={errors} name="officialSources" />
      <label>
        People (JSON: a list of {'{'} "name", "aliases": [...], "roles": [...], "previousCast": true {'}'})
        <textarea name="people" spellcheck={false}>
          {values.people}
        </textarea>
      </label>
      <NestedErrors errors={errors} name="people" />
      <label>
        Status
        <select name="status">
          <option value="active" selected={values.status !== 'paused'}>
            active (the cron runs it)
          </option>
          <option value="paused" selected={values.status === 'paused'}>
            paused (kept, not run)
          </option>
        </select>
      </label>
      <FieldError errors={errors} name="status" />
      <NestedErrors errors={errors} name="subject" />
    </>
  )
}

/** Adding a subject: slug, show, season and aliases; people and sources come after. */
function NewSubjectForm(props: { csrf: string; state?: SubjectFormState | undefined }) {
  const values = props.state?.values ?? { slug: '', show: '', season: '', aliases: '', officialSources: '', people: '', status: 'active' }
  return (
    <form method="post" action="/admin/subjects" id="add-subject-form" class="panel">
      <CsrfField csrf={props.csrf} />
      <SubjectFields values={values} errors={props.state?.errors ?? {}} withSlug />
      <button type="submit">Add subject</button>
    </form>
  )
}

/** A field's errors, its own and its items' (`people.3.name`), each with its key. */
function NestedErrors(props: { errors: FieldErrors; name: string }) {
  const entries = Object.entries(props.errors).filter(([key]) => key === props.name || key.startsWith(`${props.name}.`))
  if (entries.length === 0) return null
  return (
    <ul class="err" id={`err-${props.name}`}>
      {entries.map(([key, message]) => (
        <li>
          {key === props.name ? null : <code>{key}</code>} {message}
        </li>
      ))}
    </ul>
  )
}

function AuditTable(props: { entries: AuditEntry[]; total: number; base: string }) {
  if (props.entries.length === 0) return <p class="muted">No changes yet.</p>
  return (
    <>
      <table id="audit-log" class="cards">
        <TableHead cols={['When', 'Who', 'Action', 'Target', 'Before / after']} />
        <tbody>
          {props.entries.map((e) => (
            <tr>
              <td>
                <strong>{formatTime(e.at)}</strong>
              </td>
              <td data-label="Who">
                <code>{e.actor}</code> <span class="muted">via {e.via}</span>
              </td>
              <td data-label="Action">{e.action}</td>
              <td data-label="Target">
                {e.targetKind === 'sources' ? 'all sources' : `${e.targetKind} ${e.target ?? ''}`}
                {e.reason ? <div class="muted">{e.reason}</div> : null}
              </td>
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
          Showing the newest {props.entries.length} of {props.total}; <code>GET /api/subjects/&lt;slug&gt;/sources/audit</code> returns more.
        </p>
      ) : null}
    </>
  )
}
