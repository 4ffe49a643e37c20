-- A mistyped history action (2016-01 for 2016-10) can be corrected or removed: the refusal of
-- every update gives way to a guard that keeps a corrected action with its document and makes
-- each correction a new version. The earlier form of the action is kept in the history table.
DROP TRIGGER policy_action_is_append_only_update;

CREATE TRIGGER policy_action_correction_keeps_identity BEFORE UPDATE ON policy_action
WHEN new.id IS NOT old.id
  OR new.document_id IS NOT old.document_id
  OR new.created_at IS NOT old.created_at
  OR new.version IS NOT old.version + 1
BEGIN
    SELECT RAISE(ABORT, 'a corrected history action stays with its document and gets the next version');
END;
