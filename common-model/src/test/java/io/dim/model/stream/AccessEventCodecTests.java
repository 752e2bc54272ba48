package io.dim.model.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Tests for {@link AccessEventCodec}. */
class AccessEventCodecTests {

	private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

	private final AccessEventCodec codec = new AccessEventCodec(Duration.ofMinutes(5));

	@Test
	void roundTrips() {
		AccessEvent event = new AccessEvent("e-1", "données/été 1.csv", AccessOp.WRITE, 1234,
				Instant.parse("2026-11-24T11:59:00.123Z"), "test");
		assertThat(this.codec.parse(AccessEventCodec.toJson(event), NOW)).isEqualTo(event);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			not json at all                                                       | invalid JSON
			{"key":"a","op":"READ","bytes":1                                      | invalid JSON
			{"op":"READ","bytes":1,"ts":1764000000000}                            | missing key
			{"key":"","op":"READ","bytes":1,"ts":1764000000000}                   | missing key
			{"key":"a","op":"DELETE","bytes":1,"ts":1764000000000}                | unknown op 'DELETE'
			{"key":"a","bytes":1,"ts":1764000000000}                              | missing op
			{"key":"a","op":"READ","bytes":-5,"ts":1764000000000}                 | negative bytes
			{"key":"a","op":"READ","ts":1764000000000}                            | missing bytes
			{"key":"a","op":"READ","bytes":1}                                     | missing ts
			{"key":"a","op":"READ","bytes":1,"ts":4102444800000}                  | ts in the future
			{"key":"a","op":"READ","bytes":"many","ts":1764000000000}             | invalid JSON
			""")
	void rejectsBadRecordsWithAReason(String json, String reason) {
		assertThatThrownBy(() -> this.codec.parse(json.getBytes(StandardCharsets.UTF_8), NOW))
			.isInstanceOf(RejectedRecordException.class)
			.hasMessageStartingWith(reason.trim());
	}

	@Test
	void acceptsALowercaseOpAndASmallClockSkew() {
		String json = "{\"key\":\"a\",\"op\":\"read\",\"bytes\":0,\"ts\":" + NOW.plusSeconds(60).toEpochMilli() + "}";
		AccessEvent event = this.codec.parse(json.getBytes(StandardCharsets.UTF_8), NOW);
		assertThat(event.op()).isEqualTo(AccessOp.READ);
		assertThat(event.source()).isEqualTo("unknown");
	}

}
