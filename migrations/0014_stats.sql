-- 0014_stats.sql — the penalty statistics (domain.md section 8, shared
-- api.md "Statistics"), computed from the case data itself on every
-- request: no counter that could drift from the cases.
--
-- gs_stats_penalties() answers every figure for one date range, per group
-- and in total, as rows (k, figure, n): k is the group's key, NULL for the
-- total of the whole range. Each figure counts by its own date: filings
-- by filing date; not-filed and revoked cases by the day of that step;
-- closed cases by closing date; decisions, fines, payments on them and
-- the hearings, legal reviews and collective discussions of decided cases
-- by decision date; a measure kind by the measure's decision date (a
-- daily penalty by its rounds' decision dates); transfers and their
-- persons by transfer date (Asia/Shanghai); clues by received date;
-- double-random inspections by inspection date; overdue cases by the due
-- date of the clock they missed. A case counts once per measure kind in a
-- group and once in the total, which is therefore not the sum of the
-- months. Sums of kinds (the supporting-measure total), averages and the
-- year-on-year change are core/stats.c's.
--
-- Each figure reads its own rows through an index on its own date, so a
-- year of a large bureau costs what the year holds, not what the bureau
-- ever held (`make bench`: 1,000,000 cases).

-- Each index carries what its part reads (the group's columns and the
-- figure's; a payment's bureau too, which row-level security checks on
-- every payment looked up), so that a year of a large bureau is read from
-- the indexes alone (an index-only scan once autovacuum has marked the
-- pages): the heap pages of 100,000 cases spread over ten years' table
-- were most of the time.
CREATE INDEX case_file_filed ON case_file (bureau_id, filed_on)
    INCLUDE (squad_id, entity_id, clue_id) WHERE filed_on IS NOT NULL;
CREATE INDEX case_file_ended ON case_file (bureau_id, ended_on)
    INCLUDE (state, squad_id, entity_id, clue_id) WHERE ended_on IS NOT NULL;
CREATE INDEX case_file_closed ON case_file (bureau_id, closed_on)
    INCLUDE (squad_id, entity_id, clue_id) WHERE closed_on IS NOT NULL;
CREATE INDEX case_file_decided ON case_file (bureau_id, decided_on)
    INCLUDE (id, outcome, fine_fen, no_penalty_reason, state,
    hearing_held_on, legal_reviewed_on, discussion_held_on, squad_id,
    entity_id, clue_id) WHERE decided_on IS NOT NULL;
DROP INDEX case_payment_case;
CREATE INDEX case_payment_case ON case_payment (case_id)
    INCLUDE (bureau_id, amount_fen);
CREATE INDEX clue_received ON clue (bureau_id, received_on)
    INCLUDE (source, squad_id, entity_id);
CREATE INDEX case_measure_decided ON case_measure (bureau_id, decided_on)
    INCLUDE (case_id, kind, state) WHERE decided_on IS NOT NULL;
CREATE INDEX case_measure_transferred ON case_measure (bureau_id,
    ((transferred_at AT TIME ZONE 'Asia/Shanghai')::date))
    INCLUDE (case_id, kind, persons_detained, persons_coercive)
    WHERE transferred_at IS NOT NULL;
CREATE INDEX measure_round_decided ON measure_round (bureau_id, decided_on)
    INCLUDE (measure_id, amount_fen) WHERE decided_on IS NOT NULL;
CREATE INDEX case_deadline_due ON case_deadline (bureau_id, effective_due_on)
    INCLUDE (case_id, met_on) WHERE NOT party;
CREATE INDEX inspection_draw_day ON inspection (bureau_id, inspected_on)
    INCLUDE (outcome) WHERE draw_id IS NOT NULL;

-- The group a row falls in is written out in each part below, not called:
-- a function over a subquery argument is not inlined, so the clue's source
-- (a lookup) would be fetched for every row whatever the grouping; written
-- out, CASE looks up the entity or the clue only for the grouping that
-- needs it, and a month needs nothing but the row.
CREATE FUNCTION gs_stats_penalties(p_bureau uuid, p_from date, p_to date,
    p_group text, p_today date)
RETURNS TABLE (k text, figure text, n bigint)
LANGUAGE sql STABLE AS $$
WITH filed AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(c.filed_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k
	FROM case_file c
	WHERE c.bureau_id = p_bureau AND c.filed_on BETWEEN p_from AND p_to
), ended AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(c.ended_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k, c.state
	FROM case_file c
	WHERE c.bureau_id = p_bureau AND c.ended_on BETWEEN p_from AND p_to
	    AND c.state IN ('not_filed', 'revoked')
), closed AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(c.closed_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k
	FROM case_file c
	WHERE c.bureau_id = p_bureau AND c.closed_on BETWEEN p_from AND p_to
), decided AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(c.decided_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k,
	    c.outcome, c.fine_fen, c.no_penalty_reason, c.state,
	    c.hearing_held_on, c.legal_reviewed_on, c.discussion_held_on,
	    CASE WHEN c.outcome = 'penalty' THEN coalesce((SELECT sum(p.amount_fen)
	        FROM case_payment p WHERE p.case_id = c.id), 0) END AS paid
	FROM case_file c
	WHERE c.bureau_id = p_bureau AND c.decided_on BETWEEN p_from AND p_to
), overdue AS (
	-- A clock's case is looked up only when the grouping needs it.
	SELECT CASE p_group WHEN 'month' THEN to_char(d.effective_due_on, 'YYYY-MM')
	    WHEN 'squad' THEN (SELECT coalesce(c.squad_id::text, '')
	        FROM case_file c WHERE c.id = d.case_id)
	    WHEN 'township' THEN (SELECT coalesce(e.township, '')
	        FROM case_file c JOIN entity e ON e.id = c.entity_id
	        WHERE c.id = d.case_id)
	    WHEN 'industry' THEN (SELECT coalesce(e.industry, '')
	        FROM case_file c JOIN entity e ON e.id = c.entity_id
	        WHERE c.id = d.case_id)
	    WHEN 'source' THEN (SELECT coalesce(s.source, '')
	        FROM case_file c LEFT JOIN clue s ON s.id = c.clue_id
	        WHERE c.id = d.case_id)
	    ELSE '' END AS k, d.case_id
	FROM case_deadline d
	WHERE d.bureau_id = p_bureau AND NOT d.party
	    AND d.effective_due_on BETWEEN p_from AND p_to
	    AND ((d.met_on IS NULL AND d.effective_due_on < p_today)
	        OR d.met_on > d.effective_due_on)
), measures AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(m.decided_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k, m.case_id, m.kind
	FROM case_measure m JOIN case_file c ON c.id = m.case_id
	WHERE m.bureau_id = p_bureau AND m.decided_on BETWEEN p_from AND p_to
	    AND m.kind IN ('seizure', 'production_limit',
	    'production_suspension') AND m.state NOT IN ('proposed', 'refused')
), rounds AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(r.decided_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k, m.case_id, r.amount_fen
	FROM measure_round r JOIN case_measure m ON m.id = r.measure_id
	JOIN case_file c ON c.id = m.case_id
	WHERE r.bureau_id = p_bureau AND r.decided_on BETWEEN p_from AND p_to
), transfers AS (
	SELECT CASE p_group WHEN 'month' THEN to_char((m.transferred_at AT TIME ZONE 'Asia/Shanghai')::date, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(c.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = c.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = c.clue_id), '')
	    ELSE '' END AS k,
	    m.case_id, m.kind, m.persons_detained, m.persons_coercive
	FROM case_measure m JOIN case_file c ON c.id = m.case_id
	WHERE m.bureau_id = p_bureau AND m.transferred_at IS NOT NULL
	    AND (m.transferred_at AT TIME ZONE 'Asia/Shanghai')::date
	    BETWEEN p_from AND p_to
), clues AS (
	SELECT CASE p_group WHEN 'month' THEN to_char(l.received_on, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(l.squad_id::text, '')
	    WHEN 'township' THEN coalesce((SELECT e.township FROM entity e
	        WHERE e.id = l.entity_id), '')
	    WHEN 'industry' THEN coalesce((SELECT e.industry FROM entity e
	        WHERE e.id = l.entity_id), '')
	    WHEN 'source' THEN coalesce((SELECT s.source FROM clue s
	        WHERE s.id = l.id), '')
	    ELSE '' END AS k, l.source
	FROM clue l
	WHERE l.bureau_id = p_bureau AND l.received_on BETWEEN p_from AND p_to
), draws AS (
	SELECT count(*) AS inspected,
	    count(*) FILTER (WHERE i.outcome <> 'compliant') AS problems
	FROM inspection i
	WHERE i.bureau_id = p_bureau AND i.draw_id IS NOT NULL
	    AND i.inspected_on BETWEEN p_from AND p_to
), grades AS (
	SELECT g.credit_grade, count(*) AS n FROM entity g
	WHERE g.bureau_id = p_bureau AND g.status = 'active'
	    AND g.credit_grade IS NOT NULL GROUP BY g.credit_grade
)
SELECT a.k, 'cases_filed', count(*) FROM filed a
GROUP BY GROUPING SETS ((a.k), ())
UNION ALL
SELECT a.k, v.f, v.n FROM (SELECT k,
	count(*) FILTER (WHERE state = 'not_filed') AS not_filed,
	count(*) FILTER (WHERE state = 'revoked') AS revoked
	FROM ended GROUP BY GROUPING SETS ((k), ())) a
CROSS JOIN LATERAL (VALUES ('cases_not_filed', a.not_filed),
	('cases_revoked', a.revoked)) v(f, n)
UNION ALL
SELECT a.k, 'cases_closed', count(*) FROM closed a
GROUP BY GROUPING SETS ((a.k), ())
UNION ALL
SELECT a.k, 'cases_overdue', count(DISTINCT a.case_id) FROM overdue a
GROUP BY GROUPING SETS ((a.k), ())
UNION ALL
SELECT a.k, v.f, v.n FROM (SELECT k,
	count(*) FILTER (WHERE outcome = 'penalty') AS penalties,
	coalesce(sum(fine_fen) FILTER (WHERE outcome = 'penalty'), 0) AS fines,
	count(*) FILTER (WHERE outcome = 'no_penalty') AS no_penalties,
	count(*) FILTER (WHERE no_penalty_reason = 'minor') AS minor,
	count(*) FILTER (WHERE no_penalty_reason = 'first_offence') AS first,
	count(*) FILTER (WHERE no_penalty_reason = 'no_fault') AS no_fault,
	count(*) FILTER (WHERE no_penalty_reason = 'not_established') AS nest,
	count(*) FILTER (WHERE outcome = 'judicial_transfer') AS judicial,
	count(*) FILTER (WHERE hearing_held_on IS NOT NULL) AS hearings,
	count(*) FILTER (WHERE legal_reviewed_on IS NOT NULL) AS reviews,
	count(*) FILTER (WHERE discussion_held_on IS NOT NULL) AS discussions,
	coalesce(sum(paid), 0) AS paid,
	coalesce(sum(greatest(paid - fine_fen, 0)), 0) AS surcharge,
	coalesce(sum(greatest(fine_fen - paid, 0))
	    FILTER (WHERE state <> 'revoked'), 0) AS outstanding
	FROM decided GROUP BY GROUPING SETS ((k), ())) a
CROSS JOIN LATERAL (VALUES ('penalty_decisions', a.penalties),
	('fines_fen', a.fines), ('no_penalty_decisions', a.no_penalties),
	('no_penalty.minor', a.minor), ('no_penalty.first_offence', a.first),
	('no_penalty.no_fault', a.no_fault),
	('no_penalty.not_established', a.nest),
	('judicial_transfers', a.judicial), ('hearings', a.hearings),
	('legal_reviews', a.reviews), ('collective_discussions', a.discussions),
	('paid_fen', a.paid), ('surcharge_paid_fen', a.surcharge),
	('outstanding_fen', a.outstanding)) v(f, n)
UNION ALL
SELECT a.k, v.f, v.n FROM (SELECT k,
	count(DISTINCT case_id) FILTER (WHERE kind = 'seizure') AS seizures,
	count(DISTINCT case_id) FILTER (WHERE kind <> 'seizure') AS limits
	FROM measures GROUP BY GROUPING SETS ((k), ())) a
CROSS JOIN LATERAL (VALUES ('seizure_cases', a.seizures),
	('production_limit_cases', a.limits)) v(f, n)
UNION ALL
SELECT a.k, v.f, v.n FROM (SELECT k, count(DISTINCT case_id) AS cases,
	coalesce(sum(amount_fen), 0) AS amount
	FROM rounds GROUP BY GROUPING SETS ((k), ())) a
CROSS JOIN LATERAL (VALUES ('daily_penalty_cases', a.cases),
	('daily_penalty_fines_fen', a.amount)) v(f, n)
UNION ALL
SELECT a.k, v.f, v.n FROM (SELECT k,
	count(DISTINCT case_id) FILTER (WHERE kind = 'detention_transfer')
	    AS detention,
	count(DISTINCT case_id) FILTER (WHERE kind = 'criminal_transfer')
	    AS criminal,
	coalesce(sum(persons_detained) FILTER (WHERE kind =
	    'detention_transfer'), 0) AS detained,
	coalesce(sum(persons_coercive) FILTER (WHERE kind =
	    'criminal_transfer'), 0) AS coercive
	FROM transfers GROUP BY GROUPING SETS ((k), ())) a
CROSS JOIN LATERAL (VALUES ('detention_transfer_cases', a.detention),
	('criminal_transfer_cases', a.criminal),
	('persons_detained', a.detained),
	('persons_coercive', a.coercive)) v(f, n)
UNION ALL
SELECT a.k, 'clues.' || a.source, count(*) FROM clues a
GROUP BY GROUPING SETS ((a.k, a.source), (a.source))
UNION ALL
SELECT NULL, v.f, v.n FROM draws a
CROSS JOIN LATERAL (VALUES ('double_random_inspections', a.inspected),
	('double_random_problems', a.problems)) v(f, n)
UNION ALL
SELECT NULL, 'credit.' || g.credit_grade, g.n FROM grades g
$$;

GRANT EXECUTE ON FUNCTION gs_stats_penalties(uuid, date, date, text, date)
    TO gs_app;
