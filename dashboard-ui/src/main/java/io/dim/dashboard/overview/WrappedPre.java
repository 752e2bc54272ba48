package io.dim.dashboard.overview;

import com.vaadin.flow.component.html.Pre;

/**
 * Preformatted text (a log, a tool's output, raw JSON) whose long lines wrap within the
 * page: a plain {@code <pre>} widens the whole dashboard to its longest line, behind a
 * horizontal scroll bar.
 */
class WrappedPre extends Pre {

	WrappedPre() {
		getStyle().set("white-space", "pre-wrap").set("overflow-wrap", "anywhere");
	}

	WrappedPre(String text) {
		this();
		setText(text);
	}

}
