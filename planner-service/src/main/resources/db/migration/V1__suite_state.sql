-- One row per suite the planner knows: the state machine's current state.
CREATE TABLE suite_state (
    suite_id   TEXT        PRIMARY KEY,
    tenant     TEXT        NOT NULL,
    project    TEXT        NOT NULL,
    status     TEXT        NOT NULL,
    priority   TEXT        NOT NULL,
    request    TEXT        NOT NULL,  -- the accepted SuiteRequested as JSON
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX suite_state_status ON suite_state (status, priority, created_at);
