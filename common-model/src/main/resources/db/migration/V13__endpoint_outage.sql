-- Since when each endpoint has not answered its probe (epoch milliseconds), as the repair
-- scan saw it; the row goes when the endpoint answers again. In the database so that the
-- instance taking over the repair lock counts the grace period
-- (dim.migrator.repair-grace) from when the outage began, not from its own first scan.
-- (Endpoints failed by chaos have their time in chaos_fault.)
CREATE TABLE endpoint_outage (
    endpoint   VARCHAR(255) NOT NULL PRIMARY KEY,
    down_since BIGINT       NOT NULL
);
