-- Several seasons at once: subjects, their sources, an append-only audit log, and which
-- subject each subscriber follows. The data of the single-subject layout (KV `state:v1`,
-- `public:v1`, `sources`, `audit:v1`, `subject:v1`) is carried over in code, once, by
-- src/worker/migrate-layout.ts: it needs data/subject.json and KV, which SQL cannot read.

-- One row per followed season. `version` goes up on every edit; an edit names the version it
-- saw and a stale one is refused (409). The slug never changes: KV keys and URLs hold it.
CREATE TABLE IF NOT EXISTS subjects (
  -- Creation order: the lowest is the first subject, which the single-subject URLs alias.
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  slug TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  show TEXT NOT NULL CHECK (length(show) > 0),
  season INTEGER NOT NULL CHECK (season BETWEEN 1 AND 99),
  -- aliases, officialSources, people (and any later optional field), as JSON.
  config_json TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  -- Goes up with every change to this subject's sources: the base an import confirms against.
  sources_version INTEGER NOT NULL DEFAULT 0,
  -- 1 while the single-subject KV keys still have to be adopted as this subject's state.
  legacy INTEGER NOT NULL DEFAULT 0,
  -- Set once a run saved state: a run that then finds none (KV not yet consistent) waits
  -- instead of starting a fresh baseline over it.
  state_saved_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- Each subject's sources, in list order. Every row carries its own version for PATCH/DELETE.
CREATE TABLE IF NOT EXISTS sources (
  subject_slug TEXT NOT NULL REFERENCES subjects (slug) ON DELETE CASCADE,
  id TEXT NOT NULL,
  url TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('page', 'feed')),
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
  notes TEXT,
  -- Marked by a maintainer as not to be trusted alone (issue 10); stored and round-tripped.
  unreliable INTEGER NOT NULL DEFAULT 0 CHECK (unreliable IN (0, 1)),
  position INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (subject_slug, id),
  UNIQUE (subject_slug, url)
);

-- What maintainers did. Append-only: the triggers refuse any UPDATE or DELETE.
CREATE TABLE IF NOT EXISTS audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  -- Token fingerprint (`token:1a2b3c4d`), never the token; `migration` for carried-over rows.
  actor TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('api', 'page', 'migration')),
  action TEXT NOT NULL,
  subject_slug TEXT,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('source', 'sources', 'subject')),
  target TEXT,
  before_json TEXT,
  after_json TEXT,
  -- Free text, for the editorial actions to come (why a change was held or corrected).
  reason TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject_slug, id);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Which subjects a subscriber hears about: `all` changes, or `release` (release date and
-- trailers only). Rows go with their subscriber or subject.
CREATE TABLE IF NOT EXISTS subscriptions (
  subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  subject_slug TEXT NOT NULL REFERENCES subjects (slug) ON DELETE CASCADE,
  choice TEXT NOT NULL CHECK (choice IN ('all', 'release')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (subscriber_id, subject_slug)
);
CREATE INDEX IF NOT EXISTS subscriptions_subject ON subscriptions (subject_slug, subscriber_id);

-- The subject an edition is about (NULL only until the layout migration fills old rows).
ALTER TABLE editions ADD COLUMN subject_slug TEXT;
CREATE INDEX IF NOT EXISTS editions_subject ON editions (subject_slug, at);

-- One-time steps of the code migration that are done (name → when), so none runs twice.
CREATE TABLE IF NOT EXISTS layout_migrations (
  name TEXT PRIMARY KEY,
  done_at TEXT NOT NULL
);
