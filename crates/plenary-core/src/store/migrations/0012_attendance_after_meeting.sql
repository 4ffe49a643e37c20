-- Attendance recorded in one step after a meeting has ended: the status history says so instead
-- of inventing the steps (invited, registered, badge issued) nobody saw happen.
ALTER TABLE status_change ADD COLUMN after_meeting INTEGER NOT NULL DEFAULT 0
    CHECK (after_meeting IN (0, 1));
