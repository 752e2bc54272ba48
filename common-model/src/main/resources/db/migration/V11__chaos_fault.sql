-- Chaos faults injected through api-service's /chaos endpoints, one row per endpoint that
-- has one. Shared by every api-service instance (each reloads them every
-- dim.chaos.refresh-interval), so an endpoint failed through one instance is failed for
-- all: none of them places on it or deletes anything meanwhile. A row stays until the
-- endpoint is recovered and its latency and flakiness are removed, or POST /chaos/clear.
-- failed_since: epoch milliseconds, null when the endpoint is not failed.
CREATE TABLE chaos_fault (
    endpoint     VARCHAR(255)     NOT NULL PRIMARY KEY,
    failed_since BIGINT,
    latency_ms   BIGINT           NOT NULL,
    flaky_rate   DOUBLE PRECISION NOT NULL
);
