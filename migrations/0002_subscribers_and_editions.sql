-- Subscribers, update editions and their delivery batches, and the local outbox.
-- Personal data is kept to the minimum: an address is stored only while it is pending or
-- active; leaving erases it (see README "Subscribers and email").

CREATE TABLE IF NOT EXISTS subscribers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- Normalised address; NULL once the subscriber left (unsubscribed, complained, bounced).
  email TEXT UNIQUE,
  -- HMAC of the address, kept only for bounced addresses so they are not mailed again.
  suppress_hash TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed', 'bounced')),
  -- Why it left: 'user' (page button), 'one-click' (RFC 8058), 'complaint', 'bounce'.
  reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  confirmed_at TEXT,
  left_at TEXT,
  -- Confirmation emails sent for the current pending request, and when the last one went out.
  confirm_sends INTEGER NOT NULL DEFAULT 0,
  confirm_sent_at TEXT
);
CREATE INDEX IF NOT EXISTS subscribers_status_id ON subscribers (status, id);
CREATE INDEX IF NOT EXISTS subscribers_suppress_hash ON subscribers (suppress_hash) WHERE suppress_hash IS NOT NULL;

-- One row per cron run that had material changes. Recorded before anything is sent.
CREATE TABLE IF NOT EXISTS editions (
  id TEXT PRIMARY KEY,
  at TEXT NOT NULL,
  -- Recipients are those active with confirmed_at <= snapshot_at.
  snapshot_at TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  changes_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  -- Set once the recipient batches are planned (atomically with the batch rows).
  batch_count INTEGER,
  recipients INTEGER,
  -- Set once every batch message was handed to the Queue.
  enqueued_at TEXT
);

-- A contiguous range of subscriber ids (at most 100 recipients at snapshot time).
CREATE TABLE IF NOT EXISTS edition_batches (
  edition_id TEXT NOT NULL REFERENCES editions (id),
  batch_index INTEGER NOT NULL,
  first_id INTEGER NOT NULL,
  last_id INTEGER NOT NULL,
  planned INTEGER NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  lease_until INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  sent INTEGER,
  sent_at TEXT,
  last_error TEXT,
  PRIMARY KEY (edition_id, batch_index)
);

-- Emails written instead of sent when RESEND_API_KEY is not set (local development).
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  to_addr TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  headers_json TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outbox_created ON outbox (created_at);
