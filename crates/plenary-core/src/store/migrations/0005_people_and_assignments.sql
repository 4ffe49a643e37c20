-- People, organizations and delegate assignments: who represents the association where.
--
-- Sensitive travel details live in their own table (person_travel) so that no list query can
-- select them by accident. Parents are never deleted from under their children: the core refuses
-- with a clear message first (foreign keys back that up).

CREATE TABLE organization (
    id             TEXT PRIMARY KEY NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL CHECK (length(name) > 0),
    acronym        TEXT NOT NULL DEFAULT '',
    country        TEXT NOT NULL DEFAULT '',
    wma_membership TEXT NOT NULL,
    who_relation   TEXT NOT NULL,
    website        TEXT NOT NULL DEFAULT '',
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX organization_by_name ON organization (name);

-- The relationship log: dated interactions with an organization.
CREATE TABLE interaction (
    id              TEXT PRIMARY KEY NOT NULL,
    organization_id TEXT NOT NULL REFERENCES organization (id),
    date            TEXT NOT NULL,
    kind            TEXT NOT NULL,
    participants    TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL CHECK (length(summary) > 0),
    follow_up       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX interaction_by_organization ON interaction (organization_id, date);

CREATE TABLE person (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    full_name       TEXT NOT NULL CHECK (length(full_name) > 0),
    -- Folded (case and diacritics) and whitespace-collapsed, to find duplicates.
    name_key        TEXT NOT NULL,
    honorifics      TEXT NOT NULL DEFAULT '',
    organization_id TEXT REFERENCES organization (id),
    title           TEXT NOT NULL DEFAULT '',
    email           TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    -- JSON arrays of strings.
    expertise       TEXT NOT NULL DEFAULT '[]',
    languages       TEXT NOT NULL DEFAULT '[]',
    home_time_zone  TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX person_by_name_key ON person (name_key);
CREATE INDEX person_by_organization ON person (organization_id);

-- Sensitive: read only when a person asks to see it, exported only when ticked.
CREATE TABLE person_travel (
    person_id       TEXT PRIMARY KEY NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    nationality     TEXT NOT NULL DEFAULT '',
    passport_number TEXT NOT NULL DEFAULT '',
    passport_expiry TEXT,
    dietary_needs   TEXT NOT NULL DEFAULT '',
    access_needs    TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE country_note (
    id              TEXT PRIMARY KEY NOT NULL,
    country         TEXT NOT NULL CHECK (length(country) > 0),
    topic           TEXT NOT NULL CHECK (length(topic) > 0),
    date            TEXT NOT NULL,
    text            TEXT NOT NULL CHECK (length(text) > 0),
    source          TEXT NOT NULL DEFAULT '',
    organization_id TEXT REFERENCES organization (id),
    person_id       TEXT REFERENCES person (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX country_note_by_country ON country_note (country, date);

CREATE TABLE seat (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    name            TEXT NOT NULL CHECK (length(name) > 0),
    organization_id TEXT REFERENCES organization (id),
    appointed_by    TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE term (
    id         TEXT PRIMARY KEY NOT NULL,
    seat_id    TEXT NOT NULL REFERENCES seat (id),
    person_id  TEXT NOT NULL REFERENCES person (id),
    capacity   TEXT NOT NULL CHECK (capacity IN ('holder', 'substitute')),
    start_date TEXT NOT NULL,
    end_date   TEXT,
    notes      TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    CHECK (end_date IS NULL OR end_date >= start_date)
) STRICT;

CREATE INDEX term_by_seat ON term (seat_id, start_date);
CREATE INDEX term_by_person ON term (person_id);
CREATE INDEX term_by_end ON term (end_date);

-- What the association's delegation to one meeting needs: the cap and the focal point. Goes with
-- its meeting.
CREATE TABLE delegation (
    meeting_id     TEXT PRIMARY KEY NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    badge_cap      INTEGER CHECK (badge_cap IS NULL OR badge_cap > 0),
    focal_point_id TEXT REFERENCES person (id),
    notes          TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE assignment (
    id                   TEXT PRIMARY KEY NOT NULL,
    meeting_id           TEXT NOT NULL REFERENCES meeting (id),
    person_id            TEXT NOT NULL REFERENCES person (id),
    role                 TEXT NOT NULL,
    status               TEXT NOT NULL,
    status_date          TEXT NOT NULL,
    registration_submitted    TEXT NOT NULL DEFAULT '',
    registration_submitted_on TEXT,
    badge                TEXT NOT NULL,
    arrival              TEXT NOT NULL DEFAULT '',
    departure            TEXT NOT NULL DEFAULT '',
    hotel                TEXT NOT NULL DEFAULT '',
    travel_notes         TEXT NOT NULL DEFAULT '',
    attended_sessions    TEXT NOT NULL DEFAULT '',
    notes                TEXT NOT NULL DEFAULT '',
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    UNIQUE (meeting_id, person_id, role)
) STRICT;

CREATE INDEX assignment_by_person ON assignment (person_id, meeting_id);
CREATE INDEX assignment_by_meeting ON assignment (meeting_id);

-- Every status change, dated, with who made it (also in history).
CREATE TABLE status_change (
    id            TEXT PRIMARY KEY NOT NULL,
    assignment_id TEXT NOT NULL REFERENCES assignment (id) ON DELETE CASCADE,
    from_status   TEXT,
    to_status     TEXT NOT NULL,
    date          TEXT NOT NULL,
    changed_by    TEXT NOT NULL DEFAULT '',
    at            TEXT NOT NULL
) STRICT;

CREATE INDEX status_change_by_assignment ON status_change (assignment_id);

-- Search: people, organizations and country notes (see 0003_search.sql).

CREATE TRIGGER person_search_insert AFTER INSERT ON person
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('person', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'person' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'person' AND record_id = new.id), 'person', new.id, NULL,
            new.full_name,
            concat_ws(' ', new.honorifics, new.title, new.email, new.expertise, new.languages, new.notes));
END;

CREATE TRIGGER person_search_update AFTER UPDATE ON person
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('person', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'person' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'person' AND record_id = new.id), 'person', new.id, NULL,
            new.full_name,
            concat_ws(' ', new.honorifics, new.title, new.email, new.expertise, new.languages, new.notes));
END;

CREATE TRIGGER person_search_delete AFTER DELETE ON person
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'person' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'person' AND record_id = old.id;
END;

CREATE TRIGGER organization_search_insert AFTER INSERT ON organization
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('organization', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id), 'organization', new.id, NULL,
            new.name,
            concat_ws(' ', new.acronym, new.country, new.website, new.notes));
END;

CREATE TRIGGER organization_search_update AFTER UPDATE ON organization
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('organization', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'organization' AND record_id = new.id), 'organization', new.id, NULL,
            new.name,
            concat_ws(' ', new.acronym, new.country, new.website, new.notes));
END;

CREATE TRIGGER organization_search_delete AFTER DELETE ON organization
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'organization' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'organization' AND record_id = old.id;
END;

CREATE TRIGGER country_note_search_insert AFTER INSERT ON country_note
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('country_note', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'country_note' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'country_note' AND record_id = new.id), 'country_note', new.id, NULL,
            concat_ws(': ', new.country, new.topic),
            concat_ws(' ', new.text, new.source));
END;

CREATE TRIGGER country_note_search_update AFTER UPDATE ON country_note
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('country_note', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'country_note' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'country_note' AND record_id = new.id), 'country_note', new.id, NULL,
            concat_ws(': ', new.country, new.topic),
            concat_ws(' ', new.text, new.source));
END;

CREATE TRIGGER country_note_search_delete AFTER DELETE ON country_note
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'country_note' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'country_note' AND record_id = old.id;
END;

-- A fresh database knows the bodies the office works with most. Fixed ids (UUIDv7 in form) so
-- that databases on different laptops agree on them.
INSERT INTO organization (id, kind, name, acronym, country, wma_membership, who_relation, website,
                          notes, created_at, updated_at, version)
VALUES
    ('01800000-0000-7000-8000-000000000001', 'global_federation', 'World Medical Association',
     'WMA', 'France', 'none', 'non_state_actor', 'https://www.wma.net', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
    ('01800000-0000-7000-8000-000000000002', 'intergovernmental', 'World Health Organization',
     'WHO', 'Switzerland', 'none', 'none', 'https://www.who.int', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
    ('01800000-0000-7000-8000-000000000003', 'intergovernmental', 'United Nations',
     'UN', '', 'none', 'none', 'https://www.un.org', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
    ('01800000-0000-7000-8000-000000000004', 'own_council', 'Council on Science and Public Health',
     'CSAPH', '', 'none', 'none', '', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
    ('01800000-0000-7000-8000-000000000005', 'own_council', 'Council on Medical Service',
     'CMS', '', 'none', 'none', '', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
    ('01800000-0000-7000-8000-000000000006', 'own_council', 'Council on Medical Education',
     'CME', '', 'none', 'none', '', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1),
    ('01800000-0000-7000-8000-000000000007', 'own_council', 'Council on Ethical and Judicial Affairs',
     'CEJA', '', 'none', 'none', '', '',
     strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1);
