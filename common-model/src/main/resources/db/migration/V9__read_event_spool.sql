-- READ access events of reads api-service served while Kafka did not take them. They
-- wait here (across restarts, for any instance) and are sent to dim.access once Kafka is
-- back, then deleted; so a Kafka outage delays the counting of reads instead of losing it.
CREATE TABLE read_event_spool (
    event_id   VARCHAR(36)   NOT NULL PRIMARY KEY,
    object_key VARCHAR(1024) NOT NULL,
    payload    TEXT          NOT NULL,
    spooled_at BIGINT        NOT NULL
);
CREATE INDEX read_event_spool_spooled ON read_event_spool (spooled_at);
