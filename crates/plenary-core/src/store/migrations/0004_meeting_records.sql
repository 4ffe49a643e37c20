-- What happens at a meeting: agenda items, sessions, records with versions, action items, and
-- documents kept offline. Each is fed into the search index.

CREATE TABLE agenda_item (
    id            TEXT PRIMARY KEY NOT NULL,
    meeting_id    TEXT NOT NULL REFERENCES meeting (id),
    number        TEXT NOT NULL CHECK (length(number) > 0),
    -- The number with each part zero-padded ("13.3" → "0013.0003"), so text order is numeric
    -- order: 1.2 before 1.10 before 2.
    sort_key      TEXT NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    forum_body_id TEXT REFERENCES body (id),
    priority      TEXT NOT NULL CHECK (priority IN ('high', 'normal', 'low', 'monitor')),
    notes         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, number)
) STRICT;

CREATE INDEX agenda_item_by_meeting ON agenda_item (meeting_id, sort_key);

-- Times are the venue's wall-clock time (`YYYY-MM-DDTHH:MM`) in the meeting's time zone; the
-- instant follows from the time-zone database, so daylight-saving changes are handled there.
CREATE TABLE session (
    id         TEXT PRIMARY KEY NOT NULL,
    meeting_id TEXT NOT NULL REFERENCES meeting (id),
    title      TEXT NOT NULL DEFAULT '',
    starts_at  TEXT NOT NULL,
    ends_at    TEXT NOT NULL,
    room       TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX session_by_meeting ON session (meeting_id, starts_at);

CREATE TABLE session_agenda_item (
    session_id     TEXT NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    agenda_item_id TEXT NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, agenda_item_id)
) STRICT;

CREATE INDEX session_agenda_item_by_item ON session_agenda_item (agenda_item_id);

-- A record's content lives in its versions; the record row says which version is current and
-- whether it is final (locked: changing it makes a new version).
CREATE TABLE record (
    id              TEXT PRIMARY KEY NOT NULL,
    meeting_id      TEXT NOT NULL REFERENCES meeting (id),
    agenda_item_id  TEXT REFERENCES agenda_item (id),
    kind            TEXT NOT NULL CHECK (kind IN ('notes', 'minutes', 'outcome', 'debrief')),
    status          TEXT NOT NULL CHECK (status IN ('draft', 'final')),
    current_version INTEGER NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX record_by_meeting ON record (meeting_id, agenda_item_id);
CREATE INDEX record_by_meeting_status ON record (meeting_id, status);

CREATE TABLE record_version (
    record_id    TEXT NOT NULL REFERENCES record (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL CHECK (number > 0),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    author       TEXT NOT NULL DEFAULT '',
    vote_for     INTEGER,
    vote_against INTEGER,
    vote_abstain INTEGER,
    vote_result  TEXT CHECK (vote_result IS NULL OR vote_result IN ('adopted', 'rejected', 'deferred', 'withdrawn')),
    finalized_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (record_id, number)
) STRICT;

CREATE TABLE action_item (
    id             TEXT PRIMARY KEY NOT NULL,
    meeting_id     TEXT NOT NULL REFERENCES meeting (id),
    agenda_item_id TEXT REFERENCES agenda_item (id),
    record_id      TEXT REFERENCES record (id),
    title          TEXT NOT NULL CHECK (length(title) > 0),
    owner          TEXT NOT NULL DEFAULT '',
    due_date       TEXT,
    status         TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX action_item_by_meeting ON action_item (meeting_id);
CREATE INDEX action_item_by_due ON action_item (status, due_date);

-- Files are kept in the data folder under their SHA-256, once however often they are attached.
CREATE TABLE document (
    id             TEXT PRIMARY KEY NOT NULL,
    meeting_id     TEXT NOT NULL REFERENCES meeting (id),
    agenda_item_id TEXT REFERENCES agenda_item (id),
    symbol         TEXT NOT NULL DEFAULT '',
    title          TEXT NOT NULL CHECK (length(title) > 0),
    language       TEXT NOT NULL DEFAULT '',
    source_url     TEXT NOT NULL DEFAULT '',
    retrieved_on   TEXT,
    file_name      TEXT NOT NULL,
    size           INTEGER NOT NULL CHECK (size >= 0),
    sha256         TEXT NOT NULL CHECK (length(sha256) = 64),
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX document_by_meeting ON document (meeting_id, agenda_item_id);
CREATE INDEX document_by_file ON document (sha256);

-- Search index feeds (see 0003_search.sql).

CREATE TRIGGER agenda_item_search_insert AFTER INSERT ON agenda_item
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('agenda_item', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'agenda_item' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'agenda_item' AND record_id = new.id), 'agenda_item', new.id,
            new.meeting_id, concat_ws(' ', new.number, new.title), new.notes);
END;

CREATE TRIGGER agenda_item_search_update AFTER UPDATE ON agenda_item
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('agenda_item', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'agenda_item' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'agenda_item' AND record_id = new.id), 'agenda_item', new.id,
            new.meeting_id, concat_ws(' ', new.number, new.title), new.notes);
END;

CREATE TRIGGER agenda_item_search_delete AFTER DELETE ON agenda_item
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'agenda_item' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'agenda_item' AND record_id = old.id;
END;

-- Only the current version of a record is written after it is created, so the version last
-- written is the one to index.
CREATE TRIGGER record_search_insert AFTER INSERT ON record_version
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('record', new.record_id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'record' AND record_id = new.record_id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'record' AND record_id = new.record_id), 'record', new.record_id,
            (SELECT meeting_id FROM record WHERE id = new.record_id), new.title, concat_ws(' ', new.body, new.author));
END;

CREATE TRIGGER record_search_update AFTER UPDATE ON record_version
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('record', new.record_id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'record' AND record_id = new.record_id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'record' AND record_id = new.record_id), 'record', new.record_id,
            (SELECT meeting_id FROM record WHERE id = new.record_id), new.title, concat_ws(' ', new.body, new.author));
END;

CREATE TRIGGER record_search_delete AFTER DELETE ON record
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'record' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'record' AND record_id = old.id;
END;

CREATE TRIGGER action_item_search_insert AFTER INSERT ON action_item
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('action_item', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'action_item' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'action_item' AND record_id = new.id), 'action_item', new.id,
            new.meeting_id, new.title, concat_ws(' ', new.owner, new.notes));
END;

CREATE TRIGGER action_item_search_update AFTER UPDATE ON action_item
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('action_item', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'action_item' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'action_item' AND record_id = new.id), 'action_item', new.id,
            new.meeting_id, new.title, concat_ws(' ', new.owner, new.notes));
END;

CREATE TRIGGER action_item_search_delete AFTER DELETE ON action_item
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'action_item' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'action_item' AND record_id = old.id;
END;

CREATE TRIGGER document_search_insert AFTER INSERT ON document
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('document', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'document' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'document' AND record_id = new.id), 'document', new.id,
            new.meeting_id, concat_ws(' ', new.symbol, new.title), new.file_name);
END;

CREATE TRIGGER document_search_update AFTER UPDATE ON document
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('document', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'document' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'document' AND record_id = new.id), 'document', new.id,
            new.meeting_id, concat_ws(' ', new.symbol, new.title), new.file_name);
END;

CREATE TRIGGER document_search_delete AFTER DELETE ON document
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'document' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'document' AND record_id = old.id;
END;
