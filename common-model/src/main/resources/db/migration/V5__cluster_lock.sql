-- Periodic work that must run once per cluster (alert evaluation, repair scans,
-- scrubbing) is done by the process that holds its lock; a holder that stops loses it
-- when locked_until has passed (epoch milliseconds).
CREATE TABLE cluster_lock (
    lock_name    VARCHAR(64)  NOT NULL PRIMARY KEY,
    locked_until BIGINT       NOT NULL,
    locked_by    VARCHAR(160) NOT NULL
);
