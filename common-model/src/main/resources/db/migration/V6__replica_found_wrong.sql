-- When a read, a copy or the scrubber last found the replica not holding its object's
-- bytes (epoch milliseconds; NULL: never, or verified since). In the database, so that
-- every instance and a restarted one know it.
ALTER TABLE replica ADD COLUMN found_wrong_at BIGINT;

CREATE INDEX replica_found_wrong ON replica (found_wrong_at);
