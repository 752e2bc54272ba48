package io.dim.model.web;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every refusal of a REST service as RFC 9457 problem JSON: from Spring MVC
 * ({@link BadRequestHandler}), from the service's error page
 * ({@link ProblemErrorController}) and from Tomcat before the request reaches the service
 * ({@link ProblemReportValve}). api-service, ml-service and stream-service import it.
 */
@Configuration(proxyBeanMethods = false)
@Import({ BadRequestHandler.class, ProblemErrorController.class })
public class ProblemJsonConfiguration {

	@Bean
	TomcatContextCustomizer problemReportValve() {
		return (context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemReportValve.class.getName());
			}
		};
	}

}
