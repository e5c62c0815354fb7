-- Phase runs and their attempts (filled by the executor's workers).
CREATE TABLE phase_run (
    phase_run_id TEXT        PRIMARY KEY,
    suite_id     TEXT        NOT NULL,
    tenant       TEXT        NOT NULL,
    phase        TEXT        NOT NULL,
    attempt      INT         NOT NULL,
    status       TEXT        NOT NULL,
    worker       TEXT,
    requested_at TIMESTAMPTZ NOT NULL,
    started_at   TIMESTAMPTZ,
    completed_at TIMESTAMPTZ
);
CREATE INDEX phase_run_suite ON phase_run (suite_id);
