-- A COPY task made for a placement change first waits until this time (epoch
-- milliseconds) for a read through DIM to carry the copy (dim.migrator.copy-on-read-wait):
-- the read's bytes leave the source once for the reader and the new replica alike. NULL:
-- no wait. The background migrator leaves such a task until then; a tick or drain asked
-- for through the API does not wait.
ALTER TABLE migration_task ADD COLUMN read_wait_until BIGINT;

-- Every read through DIM looks for a pending copy of its object.
CREATE INDEX migration_task_object ON migration_task (object_key, kind, state);
