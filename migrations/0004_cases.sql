-- 0004_cases.sql — clues, inspections, evidence and the penalty case
-- (domain.md sections 3 and 4).
--
-- The state machine itself is C (src/core/caseflow.c); these tables keep
-- what happened, with checks that hold whatever the application does:
-- states and codes are closed lists, money is fen, an archived case and
-- everything hanging from it can no longer change, and document numbers
-- come from one counter row per bureau, year and kind, taken inside the
-- transaction that issues the document (so a rollback returns the number
-- and concurrent issues queue on the row: no gaps, no duplicates).

-------------------------------------------------------------------------
-- Violation types and their legal bases (national data, read by all).
-------------------------------------------------------------------------

CREATE TABLE violation_type (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
	name		text NOT NULL,
	amount_basis	text NOT NULL DEFAULT 'fixed'
			    CHECK (amount_basis IN ('fixed', 'investment')),
	min_fen		bigint NOT NULL DEFAULT 0 CHECK (min_fen >= 0),
	max_fen		bigint NOT NULL DEFAULT 0 CHECK (max_fen >= min_fen),
	min_bp		integer NOT NULL DEFAULT 0 CHECK (min_bp >= 0),
	max_bp		integer NOT NULL DEFAULT 0 CHECK (max_bp >= min_bp),
	base_percent	integer NOT NULL DEFAULT 0
			    CHECK (base_percent BETWEEN 0 AND 100),
	sort		integer NOT NULL
);
COMMENT ON TABLE violation_type IS '违法行为类型 with its statutory range and discretion base';
COMMENT ON COLUMN violation_type.code IS 'stable code used by the API (violation_type fields)';
COMMENT ON COLUMN violation_type.name IS '中文 name';
COMMENT ON COLUMN violation_type.amount_basis IS 'fixed: min_fen..max_fen; investment: min_bp..max_bp of the project investment';
COMMENT ON COLUMN violation_type.min_fen IS 'statutory minimum fine (fixed basis)';
COMMENT ON COLUMN violation_type.max_fen IS 'statutory maximum fine (fixed basis)';
COMMENT ON COLUMN violation_type.min_bp IS 'statutory minimum in basis points of the investment';
COMMENT ON COLUMN violation_type.max_bp IS 'statutory maximum in basis points of the investment';
COMMENT ON COLUMN violation_type.base_percent IS 'discretion base percentage before the factors';
COMMENT ON COLUMN violation_type.sort IS 'display order';

CREATE TABLE legal_basis (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	violation_type	text NOT NULL REFERENCES violation_type,
	law		text NOT NULL,
	article		text NOT NULL,
	effective_from	date NOT NULL,
	effective_to	date,
	note		text NOT NULL DEFAULT '',
	UNIQUE (violation_type, effective_from),
	CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
COMMENT ON TABLE legal_basis IS 'the law and article behind a violation type, versioned: a new code (e.g. 生态环境法典) is a new row';
COMMENT ON COLUMN legal_basis.id IS 'opaque id';
COMMENT ON COLUMN legal_basis.violation_type IS 'which violation type';
COMMENT ON COLUMN legal_basis.law IS 'name of the law, e.g. 中华人民共和国水污染防治法';
COMMENT ON COLUMN legal_basis.article IS 'article and item, e.g. 第八十三条第（二）项';
COMMENT ON COLUMN legal_basis.effective_from IS 'first day the article applies';
COMMENT ON COLUMN legal_basis.effective_to IS 'last day; NULL while in force';
COMMENT ON COLUMN legal_basis.note IS 'source note';

CREATE TABLE discretion_factor (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z_]{2,40}$'),
	label		text NOT NULL,
	tiers		integer[] NOT NULL CHECK (cardinality(tiers) BETWEEN 2 AND 8),
	tier_labels	text[] NOT NULL,
	sort		integer NOT NULL,
	CHECK (cardinality(tiers) = cardinality(tier_labels))
);
COMMENT ON TABLE discretion_factor IS '裁量因素: each tier adds a percentage (domain.md Fine discretion)';
COMMENT ON COLUMN discretion_factor.code IS 'stable code used by the calculator';
COMMENT ON COLUMN discretion_factor.label IS '中文 name';
COMMENT ON COLUMN discretion_factor.tiers IS 'percentage per tier, tier 0 first';
COMMENT ON COLUMN discretion_factor.tier_labels IS '中文 description per tier';
COMMENT ON COLUMN discretion_factor.sort IS 'display order';

-------------------------------------------------------------------------
-- Clues and inspections.
-------------------------------------------------------------------------

CREATE TABLE clue (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	source		text NOT NULL CHECK (source IN ('public_report',
			    'online_monitoring', 'double_random', 'patrol',
			    'assigned', 'referral', 'media', 'campaign')),
	entity_id	uuid,
	received_on	date NOT NULL,
	summary		text NOT NULL CHECK (length(summary) BETWEEN 1 AND 4000),
	squad_id	uuid,
	assignee_id	uuid,
	outcome		text CHECK (outcome IN ('inspected', 'case_proposed',
			    'no_violation', 'referred')),
	outcome_on	date,
	outcome_note	text NOT NULL DEFAULT '',
	created_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	version		integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, id),
	FOREIGN KEY (bureau_id, entity_id) REFERENCES entity (bureau_id, id),
	FOREIGN KEY (bureau_id, squad_id) REFERENCES squad (bureau_id, id),
	CHECK ((outcome IS NULL) = (outcome_on IS NULL))
);
CREATE INDEX clue_open ON clue (bureau_id, received_on) WHERE outcome IS NULL;
COMMENT ON TABLE clue IS '线索: where a case may start';
COMMENT ON COLUMN clue.id IS 'opaque id';
COMMENT ON COLUMN clue.bureau_id IS 'owning bureau';
COMMENT ON COLUMN clue.source IS 'one of the eight sources of domain.md';
COMMENT ON COLUMN clue.entity_id IS 'the entity concerned, when known';
COMMENT ON COLUMN clue.received_on IS 'day received: the filing-decision period counts from here';
COMMENT ON COLUMN clue.summary IS 'what was reported';
COMMENT ON COLUMN clue.squad_id IS 'squad assigned';
COMMENT ON COLUMN clue.assignee_id IS 'officer assigned';
COMMENT ON COLUMN clue.outcome IS 'inspected, case_proposed, no_violation or referred; NULL while open';
COMMENT ON COLUMN clue.outcome_on IS 'day the outcome was recorded';
COMMENT ON COLUMN clue.outcome_note IS 'why, or where it was referred';
COMMENT ON COLUMN clue.created_by IS 'who registered it';
COMMENT ON COLUMN clue.created_at IS 'registration time';
COMMENT ON COLUMN clue.version IS 'optimistic lock';

CREATE TABLE inspection (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	entity_id	uuid NOT NULL,
	clue_id		uuid,
	draw_id		uuid,
	inspected_on	date NOT NULL,
	findings_md	text NOT NULL CHECK (length(findings_md) BETWEEN 1 AND 100000),
	outcome		text NOT NULL CHECK (outcome IN ('compliant',
			    'violation_found', 'correction_ordered')),
	created_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	version		integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, id),
	FOREIGN KEY (bureau_id, entity_id) REFERENCES entity (bureau_id, id),
	FOREIGN KEY (bureau_id, clue_id) REFERENCES clue (bureau_id, id)
);
CREATE INDEX inspection_entity ON inspection (bureau_id, entity_id);
CREATE INDEX inspection_day ON inspection (bureau_id, inspected_on);
COMMENT ON TABLE inspection IS '现场检查 with its 现场检查笔录';
COMMENT ON COLUMN inspection.id IS 'opaque id';
COMMENT ON COLUMN inspection.bureau_id IS 'owning bureau';
COMMENT ON COLUMN inspection.entity_id IS 'the entity inspected';
COMMENT ON COLUMN inspection.clue_id IS 'the clue that led here';
COMMENT ON COLUMN inspection.draw_id IS 'the 双随机 draw that led here';
COMMENT ON COLUMN inspection.inspected_on IS 'day of the inspection';
COMMENT ON COLUMN inspection.findings_md IS 'findings in Markdown (rendered in safe mode)';
COMMENT ON COLUMN inspection.outcome IS 'compliant, violation_found or correction_ordered';
COMMENT ON COLUMN inspection.created_by IS 'who recorded it';
COMMENT ON COLUMN inspection.created_at IS 'when it was recorded';
COMMENT ON COLUMN inspection.version IS 'optimistic lock';

CREATE TABLE inspection_officer (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	inspection_id	uuid NOT NULL,
	user_id		uuid NOT NULL,
	cert_no		text NOT NULL,
	UNIQUE (inspection_id, user_id),
	FOREIGN KEY (bureau_id, inspection_id) REFERENCES inspection (bureau_id, id)
);
COMMENT ON TABLE inspection_officer IS 'the officers who inspected, with the certificate they held that day';
COMMENT ON COLUMN inspection_officer.id IS 'opaque id';
COMMENT ON COLUMN inspection_officer.bureau_id IS 'owning bureau';
COMMENT ON COLUMN inspection_officer.inspection_id IS 'the inspection';
COMMENT ON COLUMN inspection_officer.user_id IS 'the officer';
COMMENT ON COLUMN inspection_officer.cert_no IS '执法证号 as valid on the day';

-------------------------------------------------------------------------
-- The case.
-------------------------------------------------------------------------

CREATE TABLE case_file (
	id			uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id		uuid NOT NULL REFERENCES bureau,
	case_no			text,
	entity_id		uuid NOT NULL,
	clue_id			uuid,
	inspection_id		uuid,
	violation_type		text NOT NULL REFERENCES violation_type,
	party_kind		text NOT NULL CHECK (party_kind IN
				    ('organisation', 'individual')),
	summary_md		text NOT NULL
				    CHECK (length(summary_md) BETWEEN 1 AND 100000),
	discovered_on		date NOT NULL,
	received_on		date NOT NULL,
	squad_id		uuid,
	proposed_by		uuid NOT NULL,
	state			text NOT NULL DEFAULT 'proposed' CHECK (state IN
				    ('proposed', 'not_filed', 'investigating',
				    'under_review', 'notified', 'hearing',
				    'legal_review', 'collective_discussion',
				    'awaiting_decision', 'decided', 'executing',
				    'closed', 'archived', 'revoked')),
	filing_decided_on	date,
	filed_on		date,
	filing_extension_days	integer NOT NULL DEFAULT 0,
	decision_extension_days	integer NOT NULL DEFAULT 0,
	decision_extensions	integer NOT NULL DEFAULT 0,
	report_md		text,
	reported_by		uuid,
	notice_served_on	date,
	proposed_fine_fen	bigint CHECK (proposed_fine_fen >= 0),
	other_penalties		text[] NOT NULL DEFAULT '{}'
				    CHECK (other_penalties <@ ARRAY['warning',
				    'confiscation', 'production_suspension',
				    'closure', 'licence_revocation']),
	rights_ended_on		date,
	hearing_requested_on	date,
	hearing_held_on		date,
	legal_reviewed_on	date,
	discussion_sent		boolean NOT NULL DEFAULT false,
	discussion_held_on	date,
	outcome			text CHECK (outcome IN ('penalty', 'no_penalty',
				    'judicial_transfer')),
	fine_fen		bigint CHECK (fine_fen >= 0),
	no_penalty_reason	text CHECK (no_penalty_reason IN ('minor',
				    'first_offence', 'no_fault',
				    'not_established')),
	decided_on		date,
	decision_no		text,
	served_on		date,
	service_method		text CHECK (service_method IN ('direct', 'mail',
				    'electronic', 'agent', 'public_notice')),
	closed_on		date,
	close_basis		text CHECK (close_basis IN ('paid',
				    'court_accepted', 'nothing_to_execute')),
	court_accepted_on	date,
	ended_on		date,
	published_on		date,
	created_at		timestamptz NOT NULL DEFAULT now(),
	updated_at		timestamptz NOT NULL DEFAULT now(),
	version			integer NOT NULL DEFAULT 1,
	UNIQUE (bureau_id, id),
	UNIQUE (bureau_id, case_no),
	UNIQUE (bureau_id, decision_no),
	FOREIGN KEY (bureau_id, entity_id) REFERENCES entity (bureau_id, id),
	FOREIGN KEY (bureau_id, clue_id) REFERENCES clue (bureau_id, id),
	FOREIGN KEY (bureau_id, inspection_id) REFERENCES inspection (bureau_id, id),
	FOREIGN KEY (bureau_id, squad_id) REFERENCES squad (bureau_id, id),
	CHECK ((outcome = 'penalty') = (fine_fen IS NOT NULL)),
	CHECK ((outcome = 'no_penalty') = (no_penalty_reason IS NOT NULL))
);
CREATE INDEX case_file_state ON case_file (bureau_id, state, updated_at DESC);
CREATE INDEX case_file_updated ON case_file (bureau_id, updated_at DESC);
CREATE INDEX case_file_entity ON case_file (bureau_id, entity_id);
CREATE INDEX case_file_squad ON case_file (bureau_id, squad_id, state);
COMMENT ON TABLE case_file IS '行政处罚案件 (普通程序): one row per case, its state and the facts its guards read';
COMMENT ON COLUMN case_file.id IS 'opaque id';
COMMENT ON COLUMN case_file.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_file.case_no IS '案号, assigned on filing, e.g. 永环立〔2026〕3号';
COMMENT ON COLUMN case_file.entity_id IS 'the party (当事人)';
COMMENT ON COLUMN case_file.clue_id IS 'the clue it came from';
COMMENT ON COLUMN case_file.inspection_id IS 'the inspection it came from';
COMMENT ON COLUMN case_file.violation_type IS 'violation type code';
COMMENT ON COLUMN case_file.party_kind IS 'organisation or individual (hearing thresholds differ)';
COMMENT ON COLUMN case_file.summary_md IS 'the proposal: facts found so far, Markdown';
COMMENT ON COLUMN case_file.discovered_on IS 'day the violation was discovered';
COMMENT ON COLUMN case_file.received_on IS 'day the filing period starts: the clue''s receipt, else discovery';
COMMENT ON COLUMN case_file.squad_id IS 'squad in charge';
COMMENT ON COLUMN case_file.proposed_by IS 'who proposed the case (may not approve its filing)';
COMMENT ON COLUMN case_file.state IS 'state of src/core/caseflow.c';
COMMENT ON COLUMN case_file.filing_decided_on IS 'day filing was approved or refused';
COMMENT ON COLUMN case_file.filed_on IS '立案日: the decision period counts from here';
COMMENT ON COLUMN case_file.filing_extension_days IS 'approved extension of the filing period';
COMMENT ON COLUMN case_file.decision_extension_days IS 'sum of approved extensions of the decision period';
COMMENT ON COLUMN case_file.decision_extensions IS 'number of decision-period extensions';
COMMENT ON COLUMN case_file.report_md IS '调查终结报告';
COMMENT ON COLUMN case_file.reported_by IS 'who submitted the report (may not review it)';
COMMENT ON COLUMN case_file.notice_served_on IS 'day the pre-penalty notice was served';
COMMENT ON COLUMN case_file.proposed_fine_fen IS 'fine in the notice; the decision may not exceed it';
COMMENT ON COLUMN case_file.other_penalties IS 'penalties besides the fine in the notice';
COMMENT ON COLUMN case_file.rights_ended_on IS 'day the case moved past the statement and hearing periods';
COMMENT ON COLUMN case_file.hearing_requested_on IS 'day the party asked for a hearing';
COMMENT ON COLUMN case_file.hearing_held_on IS 'day of the hearing';
COMMENT ON COLUMN case_file.legal_reviewed_on IS 'day legal review passed';
COMMENT ON COLUMN case_file.discussion_sent IS 'legal review sent the case to collective discussion';
COMMENT ON COLUMN case_file.discussion_held_on IS 'day of the collective discussion';
COMMENT ON COLUMN case_file.outcome IS 'penalty, no_penalty or judicial_transfer';
COMMENT ON COLUMN case_file.fine_fen IS 'fine decided (penalty only)';
COMMENT ON COLUMN case_file.no_penalty_reason IS 'minor, first_offence, no_fault or not_established';
COMMENT ON COLUMN case_file.decided_on IS 'day of the decision';
COMMENT ON COLUMN case_file.decision_no IS 'number of the decision document';
COMMENT ON COLUMN case_file.served_on IS 'day the decision was served';
COMMENT ON COLUMN case_file.service_method IS 'direct, mail, electronic, agent or public_notice';
COMMENT ON COLUMN case_file.closed_on IS '结案日';
COMMENT ON COLUMN case_file.close_basis IS 'paid, court_accepted or nothing_to_execute';
COMMENT ON COLUMN case_file.court_accepted_on IS 'day the court accepted enforcement';
COMMENT ON COLUMN case_file.ended_on IS 'day the case was refused filing or revoked';
COMMENT ON COLUMN case_file.published_on IS 'day the decision was disclosed';
COMMENT ON COLUMN case_file.created_at IS 'creation time';
COMMENT ON COLUMN case_file.updated_at IS 'last change';
COMMENT ON COLUMN case_file.version IS 'optimistic lock, +1 on every change';

CREATE TABLE case_investigator (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	user_id		uuid NOT NULL,
	UNIQUE (case_id, user_id),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
CREATE INDEX case_investigator_user ON case_investigator (user_id);
COMMENT ON TABLE case_investigator IS '承办人员: the officers investigating a case';
COMMENT ON COLUMN case_investigator.id IS 'opaque id';
COMMENT ON COLUMN case_investigator.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_investigator.case_id IS 'the case';
COMMENT ON COLUMN case_investigator.user_id IS 'the officer';

CREATE TABLE case_event (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	action		text NOT NULL,
	from_state	text NOT NULL,
	to_state	text NOT NULL,
	actor_id	uuid,
	actor_name	text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now(),
	detail		jsonb NOT NULL DEFAULT '{}',
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
CREATE INDEX case_event_case ON case_event (case_id, at);
COMMENT ON TABLE case_event IS 'the case''s history: one row per action taken';
COMMENT ON COLUMN case_event.id IS 'opaque id';
COMMENT ON COLUMN case_event.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_event.case_id IS 'the case';
COMMENT ON COLUMN case_event.action IS 'action code (create, approve_filing, ...)';
COMMENT ON COLUMN case_event.from_state IS 'state before';
COMMENT ON COLUMN case_event.to_state IS 'state after';
COMMENT ON COLUMN case_event.actor_id IS 'who acted';
COMMENT ON COLUMN case_event.actor_name IS 'their display name then';
COMMENT ON COLUMN case_event.at IS 'when';
COMMENT ON COLUMN case_event.detail IS 'the submitted fields (reason, dates, amounts)';

CREATE TABLE case_suspension (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('hearing', 'monitoring',
			    'appraisal', 'public_notice', 'criminal_transfer',
			    'reconsideration', 'litigation')),
	from_on		date NOT NULL,
	to_on		date,
	recorded_by	uuid,
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id),
	CHECK (to_on IS NULL OR to_on >= from_on)
);
CREATE UNIQUE INDEX case_suspension_open ON case_suspension (case_id)
    WHERE to_on IS NULL;
COMMENT ON TABLE case_suspension IS 'time that does not count: [from_on, to_on)';
COMMENT ON COLUMN case_suspension.id IS 'opaque id';
COMMENT ON COLUMN case_suspension.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_suspension.case_id IS 'the case';
COMMENT ON COLUMN case_suspension.kind IS 'why: the first five stop the decision clock, the last two the surcharge';
COMMENT ON COLUMN case_suspension.from_on IS 'first day not counted';
COMMENT ON COLUMN case_suspension.to_on IS 'day counting resumes; NULL while suspended';
COMMENT ON COLUMN case_suspension.recorded_by IS 'who recorded it';

CREATE TABLE case_extension (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	clock		text NOT NULL CHECK (clock IN ('filing_decision', 'decision')),
	days		integer NOT NULL CHECK (days > 0),
	reason		text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	approved_by	uuid NOT NULL,
	discussion_on	date,
	created_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
COMMENT ON TABLE case_extension IS 'an approved extension of a case period';
COMMENT ON COLUMN case_extension.id IS 'opaque id';
COMMENT ON COLUMN case_extension.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_extension.case_id IS 'the case';
COMMENT ON COLUMN case_extension.clock IS 'which period';
COMMENT ON COLUMN case_extension.days IS 'calendar days added';
COMMENT ON COLUMN case_extension.reason IS 'why';
COMMENT ON COLUMN case_extension.approved_by IS 'the head who approved it';
COMMENT ON COLUMN case_extension.discussion_on IS 'collective discussion behind a further extension';
COMMENT ON COLUMN case_extension.created_at IS 'when';

CREATE TABLE case_payment (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	amount_fen	bigint NOT NULL CHECK (amount_fen > 0),
	paid_on		date NOT NULL,
	recorded_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
CREATE INDEX case_payment_case ON case_payment (case_id);
COMMENT ON TABLE case_payment IS 'a payment of the fine or surcharge';
COMMENT ON COLUMN case_payment.id IS 'opaque id';
COMMENT ON COLUMN case_payment.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_payment.case_id IS 'the case';
COMMENT ON COLUMN case_payment.amount_fen IS 'amount paid';
COMMENT ON COLUMN case_payment.paid_on IS 'day paid';
COMMENT ON COLUMN case_payment.recorded_by IS 'who recorded it';
COMMENT ON COLUMN case_payment.created_at IS 'when recorded';

-- The statutory clocks as computed by core/deadline.c at the last change,
-- so lists can filter overdue work without recomputing every case. The
-- case page recomputes them for its as_of date.
CREATE TABLE case_deadline (
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	kind		text NOT NULL,
	working		boolean NOT NULL,
	party		boolean NOT NULL,
	due_on		date NOT NULL,
	effective_due_on date,
	met_on		date,
	PRIMARY KEY (case_id, kind),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
CREATE INDEX case_deadline_open ON case_deadline (bureau_id, effective_due_on)
    WHERE met_on IS NULL AND NOT party;
COMMENT ON TABLE case_deadline IS 'a case''s deadlines as of its last change (derived; rewritten by every transition)';
COMMENT ON COLUMN case_deadline.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_deadline.case_id IS 'the case';
COMMENT ON COLUMN case_deadline.kind IS 'deadline kind (shared api.md)';
COMMENT ON COLUMN case_deadline.working IS 'counted in working days';
COMMENT ON COLUMN case_deadline.party IS 'a period of the party (statement, hearing request): never overdue work';
COMMENT ON COLUMN case_deadline.due_on IS 'due by law with extensions';
COMMENT ON COLUMN case_deadline.effective_due_on IS 'due after suspensions; NULL while suspended';
COMMENT ON COLUMN case_deadline.met_on IS 'day it was met';

-------------------------------------------------------------------------
-- Evidence: content-addressed files with a custody log.
-------------------------------------------------------------------------

CREATE TABLE evidence (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('documentary', 'physical',
			    'audiovisual', 'electronic', 'witness', 'statement',
			    'expert_opinion', 'onsite_record',
			    'monitoring_report')),
	description	text NOT NULL CHECK (length(description) BETWEEN 1 AND 2000),
	collected_on	date NOT NULL,
	collected_by	uuid,
	lat		numeric(9, 6) CHECK (lat BETWEEN -90 AND 90),
	lng		numeric(9, 6) CHECK (lng BETWEEN -180 AND 180),
	sha256		text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	size		bigint NOT NULL CHECK (size >= 0),
	filename	text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
	content_type	text NOT NULL,
	uploaded_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (bureau_id, id),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id),
	CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE INDEX evidence_case ON evidence (case_id);
COMMENT ON TABLE evidence IS '证据: metadata of a stored file; the bytes live under their SHA-256 in the evidence store';
COMMENT ON COLUMN evidence.id IS 'opaque id';
COMMENT ON COLUMN evidence.bureau_id IS 'owning bureau';
COMMENT ON COLUMN evidence.case_id IS 'the case';
COMMENT ON COLUMN evidence.kind IS 'evidence kind of 行政处罚法 art. 46';
COMMENT ON COLUMN evidence.description IS 'what it shows';
COMMENT ON COLUMN evidence.collected_on IS 'day collected';
COMMENT ON COLUMN evidence.collected_by IS 'officer who collected it';
COMMENT ON COLUMN evidence.lat IS 'where (WGS-84), when given';
COMMENT ON COLUMN evidence.lng IS 'where (WGS-84)';
COMMENT ON COLUMN evidence.sha256 IS 'SHA-256 of the bytes, lowercase hex; the store''s file name';
COMMENT ON COLUMN evidence.size IS 'bytes';
COMMENT ON COLUMN evidence.filename IS 'original file name';
COMMENT ON COLUMN evidence.content_type IS 'media type as uploaded';
COMMENT ON COLUMN evidence.uploaded_by IS 'who uploaded it';
COMMENT ON COLUMN evidence.created_at IS 'when';

CREATE TABLE evidence_custody (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	evidence_id	uuid NOT NULL,
	action		text NOT NULL CHECK (action IN ('uploaded', 'viewed',
			    'downloaded', 'hash_mismatch', 'exported')),
	user_id		uuid,
	user_name	text NOT NULL,
	at		timestamptz NOT NULL DEFAULT now(),
	FOREIGN KEY (bureau_id, evidence_id) REFERENCES evidence (bureau_id, id)
);
CREATE INDEX evidence_custody_evidence ON evidence_custody (evidence_id, at);
COMMENT ON TABLE evidence_custody IS '保管链: who touched an evidence item and when; append only';
COMMENT ON COLUMN evidence_custody.id IS 'opaque id';
COMMENT ON COLUMN evidence_custody.bureau_id IS 'owning bureau';
COMMENT ON COLUMN evidence_custody.evidence_id IS 'the item';
COMMENT ON COLUMN evidence_custody.action IS 'uploaded, viewed, downloaded, hash_mismatch (an alarm) or exported';
COMMENT ON COLUMN evidence_custody.user_id IS 'who';
COMMENT ON COLUMN evidence_custody.user_name IS 'their display name then';
COMMENT ON COLUMN evidence_custody.at IS 'when';

-------------------------------------------------------------------------
-- Documents and their numbers.
-------------------------------------------------------------------------

CREATE TABLE doc_counter (
	bureau_id	uuid NOT NULL REFERENCES bureau,
	year		integer NOT NULL CHECK (year BETWEEN 2000 AND 2999),
	kind		text NOT NULL,
	last		bigint NOT NULL DEFAULT 0 CHECK (last >= 0),
	PRIMARY KEY (bureau_id, year, kind)
);
COMMENT ON TABLE doc_counter IS 'last number issued per bureau, year and document kind';
COMMENT ON COLUMN doc_counter.bureau_id IS 'owning bureau';
COMMENT ON COLUMN doc_counter.year IS 'year in the number';
COMMENT ON COLUMN doc_counter.kind IS 'document kind (core/docno.c)';
COMMENT ON COLUMN doc_counter.last IS 'the last number issued';

CREATE TABLE case_document (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	case_id		uuid NOT NULL,
	kind		text NOT NULL,
	doc_no		text,
	issued_on	date NOT NULL,
	narrative_md	text NOT NULL DEFAULT '',
	created_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (bureau_id, id),
	UNIQUE (bureau_id, doc_no),
	FOREIGN KEY (bureau_id, case_id) REFERENCES case_file (bureau_id, id)
);
CREATE INDEX case_document_case ON case_document (case_id);
COMMENT ON TABLE case_document IS 'a legal document issued in a case; rendered from the case data and this row';
COMMENT ON COLUMN case_document.id IS 'opaque id';
COMMENT ON COLUMN case_document.bureau_id IS 'owning bureau';
COMMENT ON COLUMN case_document.case_id IS 'the case';
COMMENT ON COLUMN case_document.kind IS 'document kind (core/docno.c)';
COMMENT ON COLUMN case_document.doc_no IS 'its number, for numbered kinds';
COMMENT ON COLUMN case_document.issued_on IS 'date on the document';
COMMENT ON COLUMN case_document.narrative_md IS 'the Markdown narrative of the document, when it has one';
COMMENT ON COLUMN case_document.created_by IS 'who issued it';
COMMENT ON COLUMN case_document.created_at IS 'when';

-- The next number of a kind for a bureau and year. The row lock taken by
-- the UPDATE is held to the end of the caller's transaction.
CREATE FUNCTION gs_next_doc_no(p_bureau uuid, p_year integer, p_kind text)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	n	bigint;
BEGIN
	INSERT INTO doc_counter (bureau_id, year, kind, last)
	VALUES (p_bureau, p_year, p_kind, 0)
	ON CONFLICT DO NOTHING;
	UPDATE doc_counter SET last = last + 1
	WHERE bureau_id = p_bureau AND year = p_year AND kind = p_kind
	RETURNING last INTO n;
	RETURN n;
END $$;

-------------------------------------------------------------------------
-- An archived case never changes (2010 办法 arts. 68-70), nor does
-- anything hanging from it.
-------------------------------------------------------------------------

CREATE FUNCTION gs_case_archived_refuse() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
	IF OLD.state = 'archived' THEN
		RAISE EXCEPTION 'case % is archived: % refused', OLD.id, TG_OP
		    USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER case_file_archived BEFORE UPDATE OR DELETE ON case_file
FOR EACH ROW EXECUTE FUNCTION gs_case_archived_refuse();

CREATE FUNCTION gs_case_child_archived_refuse() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
	cid	uuid;
BEGIN
	IF TG_OP = 'DELETE' THEN
		cid := OLD.case_id;
	ELSE
		cid := NEW.case_id;
	END IF;
	IF EXISTS (SELECT 1 FROM case_file WHERE id = cid AND state = 'archived') THEN
		RAISE EXCEPTION 'case % is archived: % on % refused', cid, TG_OP,
		    TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER case_investigator_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_investigator FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER case_event_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_event FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER case_suspension_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_suspension FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER case_extension_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_extension FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER case_payment_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_payment FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER case_deadline_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_deadline FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER evidence_archived BEFORE INSERT OR UPDATE OR DELETE
ON evidence FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();
CREATE TRIGGER case_document_archived BEFORE INSERT OR UPDATE OR DELETE
ON case_document FOR EACH ROW EXECUTE FUNCTION gs_case_child_archived_refuse();

-- The custody log and the history only grow.
CREATE TRIGGER evidence_custody_append_only BEFORE UPDATE OR DELETE
ON evidence_custody FOR EACH ROW EXECUTE FUNCTION gs_refuse_change();
CREATE TRIGGER case_event_append_only BEFORE UPDATE OR DELETE
ON case_event FOR EACH ROW EXECUTE FUNCTION gs_refuse_change();

-------------------------------------------------------------------------
-- Audit, row-level security, grants. case_deadline is derived data and
-- the custody log is itself a log: neither enters the audit chain.
-------------------------------------------------------------------------

CREATE TRIGGER clue_audit AFTER INSERT OR UPDATE OR DELETE ON clue
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER inspection_audit AFTER INSERT OR UPDATE OR DELETE ON inspection
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER inspection_officer_audit AFTER INSERT OR UPDATE OR DELETE
ON inspection_officer FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER case_file_audit AFTER INSERT OR UPDATE OR DELETE ON case_file
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER case_investigator_audit AFTER INSERT OR UPDATE OR DELETE
ON case_investigator FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER case_suspension_audit AFTER INSERT OR UPDATE OR DELETE
ON case_suspension FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER case_extension_audit AFTER INSERT OR UPDATE OR DELETE
ON case_extension FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER case_payment_audit AFTER INSERT OR UPDATE OR DELETE
ON case_payment FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER evidence_audit AFTER INSERT OR UPDATE OR DELETE ON evidence
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER case_document_audit AFTER INSERT OR UPDATE OR DELETE
ON case_document FOR EACH ROW EXECUTE FUNCTION gs_audit_row();

DO $$
DECLARE
	t	text;
BEGIN
	FOREACH t IN ARRAY ARRAY['clue', 'inspection', 'inspection_officer',
	    'case_file', 'case_investigator', 'case_event', 'case_suspension',
	    'case_extension', 'case_payment', 'case_deadline', 'evidence',
	    'evidence_custody', 'doc_counter', 'case_document'] LOOP
		EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY %I ON %I '
		    'USING (bureau_id = gs_current_bureau()) '
		    'WITH CHECK (bureau_id = gs_current_bureau())',
		    t || '_bureau', t);
	END LOOP;
END $$;

GRANT SELECT ON violation_type, legal_basis, discretion_factor TO gs_app;
GRANT SELECT, INSERT, UPDATE ON clue, inspection, case_file, evidence,
    doc_counter TO gs_app;
GRANT SELECT, INSERT, DELETE ON inspection_officer, case_investigator
    TO gs_app;
GRANT SELECT, INSERT, UPDATE ON case_suspension TO gs_app;
GRANT SELECT, INSERT ON case_event, case_extension, case_payment,
    evidence_custody, case_document TO gs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON case_deadline TO gs_app;

-------------------------------------------------------------------------
-- Seed data: common violation types, their bases in force before the
-- 生态环境法典, and the discretion factors of domain.md. A new code's
-- article numbers are entered as new legal_basis rows with their
-- effective date; the old rows then get their effective_to.
-------------------------------------------------------------------------

INSERT INTO violation_type (sort, code, name, amount_basis, min_fen, max_fen,
    min_bp, max_bp, base_percent) VALUES
(10, 'over_standard_discharge', '超过排放标准排放水污染物', 'fixed', 10000000, 100000000, 0, 0, 10),
(20, 'no_permit', '未取得排污许可证排放污染物', 'fixed', 20000000, 100000000, 0, 0, 20),
(30, 'hidden_pipe', '私设暗管等逃避监管的方式排放水污染物', 'fixed', 20000000, 100000000, 0, 0, 30),
(40, 'hazardous_waste', '未按规定贮存、转移、处置危险废物', 'fixed', 10000000, 100000000, 0, 0, 10),
(50, 'falsified_monitoring', '篡改、伪造监测数据排放大气污染物', 'fixed', 10000000, 100000000, 0, 0, 30),
(60, 'no_eia', '建设项目未依法报批环境影响评价文件擅自开工建设', 'investment', 0, 0, 100, 500, 0);

INSERT INTO legal_basis (violation_type, law, article, effective_from, note) VALUES
('over_standard_discharge', '中华人民共和国水污染防治法', '第八十三条第（二）项', DATE '2018-01-01', '2017年修正'),
('no_permit', '排污许可管理条例', '第三十三条第（一）项', DATE '2021-03-01', ''),
('hidden_pipe', '中华人民共和国水污染防治法', '第八十三条第（三）项', DATE '2018-01-01', '2017年修正'),
('hazardous_waste', '中华人民共和国固体废物污染环境防治法', '第一百一十二条', DATE '2020-09-01', '2020年修订'),
('falsified_monitoring', '中华人民共和国大气污染防治法', '第九十九条第（三）项', DATE '2016-01-01', '2015年修订'),
('no_eia', '中华人民共和国环境影响评价法', '第三十一条第一款', DATE '2016-09-01', '处建设项目总投资额百分之一以上百分之五以下的罚款');

INSERT INTO discretion_factor (sort, code, label, tiers, tier_labels) VALUES
(10, 'impact', '环境影响程度', '{0,6,18,32}', '{轻微,一般,较重,严重}'),
(20, 'duration', '违法持续时间', '{0,5,11,26}', '{一个月以内,一至三个月,三至六个月,六个月以上}'),
(30, 'repeat', '违法次数', '{0,5,11,27}', '{首次,两次,三次,三次以上}'),
(40, 'complaints', '群众投诉', '{0,15}', '{无核实投诉,有核实投诉}');
