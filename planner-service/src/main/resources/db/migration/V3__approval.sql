-- The approval gate: a suite that asks for approval waits in awaiting_approval until this deadline.
ALTER TABLE suite_state ADD COLUMN approval_deadline TIMESTAMPTZ;
CREATE INDEX suite_state_approval ON suite_state (approval_deadline) WHERE status = 'awaiting_approval';
