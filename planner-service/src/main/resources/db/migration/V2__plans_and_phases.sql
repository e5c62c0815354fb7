-- The state machine of a suite and its plan: accepted → planned → running → passed | failed | errored | cancelled.
ALTER TABLE suite_state
    ADD COLUMN priority_rank     INT         NOT NULL DEFAULT 2,   -- urgent 0, high 1, normal 2, low 3
    ADD COLUMN fail_fast         BOOLEAN     NOT NULL DEFAULT TRUE,
    ADD COLUMN plan_revision     INT         NOT NULL DEFAULT 0,
    ADD COLUMN manifest_revision INT,
    ADD COLUMN outcome           TEXT,
    ADD COLUMN detail            TEXT,
    ADD COLUMN planned_at        TIMESTAMPTZ,
    ADD COLUMN started_at        TIMESTAMPTZ,
    ADD COLUMN finished_at       TIMESTAMPTZ;
-- The queue: planned suites start by priority, then age.
CREATE INDEX suite_state_queue ON suite_state (priority_rank, created_at) WHERE status = 'planned';

-- Every manifest revision a suite was accepted with (the planner's copy of the registry), as JSON.
CREATE TABLE project_manifest (
    tenant     TEXT        NOT NULL,
    project    TEXT        NOT NULL,
    revision   INT         NOT NULL,
    manifest   TEXT        NOT NULL,
    first_seen TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant, project, revision)
);

-- The phases of a suite's plan revision, in order; phases of one group run at the same time.
CREATE TABLE plan_phase (
    suite_id        TEXT        NOT NULL REFERENCES suite_state (suite_id),
    plan_revision   INT         NOT NULL,
    name            TEXT        NOT NULL,
    ord             INT         NOT NULL,
    grp             INT         NOT NULL,
    status          TEXT        NOT NULL,  -- pending, requested, running, passed, failed, errored, cancelled, skipped
    phase_run_id    TEXT        NOT NULL UNIQUE,
    attempt         INT         NOT NULL DEFAULT 0,
    command         TEXT        NOT NULL,  -- CommandSpec as JSON
    tests           TEXT        NOT NULL,  -- selected test ids as JSON
    selection       TEXT        NOT NULL,  -- JSON array of SelectedTest (score and reasons)
    timeout_seconds BIGINT      NOT NULL,
    failure_class   TEXT,
    tests_total     INT         NOT NULL DEFAULT 0,
    tests_passed    INT         NOT NULL DEFAULT 0,
    tests_failed    INT         NOT NULL DEFAULT 0,
    tests_skipped   INT         NOT NULL DEFAULT 0,
    requested_at    TIMESTAMPTZ,
    completed_at    TIMESTAMPTZ,
    PRIMARY KEY (suite_id, plan_revision, name)
);
