-- Each subject's last few run reports (issue 11): the documents a run read, the claims it found
-- and why each finding was or was not sent. Kept in D1 rather than in the subject's KV state so a
-- quiet run, which writes no KV at all, still leaves its report; each run inserts one row and
-- drops the rows beyond the newest few in the same batch (src/store/run-report-store.ts).
CREATE TABLE IF NOT EXISTS run_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subject_slug TEXT NOT NULL REFERENCES subjects (slug) ON DELETE CASCADE,
  at TEXT NOT NULL,
  -- The report as JSON (src/pipeline/run/run-report.ts `RunSummary`), at most 32 KiB.
  body_json TEXT NOT NULL CHECK (length(body_json) <= 32768)
);

CREATE INDEX IF NOT EXISTS run_reports_subject ON run_reports (subject_slug, id);

-- The local outbox keeps the From header too, so /outbox shows who an email is from.
ALTER TABLE outbox ADD COLUMN from_addr TEXT;
