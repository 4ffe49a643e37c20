-- One full-text index over everything a person can search for. Each searchable table keeps its
-- rows here through triggers: kind names the record type, record_id its id, meeting_id the meeting
-- it belongs to (if any, to open it there), title what a result shows first, text everything else
-- worth matching. Diacritics are folded ("Sao Paulo" finds
-- "São Paulo"); two- and three-letter prefixes are indexed for type-ahead.

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
    INSERT INTO search (kind, record_id, meeting_id, title, text)
    VALUES ('meeting', new.id, new.id, new.title,
            concat_ws(' ', new.city, new.country, new.venue, new.time_zone, new.notes));
END;

CREATE TRIGGER meeting_search_update AFTER UPDATE ON meeting
BEGIN
    DELETE FROM search WHERE kind = 'meeting' AND record_id = old.id;
    INSERT INTO search (kind, record_id, meeting_id, title, text)
    VALUES ('meeting', new.id, new.id, new.title,
            concat_ws(' ', new.city, new.country, new.venue, new.time_zone, new.notes));
END;

CREATE TRIGGER meeting_search_delete AFTER DELETE ON meeting
BEGIN
    DELETE FROM search WHERE kind = 'meeting' AND record_id = old.id;
END;

INSERT INTO search (kind, record_id, meeting_id, title, text)
SELECT 'meeting', id, id, title, concat_ws(' ', city, country, venue, time_zone, notes) FROM meeting;
