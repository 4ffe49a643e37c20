-- Search matches folded text. FTS5's `remove_diacritics` keeps letters that do not decompose
-- (ø, æ, ß, ł …), so "ostergaard" missed "Østergaard". The index now holds text folded by the
-- core's `fold` (registered on every connection as `plenary_fold`) for matching, and the text as
-- written, unindexed, for showing; the core marks matches itself with the same folding.
--
-- Every area's triggers keep writing to `search` as before: it is now a view whose INSTEAD OF
-- triggers fold what they receive into `search_index`.

CREATE VIRTUAL TABLE search_index USING fts5(
    kind UNINDEXED,
    record_id UNINDEXED,
    meeting_id UNINDEXED,
    title,
    text,
    shown_title UNINDEXED,
    shown_text UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

INSERT INTO search_index (rowid, kind, record_id, meeting_id, title, text, shown_title, shown_text)
SELECT rowid, kind, record_id, meeting_id, plenary_fold(title), plenary_fold(text), title, text
FROM search;

DROP TABLE search;

CREATE VIEW search (rowid, kind, record_id, meeting_id, title, text) AS
SELECT rowid, kind, record_id, meeting_id, shown_title, shown_text FROM search_index;

CREATE TRIGGER search_insert INSTEAD OF INSERT ON search
BEGIN
    INSERT INTO search_index (rowid, kind, record_id, meeting_id, title, text, shown_title, shown_text)
    VALUES (new.rowid, new.kind, new.record_id, new.meeting_id,
            plenary_fold(new.title), plenary_fold(new.text), new.title, new.text);
END;

CREATE TRIGGER search_delete INSTEAD OF DELETE ON search
BEGIN
    DELETE FROM search_index WHERE rowid = old.rowid;
END;

-- Duplicate-person keys follow the same folding.
UPDATE person SET name_key = plenary_name_key(full_name)
WHERE name_key IS NOT plenary_name_key(full_name);
