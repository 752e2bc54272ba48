-- The placement a migration job moves an object to (endpoint names, comma-separated,
-- sorted), so that the migrator knows which replicas are no longer wanted once every
-- copy is verified.
ALTER TABLE migration_job ADD COLUMN target_endpoints VARCHAR(1024);
