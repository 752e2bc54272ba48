package io.dim.model.security;

/** Who may call a route. */
public enum Access {

	/** Anyone: health, the metrics scrape, the API description. */
	PUBLIC,

	/**
	 * The read key or the admin key; anyone when reads need no key
	 * ({@code DIM_READS_NEED_KEY=false}, the default of the dev profile).
	 */
	READ,

	/** Only the admin key: everything that changes state or starts work. */
	ADMIN

}
