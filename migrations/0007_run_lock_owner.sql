-- Who holds a run lease: the runs Queue message (its subject and cron time). A redelivery of the
-- same message takes over the lease its crashed attempt left, instead of waiting it out.
ALTER TABLE run_lock ADD COLUMN owner TEXT;
