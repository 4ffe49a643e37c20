-- The schema's rules made whole (nothing here changes what a person entered):
--
-- 1. Every stored enum is checked by the database, as the older tables' CHECK constraints do.
--    SQLite cannot add a CHECK to an existing table without rebuilding it, so these are
--    triggers with the same effect: a value outside the list aborts the write.

CREATE TRIGGER meeting_values_checked_on_insert BEFORE INSERT ON meeting
WHEN new.format NOT IN ('in_person', 'hybrid', 'online')
        OR new.status NOT IN ('planned', 'registration_open', 'in_session', 'concluded', 'postponed', 'cancelled')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: meeting (format, status)');
END;

CREATE TRIGGER meeting_values_checked_on_update BEFORE UPDATE ON meeting
WHEN new.format NOT IN ('in_person', 'hybrid', 'online')
        OR new.status NOT IN ('planned', 'registration_open', 'in_session', 'concluded', 'postponed', 'cancelled')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: meeting (format, status)');
END;

CREATE TRIGGER organization_values_checked_on_insert BEFORE INSERT ON organization
WHEN new.kind NOT IN ('intergovernmental', 'global_federation', 'national_medical_association', 'government_agency', 'specialty_society', 'human_rights', 'education_or_licensure', 'professions_alliance', 'own_council', 'other')
        OR new.wma_membership NOT IN ('constituent', 'associate', 'none')
        OR new.who_relation NOT IN ('member_state', 'non_state_actor', 'none')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: organization (kind, wma_membership, who_relation)');
END;

CREATE TRIGGER organization_values_checked_on_update BEFORE UPDATE ON organization
WHEN new.kind NOT IN ('intergovernmental', 'global_federation', 'national_medical_association', 'government_agency', 'specialty_society', 'human_rights', 'education_or_licensure', 'professions_alliance', 'own_council', 'other')
        OR new.wma_membership NOT IN ('constituent', 'associate', 'none')
        OR new.who_relation NOT IN ('member_state', 'non_state_actor', 'none')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: organization (kind, wma_membership, who_relation)');
END;

CREATE TRIGGER interaction_values_checked_on_insert BEFORE INSERT ON interaction
WHEN new.kind NOT IN ('meeting', 'call', 'letter', 'visit', 'other')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: interaction (kind)');
END;

CREATE TRIGGER interaction_values_checked_on_update BEFORE UPDATE ON interaction
WHEN new.kind NOT IN ('meeting', 'call', 'letter', 'visit', 'other')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: interaction (kind)');
END;

CREATE TRIGGER person_values_checked_on_insert BEFORE INSERT ON person
WHEN new.kind NOT IN ('representative', 'staff', 'counterpart_contact')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: person (kind)');
END;

CREATE TRIGGER person_values_checked_on_update BEFORE UPDATE ON person
WHEN new.kind NOT IN ('representative', 'staff', 'counterpart_contact')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: person (kind)');
END;

CREATE TRIGGER seat_values_checked_on_insert BEFORE INSERT ON seat
WHEN new.kind NOT IN ('council_seat', 'committee_membership', 'officer_role', 'delegation_adviser', 'other')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: seat (kind)');
END;

CREATE TRIGGER seat_values_checked_on_update BEFORE UPDATE ON seat
WHEN new.kind NOT IN ('council_seat', 'committee_membership', 'officer_role', 'delegation_adviser', 'other')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: seat (kind)');
END;

CREATE TRIGGER assignment_values_checked_on_insert BEFORE INSERT ON assignment
WHEN new.role NOT IN ('head_of_delegation', 'voting_delegate', 'delegate', 'alternate', 'adviser', 'observer', 'council_member', 'committee_chair', 'rapporteur', 'workgroup_member', 'speaker', 'staff')
        OR new.status NOT IN ('proposed', 'invited', 'confirmed', 'registered', 'credentialed', 'attended', 'declined', 'cancelled')
        OR new.badge NOT IN ('not_requested', 'requested', 'issued', 'collected')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: assignment (role, status, badge)');
END;

CREATE TRIGGER assignment_values_checked_on_update BEFORE UPDATE ON assignment
WHEN new.role NOT IN ('head_of_delegation', 'voting_delegate', 'delegate', 'alternate', 'adviser', 'observer', 'council_member', 'committee_chair', 'rapporteur', 'workgroup_member', 'speaker', 'staff')
        OR new.status NOT IN ('proposed', 'invited', 'confirmed', 'registered', 'credentialed', 'attended', 'declined', 'cancelled')
        OR new.badge NOT IN ('not_requested', 'requested', 'issued', 'collected')
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: assignment (role, status, badge)');
END;

CREATE TRIGGER status_change_values_checked_on_insert BEFORE INSERT ON status_change
WHEN new.to_status NOT IN ('proposed', 'invited', 'confirmed', 'registered', 'credentialed', 'attended', 'declined', 'cancelled')
        OR (new.from_status IS NOT NULL AND new.from_status NOT IN ('proposed', 'invited', 'confirmed', 'registered', 'credentialed', 'attended', 'declined', 'cancelled'))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: status_change (to_status, from_status)');
END;

CREATE TRIGGER status_change_values_checked_on_update BEFORE UPDATE ON status_change
WHEN new.to_status NOT IN ('proposed', 'invited', 'confirmed', 'registered', 'credentialed', 'attended', 'declined', 'cancelled')
        OR (new.from_status IS NOT NULL AND new.from_status NOT IN ('proposed', 'invited', 'confirmed', 'registered', 'credentialed', 'attended', 'declined', 'cancelled'))
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: status_change (to_status, from_status)');
END;
-- 2. An index on every foreign-key column, so "is anything still referring to this?" (asked
--    before every delete) and joins never scan.

CREATE INDEX body_by_parent_id ON body (parent_id);
CREATE INDEX agenda_item_by_forum_body_id ON agenda_item (forum_body_id);
CREATE INDEX record_by_agenda_item_id ON record (agenda_item_id);
CREATE INDEX action_item_by_record_id ON action_item (record_id);
CREATE INDEX action_item_by_agenda_item_id ON action_item (agenda_item_id);
CREATE INDEX document_by_agenda_item_id ON document (agenda_item_id);
CREATE INDEX country_note_by_person_id ON country_note (person_id);
CREATE INDEX country_note_by_organization_id ON country_note (organization_id);
CREATE INDEX seat_by_organization_id ON seat (organization_id);
CREATE INDEX delegation_by_focal_point_id ON delegation (focal_point_id);
CREATE INDEX policy_document_by_agenda_item_id ON policy_document (agenda_item_id);
CREATE INDEX policy_action_by_superseded_by_id ON policy_action (superseded_by_id);
CREATE INDEX policy_action_by_meeting_id ON policy_action (meeting_id);
CREATE INDEX policy_action_by_body_id ON policy_action (body_id);
CREATE INDEX policy_position_by_meeting_id ON policy_position (meeting_id);
CREATE INDEX policy_vote_by_meeting_id ON policy_vote (meeting_id);
CREATE INDEX statement_by_document_id ON statement (document_id);
CREATE INDEX statement_by_agenda_item_id ON statement (agenda_item_id);
CREATE INDEX proposal_by_document_id ON proposal (document_id);

-- 3. Seeded rows identical on every machine: fixed timestamps with milliseconds (the bodies'
--    lacked them; the organizations had the install time), and the Council's title as the WMA
--    writes it ("229th WMA Council Session"), unless the office changed it.

UPDATE body SET created_at = '2024-01-01T00:00:00.000Z' WHERE seeded = 1;
UPDATE body SET updated_at = '2024-01-01T00:00:00.000Z' WHERE seeded = 1 AND version = 1;
UPDATE body SET title_pattern = replace(title_pattern, 'Council session', 'Council Session')
WHERE seeded = 1 AND id IN ('wma_council', 'wma_medical_ethics_committee',
    'wma_socio_medical_affairs_committee', 'wma_finance_and_planning_committee')
  AND title_pattern LIKE '%Council session%';

UPDATE organization SET created_at = '2024-01-01T00:00:00.000Z'
WHERE id BETWEEN '01800000-0000-7000-8000-000000000001' AND '01800000-0000-7000-8000-000000000099';
UPDATE organization SET updated_at = '2024-01-01T00:00:00.000Z'
WHERE id BETWEEN '01800000-0000-7000-8000-000000000001' AND '01800000-0000-7000-8000-000000000099'
  AND version = 1;

-- 4. History keys are table names ("policy_document", not "policy document"). The history is
--    append-only; this one rename of keys, nothing else, lifts the guard for a moment.

DROP TRIGGER history_is_append_only_update;
UPDATE history SET entity = CASE entity
    WHEN 'policy document' THEN 'policy_document'
    WHEN 'policy action' THEN 'policy_action'
    WHEN 'policy position' THEN 'policy_position'
    WHEN 'policy vote' THEN 'policy_vote'
    WHEN 'policy link' THEN 'policy_link'
    WHEN 'policy text version' THEN 'policy_text_version'
    WHEN 'country note' THEN 'country_note'
    WHEN 'travel details' THEN 'person_travel'
    ELSE entity END
WHERE entity IN ('policy document', 'policy action', 'policy position', 'policy vote',
    'policy link', 'policy text version', 'country note', 'travel details');
CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN
    SELECT RAISE(ABORT, 'history is append-only');
END;
