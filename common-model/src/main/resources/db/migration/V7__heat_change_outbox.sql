-- Tier changes waiting to be published to dim.heat. stream-service writes them in the
-- transaction that changes the tier and deletes them once Kafka has acknowledged the
-- record; what a crash or a failed send leaves here is sent again, so api-service never
-- misses a change it should re-optimize for.
CREATE TABLE heat_change_outbox (
    id         VARCHAR(36)   NOT NULL PRIMARY KEY,
    object_key VARCHAR(1024) NOT NULL,
    payload    TEXT          NOT NULL,
    created_at BIGINT        NOT NULL
);
CREATE INDEX heat_change_outbox_created ON heat_change_outbox (created_at);
