package io.dim.api.file;

/** Orders GET /files can sort by, and the JPQL expression of each. */
enum FileSort {

	KEY("f.objectKey"), SIZE("f.sizeBytes"), HEAT("coalesce(h.heat, 0)");

	private final String expression;

	FileSort(String expression) {
		this.expression = expression;
	}

	String expression() {
		return this.expression;
	}

}
