-- cases.sql — `make bench`'s case load: :cases penalty cases (default
-- 100,000) across the bureau's entities, plus officers up to :officers
-- (default 200), written by set-based SQL as the owner role:
--
--   psql -v cases=100000 -v bureau=demo -f tests/bench/cases.sql
--
-- Every row goes through the triggers as the application's rows do: the
-- audit chain records each insert and update (context bench.generate),
-- and archived cases are written as closed with all their children first
-- and then archived by an UPDATE, because an archived case refuses new
-- children.
--
-- The cases are planned once in temporary tables, then written in
-- batches of :batch cases, one transaction each: the audit trigger
-- updates the bureau's one audit_head row per record, and within one
-- transaction every update leaves a version that later ones must step
-- over, so a record costs more the more records precede it in the same
-- transaction (measured: 0.34 ms each for the first 4,000, 1.7 ms each
-- for the fourth 4,000). The chain stays gapless across batches; a failed
-- run leaves the batches before the failure (the bench database is
-- thrown away anyway).
--
-- The mix of states (per mille): archived 500, closed 120, executing 60,
-- decided 10, awaiting_decision 10, collective_discussion 5, legal_review
-- 10, hearing 5, notified 20, under_review 20, investigating 80, proposed
-- 30, not_filed 60, revoked 70. Each case carries the columns, history,
-- documents (with gapless numbers per kind and year; doc_counter follows),
-- investigators (2, or 3 in one case in five), suspensions, payments and
-- stored clocks its state implies, with dates that run forward to today:
-- open cases are recent (some overdue), ended ones historical. Clocks use
-- calendar days for working days plus weekends (holidays ignored); every
-- transition recomputes them exactly. Decided penalty cases are marked
-- published a few days after the decision (no action sets published_on
-- yet). No evidence files are generated.
\set ON_ERROR_STOP 1
\if :{?cases}
\else
\set cases 100000
\endif
\if :{?officers}
\else
\set officers 200
\endif
\if :{?bureau}
\else
\set bureau demo
\endif
\if :{?batch}
\else
\set batch 250
\endif

-- Who the audit records name, for every batch; a lost batch is only lost
-- bench data.
SELECT set_config('gs.actor_name', 'bench-generator', false),
    set_config('gs.context', 'bench.generate', false),
    set_config('synchronous_commit', 'off', false) \gset

CREATE TEMP TABLE gb AS
SELECT b.id AS bureau_id, b.doc_prefix, current_date AS today,
    (SELECT array_agg(e.id ORDER BY e.uscc) FROM entity e
     WHERE e.bureau_id = b.id AND e.status = 'active') AS entities,
    (SELECT array_agg(s.id ORDER BY s.created_at, s.name) FROM squad s
     WHERE s.bureau_id = b.id) AS squads,
    (SELECT u.id FROM app_user u WHERE u.bureau_id = b.id
     AND 'squad_leader' = ANY (u.roles) ORDER BY u.username LIMIT 1) AS leader_id,
    (SELECT u.id FROM app_user u WHERE u.bureau_id = b.id
     AND 'legal' = ANY (u.roles) ORDER BY u.username LIMIT 1) AS legal_id,
    (SELECT u.id FROM app_user u WHERE u.bureau_id = b.id
     AND 'head' = ANY (u.roles) ORDER BY u.username LIMIT 1) AS head_id
FROM bureau b WHERE b.code = :'bureau';

SELECT count(*) = 1 AND bool_and(cardinality(entities) > 0
    AND cardinality(squads) > 0 AND leader_id IS NOT NULL
    AND legal_id IS NOT NULL AND head_id IS NOT NULL) AS bureau_ready
FROM gb \gset
\if :bureau_ready
\else
\echo 'cases.sql: bureau' :'bureau' 'needs entities, squads, a squad leader, legal staff and a head'
\quit 3
\endif

-- Officers up to :officers, spread over the squads, with valid
-- certificates; they cannot sign in (no password hash verifies '!').
INSERT INTO app_user (bureau_id, squad_id, username, display_name,
    password_hash, roles, cert_no, cert_valid_until)
SELECT gb.bureau_id, gb.squads[1 + k % cardinality(gb.squads)],
    'bench' || lpad(k::text, 3, '0'),
    (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周',
        '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'])[1 + k % 20] ||
    (ARRAY['伟', '芳', '娜', '敏', '静', '磊', '洋', '勇', '艳', '杰',
        '军', '涛', '明', '超', '霞', '平', '刚', '桂英'])[1 + (k / 20) % 18] ||
    CASE WHEN k >= 360 THEN k::text ELSE '' END,
    '!', ARRAY['officer'], '330784' || lpad((2000 + k)::text, 5, '0'),
    gb.today + 730
FROM gb, generate_series(1, greatest(0, :officers - (SELECT count(*)
    FROM app_user u, gb g WHERE u.bureau_id = g.bureau_id
    AND 'officer' = ANY (u.roles)))::int) AS k;

CREATE TEMP TABLE go AS
SELECT row_number() OVER (ORDER BY u.username) AS n, u.id, u.display_name,
    u.squad_id
FROM app_user u, gb
WHERE u.bureau_id = gb.bureau_id AND 'officer' = ANY (u.roles)
    AND u.active AND u.cert_no IS NOT NULL AND u.squad_id IS NOT NULL;

-- Working days, approximately: Saturdays and Sundays skipped.
CREATE FUNCTION pg_temp.wd(d date, n integer) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
	SELECT d + n + 2 * ((n + least(extract(isodow FROM d)::int, 5) - 1) / 5)
$$;

-------------------------------------------------------------------------
-- One row per case with everything that decides its columns.
-------------------------------------------------------------------------

CREATE TEMP TABLE gc AS
WITH p AS MATERIALIZED (
	SELECT i, abs(hashint4(i)) % 1000 AS b,
	    abs(hashint4(i * 7 + 1)) AS h1, abs(hashint4(i * 7 + 2)) AS h2,
	    abs(hashint4(i * 7 + 3)) AS h3, abs(hashint4(i * 7 + 4)) AS h4,
	    abs(hashint4(i * 7 + 5)) AS h5, abs(hashint4(i * 7 + 6)) AS h6
	FROM generate_series(1, :cases) AS i
), s AS MATERIALIZED (
	SELECT p.*, CASE
	    WHEN b < 500 THEN 'archived' WHEN b < 620 THEN 'closed'
	    WHEN b < 680 THEN 'executing' WHEN b < 690 THEN 'decided'
	    WHEN b < 700 THEN 'awaiting_decision'
	    WHEN b < 705 THEN 'collective_discussion'
	    WHEN b < 715 THEN 'legal_review' WHEN b < 720 THEN 'hearing'
	    WHEN b < 740 THEN 'notified' WHEN b < 760 THEN 'under_review'
	    WHEN b < 840 THEN 'investigating' WHEN b < 870 THEN 'proposed'
	    WHEN b < 930 THEN 'not_filed' ELSE 'revoked' END AS state
	FROM p
), r AS MATERIALIZED (
	-- rs: the furthest stage reached (0 proposed, 1 investigating,
	-- 2 under_review, 3 notified, 4 hearing, 5 legal_review,
	-- 6 collective_discussion, 7 awaiting_decision, 8 decided,
	-- 9 executing, 10 closed, 11 archived); a revoked case was revoked
	-- in stage 1..7.
	SELECT s.*, CASE state
	    WHEN 'proposed' THEN 0 WHEN 'not_filed' THEN 0
	    WHEN 'investigating' THEN 1 WHEN 'under_review' THEN 2
	    WHEN 'notified' THEN 3 WHEN 'hearing' THEN 4
	    WHEN 'legal_review' THEN 5 WHEN 'collective_discussion' THEN 6
	    WHEN 'awaiting_decision' THEN 7 WHEN 'decided' THEN 8
	    WHEN 'executing' THEN 9 WHEN 'closed' THEN 10
	    WHEN 'archived' THEN 11 ELSE 1 + h5 % 7 END AS rs
	FROM s
), f AS MATERIALIZED (
	-- The fine in the notice; a case in hearing, legal review or
	-- awaiting a reviewed decision needs one that calls for legal review,
	-- one in collective discussion one that calls for the discussion.
	SELECT r.*, CASE
	    WHEN rs = 6 THEN greatest(50000000, 10000000 + (h2 % 91) * 1000000)
	    WHEN rs IN (4, 5, 7) THEN greatest(20000000, 10000000 + (h2 % 91) * 1000000)
	    ELSE 10000000 + (h2 % 91) * 1000000 END AS fine,
	    CASE WHEN h3 % 20 = 0 THEN 'individual' ELSE 'organisation' END AS party
	FROM r
), q AS MATERIALIZED (
	SELECT f.*,
	    rs = 4 OR (rs >= 5 AND h3 % 5 = 0) AS hearing,
	    fine >= 20000000 OR rs = 4 OR (rs >= 5 AND h3 % 5 = 0) AS legal,
	    fine >= 50000000 AS collective,
	    -- executing cases all have a fine to pay
	    CASE WHEN rs < 8 THEN NULL WHEN rs = 9 OR h4 % 25 <> 0 THEN 'penalty'
	        ELSE 'no_penalty' END AS outcome
	FROM f
), o AS MATERIALIZED (
	-- Day offsets of each step from the receipt.
	SELECT q.*,
	    1 + h1 % 10 AS o_filed,
	    1 + h1 % 10 + 15 + h2 % 40 AS o_report,
	    1 + h1 % 10 + 15 + h2 % 40 + 2 + h3 % 8 AS o_notice
	FROM q
), o2 AS MATERIALIZED (
	SELECT o.*,
	    CASE WHEN hearing THEN o_notice + 1 + h4 % 4 END AS o_hreq,
	    CASE WHEN hearing THEN o_notice + 11 + h4 % 4 + h4 % 10 END AS o_hheld
	FROM o
), o3 AS MATERIALIZED (
	SELECT o2.*, CASE WHEN hearing THEN o_hheld
	    WHEN legal THEN o_notice + 8 + h5 % 5 END AS o_rights
	FROM o2
), o4 AS MATERIALIZED (
	SELECT o3.*, CASE WHEN legal THEN o_rights + 2 + h6 % 5 END AS o_legal
	FROM o3
), o5 AS MATERIALIZED (
	SELECT o4.*, CASE WHEN legal AND collective THEN o_legal + 2 + h1 % 5
	    END AS o_disc
	FROM o4
), o6 AS MATERIALIZED (
	SELECT o5.*, coalesce(o_disc, o_legal, o_notice + 8 + h5 % 5) + 1 + h2 % 4
	    AS o_decided
	FROM o5
), o7 AS MATERIALIZED (
	SELECT o6.*, o_decided + 1 + h3 % 6 AS o_served,
	    o_decided + 1 + h3 % 6 + 2 + h4 % 12 AS o_paid,
	    o_decided + 2 + h6 % 5 AS o_published
	FROM o6
), o8 AS MATERIALIZED (
	SELECT o7.*, CASE WHEN outcome = 'penalty' THEN o_paid
	    ELSE o_served END + 1 + h5 % 10 AS o_closed,
	    -- the day the case entered the stage it is in (or was revoked in)
	    CASE rs WHEN 0 THEN 0 WHEN 1 THEN o_filed WHEN 2 THEN o_report
	        WHEN 3 THEN o_notice WHEN 4 THEN o_hreq WHEN 5 THEN o_rights
	        WHEN 6 THEN o_legal WHEN 7 THEN coalesce(o_disc, o_legal)
	        WHEN 8 THEN o_decided WHEN 9 THEN o_served END AS o_entry,
	    -- days spent in the current stage so far
	    CASE state WHEN 'proposed' THEN h6 % 14
	        WHEN 'investigating' THEN h6 % 100
	        WHEN 'under_review' THEN h6 % 20 WHEN 'notified' THEN h6 % 12
	        WHEN 'hearing' THEN h6 % 20 WHEN 'executing' THEN h6 % 60
	        ELSE h6 % 10 END AS stay
	FROM o7
)
SELECT o8.*, gen_random_uuid() AS id,
    gb.entities[1 + h1 % cardinality(gb.entities)] AS entity_id,
    (ARRAY['over_standard_discharge', 'over_standard_discharge', 'no_permit',
        'hidden_pipe', 'hazardous_waste', 'hazardous_waste',
        'falsified_monitoring', 'no_eia'])[1 + h4 % 8] AS violation_type,
    CASE
        WHEN state IN ('archived', 'revoked', 'not_filed')
        THEN DATE '2019-01-01' + (h1 / 7) % (gb.today - 400 - DATE '2019-01-01')
        WHEN state = 'closed'
        THEN gb.today - 150 - (h1 / 7) % 400
        ELSE gb.today - o_entry - stay END AS r,
    -- the proposer is the first investigator
    1 + h2 % (SELECT count(*) FROM go) AS inv1,
    1 + (h2 % (SELECT count(*) FROM go) + 1 + h3 % ((SELECT count(*) FROM go) - 1))
        % (SELECT count(*) FROM go) AS inv2,
    CASE WHEN h5 % 5 = 0 THEN 1 + (h2 % (SELECT count(*) FROM go) + 1
        + (h3 % ((SELECT count(*) FROM go) - 1) + 1 + h4 % 7)
        % ((SELECT count(*) FROM go) - 1)) % (SELECT count(*) FROM go) END AS inv3
FROM o8, gb;

ALTER TABLE gc ADD COLUMN case_no_n bigint,
    ADD COLUMN decision_no_n bigint, ADD COLUMN notice_no_n bigint,
    ADD COLUMN fine_fen bigint, ADD COLUMN nevents integer,
    ADD COLUMN last_at timestamptz;
CREATE UNIQUE INDEX ON gc (i);
-- the third investigator must differ from the other two
UPDATE gc SET inv3 = NULL WHERE inv3 IN (inv1, inv2);
UPDATE gc SET fine_fen = CASE WHEN outcome = 'penalty'
        THEN fine::bigint * (80 + h2 % 21) / 100 / 10000 * 10000 END;

-- Gapless document numbers per kind and year, in date order, after those
-- the bureau has issued already (the demo's imported history among them).
CREATE TEMP TABLE gn AS
SELECT c.year, c.kind, c.last FROM doc_counter c, gb
WHERE c.bureau_id = gb.bureau_id;
UPDATE gc SET case_no_n = x.n + coalesce(gn.last, 0) FROM (
	SELECT i, extract(year FROM r + o_filed)::int AS y,
	    row_number() OVER (PARTITION BY extract(year FROM r + o_filed)
	    ORDER BY r + o_filed, i) AS n
	FROM gc WHERE rs >= 1 AND state <> 'not_filed') x
LEFT JOIN gn ON gn.year = x.y AND gn.kind = 'filing_approval'
WHERE x.i = gc.i;
UPDATE gc SET notice_no_n = x.n + coalesce(gn.last, 0) FROM (
	SELECT i, extract(year FROM r + o_notice)::int AS y,
	    row_number() OVER (PARTITION BY extract(year FROM r + o_notice)
	    ORDER BY r + o_notice, i) AS n
	FROM gc WHERE rs >= 3) x
LEFT JOIN gn ON gn.year = x.y AND gn.kind = 'penalty_notice'
WHERE x.i = gc.i;
UPDATE gc SET decision_no_n = x.n + coalesce(gn.last, 0) FROM (
	SELECT i, extract(year FROM r + o_decided)::int AS y,
	    CASE WHEN outcome = 'penalty' THEN 'penalty_decision'
	    ELSE 'no_penalty_decision' END AS k,
	    row_number() OVER (PARTITION BY outcome,
	    extract(year FROM r + o_decided) ORDER BY r + o_decided, i) AS n
	FROM gc WHERE rs >= 8) x
LEFT JOIN gn ON gn.year = x.y AND gn.kind = x.k
WHERE x.i = gc.i;

-- The history (it gives each case its version and last change).
CREATE TEMP TABLE ge AS
SELECT gc.i, gc.id, e.ord, e.action, e.from_state, e.to_state,
    e.on_day + time '10:00' + e.ord * interval '1 minute' AS at,
    CASE e.actor WHEN 'leader' THEN gb.leader_id WHEN 'legal' THEN gb.legal_id
        WHEN 'head' THEN gb.head_id ELSE i1.id END AS actor_id,
    e.detail::jsonb AS detail
FROM gc JOIN go i1 ON i1.n = gc.inv1, gb, LATERAL (VALUES
    (1, 'create', 'proposed', 'proposed', r, 'inv1', '{}', true),
    (2, 'approve_filing', 'proposed', 'investigating', r + o_filed, 'leader',
        '{}', rs >= 1 AND state <> 'not_filed'),
    (2, 'reject_filing', 'proposed', 'not_filed', r + o_filed, 'leader',
        '{"reason":"违法事实不成立，不予立案"}', state = 'not_filed'),
    (3, 'submit_report', 'investigating', 'under_review', r + o_report,
        'inv1', '{"report_md":"调查终结，违法事实清楚，证据确凿。"}', rs >= 2),
    (4, 'notify', 'under_review', 'notified', r + o_notice, 'leader',
        json_build_object('proposed_fine_fen', fine, 'served_on',
        r + o_notice)::text, rs >= 3),
    (5, 'request_hearing', 'notified', 'hearing', r + o_hreq, 'inv1',
        json_build_object('requested_on', r + o_hreq)::text,
        hearing AND rs >= 4),
    (6, 'record_hearing', 'hearing', 'legal_review', r + o_hheld, 'legal',
        json_build_object('held_on', r + o_hheld, 'record_md',
        '当事人到场陈述申辩。')::text, hearing AND rs >= 5),
    (6, 'submit_legal_review', 'notified', 'legal_review', r + o_rights,
        'inv1', '{}', legal AND NOT hearing AND rs >= 5),
    (7, 'legal_approve', 'legal_review', CASE WHEN collective
        THEN 'collective_discussion' ELSE 'awaiting_decision' END,
        r + o_legal, 'legal', '{"opinion_md":"事实清楚，证据确凿，程序合法，同意。"}',
        legal AND rs >= 6),
    (8, 'record_discussion', 'collective_discussion', 'awaiting_decision',
        r + o_disc, 'head', json_build_object('held_on', r + o_disc,
        'record_md', '集体讨论同意处罚。')::text, legal AND collective AND rs >= 7),
    (9, 'decide', CASE WHEN legal THEN 'awaiting_decision' ELSE 'notified' END,
        'decided', r + o_decided, 'head', json_build_object('outcome', outcome,
        'fine_fen', fine_fen, 'decided_on', r + o_decided)::text, rs >= 8),
    (10, 'serve', 'decided', 'executing', r + o_served, 'inv1',
        json_build_object('served_on', r + o_served, 'method', 'direct')::text,
        rs >= 9),
    (11, 'record_payment', 'executing', 'executing', r + o_paid, 'inv1',
        json_build_object('amount_fen', fine_fen, 'paid_on', r + o_paid)::text,
        rs >= 10 AND outcome = 'penalty'),
    (11, 'record_payment', 'executing', 'executing', r + o_served + 3,
        'inv1', json_build_object('amount_fen', fine_fen * 3 / 10,
        'paid_on', r + o_served + 3)::text,
        state = 'executing' AND h4 % 3 = 0 AND r + o_served + 3 <= gb.today),
    (12, 'close', 'executing', 'closed', r + o_closed, 'head', '{}',
        rs >= 10),
    (13, 'archive', 'closed', 'archived', r + o_closed + 30 + h6 % 200,
        'legal', '{}', rs = 11),
    (14, 'revoke', (ARRAY['investigating', 'under_review', 'notified',
        'hearing', 'legal_review', 'collective_discussion',
        'awaiting_decision'])[greatest(rs, 1)], 'revoked',
        r + o_entry + h6 % 10, 'head', '{"reason":"违法主体认定错误"}',
        state = 'revoked')
    ) AS e(ord, action, from_state, to_state, on_day, actor, detail, applies)
WHERE e.applies;
CREATE INDEX ON ge (i);

UPDATE gc SET nevents = x.n, last_at = x.at FROM (SELECT i, count(*) AS n,
    max(at) AS at FROM ge WHERE action <> 'archive' GROUP BY i) x
WHERE x.i = gc.i;
ANALYZE gc;
ANALYZE ge;
ANALYZE go;

-------------------------------------------------------------------------
-- Written in batches of :batch cases, one transaction each.
-------------------------------------------------------------------------

CREATE FUNCTION pg_temp.write_cases(lo integer, hi integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
INSERT INTO case_file (id, bureau_id, case_no, entity_id, violation_type,
    party_kind, summary_md, discovered_on, received_on, squad_id,
    proposed_by, state, filing_decided_on, filed_on, report_md, reported_by,
    notice_served_on, proposed_fine_fen, rights_ended_on,
    hearing_requested_on, hearing_held_on, legal_reviewed_on,
    discussion_sent, discussion_held_on, outcome, fine_fen,
    no_penalty_reason, decided_on, decision_no, served_on, service_method,
    closed_on, close_basis, ended_on, published_on, created_at, updated_at,
    version)
SELECT gc.id, gb.bureau_id,
    CASE WHEN case_no_n IS NOT NULL THEN gb.doc_prefix || '立〔' ||
        extract(year FROM r + o_filed) || '〕' || case_no_n || '号' END,
    entity_id, violation_type, party,
    (ARRAY['废水总排口化学需氧量超标 **', '厂区雨水排口检出氨氮超标 **',
        '危险废物贮存场所未按规定设置，超标 **', '在线监测数据异常，实测超标 **'])
        [1 + h5 % 4] || (10 + h6 % 40) / 10.0 || ' 倍**。现场检查发现' ||
        '污染防治设施未正常运行，当事人未能提供运行记录。',
    r, r, i1.squad_id, i1.id,
    CASE WHEN state = 'archived' THEN 'closed' ELSE state END,
    CASE WHEN rs >= 1 OR state = 'not_filed' THEN r + o_filed END,
    CASE WHEN rs >= 1 AND state <> 'not_filed' THEN r + o_filed END,
    CASE WHEN rs >= 2 THEN '调查终结，违法事实清楚，证据确凿。' END,
    CASE WHEN rs >= 2 THEN i1.id END,
    CASE WHEN rs >= 3 THEN r + o_notice END,
    CASE WHEN rs >= 3 THEN fine END,
    CASE WHEN rs >= 5 AND legal THEN r + o_rights
        WHEN rs >= 8 THEN r + o_decided END,
    CASE WHEN hearing AND rs >= 4 THEN r + o_hreq END,
    CASE WHEN hearing AND rs >= 5 THEN r + o_hheld END,
    CASE WHEN legal AND rs >= 6 THEN r + o_legal END,
    legal AND collective AND rs >= 6,
    CASE WHEN legal AND collective AND rs >= 7 THEN r + o_disc END,
    outcome, gc.fine_fen,
    CASE WHEN outcome = 'no_penalty' THEN (ARRAY['minor', 'first_offence',
        'no_fault'])[1 + h1 % 3] END,
    CASE WHEN rs >= 8 THEN r + o_decided END,
    CASE WHEN rs >= 8 THEN gb.doc_prefix ||
        CASE WHEN outcome = 'penalty' THEN '罚' ELSE '不罚' END || '〔' ||
        extract(year FROM r + o_decided) || '〕' || decision_no_n || '号' END,
    CASE WHEN rs >= 9 THEN r + o_served END,
    CASE WHEN rs >= 9 THEN (ARRAY['direct', 'direct', 'mail', 'electronic',
        'agent'])[1 + h6 % 5] END,
    CASE WHEN rs >= 10 THEN r + o_closed END,
    CASE WHEN rs >= 10 THEN CASE WHEN outcome = 'penalty' THEN 'paid'
        ELSE 'nothing_to_execute' END END,
    CASE WHEN state = 'not_filed' THEN r + o_filed
        WHEN state = 'revoked' THEN r + o_entry + h6 % 10 END,
    CASE WHEN outcome = 'penalty' AND r + o_published <= gb.today
        THEN r + o_published END,
    r + time '09:00', last_at, nevents
FROM gc JOIN go i1 ON i1.n = gc.inv1, gb
WHERE gc.i BETWEEN lo AND hi;

INSERT INTO case_investigator (bureau_id, case_id, user_id)
SELECT gb.bureau_id, gc.id, go.id
FROM gc JOIN go ON go.n IN (gc.inv1, gc.inv2, gc.inv3), gb
WHERE gc.i BETWEEN lo AND hi;

INSERT INTO case_event (bureau_id, case_id, action, from_state, to_state,
    actor_id, actor_name, at, detail)
SELECT gb.bureau_id, ge.id, ge.action, ge.from_state, ge.to_state,
    ge.actor_id, u.display_name, ge.at, ge.detail
FROM ge JOIN app_user u ON u.id = ge.actor_id, gb
WHERE ge.i BETWEEN lo AND hi;

INSERT INTO case_suspension (bureau_id, case_id, kind, from_on, to_on,
    recorded_by)
SELECT gb.bureau_id, gc.id, 'hearing', r + o_hreq,
    CASE WHEN rs >= 5 THEN r + o_hheld END, gb.head_id
FROM gc, gb WHERE hearing AND rs >= 4 AND gc.i BETWEEN lo AND hi;

INSERT INTO case_payment (bureau_id, case_id, amount_fen, paid_on,
    recorded_by, created_at)
SELECT gb.bureau_id, ge.id, (ge.detail ->> 'amount_fen')::bigint,
    (ge.detail ->> 'paid_on')::date, ge.actor_id, ge.at
FROM ge, gb WHERE ge.action = 'record_payment' AND ge.i BETWEEN lo AND hi;

-- The documents of each step; numbered kinds carry the numbers above.
INSERT INTO case_document (bureau_id, case_id, kind, doc_no, issued_on,
    narrative_md, created_by, created_at)
SELECT gb.bureau_id, gc.id, d.kind, d.no, d.on_day, d.md, gb.head_id,
    d.on_day + time '11:00'
FROM gc, gb, LATERAL (VALUES
    ('filing_approval', gb.doc_prefix || '立〔' || extract(year FROM r + o_filed)
        || '〕' || case_no_n || '号', r + o_filed, '', case_no_n IS NOT NULL),
    ('penalty_notice', gb.doc_prefix || '告〔' || extract(year FROM r + o_notice)
        || '〕' || notice_no_n || '号', r + o_notice, '', rs >= 3),
    ('hearing_record', NULL, r + o_hheld, '当事人到场陈述申辩。',
        hearing AND rs >= 5),
    ('legal_review', NULL, r + o_legal, '事实清楚，证据确凿，程序合法，同意。',
        legal AND rs >= 6),
    ('discussion_record', NULL, r + o_disc, '集体讨论同意处罚。',
        legal AND collective AND rs >= 7),
    (CASE WHEN outcome = 'penalty' THEN 'penalty_decision'
        ELSE 'no_penalty_decision' END, gb.doc_prefix ||
        CASE WHEN outcome = 'penalty' THEN '罚' ELSE '不罚' END || '〔' ||
        extract(year FROM r + o_decided) || '〕' || decision_no_n || '号',
        r + o_decided, '', rs >= 8),
    ('service_receipt', NULL, r + o_served, '', rs >= 9),
    ('closure_approval', NULL, r + o_closed, '', rs >= 10)
    ) AS d(kind, no, on_day, md, applies)
WHERE d.applies AND gc.i BETWEEN lo AND hi;

-- The stored clocks as a transition would leave them (a revoked or
-- refused case keeps only the ones that were met).
INSERT INTO case_deadline (bureau_id, case_id, kind, working, party, due_on,
    effective_due_on, met_on)
SELECT gb.bureau_id, c.id, d.kind, d.working, d.party, d.due_on,
    d.eff, d.met
FROM gb, gc JOIN case_file c ON c.id = gc.id,
    LATERAL (SELECT CASE WHEN c.hearing_requested_on IS NULL THEN 0
        WHEN c.hearing_held_on IS NULL THEN NULL
        ELSE c.hearing_held_on - c.hearing_requested_on END AS susp,
        (SELECT min(p.paid_on) FROM case_payment p WHERE p.case_id = c.id
         HAVING sum(p.amount_fen) >= c.fine_fen) AS paid_on,
        pg_temp.wd(c.notice_served_on, 5) AS rights_due) x,
    LATERAL (VALUES
    ('filing_decision', false, false, c.received_on + 15, c.received_on + 15,
        c.filing_decided_on, true),
    ('statement', true, true, x.rights_due, x.rights_due,
        least(coalesce(c.rights_ended_on, CASE WHEN gb.today > x.rights_due
        THEN x.rights_due END), x.rights_due), c.notice_served_on IS NOT NULL),
    ('hearing_request', true, true, x.rights_due, x.rights_due,
        least(coalesce(c.rights_ended_on, CASE WHEN gb.today > x.rights_due
        THEN x.rights_due END), x.rights_due), c.notice_served_on IS NOT NULL),
    ('decision', false, false, c.filed_on + 90, c.filed_on + 90 + x.susp,
        c.decided_on, c.filed_on IS NOT NULL),
    ('service', true, false, pg_temp.wd(c.decided_on, 7),
        pg_temp.wd(c.decided_on, 7), c.served_on, c.decided_on IS NOT NULL),
    ('disclosure', true, false, pg_temp.wd(c.decided_on, 7),
        pg_temp.wd(c.decided_on, 7), c.published_on, c.outcome = 'penalty'),
    ('payment', false, false, c.served_on + 15, c.served_on + 15, x.paid_on,
        c.served_on IS NOT NULL AND c.fine_fen > 0)
    ) AS d(kind, working, party, due_on, eff, met, applies)
WHERE d.applies AND (d.met IS NOT NULL OR c.state NOT IN ('revoked',
    'not_filed')) AND gc.i BETWEEN lo AND hi;

-- Each case's next deadline, as CASE_UPDATE keeps it (before archiving,
-- which freezes the row).
UPDATE case_file c SET next_due_on = m.due
FROM (SELECT d.case_id, min(d.effective_due_on) AS due
    FROM case_deadline d JOIN gc ON gc.id = d.case_id
    WHERE gc.i BETWEEN lo AND hi AND d.met_on IS NULL AND NOT d.party
    GROUP BY d.case_id) m
WHERE c.id = m.case_id;

-- Archived last: from here on nothing of theirs may change.
UPDATE case_file c SET state = 'archived', version = c.version + 1,
    updated_at = ge.at
FROM ge WHERE ge.id = c.id AND ge.action = 'archive'
    AND ge.i BETWEEN lo AND hi;
END $$;

SELECT count(*) AS audit_before FROM audit_log \gset
SELECT clock_timestamp() AS t0 \gset
\o /dev/null
SELECT format('BEGIN; SELECT pg_temp.write_cases(%s, %s); COMMIT;', lo,
    lo + :batch - 1)
FROM generate_series(1, :cases, :batch) AS lo \gexec
\o
SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1) AS write_s,
    count(*) - :audit_before AS audit_records
FROM audit_log \gset

-- Numbers issued so far: the next one the application takes follows on.
INSERT INTO doc_counter (bureau_id, year, kind, last)
SELECT gb.bureau_id, extract(year FROM d.issued_on)::int, d.kind,
    max(substring(d.doc_no FROM '〕([0-9]+)号$')::bigint)
FROM case_document d, gb
WHERE d.bureau_id = gb.bureau_id AND d.doc_no IS NOT NULL
GROUP BY 1, 2, 3
ON CONFLICT (bureau_id, year, kind) DO UPDATE
SET last = greatest(doc_counter.last, excluded.last);

\echo 'cases.sql:' :cases 'cases written in' :write_s 's with' :audit_records 'audit records'
