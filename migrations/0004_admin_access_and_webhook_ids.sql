-- Admin access (README "Admin"): the session epoch that logout bumps, so a logged-out cookie is
-- dead on the server, and the IPs locked out after too many wrong tokens.
CREATE TABLE IF NOT EXISTS admin_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  -- Part of every session's MAC; logout adds 1, which ends every open session.
  session_epoch INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO admin_state (id, session_epoch) VALUES (1, 0);

CREATE TABLE IF NOT EXISTS admin_lockouts (
  -- SHA-256 of the client IP (not the IP itself).
  ip_hash TEXT PRIMARY KEY,
  -- Until when (ms since the epoch) every admin credential from this IP is refused unchecked.
  until_ms INTEGER NOT NULL
);

-- Resend (Svix) webhook message ids already applied, so a replayed delivery is acknowledged
-- without being applied twice. Rows older than the retention are purged as new ones arrive.
CREATE TABLE IF NOT EXISTS webhook_events (
  svix_id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_events_received_at ON webhook_events (received_at);
