-- Meetings, and the append-only history of every change.

CREATE TABLE meeting (
    id                    TEXT PRIMARY KEY NOT NULL,
    body                  TEXT NOT NULL,
    ordinal               INTEGER CHECK (ordinal IS NULL OR ordinal > 0),
    title                 TEXT NOT NULL CHECK (length(title) > 0),
    city                  TEXT NOT NULL DEFAULT '',
    country               TEXT NOT NULL DEFAULT '',
    venue                 TEXT NOT NULL DEFAULT '',
    start_date            TEXT NOT NULL,
    end_date              TEXT NOT NULL,
    time_zone             TEXT NOT NULL,
    format                TEXT NOT NULL,
    status                TEXT NOT NULL,
    registration_deadline TEXT,
    notes                 TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    version               INTEGER NOT NULL DEFAULT 1,
    CHECK (end_date >= start_date),
    CHECK (registration_deadline IS NULL OR registration_deadline <= start_date)
) STRICT;

CREATE INDEX meeting_by_start ON meeting (start_date, end_date);

CREATE TABLE history (
    seq       INTEGER PRIMARY KEY AUTOINCREMENT,
    id        TEXT NOT NULL UNIQUE,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    action    TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    before    TEXT,
    after     TEXT,
    at        TEXT NOT NULL
) STRICT;

CREATE INDEX history_by_record ON history (entity, entity_id, seq);

CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;

CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
