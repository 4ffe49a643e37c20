-- Travel details go only to the person they belong to and the office's coordinators, through
-- the hub's `travel` table (row-level security there decides who sees a row). So a person
-- record names the hub login of the person it describes, and this laptop keeps, per person,
-- which version of their travel details it last sent to or received from the hub.

-- Shared with the rest of the person record. NULL when the person has no hub login. Unique among
-- people when set: the write path refuses a second person with the same login (not a UNIQUE
-- index, which would make a bundle from a laptop that set the same login concurrently
-- impossible to apply).
ALTER TABLE person ADD COLUMN hub_login TEXT;
CREATE INDEX person_by_hub_login ON person (hub_login) WHERE hub_login IS NOT NULL;

-- This laptop's own bookkeeping, never exchanged: the person_travel version last sent to or
-- received from the hub, and the owner login the hub holds it under. `refused` marks a version
-- the hub would not take from this login (a colleague's details on a delegate's laptop): it is
-- not offered again until it changes.
CREATE TABLE exchange_travel (
    person_id  TEXT PRIMARY KEY NOT NULL,
    version    INTEGER NOT NULL,
    owner      TEXT NOT NULL,
    sent_at    TEXT,
    received_at TEXT,
    refused    INTEGER NOT NULL DEFAULT 0 CHECK (refused IN (0, 1))
) STRICT;
