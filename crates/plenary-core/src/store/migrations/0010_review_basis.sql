-- Why a review falls due when it does: the action it counts from (the last adoption, revision or
-- reaffirmation; editorial revisions do not count). The period follows from the type. Written
-- with status, code and review date whenever the history changes.
ALTER TABLE policy_document ADD COLUMN review_basis_kind TEXT
    CHECK (review_basis_kind IS NULL OR review_basis_kind IN ('adopted', 'amended', 'revised',
        'partially_revised', 'reaffirmed', 'reaffirmed_with_minor_revisions'));
ALTER TABLE policy_document ADD COLUMN review_basis_date TEXT;

-- Documents that already have a review date: the same action `policy::derive` counts from (the
-- last counting action in the order the history is replayed).
UPDATE policy_document
SET (review_basis_kind, review_basis_date) = (
    SELECT a.kind, a.date FROM policy_action a
    WHERE a.document_id = policy_document.id
      AND a.kind IN ('adopted', 'amended', 'revised', 'partially_revised', 'reaffirmed',
                     'reaffirmed_with_minor_revisions')
    ORDER BY a.date_from DESC, a.created_at DESC, a.id DESC LIMIT 1)
WHERE review_due IS NOT NULL;
