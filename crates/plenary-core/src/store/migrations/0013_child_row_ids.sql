-- Rows that were keyed by their parent and a number (a record's versions, a proposal's steps, a
-- document's text versions) get keys of their own, UUIDv7 like every other row, so that rows
-- made on two laptops can be told apart when their records are brought together. The numbers
-- stay: they are what people read ("version 3").

ALTER TABLE record_version ADD COLUMN id TEXT;
UPDATE record_version SET id = plenary_new_id();
CREATE UNIQUE INDEX record_version_by_id ON record_version (id);
CREATE TRIGGER record_version_has_an_id BEFORE INSERT ON record_version
WHEN new.id IS NULL
BEGIN
    SELECT RAISE(ABORT, 'record versions need an id');
END;

ALTER TABLE proposal_step ADD COLUMN id TEXT;
-- Steps are append-only; giving them keys is the one change allowed, once.
DROP TRIGGER proposal_step_is_append_only;
UPDATE proposal_step SET id = plenary_new_id();
CREATE TRIGGER proposal_step_is_append_only BEFORE UPDATE ON proposal_step
BEGIN
    SELECT RAISE(ABORT, 'proposal steps are append-only');
END;
CREATE UNIQUE INDEX proposal_step_by_id ON proposal_step (id);
CREATE TRIGGER proposal_step_has_an_id BEFORE INSERT ON proposal_step
WHEN new.id IS NULL
BEGIN
    SELECT RAISE(ABORT, 'proposal steps need an id');
END;

ALTER TABLE policy_text_version ADD COLUMN id TEXT;
DROP TRIGGER policy_text_version_is_kept;
UPDATE policy_text_version SET id = plenary_new_id();
CREATE TRIGGER policy_text_version_is_kept BEFORE UPDATE ON policy_text_version
BEGIN
    SELECT RAISE(ABORT, 'text versions are kept as written');
END;
CREATE UNIQUE INDEX policy_text_version_by_id ON policy_text_version (id);
CREATE TRIGGER policy_text_version_has_an_id BEFORE INSERT ON policy_text_version
WHEN new.id IS NULL
BEGIN
    SELECT RAISE(ABORT, 'text versions need an id');
END;
