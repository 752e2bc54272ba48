-- The bytes a COPY task copied, set when its copy is verified (by the migrator or by a read
-- carrying it), null for other tasks: GET /migrator/status sums the copies of the last five
-- minutes from here, so every api-service instance reports the whole cluster's throughput
-- (until now each counted its own copies in memory).
ALTER TABLE migration_task ADD COLUMN copied_bytes BIGINT;
CREATE INDEX migration_task_updated ON migration_task (updated_at);
