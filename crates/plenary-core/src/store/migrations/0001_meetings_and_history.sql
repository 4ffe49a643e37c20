-- Bodies, meetings, and the append-only history of every change.

CREATE TABLE body (
    id            TEXT PRIMARY KEY NOT NULL,
    name          TEXT NOT NULL CHECK (length(name) > 0),
    short_name    TEXT NOT NULL DEFAULT '',
    organization  TEXT NOT NULL CHECK (organization IN ('wma', 'who', 'other')),
    parent_id     TEXT REFERENCES body (id),
    title_pattern TEXT NOT NULL DEFAULT '',
    seeded        INTEGER NOT NULL DEFAULT 0 CHECK (seeded IN (0, 1)),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
) STRICT;

-- The real WMA and WHO bodies, with stable ids so every laptop's copies are the same record.
INSERT INTO body (id, name, short_name, organization, parent_id, title_pattern, seeded, created_at, updated_at) VALUES
    ('wma_general_assembly', 'WMA General Assembly', 'GA', 'wma', NULL, '{nth} WMA General Assembly', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wma_council', 'WMA Council', 'Council', 'wma', NULL, '{nth} WMA Council session', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wma_medical_ethics_committee', 'WMA Medical Ethics Committee', 'MEC', 'wma', 'wma_council', 'WMA Medical Ethics Committee, {nth} Council session', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wma_socio_medical_affairs_committee', 'WMA Socio-Medical Affairs Committee', 'SMAC', 'wma', 'wma_council', 'WMA Socio-Medical Affairs Committee, {nth} Council session', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wma_finance_and_planning_committee', 'WMA Finance and Planning Committee', 'FPC', 'wma', 'wma_council', 'WMA Finance and Planning Committee, {nth} Council session', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wma_executive_committee', 'WMA Executive Committee', 'ExCom', 'wma', 'wma_council', '', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wma_review_committee', 'WMA Review Committee', 'Review Committee', 'wma', 'wma_council', '', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('world_health_assembly', 'World Health Assembly', 'WHA', 'who', NULL, 'WHA{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wha_plenary', 'WHA Plenary', 'Plenary', 'who', 'world_health_assembly', '', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wha_committee_a', 'WHA Committee A', 'Committee A', 'who', 'world_health_assembly', '', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('wha_committee_b', 'WHA Committee B', 'Committee B', 'who', 'world_health_assembly', '', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_executive_board', 'WHO Executive Board', 'EB', 'who', NULL, 'EB{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_pbac', 'WHO Programme, Budget and Administration Committee', 'PBAC', 'who', 'who_executive_board', 'PBAC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_rc_afr', 'WHO Regional Committee for Africa', 'AFR/RC', 'who', NULL, 'AFR/RC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_rc_amr', 'WHO Regional Committee for the Americas', 'AMR/RC', 'who', NULL, 'AMR/RC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_rc_sear', 'WHO Regional Committee for South-East Asia', 'SEA/RC', 'who', NULL, 'SEA/RC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_rc_eur', 'WHO Regional Committee for Europe', 'EUR/RC', 'who', NULL, 'EUR/RC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_rc_emr', 'WHO Regional Committee for the Eastern Mediterranean', 'EM/RC', 'who', NULL, 'EM/RC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('who_rc_wpr', 'WHO Regional Committee for the Western Pacific', 'WPR/RC', 'who', NULL, 'WPR/RC{n}', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
    ('other', 'Other meeting', 'Other', 'other', NULL, '', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');

CREATE TABLE meeting (
    id                    TEXT PRIMARY KEY NOT NULL,
    body_id               TEXT NOT NULL REFERENCES body (id),
    parent_id             TEXT REFERENCES meeting (id),
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
    CHECK (registration_deadline IS NULL OR registration_deadline <= start_date),
    CHECK (parent_id IS NULL OR parent_id <> id)
) STRICT;

CREATE INDEX meeting_by_start ON meeting (start_date, end_date);
CREATE INDEX meeting_by_end ON meeting (end_date);
CREATE INDEX meeting_by_parent ON meeting (parent_id);
CREATE INDEX meeting_by_body ON meeting (body_id);

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
