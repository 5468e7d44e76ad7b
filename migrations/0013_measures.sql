-- 0013_measures.sql — the supporting measures of the Environmental
-- Protection Law and the transfers to the police (domain.md section 5).
--
-- One table holds all six kinds, because the law and the statistics treat
-- them as one family (配套办法案件: daily penalty, seizure, production
-- limit or suspension, detention transfer, criminal transfer) and each
-- lives the same way: a decision in a case, a few steps with statutory
-- clocks, documents, a history. The steps are core/measure.c's table; the
-- columns below are the facts those steps record, each NULL until its step
-- happens. What only some kinds have (items seized, persons transferred,
-- the rounds of a daily penalty, testing time) hangs from it in child
-- tables. Everything is bureau-scoped, audited, and frozen with its case.

CREATE TABLE case_measure (
	id			uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id		uuid NOT NULL REFERENCES bureau,
	case_id			uuid NOT NULL,
	kind			text NOT NULL CHECK (kind IN ('daily_penalty',
				    'seizure', 'production_limit',
				    'production_suspension',
				    'detention_transfer', 'criminal_transfer')),
	state			text NOT NULL CHECK (state IN ('proposed',
				    'awaiting_approval', 'refused', 'ordered',
				    'awaiting_reinspection', 'continuing',
				    'corrected', 'decided', 'in_force',
				    'release_applied', 'release_decided',
				    'completion_reported', 'released',
				    'followed_up', 'disposed', 'approved',
				    'transferred', 'more_requested', 'accepted',
				    'rejected', 'concluded', 'ended',
				    'imported')),
	decided_on		date,
	doc_no			text,
	facts_md		text NOT NULL DEFAULT ''
				    CHECK (length(facts_md) <= 100000),
	emergency		boolean NOT NULL DEFAULT false,
	started_at		timestamptz,
	monitoring_on		date,
	place			text NOT NULL DEFAULT ''
				    CHECK (length(place) <= 200),
	period_days		integer CHECK (period_days > 0),
	period_months		integer CHECK (period_months > 0),
	extension_days		integer NOT NULL DEFAULT 0
				    CHECK (extension_days >= 0),
	extension_months	integer NOT NULL DEFAULT 0
				    CHECK (extension_months >= 0),
	extended_on		date,
	approved_at		timestamptz,
	approved_by		uuid,
	effective_from		date,
	served_on		date,
	release_applied_on	date,
	release_refused_on	date,
	release_decided_on	date,
	released_on		date,
	plan_submitted_on	date,
	completion_reported_on	date,
	follow_up_on		date,
	reported_on		date,
	transferred_at		timestamptz,
	police_agency		text NOT NULL DEFAULT ''
				    CHECK (length(police_agency) <= 200),
	procuratorate_copied_on	date,
	complexity		text NOT NULL DEFAULT 'normal'
				    CHECK (complexity IN ('normal', 'complex',
				    'special')),
	more_requested_on	date,
	resubmitted_on		date,
	police_decided_on	date,
	persons_detained	integer CHECK (persons_detained >= 0),
	persons_coercive	integer CHECK (persons_coercive >= 0),
	outcome_on		date,
	ended_on		date,
	end_reason		text NOT NULL DEFAULT ''
				    CHECK (length(end_reason) <= 2000),
	created_by		uuid,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	version			integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, id),
	UNIQUE (bureau_id, doc_no),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id),
	CHECK (kind = 'seizure' OR NOT emergency)
);
CREATE INDEX case_measure_case ON case_measure (case_id);
COMMENT ON TABLE case_measure IS '配套办法与移送: a supporting measure or a transfer to the police in a case (core/measure.c)';
COMMENT ON COLUMN case_measure.id IS 'opaque id';
COMMENT ON COLUMN case_measure.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_measure.case_id IS 'the case';
COMMENT ON COLUMN case_measure.kind IS 'daily_penalty, seizure, production_limit, production_suspension, detention_transfer or criminal_transfer';
COMMENT ON COLUMN case_measure.state IS 'state of core/measure.c; imported: brought from an older system with its dates only';
COMMENT ON COLUMN case_measure.decided_on IS 'date of the decision (correction order, seizure, limit or suspension; a transfer''s approval day); statistics of seizures and limits count by it';
COMMENT ON COLUMN case_measure.doc_no IS 'number of the measure''s decision document';
COMMENT ON COLUMN case_measure.facts_md IS 'facts and reasons (the transfer report for transfers), Markdown';
COMMENT ON COLUMN case_measure.emergency IS 'seizure on the spot in an emergency: the head''s approval must follow within the rulebook''s hours';
COMMENT ON COLUMN case_measure.started_at IS 'when an emergency seizure was carried out';
COMMENT ON COLUMN case_measure.monitoring_on IS 'daily penalty: day the monitoring report was obtained (the correction order is served within working days of it)';
COMMENT ON COLUMN case_measure.place IS 'seizure: where the items are kept; limit: the site';
COMMENT ON COLUMN case_measure.period_days IS 'seizure: period decided, in days';
COMMENT ON COLUMN case_measure.period_months IS 'production limit: period decided, in months';
COMMENT ON COLUMN case_measure.extension_days IS 'seizure: the one extension, in days';
COMMENT ON COLUMN case_measure.extension_months IS 'production limit: the one extension, in months';
COMMENT ON COLUMN case_measure.extended_on IS 'day the extension was approved';
COMMENT ON COLUMN case_measure.approved_at IS 'when the head approved';
COMMENT ON COLUMN case_measure.approved_by IS 'the head who approved (or refused)';
COMMENT ON COLUMN case_measure.effective_from IS 'seizure: first day in force (its period counts from it)';
COMMENT ON COLUMN case_measure.served_on IS 'daily penalty: the correction order served; limit: the decision served (its period counts from it)';
COMMENT ON COLUMN case_measure.release_applied_on IS 'seizure: day the party applied for release';
COMMENT ON COLUMN case_measure.release_refused_on IS 'seizure: day that application was refused (its verification met)';
COMMENT ON COLUMN case_measure.release_decided_on IS 'seizure: day release was decided';
COMMENT ON COLUMN case_measure.released_on IS 'seizure: release served; limit: released';
COMMENT ON COLUMN case_measure.plan_submitted_on IS 'limit: rectification plan submitted';
COMMENT ON COLUMN case_measure.completion_reported_on IS 'limit: completion of rectification reported';
COMMENT ON COLUMN case_measure.follow_up_on IS 'limit: follow-up inspection after release';
COMMENT ON COLUMN case_measure.reported_on IS 'criminal transfer: day the officers'' report went to the head';
COMMENT ON COLUMN case_measure.transferred_at IS 'when the case went to the police; statistics of transfers count by its date';
COMMENT ON COLUMN case_measure.police_agency IS 'the police office it went to';
COMMENT ON COLUMN case_measure.procuratorate_copied_on IS 'criminal transfer: copy sent to the procuratorate';
COMMENT ON COLUMN case_measure.complexity IS 'criminal transfer: normal, complex or special (the police''s decision period)';
COMMENT ON COLUMN case_measure.more_requested_on IS 'detention transfer: police asked for more material';
COMMENT ON COLUMN case_measure.resubmitted_on IS 'detention transfer: the material sent again (the police''s period counts from it)';
COMMENT ON COLUMN case_measure.police_decided_on IS 'police accepted or rejected';
COMMENT ON COLUMN case_measure.persons_detained IS 'detention transfer: persons administratively detained (拘留人数)';
COMMENT ON COLUMN case_measure.persons_coercive IS 'criminal transfer: persons under criminal coercive measures (刑事强制措施人数)';
COMMENT ON COLUMN case_measure.outcome_on IS 'day the outcome was recorded';
COMMENT ON COLUMN case_measure.ended_on IS 'day it ended (corrected, refused, rejected, disposed, ended)';
COMMENT ON COLUMN case_measure.end_reason IS 'why it ended, was refused or rejected';
COMMENT ON COLUMN case_measure.created_by IS 'who proposed it';
COMMENT ON COLUMN case_measure.created_at IS 'when';
COMMENT ON COLUMN case_measure.updated_at IS 'last change';
COMMENT ON COLUMN case_measure.version IS 'optimistic lock, +1 on every change';

-- The officers a measure names: those who carried out a seizure, those
-- who wrote a criminal transfer's report (each with the certificate held
-- that day).
CREATE TABLE measure_officer (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	user_id		uuid NOT NULL,
	cert_no		text NOT NULL,
	UNIQUE (measure_id, user_id),
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id)
);
COMMENT ON TABLE measure_officer IS 'officers of a measure (seizure executors, criminal transfer reporters)';
COMMENT ON COLUMN measure_officer.id IS 'opaque id';
COMMENT ON COLUMN measure_officer.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_officer.measure_id IS 'the measure';
COMMENT ON COLUMN measure_officer.user_id IS 'the officer';
COMMENT ON COLUMN measure_officer.cert_no IS '执法证号 as valid on the day';

CREATE TABLE measure_item (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	seq		integer NOT NULL CHECK (seq > 0),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	quantity	text NOT NULL DEFAULT '' CHECK (length(quantity) <= 64),
	note		text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	UNIQUE (measure_id, seq),
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id)
);
COMMENT ON TABLE measure_item IS '查封（扣押）清单: the items or sites of a seizure';
COMMENT ON COLUMN measure_item.id IS 'opaque id';
COMMENT ON COLUMN measure_item.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_item.measure_id IS 'the seizure';
COMMENT ON COLUMN measure_item.seq IS 'line of the list';
COMMENT ON COLUMN measure_item.name IS 'item, equipment or site';
COMMENT ON COLUMN measure_item.quantity IS 'quantity with its unit, as written';
COMMENT ON COLUMN measure_item.note IS 'condition, seal number, where kept';

CREATE TABLE measure_person (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	seq		integer NOT NULL CHECK (seq > 0),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
	role		text NOT NULL DEFAULT '' CHECK (length(role) <= 64),
	UNIQUE (measure_id, seq),
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id)
);
COMMENT ON TABLE measure_person IS 'persons a transfer concerns (移送人员)';
COMMENT ON COLUMN measure_person.id IS 'opaque id';
COMMENT ON COLUMN measure_person.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_person.measure_id IS 'the transfer';
COMMENT ON COLUMN measure_person.seq IS 'order in the transfer';
COMMENT ON COLUMN measure_person.name IS 'name';
COMMENT ON COLUMN measure_person.role IS 'e.g. 直接负责的主管人员, 法定代表人';

-- A round of a daily penalty: counted from the day after service (the
-- first round) or after the previous re-inspection, to the re-inspection
-- day; the amount is the original fine times the days.
CREATE TABLE measure_round (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	seq		integer NOT NULL CHECK (seq > 0),
	counted_from	date,
	reinspected_on	date,
	days		integer CHECK (days > 0),
	amount_fen	bigint CHECK (amount_fen >= 0),
	decided_on	date,
	decision_no	text,
	UNIQUE (measure_id, seq),
	UNIQUE (bureau_id, decision_no),
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id),
	CHECK ((decided_on IS NULL) = (amount_fen IS NULL))
);
COMMENT ON TABLE measure_round IS '按日连续处罚: one round (re-inspection found the violation continuing, decision with its amount)';
COMMENT ON COLUMN measure_round.id IS 'opaque id';
COMMENT ON COLUMN measure_round.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_round.measure_id IS 'the daily penalty';
COMMENT ON COLUMN measure_round.seq IS 'round number, from 1';
COMMENT ON COLUMN measure_round.counted_from IS 'the day before the first counted day (service of the correction order, or the previous re-inspection)';
COMMENT ON COLUMN measure_round.reinspected_on IS 'the re-inspection day (counted)';
COMMENT ON COLUMN measure_round.days IS 'days counted';
COMMENT ON COLUMN measure_round.amount_fen IS 'original fine x days; statistics of daily penalties sum it by decided_on';
COMMENT ON COLUMN measure_round.decided_on IS 'day of the round''s decision';
COMMENT ON COLUMN measure_round.decision_no IS 'number of the round''s decision';

-- Testing time (检测、检验、检疫、技术鉴定) does not count towards a
-- seizure's period (行政强制法 art. 25): [from_on, to_on).
CREATE TABLE measure_exclusion (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	from_on		date NOT NULL,
	to_on		date,
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id),
	CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE UNIQUE INDEX measure_exclusion_open ON measure_exclusion (measure_id)
    WHERE to_on IS NULL;
CREATE INDEX measure_exclusion_measure ON measure_exclusion (measure_id);
COMMENT ON TABLE measure_exclusion IS 'testing time excluded from a seizure''s period: [from_on, to_on)';
COMMENT ON COLUMN measure_exclusion.id IS 'opaque id';
COMMENT ON COLUMN measure_exclusion.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_exclusion.measure_id IS 'the seizure';
COMMENT ON COLUMN measure_exclusion.from_on IS 'first day not counted';
COMMENT ON COLUMN measure_exclusion.to_on IS 'day counting resumes; NULL while testing';

CREATE TABLE measure_event (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	action		text NOT NULL,
	from_state	text NOT NULL,
	to_state	text NOT NULL,
	actor_id	uuid,
	actor_name	text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now(),
	detail		jsonb NOT NULL DEFAULT '{}',
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id)
);
CREATE INDEX measure_event_measure ON measure_event (measure_id, at);
COMMENT ON TABLE measure_event IS 'a measure''s history: one row per action';
COMMENT ON COLUMN measure_event.id IS 'opaque id';
COMMENT ON COLUMN measure_event.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_event.measure_id IS 'the measure';
COMMENT ON COLUMN measure_event.action IS 'action code (create, approve, ...)';
COMMENT ON COLUMN measure_event.from_state IS 'state before';
COMMENT ON COLUMN measure_event.to_state IS 'state after';
COMMENT ON COLUMN measure_event.actor_id IS 'who acted';
COMMENT ON COLUMN measure_event.actor_name IS 'their display name then';
COMMENT ON COLUMN measure_event.at IS 'when';
COMMENT ON COLUMN measure_event.detail IS 'the submitted fields';

-- A measure's clocks as of its last change, so that the start page and
-- the case list see them next to the case's own (case_deadline). The
-- measure's page recomputes them for its date.
CREATE TABLE measure_deadline (
	bureau_id	uuid NOT NULL REFERENCES bureau,
	measure_id	uuid NOT NULL,
	case_id		uuid NOT NULL,
	kind		text NOT NULL,
	working		boolean NOT NULL,
	party		boolean NOT NULL,
	due_on		date NOT NULL,
	due_at		timestamptz,
	effective_due_on date,
	met_on		date,
	PRIMARY KEY (measure_id, kind),
	FOREIGN KEY (bureau_id, measure_id) REFERENCES case_measure (bureau_id, id),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
CREATE INDEX measure_deadline_case ON measure_deadline (case_id)
    WHERE met_on IS NULL AND NOT party;
COMMENT ON TABLE measure_deadline IS 'a measure''s deadlines as of its last change (derived; rewritten by every action)';
COMMENT ON COLUMN measure_deadline.bureau_id IS 'owning bureau';
COMMENT ON COLUMN measure_deadline.measure_id IS 'the measure';
COMMENT ON COLUMN measure_deadline.case_id IS 'its case';
COMMENT ON COLUMN measure_deadline.kind IS 'deadline kind (shared api.md)';
COMMENT ON COLUMN measure_deadline.working IS 'counted in working days';
COMMENT ON COLUMN measure_deadline.party IS 'a period of someone else (the police): never the bureau''s overdue work';
COMMENT ON COLUMN measure_deadline.due_on IS 'due day';
COMMENT ON COLUMN measure_deadline.due_at IS 'due instant, for clocks counted in hours';
COMMENT ON COLUMN measure_deadline.effective_due_on IS 'due after excluded time; NULL while excluded time runs';
COMMENT ON COLUMN measure_deadline.met_on IS 'day it was met';

-- A measure's documents are the case's documents (one case, one dossier),
-- marked with the measure they belong to.
ALTER TABLE case_document ADD COLUMN measure_id uuid;
ALTER TABLE case_document ADD FOREIGN KEY (bureau_id, measure_id)
    REFERENCES case_measure (bureau_id, id);
COMMENT ON COLUMN case_document.measure_id IS 'the measure or transfer the document belongs to, if any';

-- Cases brought from an older system by the legacy import.
ALTER TABLE case_file ADD COLUMN imported boolean NOT NULL DEFAULT false;
COMMENT ON COLUMN case_file.imported IS 'brought by the legacy import (POST /api/v1/cases/import): dates and outcome only';

-------------------------------------------------------------------------
-- Frozen with the case, append-only logs, audit, row-level security.
-------------------------------------------------------------------------

CREATE TRIGGER case_measure_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_measure FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER measure_deadline_archived BEFORE INSERT OR UPDATE OR DELETE
ON measure_deadline FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();

-- The children of a measure reach their case through it.
CREATE FUNCTION gs_measure_child_archived_refuse() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	mid	uuid;
BEGIN
	IF TG_OP = 'DELETE' THEN
		mid := OLD.measure_id;
	ELSE
		mid := NEW.measure_id;
	END IF;
	IF EXISTS (SELECT 1 FROM case_measure m JOIN case_file c
	    ON c.id = m.case_id WHERE m.id = mid AND c.state = 'archived') THEN
		RAISE EXCEPTION 'the case of measure % is archived: % on % refused',
		    mid, TG_OP, TG_TABLE_NAME
		    USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

DO $$
DECLARE
	t	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['measure_officer', 'measure_item',
	    'measure_person', 'measure_round', 'measure_exclusion',
	    'measure_event'] LOOP
		EXECUTE format('CREATE TRIGGER %I BEFORE INSERT OR UPDATE OR '
		    'DELETE ON %I FOR EACH ROW EXECUTE FUNCTION '
		    'gs_measure_child_archived_refuse()', t || '_archived', t);
	END LOOP;
END $$;

CREATE TRIGGER measure_event_append_only BEFORE UPDATE OR DELETE
ON measure_event FOR EACH ROW EXECUTE FUNCTION gs_refuse_change();

SELECT gs_audit_attach('case_measure');
SELECT gs_audit_attach('measure_officer');
SELECT gs_audit_attach('measure_item');
SELECT gs_audit_attach('measure_person');
SELECT gs_audit_attach('measure_round');
SELECT gs_audit_attach('measure_exclusion');

DO $$
DECLARE
	t	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['case_measure', 'measure_officer',
	    'measure_item', 'measure_person', 'measure_round',
	    'measure_exclusion', 'measure_event', 'measure_deadline'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY %I ON %I '
		    'USING (bureau_id = gs_current_bureau()) '
		    'WITH CHECK (bureau_id = gs_current_bureau())',
		    t || '_bureau', t);
	END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE ON case_measure, measure_round,
    measure_exclusion TO gs_app;
GRANT SELECT, INSERT ON measure_officer, measure_item, measure_person,
    measure_event TO gs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON measure_deadline TO gs_app;
