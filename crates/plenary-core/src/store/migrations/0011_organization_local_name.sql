-- An organization's name in its own language (Suomen Lääkäriliitto for the Finnish Medical
-- Association): stored beside the name, shown on its page, found by the list filter and by search.
ALTER TABLE organization ADD COLUMN local_name TEXT NOT NULL DEFAULT '';

DROP TRIGGER organization_search_insert;
DROP TRIGGER organization_search_update;

CREATE TRIGGER organization_search_insert AFTER INSERT ON organization
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('organization', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id), 'organization', new.id, NULL,
            new.name,
            concat_ws(' ', new.local_name, new.acronym, new.country, new.website, new.notes));
END;

CREATE TRIGGER organization_search_update AFTER UPDATE ON organization
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('organization', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id), 'organization', new.id, NULL,
            new.name,
            concat_ws(' ', new.local_name, new.acronym, new.country, new.website, new.notes));
END;
