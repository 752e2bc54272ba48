package io.dim.api.web;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.dim.model.security.AccessTable;
import io.dim.model.security.ApiSecurityConfiguration;
import io.dim.model.security.Route;
import io.dim.model.web.RequestLimitsConfiguration;
import io.dim.model.web.ProblemJsonConfiguration;

import static io.dim.model.security.Access.ADMIN;
import static io.dim.model.security.Access.READ;

/**
 * api-service's access table: reads need the read key (or none, in the dev profile),
 * every route that changes state or starts work needs the admin key. RouteAccessTests
 * fails the build when a route is missing here. Unreadable bodies name the field.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ApiSecurityConfiguration.class, RequestLimitsConfiguration.class, ProblemJsonConfiguration.class })
class WebConfiguration {

	@Bean
	AccessTable accessTable() {
		return AccessTable.of(AccessTable.ACTUATOR, AccessTable.API_DOCS, List.of(
		// @formatter:off
				Route.get("/files", READ),
				Route.get("/files/{key}", READ),
				Route.get("/files/{key}/history", READ),
				Route.get("/files/{key}/content", READ),
				Route.head("/files/{key}/content", READ),
				Route.get("/endpoints", READ),
				Route.get("/endpoints/{name}", READ),
				Route.get("/explain/{key}", READ),
				Route.get("/policy/security", READ),
				Route.get("/chaos/status", READ),
				Route.get("/migrator/status", READ),
				Route.get("/alerts", READ),
				Route.get("/ml/models", READ), Route.get("/whatif", READ),
				Route.post("/optimize", ADMIN),
				Route.post("/optimize/{key}", ADMIN),
				Route.post("/files/{key}/forget", ADMIN),
				Route.post("/policy/security", ADMIN),
				Route.post("/simulate", ADMIN),
				Route.post("/admin/bootstrap", ADMIN),
				Route.post("/admin/adopt", ADMIN),
				Route.post("/migrator/tick", ADMIN),
				Route.post("/migrator/drain", ADMIN),
				Route.post("/migrator/clear-failed", ADMIN),
				Route.post("/scrub", ADMIN),
				Route.post("/chaos/fail/{name}", ADMIN),
				Route.post("/chaos/recover/{name}", ADMIN),
				Route.post("/chaos/latency/{name}", ADMIN),
				Route.post("/chaos/flaky/{name}", ADMIN),
				Route.post("/chaos/clear", ADMIN),
				Route.post("/tools/rclone", ADMIN),
				Route.post("/tools/s5cmd", ADMIN),
				Route.post("/ml/load", ADMIN),
				Route.post("/alerts/{id}/ack", ADMIN),
				Route.post("/alerts/evaluate", ADMIN)));
		// @formatter:on
	}

}
