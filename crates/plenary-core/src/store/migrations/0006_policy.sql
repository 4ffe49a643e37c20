-- Policy: WMA, WHO and other bodies' documents with their append-only history of actions, the
-- association's positions on them, votes at meetings, and the statements it delivers.
--
-- status, handbook_code, last_year and review_due* are derived from policy_action by the core
-- and written in the same transaction as each action, so lists and the "due for review" view
-- read them from an index instead of replaying histories.

CREATE TABLE policy_document (
    id              TEXT PRIMARY KEY NOT NULL,
    policy_type     TEXT NOT NULL CHECK (policy_type IN ('declaration', 'statement', 'resolution',
                        'council_resolution', 'who_resolution', 'who_decision', 'other')),
    emergency       INTEGER NOT NULL DEFAULT 0 CHECK (emergency IN (0, 1)),
    title           TEXT NOT NULL CHECK (length(title) > 0),
    short_name      TEXT NOT NULL DEFAULT '',
    code            TEXT NOT NULL DEFAULT '',
    lead_committee  TEXT CHECK (lead_committee IS NULL OR lead_committee IN ('mec', 'smac', 'fpc')),
    rapporteur      TEXT NOT NULL DEFAULT '',
    -- Topics joined by ", ".
    topics          TEXT NOT NULL DEFAULT '',
    summary         TEXT NOT NULL DEFAULT '',
    full_text       TEXT NOT NULL DEFAULT '',
    source_url      TEXT NOT NULL DEFAULT '',
    meeting_id      TEXT REFERENCES meeting (id),
    agenda_item_id  TEXT REFERENCES agenda_item (id),
    status          TEXT NOT NULL CHECK (status IN ('not_adopted', 'in_force', 'pending_ga_adoption',
                        'rescinded_and_archived', 'superseded')),
    handbook_code   TEXT,
    -- As precise as the action it counts from: '2027', '2027-10' or '2027-10-14'; with the first
    -- and last day it may mean, for ranges.
    review_due      TEXT,
    review_due_from TEXT,
    review_due_to   TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX policy_document_by_review ON policy_document (review_due_from) WHERE review_due_from IS NOT NULL;
CREATE INDEX policy_document_by_type ON policy_document (policy_type, status);
CREATE INDEX policy_document_by_meeting ON policy_document (meeting_id);

-- Append-only: actions are never changed or removed once recorded.
CREATE TABLE policy_action (
    id               TEXT PRIMARY KEY NOT NULL,
    document_id      TEXT NOT NULL REFERENCES policy_document (id),
    kind             TEXT NOT NULL CHECK (kind IN ('adopted', 'amended', 'revised', 'partially_revised',
                         'editorially_revised', 'note_of_clarification_added', 'reaffirmed',
                         'reaffirmed_with_minor_revisions', 'reclassified', 'rescinded_and_archived',
                         'superseded')),
    date             TEXT NOT NULL,
    date_from        TEXT NOT NULL,
    body_id          TEXT REFERENCES body (id),
    meeting_id       TEXT REFERENCES meeting (id),
    superseded_by_id TEXT REFERENCES policy_document (id),
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX policy_action_by_document ON policy_action (document_id, date_from);

CREATE TRIGGER policy_action_is_append_only_update BEFORE UPDATE ON policy_action
BEGIN
    SELECT RAISE(ABORT, 'policy history is append-only');
END;

-- A changed position is a new row; earlier ones stay.
CREATE TABLE policy_position (
    id             TEXT PRIMARY KEY NOT NULL,
    document_id    TEXT NOT NULL REFERENCES policy_document (id),
    meeting_id     TEXT REFERENCES meeting (id),
    agenda_item_id TEXT REFERENCES agenda_item (id),
    stance         TEXT NOT NULL CHECK (stance IN ('support', 'support_with_amendments', 'oppose', 'monitor', 'no_position')),
    priority       TEXT NOT NULL CHECK (priority IN ('high', 'normal', 'low', 'monitor')),
    rationale      TEXT NOT NULL DEFAULT '',
    red_lines      TEXT NOT NULL DEFAULT '',
    fallback       TEXT NOT NULL DEFAULT '',
    may_speak      INTEGER NOT NULL CHECK (may_speak IN (0, 1)),
    may_co_sponsor INTEGER NOT NULL CHECK (may_co_sponsor IN (0, 1)),
    may_vote       INTEGER NOT NULL CHECK (may_vote IN (0, 1)),
    -- Identifiers joined by ", ".
    own_policies   TEXT NOT NULL DEFAULT '',
    approved_by    TEXT NOT NULL DEFAULT '',
    approved_on    TEXT,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    version        INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX policy_position_by_document ON policy_position (document_id, meeting_id, created_at);
CREATE INDEX policy_position_by_agenda_item ON policy_position (agenda_item_id);

CREATE TABLE policy_vote (
    id           TEXT PRIMARY KEY NOT NULL,
    document_id  TEXT NOT NULL REFERENCES policy_document (id),
    meeting_id   TEXT REFERENCES meeting (id),
    forum        TEXT NOT NULL DEFAULT '',
    vote_for     INTEGER,
    vote_against INTEGER,
    vote_abstain INTEGER,
    vote_result  TEXT CHECK (vote_result IS NULL OR vote_result IN ('adopted', 'rejected', 'deferred', 'withdrawn')),
    note         TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX policy_vote_by_document ON policy_vote (document_id, created_at);

-- Search index feeds (see 0003_search.sql).

CREATE TRIGGER policy_document_search_insert AFTER INSERT ON policy_document
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('policy_document', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'policy_document' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'policy_document' AND record_id = new.id), 'policy_document', new.id,
            new.meeting_id, concat_ws(' ', new.handbook_code, new.code, new.short_name, new.title),
            concat_ws(' ', new.summary, new.topics, new.rapporteur, new.full_text));
END;

CREATE TRIGGER policy_document_search_update AFTER UPDATE ON policy_document
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('policy_document', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'policy_document' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'policy_document' AND record_id = new.id), 'policy_document', new.id,
            new.meeting_id, concat_ws(' ', new.handbook_code, new.code, new.short_name, new.title),
            concat_ws(' ', new.summary, new.topics, new.rapporteur, new.full_text));
END;

CREATE TRIGGER policy_document_search_delete AFTER DELETE ON policy_document
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'policy_document' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'policy_document' AND record_id = old.id;
END;

-- Statements (interventions) delivered on an agenda item.
CREATE TABLE statement (
    id                  TEXT PRIMARY KEY NOT NULL,
    meeting_id          TEXT NOT NULL REFERENCES meeting (id),
    agenda_item_id      TEXT NOT NULL REFERENCES agenda_item (id),
    document_id         TEXT REFERENCES policy_document (id),
    title               TEXT NOT NULL CHECK (length(title) > 0),
    organization        TEXT NOT NULL DEFAULT '',
    mode                TEXT NOT NULL CHECK (mode IN ('individual', 'constituency', 'member_state_delegation')),
    co_signers          TEXT NOT NULL DEFAULT '',
    speaker             TEXT NOT NULL DEFAULT '',
    time_limit_minutes  INTEGER CHECK (time_limit_minutes IS NULL OR time_limit_minutes > 0),
    -- Venue time, YYYY-MM-DDTHH:MM.
    submission_deadline TEXT,
    text                TEXT NOT NULL DEFAULT '',
    delivered_text      TEXT NOT NULL DEFAULT '',
    status              TEXT NOT NULL CHECK (status IN ('draft', 'internal_review', 'approved', 'submitted', 'delivered', 'withdrawn')),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    version             INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE INDEX statement_by_meeting ON statement (meeting_id, agenda_item_id);

CREATE TRIGGER statement_search_insert AFTER INSERT ON statement
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('statement', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'statement' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'statement' AND record_id = new.id), 'statement', new.id,
            new.meeting_id, new.title,
            concat_ws(' ', new.organization, new.speaker, new.co_signers, new.text, new.delivered_text));
END;

CREATE TRIGGER statement_search_update AFTER UPDATE ON statement
BEGIN
    INSERT OR IGNORE INTO search_key (kind, record_id) VALUES ('statement', new.id);
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'statement' AND record_id = new.id);
    INSERT INTO search (rowid, kind, record_id, meeting_id, title, text)
    VALUES ((SELECT id FROM search_key WHERE kind = 'statement' AND record_id = new.id), 'statement', new.id,
            new.meeting_id, new.title,
            concat_ws(' ', new.organization, new.speaker, new.co_signers, new.text, new.delivered_text));
END;

CREATE TRIGGER statement_search_delete AFTER DELETE ON statement
BEGIN
    DELETE FROM search WHERE rowid = (SELECT id FROM search_key WHERE kind = 'statement' AND record_id = old.id);
    DELETE FROM search_key WHERE kind = 'statement' AND record_id = old.id;
END;

-- Documents in development. The current stage is the last step's; steps are never changed.
CREATE TABLE proposal (
    id            TEXT PRIMARY KEY NOT NULL,
    title         TEXT NOT NULL CHECK (length(title) > 0),
    proposed_type TEXT NOT NULL CHECK (proposed_type IN ('declaration', 'statement', 'resolution', 'council_resolution')),
    proposer      TEXT NOT NULL DEFAULT '',
    rapporteur    TEXT NOT NULL DEFAULT '',
    summary       TEXT NOT NULL DEFAULT '',
    stage         TEXT NOT NULL,
    document_id   TEXT REFERENCES policy_document (id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE proposal_step (
    proposal_id      TEXT NOT NULL REFERENCES proposal (id),
    number           INTEGER NOT NULL CHECK (number > 0),
    stage            TEXT NOT NULL CHECK (stage IN ('submitted', 'review_committee', 'in_committee', 'workgroup',
                         'member_consultation', 'approved_by_council', 'adopted', 'referred_back', 'rejected', 'withdrawn')),
    date             TEXT NOT NULL,
    committee        TEXT CHECK (committee IS NULL OR committee IN ('mec', 'smac', 'fpc')),
    comment_deadline TEXT,
    note             TEXT NOT NULL DEFAULT '',
    created_at       TEXT NOT NULL,
    PRIMARY KEY (proposal_id, number)
) STRICT;

CREATE TRIGGER proposal_step_is_append_only BEFORE UPDATE ON proposal_step
BEGIN
    SELECT RAISE(ABORT, 'proposal steps are append-only');
END;

-- Links between documents; each is stored once, from the document that acts on the other.
CREATE TABLE policy_link (
    id         TEXT PRIMARY KEY NOT NULL,
    from_id    TEXT NOT NULL REFERENCES policy_document (id),
    to_id      TEXT NOT NULL REFERENCES policy_document (id),
    kind       TEXT NOT NULL CHECK (kind IN ('revises', 'supersedes', 'replaces_council_resolution', 'related')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (from_id, to_id, kind),
    CHECK (from_id <> to_id)
) STRICT;

CREATE INDEX policy_link_by_target ON policy_link (to_id);

-- Text versions are kept as written; compare any two.
CREATE TABLE policy_text_version (
    document_id TEXT NOT NULL REFERENCES policy_document (id),
    number      INTEGER NOT NULL CHECK (number > 0),
    stage       TEXT NOT NULL CHECK (stage IN ('draft', 'consultation_draft', 'amended', 'adopted')),
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (document_id, number)
) STRICT;

CREATE TRIGGER policy_text_version_is_kept BEFORE UPDATE ON policy_text_version
BEGIN
    SELECT RAISE(ABORT, 'text versions are kept as written');
END;
