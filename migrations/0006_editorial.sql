-- Editorial control (issue 10): review settings, held editions, claim exclusions (dropped
-- changes, retractions, ignored sentences), corrections, maintainer alerts, and an audit log
-- that can name these actions. See README "Admin" → "Editorial control".

-- Review mode and maintainer alerts. One row per scope: '*' is the default for every subject
-- (and holds the alert settings); a subject's slug overrides the review mode for that subject.
-- NULL review_mode on a subject row means "as the default".
CREATE TABLE IF NOT EXISTS editorial_settings (
  scope TEXT PRIMARY KEY,
  review_mode TEXT CHECK (review_mode IN ('off', 'hold')),
  -- With 'hold': NULL waits for a maintainer; N sends automatically N hours after the run.
  hold_hours INTEGER CHECK (hold_hours IS NULL OR hold_hours BETWEEN 1 AND 720),
  -- Only on '*': maintainer addresses (JSON list) and failed runs in a row before a source alert.
  alert_emails_json TEXT,
  failure_threshold INTEGER CHECK (failure_threshold IS NULL OR failure_threshold BETWEEN 1 AND 100),
  version INTEGER NOT NULL DEFAULT 1,
  updated_at TEXT NOT NULL
);

-- An edition a run held for review instead of sending. `changes_json` keeps each material
-- change with the fact before and after it (so a dropped change can be reverted); `dropped_json`
-- the ids of changes a maintainer dropped. Once sent, `sent_edition_id` names the edition row
-- that went out (with only the approved changes).
CREATE TABLE IF NOT EXISTS held_editions (
  id TEXT PRIMARY KEY,
  subject_slug TEXT NOT NULL,
  at TEXT NOT NULL,
  hold_until TEXT,
  status TEXT NOT NULL DEFAULT 'held' CHECK (status IN ('held', 'sent', 'dropped')),
  changes_json TEXT NOT NULL,
  dropped_json TEXT NOT NULL DEFAULT '[]',
  sent_edition_id TEXT,
  decided_at TEXT,
  decided_by TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS held_editions_subject ON held_editions (subject_slug, status, at);
CREATE INDEX IF NOT EXISTS held_editions_due ON held_editions (status, hold_until);

-- Claims that no longer count, applied as a filter of the claim ledger before merge:
-- 'drop' and 'retract' exclude one statement from the sites that said it; 'ignore' one
-- sentence of one document. `key` makes a repeated action a no-op.
CREATE TABLE IF NOT EXISTS claim_exclusions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_slug TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('drop', 'retract', 'ignore')),
  rule_json TEXT NOT NULL,
  reason TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (subject_slug, key)
);

-- A retracted fact: what was wrong, what is true now, why, and the correction email (an edition
-- row of its own, sent to the recipients of the edition that carried the wrong fact).
CREATE TABLE IF NOT EXISTS corrections (
  id TEXT PRIMARY KEY,
  subject_slug TEXT NOT NULL,
  statement TEXT NOT NULL,
  original_edition_id TEXT,
  correction_edition_id TEXT,
  note_json TEXT NOT NULL,
  reason TEXT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS corrections_subject ON corrections (subject_slug, at);

-- Emails to maintainers (an edition waits, a source keeps failing, a run failed). The id is
-- the dedupe key (`held/<edition>`, `source/<slug>/<id>/<streak>`, `run/<slug>/<at>`): one
-- alert per event, whatever retries happen. Recipients are fixed when it is recorded.
CREATE TABLE IF NOT EXISTS maintainer_alerts (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('held', 'source-failing', 'run-failed')),
  subject_slug TEXT,
  to_json TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Set once it is settled: sent (error NULL), or refused by the email API (error set).
  sent_at TEXT,
  error TEXT
);
CREATE INDEX IF NOT EXISTS maintainer_alerts_unsent ON maintainer_alerts (sent_at, created_at);

-- The audit log learns the editorial targets (an edition, a fact, an evidence sentence, the
-- settings, a run) and `system` (the hold window's automatic send). SQLite cannot change a
-- CHECK in place, so the table is rebuilt with every row kept, then made append-only again.
CREATE TABLE audit_log_v2 (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  via TEXT NOT NULL CHECK (via IN ('api', 'page', 'migration', 'system')),
  action TEXT NOT NULL,
  subject_slug TEXT,
  target_kind TEXT NOT NULL CHECK (target_kind IN ('source', 'sources', 'subject', 'edition', 'fact', 'evidence', 'settings', 'run')),
  target TEXT,
  before_json TEXT,
  after_json TEXT,
  reason TEXT
);
INSERT INTO audit_log_v2 (id, at, actor, via, action, subject_slug, target_kind, target, before_json, after_json, reason)
  SELECT id, at, actor, via, action, subject_slug, target_kind, target, before_json, after_json, reason FROM audit_log;
DROP TRIGGER IF EXISTS audit_log_no_update;
DROP TRIGGER IF EXISTS audit_log_no_delete;
DROP TABLE audit_log;
ALTER TABLE audit_log_v2 RENAME TO audit_log;
CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log (subject_slug, id);
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit_log is append-only');
END;
