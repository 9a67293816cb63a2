-- Lease that keeps two cron runs from working on the same state at once.
CREATE TABLE IF NOT EXISTS run_lock (
  name TEXT PRIMARY KEY,
  token TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
