-- 0009_audit_at_commit.sql — the audit chain is linked when a transaction
-- commits, not when it begins.
--
-- Until now gs_begin_write took the bureau's audit_head row lock right
-- after BEGIN, so every write of a bureau waited for the one before it to
-- finish all its statements and flush its commit: at 32 connections a case
-- transition ran at ~100-200 a second (docs/architecture.md). The records
-- are now written by deferred constraint triggers, which run at COMMIT
-- after the transaction's own statements: the chain lock is held only
-- for linking the records and the commit's flush. The chain itself is
-- unchanged (same canonical form, seq without gaps, now in commit order).
--
-- With no lock at BEGIN, writers of a bureau no longer queue in one
-- order, so every lock a write takes besides the chain must be taken in
-- an order of its own (case rows by the case, the state counters below
-- in key order). The chain lock is taken last of all: at commit, or by a
-- named event (db_audit_event), which is each transaction's last statement.

-- gs_audit_attach(table, secret columns): the audit trigger of a table.
-- Every audited table gets it through here, so that none is linked at the
-- time of the change by mistake.
CREATE FUNCTION gs_audit_attach(tbl regclass, secrets text[] DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	name	text := (SELECT relname FROM pg_class WHERE oid = tbl) || '_audit';
	args	text := '';
BEGIN
	IF cardinality(secrets) > 0 THEN
		SELECT string_agg(quote_literal(s), ', ') INTO args
		FROM unnest(secrets) AS s;
	END IF;
	EXECUTE format('DROP TRIGGER IF EXISTS %I ON %s', name, tbl);
	EXECUTE format('CREATE CONSTRAINT TRIGGER %I '
	    'AFTER INSERT OR UPDATE OR DELETE ON %s '
	    'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW '
	    'EXECUTE FUNCTION gs_audit_row(%s)', name, tbl, args);
END $$;

SELECT gs_audit_attach('squad');
SELECT gs_audit_attach('app_user', '{password_hash}');
SELECT gs_audit_attach('api_token', '{token_hash}');
SELECT gs_audit_attach('rule');
SELECT gs_audit_attach('holiday');
SELECT gs_audit_attach('entity');
SELECT gs_audit_attach('clue');
SELECT gs_audit_attach('inspection');
SELECT gs_audit_attach('inspection_officer');
SELECT gs_audit_attach('case_file');
SELECT gs_audit_attach('case_investigator');
SELECT gs_audit_attach('case_suspension');
SELECT gs_audit_attach('case_extension');
SELECT gs_audit_attach('case_payment');
SELECT gs_audit_attach('evidence');
SELECT gs_audit_attach('case_document');

-- Every audited table is attached above: a table with a row trigger on
-- gs_audit_row that is not deferred would take the chain lock mid-way.
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_trigger t
	    WHERE t.tgfoid = 'gs_audit_row'::regproc
	    AND NOT (t.tgdeferrable AND t.tginitdeferred)) THEN
		RAISE EXCEPTION 'an audit trigger is not deferred';
	END IF;
END $$;

-- The link of a record: the bureau's head is locked and read first, and
-- only created when there is none (the INSERT ... ON CONFLICT that came
-- first for every record was one statement more each time, now inside the
-- chain lock at commit).
CREATE OR REPLACE FUNCTION gs_audit_link() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	h	audit_head%ROWTYPE;
BEGIN
	SELECT * INTO h FROM audit_head WHERE bureau_id = NEW.bureau_id FOR UPDATE;
	IF NOT FOUND THEN
		INSERT INTO audit_head (bureau_id, seq, hash)
		VALUES (NEW.bureau_id, 0, '\x0000000000000000000000000000000000000000000000000000000000000000')
		ON CONFLICT (bureau_id) DO NOTHING;
		SELECT * INTO h FROM audit_head WHERE bureau_id = NEW.bureau_id
		FOR UPDATE;
	END IF;

	NEW.seq := h.seq + 1;
	NEW.at := now();
	NEW.prev_hash := h.hash;
	NEW.hash := sha256(h.hash || gs_audit_canonical(NEW));
	UPDATE audit_head SET seq = NEW.seq, hash = NEW.hash
	WHERE bureau_id = NEW.bureau_id;
	RETURN NEW;
END $$;

-- The actor settings only; the chain lock is no longer taken here.
CREATE OR REPLACE FUNCTION gs_begin_write(p_bureau uuid, p_actor uuid,
    p_actor_name text, p_context text, p_request_id text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	PERFORM set_config('gs.bureau_id', p_bureau::text, true);
	PERFORM set_config('gs.actor_id', coalesce(p_actor::text, ''), true);
	PERFORM set_config('gs.actor_name', p_actor_name, true);
	PERFORM set_config('gs.context', p_context, true);
	PERFORM set_config('gs.request_id', p_request_id, true);
END $$;

-- A case moving from state A to B and another from B to A would each hold
-- one counter and wait for the other's: both rows are locked first, in
-- key order.
CREATE OR REPLACE FUNCTION gs_case_state_count() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		PERFORM 1 FROM case_state_count
		WHERE (bureau_id = OLD.bureau_id AND state = OLD.state)
		   OR (bureau_id = NEW.bureau_id AND state = NEW.state)
		ORDER BY bureau_id, state FOR UPDATE;
	END IF;
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
