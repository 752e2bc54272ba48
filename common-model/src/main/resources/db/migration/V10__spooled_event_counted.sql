-- Ids of the READ events api-service sent again from read_event_spool (header
-- dim-spooled) that stream-service has counted, written in the counting transaction: an
-- instance of api-service killed between Kafka's acknowledgement and the spool's delete
-- sends such events again, and they are then skipped, so each is counted once. Rows older
-- than 30 days are removed (epoch milliseconds).
CREATE TABLE spooled_event_counted (
    event_id   VARCHAR(36) NOT NULL PRIMARY KEY,
    counted_at BIGINT      NOT NULL
);
CREATE INDEX spooled_event_counted_at ON spooled_event_counted (counted_at);
