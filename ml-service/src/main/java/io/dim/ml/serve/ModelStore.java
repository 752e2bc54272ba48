package io.dim.ml.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.tribuo.Model;
import org.tribuo.classification.Label;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.dim.ml.train.Task;
import io.dim.ml.train.TaskTraining;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Holds the loaded models. Loading reads {@code <task>.model} and
 * {@code <task>-metrics.json} for each task from the models directory; a file that is
 * missing or unreadable leaves the model loaded before in place and is reported.
 */
@Component
public class ModelStore {

	private static final Logger log = LoggerFactory.getLogger(ModelStore.class);

	private final ServeProperties settings;

	private final JsonMapper json = JsonMapper.builder().build();

	private volatile Map<Task, LoadedModel> models = Map.of();

	ModelStore(ServeProperties settings, MeterRegistry registry) {
		this.settings = settings;
		for (Task task : Task.values()) {
			Gauge.builder("dim_ml_model_loaded", () -> this.models.containsKey(task) ? 1 : 0)
				.description("Whether a model for the task is loaded (1) or not (0)")
				.tag("task", task.fileName())
				.register(registry);
		}
	}

	/** What a load found. */
	public record LoadReport(Map<String, LoadedModel> models, List<String> problems) {

		static LoadReport of(Map<Task, LoadedModel> models, List<String> problems) {
			Map<String, LoadedModel> byName = new java.util.TreeMap<>();
			models.forEach((task, model) -> byName.put(task.fileName(), model));
			return new LoadReport(byName, problems);
		}

	}

	@EventListener(ApplicationReadyEvent.class)
	void loadAtStart(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext)) {
			return; // a command (prepare-dataset) serves nothing
		}
		LoadReport report = load();
		if (report.models().isEmpty()) {
			log.warn("No models loaded from {}: {} (train them with scripts/ml-train)",
					this.settings.modelsDir().toAbsolutePath(), report.problems());
		}
	}

	/** (Re)loads every task's model from the models directory. */
	public synchronized LoadReport load() {
		Map<Task, LoadedModel> next = new EnumMap<>(Task.class);
		next.putAll(this.models);
		List<String> problems = new ArrayList<>();
		for (Task task : Task.values()) {
			Path file = this.settings.modelsDir().resolve(task.fileName() + ".model");
			if (!Files.isRegularFile(file)) {
				problems.add(task.fileName() + ": no model at " + file
						+ (next.containsKey(task) ? " (keeping the one loaded before)" : ""));
				continue;
			}
			try {
				LoadedModel loaded = read(task, file);
				next.put(task, loaded);
				log.info("Loaded {} model {} from {}", task.fileName(), loaded.version(), file);
			}
			catch (IOException | RuntimeException ex) {
				problems.add(task.fileName() + ": cannot load " + file + ": " + ex.getMessage()
						+ (next.containsKey(task) ? " (keeping the one loaded before)" : ""));
			}
		}
		this.models = Map.copyOf(next);
		return LoadReport.of(this.models, problems);
	}

	public Optional<LoadedModel> get(Task task) {
		return Optional.ofNullable(this.models.get(task));
	}

	public Map<Task, LoadedModel> all() {
		return this.models;
	}

	private LoadedModel read(Task task, Path file) throws IOException {
		Model<?> raw = Model.deserializeFromFile(file);
		if (!raw.validate(Label.class)) {
			throw new IOException("not a classification model");
		}
		@SuppressWarnings("unchecked")
		Model<Label> model = (Model<Label>) raw;
		Provenance version = model.getProvenance().getInstanceProvenance().getMap().get(TaskTraining.VERSION);
		Instant trainedAt = model.getProvenance().getTrainingTime().toInstant();
		String name = (version instanceof StringProvenance text) ? text.getValue() : task.fileName() + "-" + trainedAt;
		Path metricsFile = file.resolveSibling(task.fileName() + "-metrics.json");
		JsonNode metrics = Files.isRegularFile(metricsFile) ? this.json.readTree(metricsFile.toFile()) : null;
		return new LoadedModel(task.fileName(), name, file.toString(), trainedAt, Instant.now(), metrics, model);
	}

}
