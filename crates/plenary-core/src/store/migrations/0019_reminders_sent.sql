-- The reminders this laptop has shown as system notifications, one row per thing reminded of
-- (its key names the record and the date it was about), so none is shown twice. This laptop's
-- own bookkeeping: never sent to the office hub.
CREATE TABLE reminder_sent (
    key     TEXT PRIMARY KEY NOT NULL,
    sent_at TEXT NOT NULL
) STRICT;
