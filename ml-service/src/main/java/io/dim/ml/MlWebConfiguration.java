package io.dim.ml;

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
 * ml-service's access table: {@code POST /predict} only carries a batch and changes
 * nothing, so it is a read; loading models needs the admin key.
 */
@Configuration(proxyBeanMethods = false)
@Import({ ApiSecurityConfiguration.class, RequestLimitsConfiguration.class, ProblemJsonConfiguration.class })
class MlWebConfiguration {

	@Bean
	AccessTable accessTable() {
		return AccessTable.of(AccessTable.ACTUATOR, List.of(Route.post("/predict", READ), Route.get("/models", READ),
				Route.get("/whatif", READ), Route.post("/models/load", ADMIN)));
	}

}
