package io.dim.dashboard.overview;

/** A part of the page that re-reads its figures from api-service on every refresh. */
interface Panel {

	/** Re-reads and redraws; throws ApiUnavailableException when api-service is down. */
	void refresh();

}
