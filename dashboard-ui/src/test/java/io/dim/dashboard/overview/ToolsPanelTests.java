package io.dim.dashboard.overview;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A tool run's report says what was copied and what was already there. */
class ToolsPanelTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void objectsAlreadyTheSameOnTheTargetAreNotReportedAsCopied() {
		JsonNode report = JSON.readTree("""
				{"engine":"rclone","exitCode":0,"timedOut":false,"objects":1,"unchanged":2,"bytes":1000,
				"seconds":0.08}""");
		assertThat(ToolsPanel.summary(report))
			.isEqualTo("engine rclone · exit 0 · 1 object(s) copied, 2 already the same on the target "
					+ "(left as they were), " + Bytes.human(1000) + " · 0.08 s");
	}

	@Test
	void aRunThatCopiedEverythingSaysNothingAboutUnchangedObjects() {
		JsonNode report = JSON.readTree("""
				{"engine":"builtin","exitCode":1,"timedOut":true,"objects":3,"unchanged":0,"bytes":3000,
				"seconds":1.5}""");
		assertThat(ToolsPanel.summary(report))
			.isEqualTo("engine builtin · exit 1 (timed out) · 3 object(s) copied, " + Bytes.human(3000) + " · 1.50 s");
	}

}
