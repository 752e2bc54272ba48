-- Ids of records stream-service has counted that carry the header dim-count-once: READ
-- events api-service sent again from read_event_spool (the event's id) and events
-- replay-dlq sent back from the dead letters (the original record's topic-partition@offset).
-- Written in the counting transaction; a record whose id is here already is a repeat (a
-- resend after a crash, a dead letter replayed by two runs) and is skipped, so each is
-- counted once. Rows older than 30 days are removed (epoch milliseconds).
CREATE TABLE counted_once (
    id         VARCHAR(255) NOT NULL PRIMARY KEY,
    counted_at BIGINT       NOT NULL
);
CREATE INDEX counted_once_at ON counted_once (counted_at);
