package io.dim.api.migrate;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Takes back, at start, the tasks still leased by api-service processes of this host that
 * are no longer running (killed or crashed), so that a restart resumes their work at once
 * instead of after their lease ({@code dim.migrator.lease}). A lease owner is
 * {@code pid@host/random}; a lease of another host, or of a process still running here,
 * is left to expire as before. Were a live worker's lease taken by mistake (another
 * container with the same host name), the task would run twice: every step is idempotent,
 * and the first worker's updates no longer match the owner.
 */
@Component
class StoppedWorkerLeases {

	private static final Logger log = LoggerFactory.getLogger(StoppedWorkerLeases.class);

	private static final String THIS_PROCESS = ManagementFactory.getRuntimeMXBean().getName();

	private final JdbcTemplate jdbc;

	StoppedWorkerLeases(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** A new lease owner name for a worker of this process: {@code pid@host/random}. */
	static String newOwner() {
		return THIS_PROCESS + "/" + UUID.randomUUID().toString().substring(0, 8);
	}

	@EventListener(ApplicationReadyEvent.class)
	void takeBackAtStart() {
		takeBack();
	}

	/** Expires the leases of stopped workers of this host; returns how many tasks. */
	int takeBack() {
		int taken = 0;
		List<String> owners = this.jdbc.queryForList(
				"SELECT DISTINCT lease_owner FROM migration_task WHERE state = 'RUNNING' AND lease_owner IS NOT NULL",
				String.class);
		for (String owner : owners) {
			Optional<Long> pid = pidOnThisHost(owner, host(THIS_PROCESS));
			if (pid.isEmpty() || ProcessHandle.of(pid.get()).map(ProcessHandle::isAlive).orElse(false)) {
				continue;
			}
			int tasks = this.jdbc
				.update("UPDATE migration_task SET lease_until = 0 WHERE state = 'RUNNING' AND lease_owner = ?", owner);
			log.info("Took back {} task(s) leased by {}, a process of this host that is no longer running", tasks,
					owner);
			taken += tasks;
		}
		return taken;
	}

	/** The process id in {@code owner} if it names a process of {@code host}. */
	static Optional<Long> pidOnThisHost(String owner, String host) {
		int at = owner.indexOf('@');
		int slash = owner.lastIndexOf('/');
		if (at <= 0 || slash < at || !owner.substring(at + 1, slash).equals(host)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Long.parseLong(owner.substring(0, at)));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static String host(String processName) {
		return processName.substring(processName.indexOf('@') + 1);
	}

}
