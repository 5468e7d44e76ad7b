-- stats_hand.sql — the statistics of issue 4 written by hand, straight
-- from the tables: what `GET /api/v1/stats/penalties?from=&to=&group_by=month`
-- must answer, computed by one query for the range and for the year
-- before it (the answer's "previous"), so that the page can be timed
-- against plain SQL doing the same work on the same data in the same run
-- (`make bench`, target: the page within 3 x this query's time).
-- Written from the figure definitions alone, independently of the
-- application's own SQL.
--
--   psql -v bureau=statsbench -v from=2026-01-01 -v to=2026-12-31 \
--       -v prev_from=2025-01-01 -v prev_to=2025-12-31 -f stats_hand.sql
--
-- One row per period ('current', 'previous') and month ('YYYY-MM'), and
-- one per period with month empty: the period's totals. Column names are
-- the API's totals; the two maps are flattened as
-- no_penalty_by_reason.<reason> and clues_by_source.<source>.
--
-- Every figure counts in the month of its own date, `from` and `to`
-- inclusive:
--   cases_filed                filed_on
--   cases_not_filed / _revoked state not_filed / revoked, by ended_on
--   cases_closed               closed_on
--   cases_overdue              distinct cases with a clock of the bureau's
--                              (not the party's) due in the range
--                              (effective_due_on) and met late, or unmet
--                              and past due today
--   penalty_decisions, fines_fen   outcome penalty, by decided_on
--   no_penalty_decisions (and per reason)   outcome no_penalty, decided_on
--   hearings, legal_reviews, collective_discussions   decided cases (any
--                              outcome) with the step's day, by decided_on
--   paid_fen, surcharge_paid_fen, outstanding_fen   the penalty decisions
--                              of the month: all their payments; what was
--                              paid above the fine; what is still owed
--                              (revoked cases owe nothing)
--   daily_penalty_cases, daily_penalty_fines_fen   distinct cases with a
--                              round decided in the range (decided_on),
--                              and those rounds' amounts
--   seizure_cases              distinct cases with a seizure decided in the
--                              range, not proposed or refused
--   production_limit_cases     the same, limits and suspensions together
--   detention_transfer_cases, persons_detained   distinct cases with a
--                              detention transfer on a day of the range
--                              (transferred_at, Beijing time); the
--                              transfers' persons
--   criminal_transfer_cases, persons_coercive   likewise
--   supporting_measure_cases   the sum of the five case counts above
--   clues_by_source            clues received (received_on)
--   double_random_inspections, double_random_problems   inspections of a
--                              draw (draw_id) on inspected_on; those not
--                              compliant
-- "Distinct" is within each month for the month rows and within the whole
-- period for its totals: a case with seizures in March and May counts in
-- both months and once in the period.
\set ON_ERROR_STOP 1
\if :{?bureau}
\else
\set bureau statsbench
\endif
\if :{?from}
\else
\set from 2026-01-01
\endif
\if :{?to}
\else
\set to 2026-12-31
\endif
\if :{?prev_from}
\else
\set prev_from 2025-01-01
\endif
\if :{?prev_to}
\else
\set prev_to 2025-12-31
\endif

WITH period (period, lo, hi) AS (
	VALUES ('current', DATE :'from', DATE :'to'),
	       ('previous', DATE :'prev_from', DATE :'prev_to')
), span AS (
	SELECT b.id AS bureau_id, min(p.lo) AS lo, max(p.hi) AS hi
	FROM bureau b, period p WHERE b.code = :'bureau' GROUP BY b.id
), cs AS MATERIALIZED (
	-- the cases with any of their own days in either period
	SELECT c.id, c.state, c.filed_on, c.ended_on, c.closed_on, c.decided_on,
	    c.outcome, c.fine_fen, c.no_penalty_reason,
	    c.hearing_held_on IS NOT NULL AS hearing,
	    c.legal_reviewed_on IS NOT NULL AS legal,
	    c.discussion_held_on IS NOT NULL AS discussion
	FROM case_file c, span s
	WHERE c.bureau_id = s.bureau_id
	  AND (c.filed_on BETWEEN s.lo AND s.hi
	    OR c.ended_on BETWEEN s.lo AND s.hi
	    OR c.closed_on BETWEEN s.lo AND s.hi
	    OR c.decided_on BETWEEN s.lo AND s.hi)
), paid AS (
	-- each penalty decision of the span with all it has been paid
	SELECT cs.id, cs.decided_on, cs.fine_fen, cs.state,
	    coalesce(sum(p.amount_fen), 0) AS paid
	FROM cs JOIN span s ON cs.decided_on BETWEEN s.lo AND s.hi
	    LEFT JOIN case_payment p ON p.case_id = cs.id
	        AND p.bureau_id = s.bureau_id
	WHERE cs.outcome = 'penalty'
	GROUP BY cs.id, cs.decided_on, cs.fine_fen, cs.state
), cd AS (
	-- the cases counted by each of their days at once: one group per
	-- filing day, per ending (not filed, revoked) and day, per closing
	-- day, per decision day, outcome and reason
	SELECT filed_on, end_state, ended_on, closed_on, decided_on, outcome,
	    no_penalty_reason,
	    GROUPING(filed_on) = 0 AS by_filed, GROUPING(ended_on) = 0 AS by_ended,
	    GROUPING(closed_on) = 0 AS by_closed,
	    GROUPING(decided_on) = 0 AS by_decided,
	    count(*) AS n, sum(fine_fen) AS fines,
	    count(*) FILTER (WHERE hearing) AS hearings,
	    count(*) FILTER (WHERE legal) AS legal_reviews,
	    count(*) FILTER (WHERE discussion) AS discussions
	FROM (SELECT cs.*, CASE WHEN state IN ('not_filed', 'revoked')
	    THEN state END AS end_state FROM cs) c
	GROUP BY GROUPING SETS ((filed_on), (end_state, ended_on), (closed_on),
	    (decided_on, outcome, no_penalty_reason))
), daily (day, fig, n, amount) AS (
	-- the figures that add up, per day: (day, figure, count, amount)
	SELECT v.day, v.fig, v.n, v.amount
	FROM cd, span s, LATERAL (VALUES
	    (CASE WHEN by_filed THEN filed_on END, 'cases_filed', n,
	        NULL::numeric),
	    (CASE WHEN by_ended AND end_state IS NOT NULL THEN ended_on END,
	        'cases_' || end_state, n, NULL),
	    (CASE WHEN by_closed THEN closed_on END, 'cases_closed', n, NULL),
	    (CASE WHEN by_decided AND outcome = 'penalty' THEN decided_on END,
	        'penalty', n, fines),
	    (CASE WHEN by_decided AND outcome = 'no_penalty' THEN decided_on END,
	        'no_penalty.' || no_penalty_reason, n, NULL),
	    (CASE WHEN by_decided THEN decided_on END, 'hearing', hearings, NULL),
	    (CASE WHEN by_decided THEN decided_on END, 'legal_review',
	        legal_reviews, NULL),
	    (CASE WHEN by_decided THEN decided_on END, 'discussion', discussions,
	        NULL)
	    ) AS v (day, fig, n, amount)
	WHERE v.day BETWEEN s.lo AND s.hi
	UNION ALL
	SELECT d.day, v.fig, d.n, v.amount
	FROM (SELECT decided_on AS day, count(*) AS n, sum(paid) AS paid,
	        sum(greatest(paid - fine_fen, 0)) AS surcharge,
	        sum(CASE WHEN state <> 'revoked'
	            THEN greatest(fine_fen - paid, 0) ELSE 0 END) AS outstanding
	    FROM paid GROUP BY decided_on) d,
	    LATERAL (VALUES ('paid', d.paid), ('surcharge_paid', d.surcharge),
	        ('outstanding', d.outstanding)) AS v (fig, amount)
	UNION ALL
	SELECT l.received_on, 'clue.' || l.source, count(*), NULL
	FROM clue l, span s
	WHERE l.bureau_id = s.bureau_id AND l.received_on BETWEEN s.lo AND s.hi
	GROUP BY l.received_on, l.source
	UNION ALL
	SELECT i.inspected_on, CASE WHEN i.outcome = 'compliant' THEN 'draw'
	    ELSE 'draw_problem' END, count(*), NULL
	FROM inspection i, span s
	WHERE i.bureau_id = s.bureau_id AND i.draw_id IS NOT NULL
	  AND i.inspected_on BETWEEN s.lo AND s.hi
	GROUP BY 1, 2
), distinct_ev (day, fig, case_id, amount) AS (
	-- the figures that count cases once: (day, figure, case, amount)
	SELECT d.effective_due_on, 'overdue', d.case_id, NULL::bigint
	FROM case_deadline d, span s
	WHERE d.bureau_id = s.bureau_id AND NOT d.party
	  AND d.effective_due_on BETWEEN s.lo AND s.hi
	  AND ((d.met_on IS NULL AND d.effective_due_on < current_date)
	    OR d.met_on > d.effective_due_on)
	UNION ALL
	SELECT r.decided_on, 'daily_penalty', m.case_id, r.amount_fen
	FROM measure_round r JOIN case_measure m ON m.id = r.measure_id, span s
	WHERE r.bureau_id = s.bureau_id AND m.bureau_id = s.bureau_id
	  AND r.decided_on BETWEEN s.lo AND s.hi
	UNION ALL
	SELECT m.decided_on, CASE m.kind WHEN 'seizure' THEN 'seizure'
	    ELSE 'production_limit' END, m.case_id, NULL
	FROM case_measure m, span s
	WHERE m.bureau_id = s.bureau_id
	  AND m.kind IN ('seizure', 'production_limit', 'production_suspension')
	  AND m.state NOT IN ('proposed', 'refused')
	  AND m.decided_on BETWEEN s.lo AND s.hi
	UNION ALL
	SELECT (m.transferred_at AT TIME ZONE 'Asia/Shanghai')::date, m.kind,
	    m.case_id, CASE m.kind WHEN 'detention_transfer'
	    THEN m.persons_detained ELSE m.persons_coercive END
	FROM case_measure m, span s
	WHERE m.bureau_id = s.bureau_id
	  AND m.kind IN ('detention_transfer', 'criminal_transfer')
	  AND (m.transferred_at AT TIME ZONE 'Asia/Shanghai')::date
	      BETWEEN s.lo AND s.hi
), figures (period, month, fig, n, amount) AS (
	-- per period and month, and per period (month NULL)
	SELECT p.period, to_char(d.day, 'YYYY-MM'), d.fig, sum(d.n),
	    sum(d.amount)
	FROM daily d JOIN period p ON d.day BETWEEN p.lo AND p.hi
	GROUP BY GROUPING SETS ((p.period, to_char(d.day, 'YYYY-MM'), d.fig),
	    (p.period, d.fig))
	UNION ALL
	SELECT p.period, to_char(e.day, 'YYYY-MM'), e.fig,
	    count(DISTINCT e.case_id), sum(e.amount)
	FROM distinct_ev e JOIN period p ON e.day BETWEEN p.lo AND p.hi
	GROUP BY GROUPING SETS ((p.period, to_char(e.day, 'YYYY-MM'), e.fig),
	    (p.period, e.fig))
), agg AS (
	SELECT period, coalesce(month, '') AS month,
	    coalesce(sum(n) FILTER (WHERE fig = 'cases_filed'), 0) AS cases_filed,
	    coalesce(sum(n) FILTER (WHERE fig = 'cases_not_filed'), 0) AS cases_not_filed,
	    coalesce(sum(n) FILTER (WHERE fig = 'cases_revoked'), 0) AS cases_revoked,
	    coalesce(sum(n) FILTER (WHERE fig = 'cases_closed'), 0) AS cases_closed,
	    coalesce(sum(n) FILTER (WHERE fig = 'overdue'), 0) AS cases_overdue,
	    coalesce(sum(n) FILTER (WHERE fig = 'penalty'), 0) AS penalty_decisions,
	    coalesce(sum(amount) FILTER (WHERE fig = 'penalty'), 0) AS fines_fen,
	    coalesce(sum(n) FILTER (WHERE fig LIKE 'no\_penalty.%'), 0)
	        AS no_penalty_decisions,
	    coalesce(sum(n) FILTER (WHERE fig = 'no_penalty.minor'), 0) AS np_minor,
	    coalesce(sum(n) FILTER (WHERE fig = 'no_penalty.first_offence'), 0)
	        AS np_first_offence,
	    coalesce(sum(n) FILTER (WHERE fig = 'no_penalty.no_fault'), 0)
	        AS np_no_fault,
	    coalesce(sum(n) FILTER (WHERE fig = 'no_penalty.not_established'), 0)
	        AS np_not_established,
	    coalesce(sum(n) FILTER (WHERE fig = 'hearing'), 0) AS hearings,
	    coalesce(sum(n) FILTER (WHERE fig = 'legal_review'), 0) AS legal_reviews,
	    coalesce(sum(n) FILTER (WHERE fig = 'discussion'), 0)
	        AS collective_discussions,
	    coalesce(sum(amount) FILTER (WHERE fig = 'paid'), 0) AS paid_fen,
	    coalesce(sum(amount) FILTER (WHERE fig = 'surcharge_paid'), 0)
	        AS surcharge_paid_fen,
	    coalesce(sum(amount) FILTER (WHERE fig = 'outstanding'), 0)
	        AS outstanding_fen,
	    coalesce(sum(n) FILTER (WHERE fig = 'daily_penalty'), 0)
	        AS daily_penalty_cases,
	    coalesce(sum(amount) FILTER (WHERE fig = 'daily_penalty'), 0)
	        AS daily_penalty_fines_fen,
	    coalesce(sum(n) FILTER (WHERE fig = 'seizure'), 0) AS seizure_cases,
	    coalesce(sum(n) FILTER (WHERE fig = 'production_limit'), 0)
	        AS production_limit_cases,
	    coalesce(sum(n) FILTER (WHERE fig = 'detention_transfer'), 0)
	        AS detention_transfer_cases,
	    coalesce(sum(amount) FILTER (WHERE fig = 'detention_transfer'), 0)
	        AS persons_detained,
	    coalesce(sum(n) FILTER (WHERE fig = 'criminal_transfer'), 0)
	        AS criminal_transfer_cases,
	    coalesce(sum(amount) FILTER (WHERE fig = 'criminal_transfer'), 0)
	        AS persons_coercive,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.public_report'), 0)
	        AS c_public_report,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.online_monitoring'), 0)
	        AS c_online_monitoring,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.double_random'), 0)
	        AS c_double_random,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.patrol'), 0) AS c_patrol,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.assigned'), 0) AS c_assigned,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.referral'), 0) AS c_referral,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.media'), 0) AS c_media,
	    coalesce(sum(n) FILTER (WHERE fig = 'clue.campaign'), 0) AS c_campaign,
	    coalesce(sum(n) FILTER (WHERE fig IN ('draw', 'draw_problem')), 0)
	        AS double_random_inspections,
	    coalesce(sum(n) FILTER (WHERE fig = 'draw_problem'), 0)
	        AS double_random_problems
	FROM figures
	GROUP BY period, coalesce(month, '')
)
SELECT period, month, cases_filed, cases_not_filed, cases_revoked,
    cases_closed, cases_overdue, penalty_decisions, fines_fen,
    no_penalty_decisions,
    np_minor AS "no_penalty_by_reason.minor",
    np_first_offence AS "no_penalty_by_reason.first_offence",
    np_no_fault AS "no_penalty_by_reason.no_fault",
    np_not_established AS "no_penalty_by_reason.not_established",
    hearings, legal_reviews, collective_discussions,
    paid_fen, surcharge_paid_fen, outstanding_fen,
    daily_penalty_cases + seizure_cases + production_limit_cases
        + detention_transfer_cases + criminal_transfer_cases
        AS supporting_measure_cases,
    daily_penalty_cases, daily_penalty_fines_fen, seizure_cases,
    production_limit_cases, detention_transfer_cases, persons_detained,
    criminal_transfer_cases, persons_coercive,
    c_public_report AS "clues_by_source.public_report",
    c_online_monitoring AS "clues_by_source.online_monitoring",
    c_double_random AS "clues_by_source.double_random",
    c_patrol AS "clues_by_source.patrol",
    c_assigned AS "clues_by_source.assigned",
    c_referral AS "clues_by_source.referral",
    c_media AS "clues_by_source.media",
    c_campaign AS "clues_by_source.campaign",
    double_random_inspections, double_random_problems
FROM agg
ORDER BY period, month;
