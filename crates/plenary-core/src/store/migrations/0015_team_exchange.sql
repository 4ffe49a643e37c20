-- The team exchange: this laptop's link to the office hub, the changes waiting to go, the
-- bundles already applied, changes parked until Plenary is updated, and the conflicts a person
-- decides. All of it is this laptop's own bookkeeping; none of it is exchanged.

-- One row once the laptop has joined a hub. The password is never stored here.
CREATE TABLE exchange_link (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    hub_identity    TEXT NOT NULL,
    hub_address     TEXT NOT NULL,   -- host, port, database and TLS mode; never the password
    login           TEXT NOT NULL,
    device_id       TEXT NOT NULL,
    device_name     TEXT NOT NULL,
    cursor          INTEGER NOT NULL DEFAULT 0,  -- the hub's last sequence number applied here
    joined_at       TEXT NOT NULL,
    last_exchanged_at TEXT,
    last_error      TEXT
);

-- Row changes captured in the transaction that made them, grouped by that transaction (`tx`,
-- which becomes the bundle's id). `key`, `old` and `new` are JSON objects of the row's columns.
CREATE TABLE exchange_pending (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    tx      TEXT NOT NULL,
    tbl     TEXT NOT NULL,
    key     TEXT NOT NULL,
    op      TEXT NOT NULL CHECK (op IN ('insert', 'update', 'delete')),
    old     TEXT,
    new     TEXT
);
CREATE INDEX exchange_pending_by_tx ON exchange_pending (tx);
CREATE INDEX exchange_pending_by_row ON exchange_pending (tbl, key);

-- When each captured transaction was made.
CREATE TABLE exchange_pending_tx (
    tx       TEXT PRIMARY KEY,
    made_at  TEXT NOT NULL
);

-- Every bundle already applied here or sent from here, so none is applied twice.
CREATE TABLE exchange_applied (
    bundle_id  TEXT PRIMARY KEY,
    seq        INTEGER,
    applied_at TEXT NOT NULL
);

-- Bundles made by a newer Plenary, kept until this one is updated.
CREATE TABLE exchange_parked (
    seq            INTEGER PRIMARY KEY,
    bundle_id      TEXT NOT NULL UNIQUE,
    device         TEXT NOT NULL,
    author         TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    made_at        TEXT NOT NULL,
    payload        TEXT NOT NULL
);

-- Two laptops changed the same row since they last exchanged. The hub's order decided what the
-- row holds now (`theirs`); what this laptop had (`yours`) waits here for a person's decision.
CREATE TABLE exchange_conflict (
    id            TEXT PRIMARY KEY,
    tbl           TEXT NOT NULL,
    key           TEXT NOT NULL,
    record_id     TEXT,
    theirs        TEXT,            -- the row as the hub has it; NULL when they deleted it
    yours         TEXT,            -- the row as this laptop had it; NULL when this laptop deleted it
    base          TEXT,            -- the row as both last had it, when known
    their_author  TEXT NOT NULL,
    their_device  TEXT NOT NULL,
    their_at      TEXT NOT NULL,
    detected_at   TEXT NOT NULL,
    resolved_at   TEXT,
    resolution    TEXT CHECK (resolution IN ('theirs', 'yours', 'edited'))
);
CREATE INDEX exchange_conflict_open ON exchange_conflict (tbl, record_id) WHERE resolved_at IS NULL;

-- Who made each change: the hub login and the laptop's name (empty before a laptop joins).
ALTER TABLE history ADD COLUMN author TEXT;
ALTER TABLE history ADD COLUMN device TEXT;
