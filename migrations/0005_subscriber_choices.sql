-- Subscribers choose: one email variant per choice, and recipient batches planned per choice.
--
-- An edition's own row (`editions.subject/text/html`) is what the `all` choice gets. Every other
-- choice whose changes the edition touches gets a variant here, rendered once from only those
-- changes; a choice with no variant row gets no email for that edition. Variants go with their
-- edition.
CREATE TABLE IF NOT EXISTS edition_variants (
  edition_id TEXT NOT NULL REFERENCES editions (id) ON DELETE CASCADE,
  choice TEXT NOT NULL CHECK (choice IN ('release')),
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  html TEXT NOT NULL,
  PRIMARY KEY (edition_id, choice)
);

-- Which variant a batch sends. Batches of one choice are contiguous id ranges among the
-- subscribers with that choice; indexes run on across choices, so `<edition>/<batch>` stays a
-- unique idempotency key. Batches planned before this migration were all `all`.
ALTER TABLE edition_batches ADD COLUMN choice TEXT NOT NULL DEFAULT 'all';

-- Planning and sending join subscriptions by subject, then subscriber.
CREATE INDEX IF NOT EXISTS subscriptions_subject_choice ON subscriptions (subject_slug, choice, subscriber_id);
