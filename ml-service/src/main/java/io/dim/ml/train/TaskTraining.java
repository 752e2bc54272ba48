package io.dim.ml.train;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.FullyWeightedVotingCombiner;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import io.dim.ml.dataset.FeatureRow;

/**
 * Trains a task with each candidate trainer on the earlier rows, scores each on the later
 * rows next to the heat-band baseline, and keeps the better model: for tiers the higher
 * macro-F1 (every class counts, not just the common cold one), for the forecast the
 * higher ROC AUC (the optimizer uses its probability with a threshold).
 */
public final class TaskTraining {

	/** Instance-provenance key holding the model's version. */
	public static final String VERSION = "dim-version";

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * Tribuo logs every bagged tree and SGD step through java.util.logging; warnings are
	 * enough. Held here so the setting is not garbage-collected with the logger.
	 */
	private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

	static {
		TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
	}

	private final LabelFactory labels = new LabelFactory();

	private final long seed;

	private final double testShare;

	private final int forestRows;

	public TaskTraining(long seed, double testShare) {
		this(seed, testShare, 30_000);
	}

	/**
	 * @param forestRows most rows the random forest trains on (the replay's forecaster
	 * takes fewer, to stay within its time budget)
	 */
	public TaskTraining(long seed, double testShare, int forestRows) {
		this.seed = seed;
		this.testShare = testShare;
		this.forestRows = forestRows;
	}

	/**
	 * A trainer to try.
	 *
	 * @param name short name
	 * @param trainer the Tribuo trainer
	 * @param maxRows most training rows it sees (a seeded random sample beyond that)
	 */
	record Candidate(String name, Trainer<Label> trainer, int maxRows) {

	}

	List<Candidate> candidates() {
		// Bagged CART trees averaging their class distributions (so the forecast gets a
		// smooth probability), and a linear model on the log-scaled features. Tribuo
		// grows
		// the bagged trees one after another, exhaustively searching split points (its
		// random-split variant fails on features that are constant within a node): 20
		// trees of depth 10 took 45-75 s on 75,000 rows here, so the forest gets 12
		// trees of depth 8 on at most 30,000 rows (forestRows).
		return List.of(
				new Candidate("random-forest",
						new RandomForestTrainer<>(new CARTClassificationTrainer(8, 0.5f, this.seed),
								new FullyWeightedVotingCombiner(), 12, this.seed),
						this.forestRows),
				new Candidate("logistic-regression", new LogisticRegressionTrainer(), Integer.MAX_VALUE));
	}

	/**
	 * At most {@code max} of the rows, a seeded random sample, in their original order.
	 */
	List<FeatureRow> sample(List<FeatureRow> rows, int max) {
		if (rows.size() <= max) {
			return rows;
		}
		List<Integer> indexes = new ArrayList<>(java.util.stream.IntStream.range(0, rows.size()).boxed().toList());
		java.util.Collections.shuffle(indexes, new java.util.Random(this.seed));
		return indexes.subList(0, max).stream().sorted().map(rows::get).toList();
	}

	/**
	 * @param task what to learn
	 * @param allRows the snapshot (of which the model trains on the rows it covers:
	 * {@link Task#covers})
	 * @param horizonMillis the label horizon (kept as a gap before the test period)
	 * @param data describes the snapshot (for the metrics and the provenance)
	 * @param progress one line per step
	 */
	public Result train(Task task, List<FeatureRow> allRows, long horizonMillis, TrainingMetrics.Data data,
			Consumer<String> progress) {
		List<FeatureRow> rows = allRows.stream().filter((row) -> task.covers(row.features())).toList();
		if (rows.size() < allRows.size()) {
			progress.accept(String.format(Locale.ROOT,
					"%d of %d rows are of objects accessed within the last %.0f hours, the ones the %s model is "
							+ "asked about; the rest are left out",
					rows.size(), allRows.size(), Task.FORECAST_RECENT_HOURS, task.fileName()));
		}
		if (rows.isEmpty() && !allRows.isEmpty()) {
			throw new IllegalArgumentException("no rows of objects accessed within the last "
					+ (int) Task.FORECAST_RECENT_HOURS + " hours to train the " + task.fileName() + " model on");
		}
		TimeSplit split = TimeSplit.of(rows, this.testShare, horizonMillis);
		TrainingMetrics.Data described = new TrainingMetrics.Data(data.file(), rows.size(), split.train().size(),
				split.test().size(), split.purged(), Instant.ofEpochMilli(split.testFrom()), data.snapshot());
		progress.accept(String.format(Locale.ROOT,
				"%d rows: training on %d before %s (%d left out as their labels reach into the test period), "
						+ "testing on %d",
				rows.size(), split.train().size(), described.testFrom(), split.purged(), split.test().size()));
		List<String> truth = split.test().stream().map(task::label).toList();
		List<String> classes = ClassificationReport.classes(task.classes(),
				rows.stream().map(task::label).distinct().toList());
		Instant trainedAt = Instant.now();
		List<Trained> trained = new ArrayList<>();
		for (Candidate candidate : candidates()) {
			progress.accept("training " + candidate.name() + " ...");
			String version = task.fileName() + "-" + candidate.name() + "-" + STAMP.format(trainedAt);
			List<FeatureRow> fitted = sample(split.train(), candidate.maxRows());
			long started = System.nanoTime();
			Model<Label> model = candidate.trainer()
				.train(dataset(task, fitted, data.file()),
						Map.of(VERSION, new StringProvenance(VERSION, version), "dim-data",
								new StringProvenance("dim-data", data.file()), "dim-test-from",
								new StringProvenance("dim-test-from", described.testFrom().toString())));
			double seconds = (System.nanoTime() - started) / 1e9;
			ClassificationReport report = evaluate(task, model, split.test(), truth, classes);
			progress.accept(String.format(Locale.ROOT, "%s: trained in %.1f s; %s", candidate.name(), seconds,
					summary(report)));
			trained.add(new Trained(version, model, new TrainingMetrics.CandidateResult(candidate.name(),
					candidate.trainer().toString(), fitted.size(), seconds, report)));
		}
		ClassificationReport baseline = ClassificationReport.of(classes, truth,
				split.test().stream().map(task::baseline).toList(),
				(task.positive() != null) ? split.test().stream().mapToDouble(task::baselineScore).toArray() : null,
				task.positive());
		progress.accept("heat-band baseline: " + summary(baseline));
		Comparator<Trained> better = Comparator.comparingDouble((Trained t) -> score(task, t.result().metrics()))
			.thenComparingDouble((t) -> t.result().metrics().accuracy());
		Trained best = trained.stream().max(better).orElseThrow();
		String why = why(task, best, trained, baseline);
		TrainingMetrics metrics = new TrainingMetrics(task.fileName(), best.version(), best.result().name(), why,
				trainedAt, described, trained.stream().map(Trained::result).toList(),
				new TrainingMetrics.CandidateResult("heat-bands", "the heat band at the cutoff ("
						+ ((task == Task.TIERS) ? "tier = band now" : "hot_soon = hot now, scored by heat") + ")", 0, 0,
						baseline),
				FeatureEncoding.NAMES, best.model().getProvenance().toString());
		return new Result(best.model(), metrics);
	}

	/** The kept model and its metrics. */
	public record Result(Model<Label> model, TrainingMetrics metrics) {

	}

	private record Trained(String version, Model<Label> model, TrainingMetrics.CandidateResult result) {

	}

	private MutableDataset<Label> dataset(Task task, List<FeatureRow> rows, String file) {
		MutableDataset<Label> dataset = new MutableDataset<>(
				new SimpleDataSourceProvenance("dim snapshot " + file + " (" + task.fileName() + ")", this.labels),
				this.labels);
		for (FeatureRow row : rows) {
			dataset.add(FeatureEncoding.example(new Label(task.label(row)), row.features()));
		}
		return dataset;
	}

	private static ClassificationReport evaluate(Task task, Model<Label> model, List<FeatureRow> test,
			List<String> truth, List<String> classes) {
		List<String> predicted = new ArrayList<>(test.size());
		double[] scores = new double[test.size()];
		for (int i = 0; i < test.size(); i++) {
			Prediction<Label> prediction = model
				.predict(FeatureEncoding.example(LabelFactory.UNKNOWN_LABEL, test.get(i).features()));
			predicted.add(prediction.getOutput().getLabel());
			if (task.positive() != null) {
				scores[i] = positiveProbability(prediction, task.positive());
			}
		}
		return ClassificationReport.of(classes, truth, predicted, (task.positive() != null) ? scores : null,
				task.positive());
	}

	/**
	 * The probability of {@code positive} (0 if the model never saw that class). Scores
	 * are clipped at 0 and renormalized: Tribuo's fully weighted voting can give a class
	 * a slightly negative score (seen: -0.05 and 1.05), which is no probability.
	 */
	public static double positiveProbability(Prediction<Label> prediction, String positive) {
		if (!prediction.hasProbabilities()) {
			return prediction.getOutput().getLabel().equals(positive) ? 1 : 0;
		}
		double total = 0;
		for (Label score : prediction.getOutputScores().values()) {
			total += Math.max(0, score.getScore());
		}
		Label score = prediction.getOutputScores().get(positive);
		if (score == null || total <= 0) {
			return prediction.getOutput().getLabel().equals(positive) ? 1 : 0;
		}
		return Math.max(0, score.getScore()) / total;
	}

	private static double score(Task task, ClassificationReport report) {
		if (task.positive() != null && report.rocAuc() != null) {
			return report.rocAuc();
		}
		return report.macroF1();
	}

	private static String summary(ClassificationReport report) {
		return String.format(Locale.ROOT, "accuracy %.3f, macro-F1 %.3f%s", report.accuracy(), report.macroF1(),
				(report.rocAuc() != null) ? String.format(Locale.ROOT, ", ROC AUC %.3f", report.rocAuc()) : "");
	}

	private static String why(Task task, Trained best, List<Trained> all, ClassificationReport baseline) {
		String measure = (task.positive() != null && best.result().metrics().rocAuc() != null) ? "ROC AUC" : "macro-F1";
		StringBuilder text = new StringBuilder(
				String.format(Locale.ROOT, "%s has the highest %s on the held-out later cutoffs (%.3f",
						best.result().name(), measure, score(task, best.result().metrics())));
		for (Trained other : all) {
			if (other != best) {
				text.append(String.format(Locale.ROOT, " against %.3f for %s", score(task, other.result().metrics()),
						other.result().name()));
			}
		}
		text.append(String.format(Locale.ROOT, "); the heat-band baseline scores %.3f", score(task, baseline)));
		return text.toString();
	}

}
