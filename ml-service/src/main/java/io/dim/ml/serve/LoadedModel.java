package io.dim.ml.serve;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import tools.jackson.databind.JsonNode;

/**
 * A model in memory.
 *
 * @param task tiers or forecast
 * @param version its version (from its provenance)
 * @param file where it was loaded from
 * @param trainedAt when it was trained
 * @param loadedAt when it was loaded
 * @param metrics its training metrics, if the JSON was next to it
 * @param model the Tribuo model
 */
public record LoadedModel(String task, String version, String file, Instant trainedAt, Instant loadedAt,
		JsonNode metrics, @JsonIgnore Model<Label> model) {

}
