-- Replaces V1's placeholder phase_run table (never used) with the executor's real model.
DROP TABLE IF EXISTS phase_run;

-- Attempts of phase runs: recorded queued by the phase-requests consumer, claimed by workers
-- (FOR UPDATE SKIP LOCKED, by priority then request time), leased while they run, finished once.
CREATE TABLE phase_attempt (
    id               UUID        PRIMARY KEY,
    phase_run_id     TEXT        NOT NULL,
    attempt          INT         NOT NULL,
    suite_id         TEXT        NOT NULL,
    tenant           TEXT        NOT NULL,
    phase            TEXT        NOT NULL,
    priority         TEXT        NOT NULL,
    priority_rank    INT         NOT NULL,            -- 0 urgent, 1 high, 2 normal, 3 low
    request          TEXT        NOT NULL,            -- the PhaseRequested payload as JSON
    status           TEXT        NOT NULL,            -- queued, running, finished
    requested_at     TIMESTAMPTZ NOT NULL,
    queued_at        TIMESTAMPTZ NOT NULL,
    worker           TEXT,
    started_at       TIMESTAMPTZ,
    lease_until      TIMESTAMPTZ,
    permit_held      BOOLEAN     NOT NULL DEFAULT false,
    cancel_requested BOOLEAN     NOT NULL DEFAULT false,
    outcome          TEXT,                            -- passed, failed, errored, cancelled
    failure_class    TEXT,
    exit_code        INT,
    queue_wait_ms    BIGINT,
    duration_ms      BIGINT,
    completed_at     TIMESTAMPTZ,
    CONSTRAINT phase_attempt_once UNIQUE (phase_run_id, attempt)
);
CREATE INDEX phase_attempt_queue ON phase_attempt (priority_rank, requested_at, queued_at) WHERE status = 'queued';
CREATE INDEX phase_attempt_lease ON phase_attempt (lease_until) WHERE status = 'running';
CREATE INDEX phase_attempt_suite ON phase_attempt (suite_id);

-- Per-tenant concurrency permits: in_use counts the tenant's running attempts (permit_held rows).
CREATE TABLE tenant_permit (
    tenant TEXT PRIMARY KEY,
    in_use INT  NOT NULL DEFAULT 0 CHECK (in_use >= 0)
);

-- Suites cancelled by a CancelSuite: a phase request of such a suite that arrives later is not run.
CREATE TABLE cancelled_suite (
    suite_id     TEXT        PRIMARY KEY,
    tenant       TEXT        NOT NULL,
    reason       TEXT,
    cancelled_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
