-- Phases, per-test results and log lines of a suite, and the event log behind the SSE streams.

-- A phase event can overtake SuiteAccepted (it travels on another topic): the suite row is then created from it
-- with only its id and tenant, and SuiteAccepted fills in the request's fields when it arrives.
ALTER TABLE suite
    ALTER COLUMN request_id DROP NOT NULL,
    ALTER COLUMN project DROP NOT NULL,
    ALTER COLUMN priority DROP NOT NULL,
    ALTER COLUMN kinds DROP NOT NULL,
    ALTER COLUMN fail_fast DROP NOT NULL,
    ALTER COLUMN origin DROP NOT NULL;

ALTER TABLE suite
    ADD COLUMN manifest_revision   INT,
    ADD COLUMN coverage            TEXT,         -- JSON: the plan's acceptance-criteria coverage
    ADD COLUMN totals              TEXT,         -- JSON: SuiteTotals from SuiteCompleted
    ADD COLUMN errors              TEXT,         -- JSON: the field errors of a rejected request
    ADD COLUMN duration_ms         BIGINT,
    ADD COLUMN accepted_at         TIMESTAMPTZ,
    ADD COLUMN started_at          TIMESTAMPTZ,
    ADD COLUMN completed_at        TIMESTAMPTZ,
    ADD COLUMN cancel_requested_by TEXT,
    ADD COLUMN cancel_requested_at TIMESTAMPTZ;

-- Listing: newest first, optionally by status or project (keyset pagination on created_at, suite_id).
DROP INDEX suite_tenant_created;
CREATE INDEX suite_tenant_newest ON suite (tenant, created_at DESC, suite_id DESC);
CREATE INDEX suite_tenant_status_newest ON suite (tenant, status, created_at DESC, suite_id DESC);
CREATE INDEX suite_tenant_project_newest ON suite (tenant, project, created_at DESC, suite_id DESC);

-- One row per phase of a suite: its place in the plan, then its latest run attempt.
CREATE TABLE suite_phase (
    suite_id          TEXT        NOT NULL,
    phase             TEXT        NOT NULL,
    tenant            TEXT        NOT NULL,
    plan_revision     INT,
    plan_order        INT,
    plan_group        INT,
    selection         TEXT,
    selected_tests    TEXT,                  -- JSON: SelectedTest[]
    skipped_tests     TEXT,                  -- JSON: string[]
    timeout_seconds   BIGINT,
    status            TEXT        NOT NULL,  -- planned, running, passed, failed, errored, cancelled
    phase_run_id      TEXT,
    attempt           INT,
    worker            TEXT,
    queue_wait_ms     BIGINT,
    duration_ms       BIGINT,
    elapsed_ms        BIGINT,
    started_at        TIMESTAMPTZ,
    completed_at      TIMESTAMPTZ,
    last_heartbeat_at TIMESTAMPTZ,
    exit_code         INT,
    failure_class     TEXT,
    remediation       TEXT,
    log_excerpt       TEXT,
    tests_total       INT,
    tests_passed      INT,
    tests_failed      INT,
    tests_skipped     INT,
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (suite_id, phase)
);

-- Per-test results of the latest completed attempt of a phase.
CREATE TABLE phase_test (
    id           BIGSERIAL PRIMARY KEY,
    suite_id     TEXT   NOT NULL,
    phase        TEXT   NOT NULL,
    phase_run_id TEXT   NOT NULL,
    attempt      INT    NOT NULL,
    test_id      TEXT,
    name         TEXT,
    class_name   TEXT,
    status       TEXT,
    duration_ms  BIGINT NOT NULL,
    message      TEXT,
    stack_trace  TEXT
);
CREATE INDEX phase_test_suite ON phase_test (suite_id, phase, id);

-- Log lines, numbered per suite in order of arrival (n, the paging cursor) and per attempt (line).
CREATE TABLE phase_log (
    suite_id     TEXT        NOT NULL,
    n            BIGINT      NOT NULL,
    phase        TEXT        NOT NULL,
    phase_run_id TEXT        NOT NULL,
    attempt      INT         NOT NULL,
    line         BIGINT      NOT NULL,
    stream       TEXT,
    text         TEXT        NOT NULL,
    at           TIMESTAMPTZ,
    PRIMARY KEY (suite_id, n)
);
CREATE UNIQUE INDEX phase_log_natural ON phase_log (suite_id, phase_run_id, attempt, line);
CREATE INDEX phase_log_phase ON phase_log (suite_id, phase, n);

-- The event log. A tenant's row is locked by every transaction that appends an event of the tenant, so its
-- events get their global ids (suite_event.id) in commit order; a suite's row numbers its events (seq) without
-- gaps or duplicates and counts its stored log lines against the cap.
CREATE TABLE tenant_stream (
    tenant TEXT   PRIMARY KEY,
    events BIGINT NOT NULL
);

CREATE TABLE suite_stream (
    suite_id      TEXT   PRIMARY KEY,
    tenant        TEXT   NOT NULL,
    last_seq      BIGINT NOT NULL,
    log_lines     BIGINT NOT NULL DEFAULT 0,
    dropped_lines BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE suite_event (
    id         BIGSERIAL   PRIMARY KEY,
    suite_id   TEXT        NOT NULL,
    seq        BIGINT      NOT NULL,
    tenant     TEXT        NOT NULL,
    event_id   TEXT        NOT NULL,  -- the CloudEvent id
    ce_type    TEXT        NOT NULL,  -- suiteflow.<Event>.v1
    type       TEXT        NOT NULL,  -- <Event>, the SSE event name
    time       TIMESTAMPTZ,
    data       TEXT        NOT NULL,  -- JSON payload
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (suite_id, seq)
);
CREATE INDEX suite_event_tenant ON suite_event (tenant, id);

-- Wakes the SSE streams of every gateway instance when an event commits (NOTIFY is delivered at commit).
CREATE FUNCTION suite_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_suite_event',
        json_build_object('suiteId', NEW.suite_id, 'seq', NEW.seq, 'id', NEW.id, 'tenant', NEW.tenant)::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER suite_event_notify AFTER INSERT ON suite_event
    FOR EACH ROW EXECUTE FUNCTION suite_event_notify();
