package io.dim.stream.heat;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import io.dim.stream.StreamProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A replay run during which an object is adopted: its row lands in file_meta just after
 * the run asked whether the object was managed, so the run reads its new dead letters as
 * waiting and then finds them among the waiting ones of a managed object.
 */
public final class AdoptedDuringAReplay {

	private AdoptedDuringAReplay() {
	}

	public static DeadLetterReplay.Summary run(String key, JdbcTemplate jdbc, StreamProperties properties,
			DeadLettersWaiting waiting, Environment environment) {
		AtomicBoolean adopted = new AtomicBoolean();
		ManagedKeys managed = new ManagedKeys(jdbc, properties) {

			@Override
			public Set<String> among(Set<String> keys) {
				Set<String> managedNow = super.among(keys);
				if (keys.contains(key) && adopted.compareAndSet(false, true)) {
					jdbc.update("INSERT INTO file_meta (object_key, size_bytes, content_type, sha256, version_token, "
							+ "created_at) VALUES (?, 10, 'text/plain', ?, '', 0)", key, "0".repeat(64));
				}
				return managedNow;
			}

		};
		return new DeadLetterReplayer(managed, waiting, environment, new SimpleMeterRegistry()).replay(System.out);
	}

}
