package io.dim.dashboard.overview;

import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chart drawn in the browser by Chart.js (MIT; the org.webjars.npm:chart.js WebJar)
 * through the small {@code <dim-chart>} element of
 * {@code META-INF/resources/dim/dim-chart.js}. Both load as plain scripts, outside the
 * frontend bundle.
 */
@Tag("dim-chart")
@JavaScript("context://webjars/chart.js/4.5.1/dist/chart.umd.min.js")
@JavaScript("context://dim/dim-chart.js")
class ChartView extends Component {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	ChartView(int width, int height) {
		getElement().setAttribute("width", Integer.toString(width));
		getElement().setAttribute("height", Integer.toString(height));
	}

	/**
	 * @param type a Chart.js type: doughnut, bar, line
	 * @param labels one per point
	 * @param label the series name
	 * @param data the values
	 * @param colors one per point, or one for all
	 */
	void show(String type, List<String> labels, String label, List<? extends Number> data, List<String> colors) {
		Map<String, Object> config = Map.of("type", type, "labels", labels, "datasets",
				List.of(Map.of("label", label, "data", data, "colors", colors)));
		getElement().setProperty("config", JSON.writeValueAsString(config));
	}

}
