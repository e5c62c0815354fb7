-- Test history: one row per test of every phase run attempt that finished (from its JUnit report).
CREATE TABLE test_run (
    id            BIGSERIAL   PRIMARY KEY,
    tenant        TEXT        NOT NULL,
    project       TEXT        NOT NULL,
    phase         TEXT        NOT NULL,
    test_id       TEXT        NOT NULL,   -- Class#method as the report names it
    test_class    TEXT        NOT NULL,
    suite_id      TEXT        NOT NULL,
    plan_revision INT         NOT NULL,
    phase_run_id  TEXT        NOT NULL,
    attempt       INT         NOT NULL,
    code_revision TEXT,                   -- the workspace's git commit when it was clean, else null
    outcome       TEXT        NOT NULL,   -- passed, failed, errored, skipped
    duration_ms   BIGINT      NOT NULL,
    fingerprint   TEXT,                   -- of a failure: digest of its normalised message and top frame
    recorded_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (phase_run_id, attempt, test_id)
);
CREATE INDEX test_run_recent ON test_run (tenant, project, test_class, recorded_at DESC);

-- The workspace revision a plan was made on (flakiness: passed and failed on the same revision).
ALTER TABLE suite_state
    ADD COLUMN code_revision      TEXT,
    ADD COLUMN uncovered_criteria TEXT;   -- JSON array while requireCoverage blocks the suite, else null

-- A phase may run as several shards, one row each; most phases have one (shard 1 of 1).
ALTER TABLE plan_phase
    ADD COLUMN shard       INT  NOT NULL DEFAULT 1,
    ADD COLUMN shards      INT  NOT NULL DEFAULT 1,
    ADD COLUMN skip_reason TEXT,
    ADD COLUMN expected_seconds DOUBLE PRECISION;
ALTER TABLE plan_phase DROP CONSTRAINT plan_phase_pkey;
ALTER TABLE plan_phase ADD PRIMARY KEY (suite_id, plan_revision, name, shard);

-- Every plan revision's cause (accepted, rerun, rerun-failed) and when it was made.
CREATE TABLE plan_revision (
    suite_id   TEXT        NOT NULL REFERENCES suite_state (suite_id),
    revision   INT         NOT NULL,
    cause      TEXT        NOT NULL,
    planned_at TIMESTAMPTZ NOT NULL,
    outcome    TEXT,
    PRIMARY KEY (suite_id, revision)
);
