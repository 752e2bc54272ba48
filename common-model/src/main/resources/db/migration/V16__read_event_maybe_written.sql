-- A read event whose send to dim.access failed after Kafka had taken it (a timeout, a
-- lost acknowledgement) may have been written all the same. Such an event is spooled
-- with maybe_written true, and before sending it again api-service looks for it in
-- dim.access: found, it is only deleted from the spool, so the read is counted once.
-- Events Kafka refused outright were never written (false).
ALTER TABLE read_event_spool ADD COLUMN maybe_written BOOLEAN NOT NULL DEFAULT FALSE;
