package io.dim.model.db;

import java.time.Instant;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Stores every {@link Instant} as epoch milliseconds. SQLite has no timestamp type and
 * PostgreSQL's differs, so one BIGINT representation keeps the schema identical on both.
 */
@Converter(autoApply = true)
public class InstantMillisConverter implements AttributeConverter<Instant, Long> {

	@Override
	public Long convertToDatabaseColumn(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}

	@Override
	public Instant convertToEntityAttribute(Long millis) {
		return (millis != null) ? Instant.ofEpochMilli(millis) : null;
	}

}
