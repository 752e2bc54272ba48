-- Dead letters of access events whose object DIM did not manage yet (reason "unknown
-- key"), by their place in dim.access.dlq. replay-dlq (the command, and stream-service
-- every dim.stream.dlq-replay-interval) records each here instead of copying it to the
-- end of the topic again, and sends it back to dim.access once its object is in
-- file_meta (an adoption); then the row goes. A row whose place has left the topic
-- (Kafka's retention) goes too: its event can no longer be read (epoch milliseconds).
CREATE TABLE dead_letter_waiting (
    dlq_partition INTEGER       NOT NULL,
    dlq_offset    BIGINT        NOT NULL,
    object_key    VARCHAR(1024) NOT NULL,
    recorded_at   BIGINT        NOT NULL,
    PRIMARY KEY (dlq_partition, dlq_offset)
);
CREATE INDEX dead_letter_waiting_key ON dead_letter_waiting (object_key);
