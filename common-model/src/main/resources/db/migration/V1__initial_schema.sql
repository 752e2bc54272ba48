-- Data-in-Motion schema, version 1: the tables of the Python prototype.
-- One script for SQLite and PostgreSQL: times are epoch milliseconds (BIGINT) and
-- ${identity_pk} is the vendor's generated primary key (see DatabaseVendor).

CREATE TABLE file_meta (
    object_key   VARCHAR(1024) NOT NULL PRIMARY KEY,
    size_bytes   BIGINT        NOT NULL,
    content_type VARCHAR(255)  NOT NULL,
    sha256       CHAR(64)      NOT NULL,
    created_at   BIGINT        NOT NULL
);

CREATE TABLE replica (
    object_key  VARCHAR(1024) NOT NULL,
    endpoint    VARCHAR(64)   NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    verified_at BIGINT,
    PRIMARY KEY (object_key, endpoint)
);
CREATE INDEX replica_endpoint ON replica (endpoint);

CREATE TABLE file_heat (
    object_key     VARCHAR(1024)    NOT NULL PRIMARY KEY,
    heat           DOUBLE PRECISION NOT NULL,
    last_access_at BIGINT,
    reads_total    BIGINT           NOT NULL,
    writes_total   BIGINT           NOT NULL,
    bytes_total    BIGINT           NOT NULL
);
CREATE INDEX file_heat_heat ON file_heat (heat);

CREATE TABLE access_bucket (
    object_key   VARCHAR(1024) NOT NULL,
    bucket_start BIGINT        NOT NULL,
    reads        BIGINT        NOT NULL,
    writes       BIGINT        NOT NULL,
    bytes        BIGINT        NOT NULL,
    PRIMARY KEY (object_key, bucket_start)
);
CREATE INDEX access_bucket_start ON access_bucket (bucket_start);

CREATE TABLE placement_decision (
    id            ${identity_pk},
    object_key    VARCHAR(1024)    NOT NULL,
    tier          VARCHAR(8)       NOT NULL,
    endpoints     VARCHAR(1024)    NOT NULL,
    storage_cost  DOUBLE PRECISION NOT NULL,
    egress_cost   DOUBLE PRECISION NOT NULL,
    transfer_cost DOUBLE PRECISION NOT NULL,
    total_cost    DOUBLE PRECISION NOT NULL,
    degraded      BOOLEAN          NOT NULL,
    reason        VARCHAR(2048),
    explanation   TEXT             NOT NULL,
    decided_at    BIGINT           NOT NULL
);
CREATE INDEX placement_decision_key ON placement_decision (object_key, decided_at);

CREATE TABLE migration_job (
    id          ${identity_pk},
    object_key  VARCHAR(1024) NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    reason      VARCHAR(2048),
    created_at  BIGINT        NOT NULL,
    updated_at  BIGINT        NOT NULL,
    finished_at BIGINT
);
CREATE INDEX migration_job_state ON migration_job (state);

CREATE TABLE migration_task (
    id              ${identity_pk},
    job_id          BIGINT        NOT NULL REFERENCES migration_job (id),
    kind            VARCHAR(8)    NOT NULL,
    object_key      VARCHAR(1024) NOT NULL,
    source_endpoint VARCHAR(64),
    target_endpoint VARCHAR(64),
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL,
    next_attempt_at BIGINT        NOT NULL,
    lease_owner     VARCHAR(128),
    lease_until     BIGINT,
    last_error      VARCHAR(4096),
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL
);
CREATE INDEX migration_task_due ON migration_task (state, next_attempt_at);
CREATE INDEX migration_task_job ON migration_task (job_id);

CREATE TABLE alert (
    id          ${identity_pk},
    rule        VARCHAR(64)   NOT NULL,
    subject     VARCHAR(1024) NOT NULL,
    severity    VARCHAR(16)   NOT NULL,
    state       VARCHAR(16)   NOT NULL,
    message     VARCHAR(4096),
    opened_at   BIGINT        NOT NULL,
    acked_at    BIGINT,
    resolved_at BIGINT
);
CREATE INDEX alert_rule_subject ON alert (rule, subject, state);

CREATE TABLE consumer_offset (
    topic        VARCHAR(255) NOT NULL,
    partition_id INTEGER      NOT NULL,
    next_offset  BIGINT       NOT NULL,
    PRIMARY KEY (topic, partition_id)
);
