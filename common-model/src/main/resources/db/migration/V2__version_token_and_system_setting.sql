-- The prototype asked users to run these two statements by hand ("Database Migration
-- Notes" in its README). Here they are a migration: existing rows keep their values and
-- get an empty version token.

ALTER TABLE file_meta ADD COLUMN version_token VARCHAR(256) NOT NULL DEFAULT '';

CREATE TABLE system_setting (
    setting_key   VARCHAR(128)  NOT NULL PRIMARY KEY,
    setting_value VARCHAR(4096) NOT NULL
);
