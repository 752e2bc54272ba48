-- The placement a migration job moves an object to (endpoint names, comma-separated,
-- sorted), so that the migrator knows which replicas are no longer wanted once every
-- copy is verified.
ALTER TABLE migration_job ADD COLUMN target_endpoints VARCHAR(1024);

-- The optimizer looks up an object's job in progress for every move it records.
CREATE INDEX migration_job_key ON migration_job (object_key, state);
