-- 0011_case_next_due.sql — each case carries its next deadline.
--
-- Every row of the case list shows the earliest unmet deadline of the
-- bureau's own (not a party's), and the "overdue" filter asks whether it
-- has passed. Read per row from case_deadline that was an index probe for
-- each of the 50 rows, about a quarter of the list's cost (`make bench`).
-- A transition already rewrites the case row after its clocks
-- (CASE_UPDATE), so it keeps this column in the same statement; a new
-- case sets it once its first clock is written (CASE_NEXT_DUE).
ALTER TABLE case_file ADD COLUMN next_due_on date;
COMMENT ON COLUMN case_file.next_due_on IS
    'earliest effective due date of the case''s unmet deadlines of the bureau (not a party''s); kept with case_deadline';

-- Archived cases are frozen and have nothing left to meet.
UPDATE case_file c SET next_due_on = m.due
FROM (SELECT case_id, min(effective_due_on) AS due FROM case_deadline
    WHERE met_on IS NULL AND NOT party GROUP BY case_id) m
WHERE c.id = m.case_id AND c.state <> 'archived';

-- Only the list's per-row probe used it.
DROP INDEX case_deadline_next;
