package io.dim.ml.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well predictions matched the truth on the held-out rows.
 *
 * @param rows rows evaluated
 * @param accuracy share predicted correctly
 * @param macroF1 mean F1 over the classes that occur
 * @param perClass precision, recall, F1 and support per class
 * @param confusion actual class to predicted class to count
 * @param rocAuc area under the ROC curve of the positive class's score (binary tasks
 * only; null for a multi-class task or when the test rows hold one class only)
 */
public record ClassificationReport(long rows, double accuracy, double macroF1, Map<String, ClassMetrics> perClass,
		Map<String, Map<String, Long>> confusion, Double rocAuc) {

	/**
	 * @param precision correct among those predicted as the class (0 if none were)
	 * @param recall correct among those that are the class
	 * @param f1 harmonic mean of the two
	 * @param support rows that are the class
	 */
	public record ClassMetrics(double precision, double recall, double f1, long support) {

	}

	/**
	 * @param classes every class, in display order
	 * @param actual the truth per row
	 * @param predicted the prediction per row
	 * @param positiveScores per row, a score for the positive class (higher: more
	 * likely), or null for a multi-class task
	 * @param positive the positive class of a binary task
	 */
	public static ClassificationReport of(List<String> classes, List<String> actual, List<String> predicted,
			double[] positiveScores, String positive) {
		Map<String, Map<String, Long>> confusion = new LinkedHashMap<>();
		for (String row : classes) {
			Map<String, Long> counts = new LinkedHashMap<>();
			classes.forEach((column) -> counts.put(column, 0L));
			confusion.put(row, counts);
		}
		long correct = 0;
		for (int i = 0; i < actual.size(); i++) {
			confusion.get(actual.get(i)).merge(predicted.get(i), 1L, Long::sum);
			correct += actual.get(i).equals(predicted.get(i)) ? 1 : 0;
		}
		Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
		double f1Sum = 0;
		int present = 0;
		for (String c : classes) {
			long truePositives = confusion.get(c).get(c);
			long support = confusion.get(c).values().stream().mapToLong(Long::longValue).sum();
			long predictedAs = confusion.values().stream().mapToLong((row) -> row.get(c)).sum();
			double precision = (predictedAs == 0) ? 0 : (double) truePositives / predictedAs;
			double recall = (support == 0) ? 0 : (double) truePositives / support;
			double f1 = (precision + recall == 0) ? 0 : 2 * precision * recall / (precision + recall);
			perClass.put(c, new ClassMetrics(precision, recall, f1, support));
			if (support > 0) {
				f1Sum += f1;
				present++;
			}
		}
		Double auc = null;
		if (positiveScores != null) {
			boolean[] isPositive = new boolean[actual.size()];
			for (int i = 0; i < isPositive.length; i++) {
				isPositive[i] = actual.get(i).equals(positive);
			}
			double area = rocAuc(positiveScores, isPositive);
			auc = Double.isNaN(area) ? null : area;
		}
		return new ClassificationReport(actual.size(), actual.isEmpty() ? 0 : (double) correct / actual.size(),
				(present == 0) ? 0 : f1Sum / present, perClass, confusion, auc);
	}

	/**
	 * The probability that a random positive row scores above a random negative one (ties
	 * count half): the Mann-Whitney form of the ROC AUC. NaN when either class is
	 * missing.
	 */
	public static double rocAuc(double[] scores, boolean[] positive) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < scores.length; i++) {
			order.add(i);
		}
		order.sort(Comparator.comparingDouble((Integer i) -> scores[i]));
		double positiveRankSum = 0;
		long positives = 0;
		int i = 0;
		while (i < order.size()) {
			int j = i;
			while (j + 1 < order.size() && scores[order.get(j + 1)] == scores[order.get(i)]) {
				j++;
			}
			double averageRank = (i + j) / 2.0 + 1;
			for (int k = i; k <= j; k++) {
				if (positive[order.get(k)]) {
					positiveRankSum += averageRank;
					positives++;
				}
			}
			i = j + 1;
		}
		long negatives = scores.length - positives;
		if (positives == 0 || negatives == 0) {
			return Double.NaN;
		}
		return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
	}

	/** Classes of a task in a stable order: the given ones first, then any others. */
	static List<String> classes(List<String> preferred, List<String> seen) {
		TreeMap<String, Boolean> others = new TreeMap<>();
		seen.stream().filter((c) -> !preferred.contains(c)).forEach((c) -> others.put(c, true));
		List<String> all = new ArrayList<>(preferred);
		all.addAll(others.keySet());
		return all;
	}

}
