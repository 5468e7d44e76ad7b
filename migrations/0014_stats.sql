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

CREATE INDEX case_file_filed ON case_file (bureau_id, filed_on)
    WHERE filed_on IS NOT NULL;
CREATE INDEX case_file_ended ON case_file (bureau_id, ended_on)
    WHERE ended_on IS NOT NULL;
CREATE INDEX case_file_closed ON case_file (bureau_id, closed_on)
    WHERE closed_on IS NOT NULL;
CREATE INDEX case_file_decided ON case_file (bureau_id, decided_on)
    WHERE decided_on IS NOT NULL;
CREATE INDEX clue_received ON clue (bureau_id, received_on);
CREATE INDEX case_measure_decided ON case_measure (bureau_id, decided_on)
    WHERE decided_on IS NOT NULL;
CREATE INDEX case_measure_transferred ON case_measure (bureau_id,
    ((transferred_at AT TIME ZONE 'Asia/Shanghai')::date))
    WHERE transferred_at IS NOT NULL;
CREATE INDEX measure_round_decided ON measure_round (bureau_id, decided_on)
    WHERE decided_on IS NOT NULL;
CREATE INDEX case_deadline_due ON case_deadline (bureau_id, effective_due_on)
    WHERE NOT party;
CREATE INDEX inspection_draw_day ON inspection (bureau_id, inspected_on)
    WHERE draw_id IS NOT NULL;

-- The group a row falls in: a plain expression that the planner inlines
-- into each query, so that the clue's source (a subquery) is looked up
-- only when the statistics are grouped by it.
CREATE FUNCTION gs_stats_key(p_group text, p_day date, p_squad uuid,
    p_township text, p_industry text, p_source text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
	SELECT CASE p_group
	    WHEN 'month' THEN to_char(p_day, 'YYYY-MM')
	    WHEN 'squad' THEN coalesce(p_squad::text, '')
	    WHEN 'township' THEN coalesce(p_township, '')
	    WHEN 'industry' THEN coalesce(p_industry, '')
	    WHEN 'source' THEN coalesce(p_source, '')
	    ELSE '' END
$$;

CREATE FUNCTION gs_stats_penalties(p_bureau uuid, p_from date, p_to date,
    p_group text, p_today date)
RETURNS TABLE (k text, figure text, n bigint)
LANGUAGE sql STABLE AS $$
WITH filed AS (
	SELECT gs_stats_key(p_group, c.filed_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k
	FROM case_file c JOIN entity e ON e.id = c.entity_id
	WHERE c.bureau_id = p_bureau AND c.filed_on BETWEEN p_from AND p_to
), ended AS (
	SELECT gs_stats_key(p_group, c.ended_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k,
	    c.state
	FROM case_file c JOIN entity e ON e.id = c.entity_id
	WHERE c.bureau_id = p_bureau AND c.ended_on BETWEEN p_from AND p_to
	    AND c.state IN ('not_filed', 'revoked')
), closed AS (
	SELECT gs_stats_key(p_group, c.closed_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k
	FROM case_file c JOIN entity e ON e.id = c.entity_id
	WHERE c.bureau_id = p_bureau AND c.closed_on BETWEEN p_from AND p_to
), decided AS (
	SELECT gs_stats_key(p_group, c.decided_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k,
	    c.outcome, c.fine_fen, c.no_penalty_reason, c.state,
	    c.hearing_held_on, c.legal_reviewed_on, c.discussion_held_on,
	    CASE WHEN c.outcome = 'penalty' THEN coalesce((SELECT sum(p.amount_fen)
	        FROM case_payment p WHERE p.case_id = c.id), 0) END AS paid
	FROM case_file c JOIN entity e ON e.id = c.entity_id
	WHERE c.bureau_id = p_bureau AND c.decided_on BETWEEN p_from AND p_to
), overdue AS (
	SELECT gs_stats_key(p_group, d.effective_due_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k,
	    d.case_id
	FROM case_deadline d JOIN case_file c ON c.id = d.case_id
	JOIN entity e ON e.id = c.entity_id
	WHERE d.bureau_id = p_bureau AND NOT d.party
	    AND d.effective_due_on BETWEEN p_from AND p_to
	    AND ((d.met_on IS NULL AND d.effective_due_on < p_today)
	        OR d.met_on > d.effective_due_on)
), measures AS (
	SELECT gs_stats_key(p_group, m.decided_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k,
	    m.case_id, m.kind
	FROM case_measure m JOIN case_file c ON c.id = m.case_id
	JOIN entity e ON e.id = c.entity_id
	WHERE m.bureau_id = p_bureau AND m.decided_on BETWEEN p_from AND p_to
	    AND m.kind IN ('seizure', 'production_limit',
	    'production_suspension') AND m.state NOT IN ('proposed', 'refused')
), rounds AS (
	SELECT gs_stats_key(p_group, r.decided_on, c.squad_id, e.township,
	    e.industry, (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k,
	    m.case_id, r.amount_fen
	FROM measure_round r JOIN case_measure m ON m.id = r.measure_id
	JOIN case_file c ON c.id = m.case_id JOIN entity e ON e.id = c.entity_id
	WHERE r.bureau_id = p_bureau AND r.decided_on BETWEEN p_from AND p_to
), transfers AS (
	SELECT gs_stats_key(p_group,
	    (m.transferred_at AT TIME ZONE 'Asia/Shanghai')::date, c.squad_id,
	    e.township, e.industry,
	    (SELECT s.source FROM clue s WHERE s.id = c.clue_id)) AS k,
	    m.case_id, m.kind, m.persons_detained, m.persons_coercive
	FROM case_measure m JOIN case_file c ON c.id = m.case_id
	JOIN entity e ON e.id = c.entity_id
	WHERE m.bureau_id = p_bureau AND m.transferred_at IS NOT NULL
	    AND (m.transferred_at AT TIME ZONE 'Asia/Shanghai')::date
	    BETWEEN p_from AND p_to
), clues AS (
	SELECT gs_stats_key(p_group, l.received_on, l.squad_id, e.township,
	    e.industry, l.source) AS k, l.source
	FROM clue l LEFT JOIN entity e ON e.id = l.entity_id
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

GRANT EXECUTE ON FUNCTION gs_stats_key(text, date, uuid, text, text, text),
    gs_stats_penalties(uuid, date, date, text, date) TO gs_app;
