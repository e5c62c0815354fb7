-- Every plan revision of a suite is kept, and a phase may run as several shards, each its own phase run.
--
-- suite_plan:  one row per SuitePlanned (revision, cause, phases with their shards, coverage; the outcome of the
--              revision once the suite finished under it).
-- plan_shard:  which revision and phase a phase run id belongs to (from the plan's shards), so that phase events
--              of an older revision never touch the current revision's phases, whichever topic comes first.
-- phase_run:   one row per phase run id, its latest attempt (what suite_phase held per phase).
-- suite_phase (one row per phase and suite) is replaced by these; its rows are carried over.

CREATE TABLE suite_plan (
    suite_id          TEXT        NOT NULL,
    revision          INT         NOT NULL,
    tenant            TEXT        NOT NULL,
    cause             TEXT,                  -- accepted, rerun, rerun-failed; null before causes existed
    planned_at        TIMESTAMPTZ,
    manifest_revision INT,
    phases            TEXT        NOT NULL,  -- JSON: PlannedPhase[] as the planner sent it
    coverage          TEXT,                  -- JSON: CriterionCoverage[]
    outcome           TEXT,                  -- passed, failed, errored, cancelled once the suite ended under it
    completed_at      TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (suite_id, revision)
);

CREATE TABLE plan_shard (
    suite_id         TEXT             NOT NULL,
    phase_run_id     TEXT             NOT NULL,
    revision         INT              NOT NULL,
    phase            TEXT             NOT NULL,
    shard_index      INT              NOT NULL,
    tests            INT              NOT NULL,  -- how many tests the shard was given (0: the whole command)
    expected_seconds DOUBLE PRECISION,
    PRIMARY KEY (suite_id, phase_run_id)
);
CREATE INDEX plan_shard_revision ON plan_shard (suite_id, revision, phase, shard_index);

CREATE TABLE phase_run (
    suite_id          TEXT        NOT NULL,
    phase_run_id      TEXT        NOT NULL,
    phase             TEXT        NOT NULL,
    tenant            TEXT        NOT NULL,
    status            TEXT        NOT NULL,  -- running, passed, failed, errored, cancelled
    attempt           INT         NOT NULL,
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
    PRIMARY KEY (suite_id, phase_run_id)
);

-- The approval gate's blocking criteria and deadline, and the last re-run request.
ALTER TABLE suite
    ADD COLUMN uncovered_criteria       TEXT,  -- JSON: string[] from the latest ApprovalRequested
    ADD COLUMN approval_deadline        TIMESTAMPTZ,
    ADD COLUMN rerun_requested_by       TEXT,
    ADD COLUMN rerun_requested_at       TIMESTAMPTZ,
    ADD COLUMN rerun_scope              TEXT,
    ADD COLUMN rerun_requested_revision INT;  -- the revision that was current when the re-run was asked for

-- Carry over: the plan each suite had (one revision, without shards) and its phases' latest runs.
INSERT INTO suite_plan (suite_id, revision, tenant, cause, planned_at, manifest_revision, phases, coverage, outcome,
                        completed_at)
SELECT s.suite_id, s.plan_revision, s.tenant, NULL, NULL, s.manifest_revision,
       COALESCE((SELECT json_agg(json_strip_nulls(json_build_object(
                    'name', p.phase, 'order', p.plan_order, 'group', p.plan_group, 'selection', p.selection,
                    'tests', p.selected_tests::json, 'skipped', p.skipped_tests::json,
                    'timeoutSeconds', p.timeout_seconds)) ORDER BY p.plan_order, p.phase)
                 FROM suite_phase p WHERE p.suite_id = s.suite_id AND p.plan_order IS NOT NULL)::text, '[]'),
       s.coverage,
       CASE WHEN s.status IN ('passed', 'failed', 'errored', 'cancelled') THEN s.status END,
       s.completed_at
FROM suite s
WHERE s.plan_revision IS NOT NULL;

INSERT INTO phase_run (suite_id, phase_run_id, phase, tenant, status, attempt, worker, queue_wait_ms, duration_ms,
                       elapsed_ms, started_at, completed_at, last_heartbeat_at, exit_code, failure_class, remediation,
                       log_excerpt, tests_total, tests_passed, tests_failed, tests_skipped, updated_at)
SELECT suite_id, phase_run_id, phase, tenant, status, COALESCE(attempt, 1), worker, queue_wait_ms, duration_ms,
       elapsed_ms, started_at, completed_at, last_heartbeat_at, exit_code, failure_class, remediation, log_excerpt,
       tests_total, tests_passed, tests_failed, tests_skipped, updated_at
FROM suite_phase
WHERE phase_run_id IS NOT NULL;

DROP TABLE suite_phase;

-- Per-test results and log lines by phase run (a phase's shards and revisions each have their own).
CREATE INDEX phase_test_run ON phase_test (suite_id, phase_run_id, id);
CREATE INDEX phase_log_run ON phase_log (suite_id, phase_run_id, n);
