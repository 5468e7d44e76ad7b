-- 0005_clues_discretion.sql — what a clue needs beyond 0004: the party as reported
-- when it is not yet in the registry, and the filing-decision day stored
-- when the clue is registered (computed in C from the rulebook and the
-- holiday calendar, like the case clocks), so the overdue list is one
-- indexed query.

ALTER TABLE clue ADD COLUMN entity_name text NOT NULL DEFAULT ''
    CHECK (length(entity_name) <= 200);
ALTER TABLE clue ADD COLUMN filing_due_on date;
UPDATE clue SET filing_due_on = received_on + 15 WHERE filing_due_on IS NULL;
ALTER TABLE clue ALTER COLUMN filing_due_on SET NOT NULL;
CREATE INDEX clue_due ON clue (bureau_id, filing_due_on) WHERE outcome IS NULL;
COMMENT ON COLUMN clue.entity_name IS 'the party as reported, when it is not (yet) in the registry';
COMMENT ON COLUMN clue.filing_due_on IS 'last day to decide on filing (clue.filing_decision_days from receipt, holidays moved)';

-- The fine discretion (裁量) of a case: the calculator's amount and its
-- derivation as last assessed, and why a notice or decision departs from
-- it (domain.md "Fine discretion"; the rule is core/caseflow.c's).
ALTER TABLE case_file ADD COLUMN discretion_fen bigint
    CHECK (discretion_fen >= 0);
ALTER TABLE case_file ADD COLUMN discretion_detail text
    CHECK (length(discretion_detail) <= 4000);
ALTER TABLE case_file ADD COLUMN discretion_reason text
    CHECK (length(discretion_reason) <= 4000);
COMMENT ON COLUMN case_file.discretion_fen IS 'fine the discretion calculator gave, in fen; NULL until assessed';
COMMENT ON COLUMN case_file.discretion_detail IS 'the factors chosen and the derivation, in Chinese';
COMMENT ON COLUMN case_file.discretion_reason IS 'why the proposed or decided fine departs from the calculator';
