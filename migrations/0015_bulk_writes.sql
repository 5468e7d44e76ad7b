-- 0015_bulk_writes.sql — what a transaction writing a bureau's history at
-- once needs (the legacy case import: 100,000 cases in one transaction,
-- all or nothing), and the import's own tables.
--
-- 1. The audit chain's head travels inside the transaction. Until now each
--    record updated the bureau's audit_head row; within one transaction
--    every update leaves a row version the next must step over, so the
--    n-th record cost O(n) and a large transaction never finished
--    (docs/architecture.md, "Cases at 100,000"). Now the head row is read
--    and locked by a transaction's first record, the head of the records
--    that follow is kept in a transaction-local setting, and audit_head is
--    written once, by a deferred trigger that fires after the records are
--    linked. The chain, its canonical form and verify-audit are
--    unchanged.
-- 2. The per-state case counter is kept per statement for inserts, for the
--    same reason (one counter row updated once per case).
-- 3. An archived case is frozen: nothing hangs from it that was not there
--    when it was archived. The transaction that creates a case already
--    archived (an imported one) may still add what it brings; the check
--    of inserts is per statement.
-- 4. Legacy violation types are matched by code, name or alias; one that
--    matches nothing is kept as written under "other".
-- 5. The import's progress, for the upload screen.

-------------------------------------------------------------------------
-- 1. The audit chain.
-------------------------------------------------------------------------

-- The settings that hold a bureau's head within a transaction
-- ("seq:hexhash") and whether its write is pending ("1").
CREATE FUNCTION gs_audit_head_name(p_bureau uuid) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT 'gs.audit_head_' || replace(p_bureau::text, '-', '')
$$;
CREATE FUNCTION gs_audit_pending_name(p_bureau uuid) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT 'gs.audit_pending_' || replace(p_bureau::text, '-', '')
$$;

CREATE OR REPLACE FUNCTION gs_audit_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	name	text := gs_audit_head_name(NEW.bureau_id);
	pending	text := gs_audit_pending_name(NEW.bureau_id);
	cur	text := current_setting(name, true);
	h_seq	bigint;
	h_hash	bytea;
BEGIN
	IF cur IS NULL OR cur = '' THEN
		-- The transaction's first record of this bureau: the chain
		-- lock (held to the end of the transaction) and the head.
		INSERT INTO audit_head (bureau_id, seq, hash)
		VALUES (NEW.bureau_id, 0, '\x0000000000000000000000000000000000000000000000000000000000000000')
		ON CONFLICT (bureau_id) DO NOTHING;
		SELECT seq, hash INTO h_seq, h_hash FROM audit_head
		WHERE bureau_id = NEW.bureau_id FOR UPDATE;
	ELSE
		h_seq := split_part(cur, ':', 1)::bigint;
		h_hash := decode(split_part(cur, ':', 2), 'hex');
	END IF;

	NEW.seq := h_seq + 1;
	NEW.at := now();
	NEW.prev_hash := h_hash;
	NEW.hash := sha256(h_hash || gs_audit_canonical(NEW));
	PERFORM set_config(name, NEW.seq || ':' || encode(NEW.hash, 'hex'), true);
	-- The head's write, queued once: a touch of the head row fires its
	-- deferred trigger, which runs after the records queued before it
	-- (a transaction's own, at commit) and writes the head as it then
	-- stands. A record linked after that write queues another.
	IF coalesce(current_setting(pending, true), '') <> '1' THEN
		PERFORM set_config(pending, '1', true);
		UPDATE audit_head SET seq = seq WHERE bureau_id = NEW.bureau_id;
	END IF;
	RETURN NEW;
END $$;

CREATE FUNCTION gs_audit_head_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	pending	text := gs_audit_pending_name(NEW.bureau_id);
	cur	text := current_setting(gs_audit_head_name(NEW.bureau_id), true);
BEGIN
	-- The write below fires this once more, with nothing pending.
	IF coalesce(current_setting(pending, true), '') <> '1' THEN
		RETURN NULL;
	END IF;
	PERFORM set_config(pending, '', true);
	UPDATE audit_head SET seq = split_part(cur, ':', 1)::bigint,
	    hash = decode(split_part(cur, ':', 2), 'hex')
	WHERE bureau_id = NEW.bureau_id;
	RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER audit_head_write AFTER UPDATE ON audit_head
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
EXECUTE FUNCTION gs_audit_head_write();

COMMENT ON TABLE audit_head IS 'last link of each bureau''s audit chain, written when a transaction commits; its row lock serialises writers';

-------------------------------------------------------------------------
-- 2. The per-state counter, per statement for inserts.
-------------------------------------------------------------------------

DROP TRIGGER case_file_count ON case_file;

CREATE FUNCTION gs_case_state_count_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	-- In key order, as the row trigger of updates locks them (0009).
	INSERT INTO case_state_count AS k (bureau_id, state, n)
	SELECT bureau_id, state, count(*) FROM new_cases
	GROUP BY bureau_id, state ORDER BY bureau_id, state
	ON CONFLICT (bureau_id, state) DO UPDATE SET n = k.n + excluded.n;
	RETURN NULL;
END $$;

CREATE TRIGGER case_file_count_insert AFTER INSERT ON case_file
REFERENCING NEW TABLE AS new_cases
FOR EACH STATEMENT EXECUTE FUNCTION gs_case_state_count_insert();
CREATE TRIGGER case_file_count_delete AFTER DELETE ON case_file
FOR EACH ROW EXECUTE FUNCTION gs_case_state_count();

-------------------------------------------------------------------------
-- 3. Frozen archived cases; what their creating transaction brings.
-------------------------------------------------------------------------

-- What hangs from a case is checked per statement when inserted (one
-- join over the new rows instead of a lookup per row: 100,000 imported
-- histories cost seconds each way), per row when changed.
CREATE FUNCTION gs_case_children_insert_refuse() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	cid	uuid;
BEGIN
	SELECT n.case_id INTO cid FROM new_rows n
	JOIN case_file c ON c.id = n.case_id
	WHERE c.state = 'archived' AND c.xmin <> pg_current_xact_id()::xid
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'case % is archived: INSERT on % refused', cid,
		    TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NULL;
END $$;

CREATE FUNCTION gs_measure_children_insert_refuse() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	mid	uuid;
BEGIN
	SELECT n.measure_id INTO mid FROM new_rows n
	JOIN case_measure m ON m.id = n.measure_id
	JOIN case_file c ON c.id = m.case_id
	WHERE c.state = 'archived' AND c.xmin <> pg_current_xact_id()::xid
	LIMIT 1;
	IF FOUND THEN
		RAISE EXCEPTION 'the case of measure % is archived: INSERT on % refused',
		    mid, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN NULL;
END $$;

DO $$
DECLARE
	t	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['case_investigator', 'case_event',
	    'case_suspension', 'case_extension', 'case_payment',
	    'case_deadline', 'evidence', 'case_document', 'case_measure',
	    'measure_deadline'] LOOP
		EXECUTE format('DROP TRIGGER %I ON %I', t || '_archived', t);
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I '
		    'FOR EACH ROW EXECUTE FUNCTION '
		    'gs_case_child_archived_refuse()', t || '_archived', t);
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I '
		    'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION gs_case_children_insert_refuse()',
		    t || '_archived_insert', t);
	END LOOP;
	FOREACH t IN ARRAY ARRAY['measure_officer', 'measure_item',
	    'measure_person', 'measure_round', 'measure_exclusion',
	    'measure_event'] LOOP
		EXECUTE format('DROP TRIGGER %I ON %I', t || '_archived', t);
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I '
		    'FOR EACH ROW EXECUTE FUNCTION '
		    'gs_measure_child_archived_refuse()', t || '_archived', t);
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I '
		    'REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT '
		    'EXECUTE FUNCTION gs_measure_children_insert_refuse()',
		    t || '_archived_insert', t);
	END LOOP;
END $$;

-------------------------------------------------------------------------
-- 4. Legacy violation types.
-------------------------------------------------------------------------

INSERT INTO violation_type (sort, code, name, amount_basis, min_fen, max_fen,
    min_bp, max_bp, base_percent)
VALUES (990, 'other', '其他环境违法行为', 'fixed', 0, 0, 0, 0, 0);

CREATE TABLE violation_alias (
	alias		text PRIMARY KEY CHECK (length(alias) BETWEEN 1 AND 200),
	violation_type	text NOT NULL REFERENCES violation_type
);
COMMENT ON TABLE violation_alias IS 'how older systems wrote a violation type (超标排放 for over_standard_discharge)';
COMMENT ON COLUMN violation_alias.alias IS 'the wording of an older system';
COMMENT ON COLUMN violation_alias.violation_type IS 'the violation type it means';
GRANT SELECT ON violation_alias TO gs_app;

INSERT INTO violation_alias (alias, violation_type) VALUES
('超标排放', 'over_standard_discharge'),
('超标排放水污染物', 'over_standard_discharge'),
('超标排污', 'over_standard_discharge'),
('无证排污', 'no_permit'),
('未取得排污许可证排放污染物', 'no_permit'),
('私设暗管', 'hidden_pipe'),
('暗管排放', 'hidden_pipe'),
('非法处置危险废物', 'hazardous_waste'),
('危险废物违法', 'hazardous_waste'),
('篡改监测数据', 'falsified_monitoring'),
('伪造监测数据', 'falsified_monitoring'),
('未批先建', 'no_eia'),
('未批先建（环评）', 'no_eia');

ALTER TABLE case_file ADD COLUMN violation_text text
    CHECK (length(violation_text) <= 200);
COMMENT ON COLUMN case_file.violation_text IS 'an imported case''s violation as the older system wrote it';

-------------------------------------------------------------------------
-- 5. Imports and their progress.
-------------------------------------------------------------------------

CREATE TABLE case_import (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	user_id		uuid NOT NULL,
	state		text NOT NULL DEFAULT 'running' CHECK (state IN
			    ('running', 'done', 'refused', 'failed')),
	phase		text NOT NULL DEFAULT 'reading' CHECK (phase IN
			    ('reading', 'checking', 'writing', 'finished')),
	bytes_total	bigint NOT NULL DEFAULT 0,
	bytes_read	bigint NOT NULL DEFAULT 0,
	lines_total	bigint NOT NULL DEFAULT 0,
	lines_read	bigint NOT NULL DEFAULT 0,
	imported	bigint NOT NULL DEFAULT 0,
	skipped		bigint NOT NULL DEFAULT 0,
	errors		bigint NOT NULL DEFAULT 0,
	sha256		text NOT NULL DEFAULT '',
	started_at	timestamptz NOT NULL DEFAULT now(),
	finished_at	timestamptz
);
CREATE INDEX case_import_user ON case_import (user_id, started_at DESC);
COMMENT ON TABLE case_import IS 'a legacy case import and how far it got (written outside its own transaction, for the upload screen)';
COMMENT ON COLUMN case_import.id IS 'opaque id';
COMMENT ON COLUMN case_import.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_import.user_id IS 'who imports';
COMMENT ON COLUMN case_import.state IS 'running, done, refused (bad lines: nothing imported) or failed';
COMMENT ON COLUMN case_import.phase IS 'reading the lines, checking them against the bureau, writing, finished';
COMMENT ON COLUMN case_import.bytes_total IS 'size of the file';
COMMENT ON COLUMN case_import.bytes_read IS 'bytes read so far';
COMMENT ON COLUMN case_import.lines_total IS 'lines of the file (blank ones included)';
COMMENT ON COLUMN case_import.lines_read IS 'number of the last line read (blank ones counted, as in lines_total)';
COMMENT ON COLUMN case_import.imported IS 'cases imported (when done)';
COMMENT ON COLUMN case_import.skipped IS 'lines whose case number was already present';
COMMENT ON COLUMN case_import.errors IS 'errors found';
COMMENT ON COLUMN case_import.sha256 IS 'SHA-256 of the file, also in the audit record of the import';
COMMENT ON COLUMN case_import.started_at IS 'when';
COMMENT ON COLUMN case_import.finished_at IS 'when it ended';

ALTER TABLE case_import ENABLE ROW LEVEL SECURITY;
CREATE POLICY case_import_bureau ON case_import
    USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
GRANT SELECT, INSERT, UPDATE ON case_import TO gs_app;
