package io.dim.ml;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.dim.ml.dataset.DatasetCommand;
import io.dim.ml.replay.ReplayCommand;
import io.dim.ml.replay.TraceCommand;
import io.dim.ml.train.TrainCommand;

/**
 * ml-service: dataset snapshots, training of the tier classifier and the hot-soon
 * forecaster, and model serving.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MlApplication {

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals("prepare-dataset")) {
			System.exit(DatasetCommand.run(args));
		}
		if (args.length > 0 && TrainCommand.NAMES.contains(args[0])) {
			System.exit(TrainCommand.run(args, System.out, System.err));
		}
		if (args.length > 0 && args[0].equals(ReplayCommand.NAME)) {
			System.exit(ReplayCommand.run(args, System.out, System.err));
		}
		if (args.length > 0 && args[0].equals(TraceCommand.NAME)) {
			System.exit(TraceCommand.run(args, System.out, System.err));
		}
		SpringApplication.run(MlApplication.class, args);
	}

}
