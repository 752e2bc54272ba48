-- Heat by forward decay (see ForwardDecay): heat_score is the sum of the events' weights
-- relative to the landmark in system_setting 'heat.landmark'; heat is the decayed value
-- materialized at heat_at for readers; tier is the band with hysteresis.
ALTER TABLE file_heat ADD COLUMN heat_score DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE file_heat ADD COLUMN heat_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE file_heat ADD COLUMN tier VARCHAR(8) NOT NULL DEFAULT 'cold';
