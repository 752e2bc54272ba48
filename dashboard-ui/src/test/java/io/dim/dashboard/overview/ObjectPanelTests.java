package io.dim.dashboard.overview;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for what {@link ObjectPanel} shows of an explanation. */
class ObjectPanelTests {

	@Test
	void theHeadlineNamesTheTiersSourceAndLeavesItsReasonToTheParagraphBelow() {
		assertThat(ObjectPanel.shortSource("heat bands (ml-service not used: ml-service answered HTTP 503: no model "
				+ "is loaded: train them (scripts/ml-train) and POST /models/load)"))
			.isEqualTo("heat bands");
		assertThat(ObjectPanel.shortSource("model")).isEqualTo("model");
		assertThat(ObjectPanel.shortSource("pre-warm")).isEqualTo("pre-warm");
	}

	@Test
	void theReplicasSayWhereWhenVerifiedAndWhichWereFoundWrong() {
		JsonNode replicas = JsonMapper.builder().build().readTree("""
				[{"endpoint":"aws","state":"VALID","verifiedAt":"2026-11-27T16:05:12.345Z","foundWrong":false},
				 {"endpoint":"azure","state":"VALID","verifiedAt":"2026-11-27T09:00:00Z","foundWrong":true},
				 {"endpoint":"gcp","state":"PENDING","verifiedAt":null,"foundWrong":false},
				 {"endpoint":"ibm","state":"VALID","verifiedAt":null,"foundWrong":false}]""");
		assertThat(ObjectPanel.replicas(replicas)).isEqualTo("Replicas: aws verified 2026-11-27 16:05 UTC; "
				+ "azure verified 2026-11-27 09:00 UTC, FOUND NOT HOLDING THE OBJECT'S BYTES (other bytes or gone; "
				+ "see Alerts); gcp (pending); ibm unverified since a bucket notification (the scrubber reads it back first)");
		assertThat(ObjectPanel.replicas(JsonMapper.builder().build().readTree("[]"))).isEqualTo("Replicas: none");
	}

	@Test
	void aCheckOfTheReplicasSaysWhichHoldTheBytes() {
		JsonMapper json = JsonMapper.builder().build();
		assertThat(ObjectPanel.checked("a.csv", json.readTree("""
				{"checked":2,"verified":2,"mismatched":0,"unreachable":0,"bytes":20,"seconds":0.1}""")))
			.isEqualTo("a.csv: 2 replica(s) read back, 2 hold its bytes");
		assertThat(ObjectPanel.checked("a.csv", json.readTree("""
				{"checked":3,"verified":1,"mismatched":1,"unreachable":1,"bytes":20,"seconds":0.1}""")))
			.isEqualTo("a.csv: 3 replica(s) read back, 1 hold its bytes, 1 do not (reported: the replica_mismatch "
					+ "alert), 1 could not be read (endpoint down)");
	}

}
