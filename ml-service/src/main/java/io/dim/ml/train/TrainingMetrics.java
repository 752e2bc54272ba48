package io.dim.ml.train;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a training run did and how well each candidate and the heat-band baseline did on
 * the held-out later rows: written as the metrics JSON next to the model.
 *
 * @param task tiers or forecast
 * @param version the kept model's version
 * @param chosen the kept candidate
 * @param why why it was kept, in words
 * @param trainedAt when
 * @param data what was trained and tested on
 * @param candidates every trainer tried, with its test metrics
 * @param baseline the heat bands alone, on the same test rows
 * @param features the model's inputs
 * @param provenance Tribuo's provenance of the kept model (trainer, its settings, data)
 */
public record TrainingMetrics(String task, String version, String chosen, String why, Instant trainedAt, Data data,
		List<CandidateResult> candidates, CandidateResult baseline, List<String> features, String provenance) {

	/**
	 * @param file the Parquet snapshot
	 * @param rows rows in it
	 * @param trainRows rows fitted on
	 * @param testRows rows evaluated on
	 * @param purgedRows rows left out because their labels reach into the test period
	 * @param testFrom the first test cutoff
	 * @param snapshot the snapshot's own metadata (label mode, horizon, threshold)
	 */
	public record Data(String file, long rows, long trainRows, long testRows, long purgedRows, Instant testFrom,
			Map<String, String> snapshot) {

	}

	/**
	 * @param name short name
	 * @param description the trainer and its settings
	 * @param trainedOnRows training rows it was fitted on (a sample when capped)
	 * @param trainingSeconds time to fit
	 * @param metrics on the test rows
	 */
	public record CandidateResult(String name, String description, long trainedOnRows, double trainingSeconds,
			ClassificationReport metrics) {

	}

}
