-- One full-text index over everything a person can search for. Each searchable table keeps its
-- rows here through triggers: kind names the record type, record_id its id, meeting_id the meeting
-- it belongs to (if any, to open it there), title what a result shows first, text everything else
-- worth matching. Diacritics are folded ("Sao Paulo" finds "São Paulo"); two- and three-letter
-- prefixes are indexed for type-ahead.
--
-- FTS5 cannot look rows up by an unindexed column, so search_key gives every (kind, record_id) a
-- stable integer that is its row in the index: triggers replace and remove index rows by rowid,
-- never by scanning.

CREATE TABLE search_key (
    id        INTEGER PRIMARY KEY,
    kind      TEXT NOT NULL,
    record_id TEXT NOT NULL,
    UNIQUE (kind, record_id)
) STRICT;

CREATE VIRTUAL TABLE search USING fts5(
    kind UNINDEXED,
    record_id UNINDEXED,
    meeting_id UNINDEXED,
    title,
    text,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

CREATE TRIGGER meeting_search_insert AFTER INSERT ON meeting
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('meeting', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'meeting' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'meeting' AND record_id = new.id), 'meeting', new.id,
            new.id, new.title, concat_ws(' ', new.city, new.country, new.venue, new.time_zone, new.notes));
END;

CREATE TRIGGER meeting_search_update AFTER UPDATE ON meeting
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('meeting', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'meeting' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'meeting' AND record_id = new.id), 'meeting', new.id,
            new.id, new.title, concat_ws(' ', new.city, new.country, new.venue, new.time_zone, new.notes));
END;

CREATE TRIGGER meeting_search_delete AFTER DELETE ON meeting
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'meeting' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'meeting' AND record_id = old.id;
END;
