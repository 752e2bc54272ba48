package io.dim.model.stream;

/** Kafka topic names shared by the services. */
public final class Topics {

	/** Access events, keyed by object key. */
	public static final String ACCESS = "dim.access";

	/**
	 * Access records that could not be used, with the reason in the
	 * {@value #REASON_HEADER} header.
	 */
	public static final String ACCESS_DLQ = "dim.access.dlq";

	/** {@link HeatChanged} records: an object's tier band changed. */
	public static final String HEAT = "dim.heat";

	/** Default topic of S3 bucket notifications (MinIO or AWS event JSON). */
	public static final String S3_EVENTS = "dim.s3.events";

	/**
	 * {@link ObjectCreated} records, from bucket notifications, keyed by object key: the
	 * objects api-service adopts when it does not manage them yet.
	 */
	public static final String CREATED = "dim.objects.created";

	/**
	 * {@link ObjectRemoved} records, from bucket notifications, keyed by object key: the
	 * managed objects someone removed from a bucket, for api-service to check at once.
	 */
	public static final String REMOVED = "dim.objects.removed";

	/**
	 * {@link ObjectForgotten} records, from api-service, keyed by object key: objects
	 * taken out of the catalogue, whose events stream-service stops counting at once.
	 */
	public static final String FORGOTTEN = "dim.objects.forgotten";

	public static final String REASON_HEADER = "dim-dlq-reason";

	/**
	 * The reason of an event dead-lettered because DIM does not manage its object
	 * (stream-service's replay of the dead letters, or {@code scripts/stream replay-dlq},
	 * sends these back once it does).
	 */
	public static final String UNKNOWN_KEY_REASON = "unknown key: not in file_meta";

	/** Where a dead-lettered record came from: topic-partition@offset. */
	public static final String ORIGIN_HEADER = "dim-dlq-origin";

	/**
	 * An id under which stream-service counts a record at most once: on READ events
	 * api-service sends again from its spool (the event's id; a resend after a crash may
	 * repeat one) and on events replay-dlq sends back from the dead letters (the original
	 * record's topic-partition@offset; two runs may each replay a copy of one, and a run
	 * stopped after sending one back sends it again).
	 */
	public static final String COUNT_ONCE_HEADER = "dim-count-once";

	private Topics() {
	}

}
