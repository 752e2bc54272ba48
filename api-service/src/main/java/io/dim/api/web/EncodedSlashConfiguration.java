package io.dim.api.web;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Object keys contain '/', and travel in the path as one segment with '/' encoded as %2F
 * (GET /files/reports%2Fq3.csv). Tomcat rejects %2F by default; passing it through lets
 * Spring's path matching keep it inside the {key} segment and decode it there.
 */
@Configuration(proxyBeanMethods = false)
class EncodedSlashConfiguration {

	@Bean
	TomcatConnectorCustomizer encodedSlashPassThrough() {
		return (connector) -> connector.setEncodedSolidusHandling("passthrough");
	}

}
