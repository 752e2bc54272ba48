-- Objects whose tier changed on dim.heat, waiting to be re-optimized together (every
-- dim.placement.reoptimize-delay, by the api-service instance holding the reoptimize
-- lock). In the database so that an instance that stops or dies after reading a change
-- (its Kafka offset committed) and before its round does not lose it. A burst of changes
-- to one object is one row; added_at is the latest (epoch milliseconds), so a change that
-- arrives during a round is kept for the next one.
CREATE TABLE reoptimize_queue (
    object_key VARCHAR(1024) NOT NULL PRIMARY KEY,
    added_at   BIGINT        NOT NULL
);
