-- What `/` and `GET /api/subjects` show of each season (stage, latest change), written beside
-- its public view, so listing N seasons is one D1 query instead of N KV reads. NULL until the
-- view is next written; readers then fall back to the KV view.
ALTER TABLE subjects ADD COLUMN glance_json TEXT;
