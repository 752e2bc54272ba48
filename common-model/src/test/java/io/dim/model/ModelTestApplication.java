package io.dim.model;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** The smallest application that wires common-model the way a service does. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ModelTestApplication {

}
