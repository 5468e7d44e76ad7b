-- 0008_case_indexes.sql — what the case page, the case list and the
-- transitions need at 100,000 cases (measured with `make bench`, see
-- docs/architecture.md "Measurements").

-- Every case page and every transition reads the case's suspensions
-- (twice in a transition, inside the bureau's audit-chain lock); the only
-- index was the partial one on open suspensions, so each read scanned the
-- whole table.
CREATE INDEX case_suspension_case ON case_suspension (case_id);

-- The searched list finds the cases of the matching entities and keeps the
-- newest: with updated_at and id in the index that is an index-only scan
-- per entity instead of a heap fetch per case. It serves every use of the
-- index it replaces.
DROP INDEX case_file_entity;
CREATE INDEX case_file_entity ON case_file (bureau_id, entity_id,
    updated_at DESC, id);

-- Each row of the list shows the case's next deadline (the earliest unmet
-- one of the bureau's own): one index-only probe per row instead of a
-- bitmap scan over all the case's clocks. bureau_id is carried for the
-- row-level security qualifier.
CREATE INDEX case_deadline_next ON case_deadline (case_id, effective_due_on)
    INCLUDE (bureau_id) WHERE met_on IS NULL AND NOT party;

-- How many cases a bureau has in each state, kept by triggers, so that the
-- list's total for "all cases" or "cases in state S" is a lookup instead
-- of a count over thousands of rows. Derived data: not audited, written
-- only by the trigger (owner's rights), read by the application.
CREATE TABLE case_state_count (
	bureau_id	uuid NOT NULL REFERENCES bureau,
	state		text NOT NULL,
	n		bigint NOT NULL CHECK (n >= 0),
	PRIMARY KEY (bureau_id, state)
);
COMMENT ON TABLE case_state_count IS 'number of cases per bureau and state (derived; kept by triggers on case_file)';
COMMENT ON COLUMN case_state_count.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_state_count.state IS 'case state';
COMMENT ON COLUMN case_state_count.n IS 'cases in that state';

CREATE FUNCTION gs_case_state_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		UPDATE case_state_count SET n = n - 1
		WHERE bureau_id = OLD.bureau_id AND state = OLD.state;
	END IF;
	IF TG_OP <> 'DELETE' THEN
		INSERT INTO case_state_count AS k (bureau_id, state, n)
		VALUES (NEW.bureau_id, NEW.state, 1)
		ON CONFLICT (bureau_id, state) DO UPDATE SET n = k.n + 1;
	END IF;
	RETURN NULL;
END $$;

CREATE TRIGGER case_file_count AFTER INSERT OR DELETE ON case_file
FOR EACH ROW EXECUTE FUNCTION gs_case_state_count();
-- Most updates (a payment, an extension) keep the state: the WHEN clause
-- spares them the call.
CREATE TRIGGER case_file_count_move AFTER UPDATE ON case_file
FOR EACH ROW WHEN (OLD.state IS DISTINCT FROM NEW.state
    OR OLD.bureau_id IS DISTINCT FROM NEW.bureau_id)
EXECUTE FUNCTION gs_case_state_count();

INSERT INTO case_state_count (bureau_id, state, n)
SELECT bureau_id, state, count(*) FROM case_file GROUP BY bureau_id, state;

ALTER TABLE case_state_count ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_state_count_bureau ON case_state_count
    USING (bureau_id = gs_current_bureau());
GRANT SELECT ON case_state_count TO gs_app;
