-- stats_gen.sql — `make bench`'s statistics load (issue 4): a bureau of its
-- own, code :bureau (default statsbench), with :cases penalty cases
-- (default 1,000,000) received from 2017-01-01 to 2026-12-31 (about
-- 100,000 a year), written by set-based SQL as the owner role:
--
--   psql -v cases=1000000 -f tests/bench/stats_gen.sql
--
-- What it writes: the bureau (with the default rulebook and holiday
-- calendar), four squads, 40 officers, four squad leaders, a legal
-- reviewer, a head and the analyst `statsanalyst`; :entities (default
-- 5,000) entities over 12 townships and 15 industries; one clue per case
-- (and 15 % more clues that led to no case); the cases in every state;
-- their payments, their statutory clocks (case_deadline), their
-- supporting measures and transfers (case_measure, measure_round) and
-- inspections, among them the 双随机 draws (draw_id). No history
-- (case_event), documents, investigators or evidence: the statistics read
-- none of them.
--
-- NOT through the triggers. The whole load runs with
-- session_replication_role = replica, so that no trigger fires: no audit
-- record (this bureau's audit chain is empty and is not part of the
-- bench), no freeze check on archived cases, no state counters, and no
-- foreign-key check either. The script therefore keeps every reference
-- itself (each case's entity, squad, clue and officer exist in the same
-- bureau; each child row's case exists) and writes the derived rows the
-- triggers would have kept: case_state_count, bureau_rev, doc_counter.
-- Every CHECK constraint still applies and is respected.
--
-- Deterministic: the plan of every case is drawn by random() after
-- setseed(), in one pass over generate_series, the rest by hashint4; the
-- ids of the bureau, squads, officers, entities, clues, cases, measures
-- and inspections are the md5 of the bureau code and the row's number.
-- Two runs write the same data (on the same PostgreSQL version); only
-- the ids of payments, rounds and a few users are random.
--
-- Time: nothing after :cutoff (2026-12-31) has happened. Each case's whole
-- course is planned first (filing, report, notice, hearing, legal review,
-- collective discussion, decision, service, payments, closing, archiving,
-- or refusal to file, or revocation); a step dated after the cutoff has
-- not happened, and the case is in the state of its last step before it.
-- So old cases are all ended, 2026's late ones still open; some penalty
-- cases never get paid (executing for years, or closed when the court
-- accepts enforcement); some decisions come late (decision clock met
-- late), some payments too (with a surcharge).
--
-- The mix (of all cases): not filed 6 %, revoked 4 %, the rest decided:
-- penalty 75 %, no penalty 20 % (minor 40, first_offence 30, no_fault 15,
-- not_established 15), judicial transfer 5 %. Measures: ~8 % of the
-- decided cases (and 30 % of the judicial transfers) have one (seizure,
-- production limit or suspension, daily penalty with 1-3 rounds,
-- detention or criminal transfer), some two kinds, some two seizures.
-- The whole load is one transaction; it needs a database where :bureau
-- does not exist yet.
\set ON_ERROR_STOP 1
\if :{?cases}
\else
\set cases 1000000
\endif
\if :{?entities}
\else
\set entities 5000
\endif
\if :{?bureau}
\else
\set bureau statsbench
\endif
\if :{?cutoff}
\else
\set cutoff 2026-12-31
\endif

SELECT NOT EXISTS (SELECT 1 FROM bureau WHERE code = :'bureau') AS fresh \gset
\if :fresh
\else
\echo 'stats_gen.sql: bureau' :'bureau' 'exists already; this generator writes a new one'
-- (psql's \quit has no exit status: an error stops the script instead)
DO $$ BEGIN RAISE EXCEPTION 'stats_gen.sql: the bureau exists already'; END $$;
\endif

SELECT clock_timestamp() AS t0 \gset
-- Temporary tables of a few hundred MB: give them local buffers (only
-- settable before the session's first temporary table).
SET temp_buffers = '512MB';
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';
SET synchronous_commit = off;
-- JIT compiling the long expressions below took ~1 s a statement, more
-- than it saved.
SET jit = off;
-- No trigger fires from here on (see the top of the file).
SET session_replication_role = replica;
SELECT setseed(0.2026) \gset

BEGIN;

-------------------------------------------------------------------------
-- The bureau, its squads and its people.
-------------------------------------------------------------------------

INSERT INTO bureau (id, code, name, doc_prefix)
VALUES (md5('greensword-bench-' || :'bureau')::uuid, :'bureau',
    '永安市生态环境局西城分局', '西环');

CREATE TEMP TABLE gb ON COMMIT DROP AS
SELECT id AS bureau_id, doc_prefix, DATE :'cutoff' AS cutoff
FROM bureau WHERE code = :'bureau';

-- What gsctl create-bureau gives a bureau (SQL_BUREAU_SEED).
SELECT gs_seed_rulebook(bureau_id), gs_seed_holidays(bureau_id) FROM gb \gset
-- The registry counter the entity triggers would have moved: workers
-- load the bureau's registry when it is newer than their copy.
INSERT INTO bureau_rev (bureau_id, registry) SELECT bureau_id, 1 FROM gb;

CREATE TEMP TABLE gsq ON COMMIT DROP AS
SELECT k AS n, md5(:'bureau' || '-squad-' || k)::uuid AS id,
    (ARRAY['一中队', '二中队', '三中队', '四中队'])[k] AS name
FROM gb, generate_series(1, 4) AS k;
INSERT INTO squad (id, bureau_id, name, created_at)
SELECT gsq.id, gb.bureau_id, gsq.name, timestamptz '2016-12-01 09:00'
FROM gsq, gb;

-- Officers: ten a squad, with valid certificates; they cannot sign in
-- (no password hash verifies '!').
CREATE TEMP TABLE gof ON COMMIT DROP AS
SELECT k AS n, 1 + (k - 1) / 10 AS squad_n,
    md5(:'bureau' || '-officer-' || k)::uuid AS id,
    'sbofficer' || lpad(k::text, 2, '0') AS username,
    (ARRAY['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周'])[1 + k % 10] ||
    (ARRAY['建国', '海燕', '志强', '丽华', '晓东', '春梅', '国庆', '文杰'])[1 + (k / 10) % 8] ||
    CASE WHEN k > 40 THEN k::text ELSE '' END AS display_name
FROM gb, generate_series(1, 40) AS k;
INSERT INTO app_user (id, bureau_id, squad_id, username, display_name,
    password_hash, roles, cert_no, cert_valid_until, created_at)
SELECT gof.id, gb.bureau_id, gsq.id, gof.username, gof.display_name, '!',
    ARRAY['officer'], '330784' || lpad((30000 + gof.n)::text, 5, '0'),
    DATE '2028-12-31', timestamptz '2016-12-01 09:00'
FROM gof JOIN gsq ON gsq.n = gof.squad_n, gb;

INSERT INTO app_user (bureau_id, squad_id, username, display_name,
    password_hash, roles, cert_no, cert_valid_until, created_at)
SELECT gb.bureau_id, gsq.id, 'sbleader' || gsq.n,
    (ARRAY['孙卫东', '钱志刚', '郑晓燕', '冯建平'])[gsq.n], '!',
    ARRAY['squad_leader'], '330784' || lpad((30100 + gsq.n)::text, 5, '0'),
    DATE '2028-12-31', timestamptz '2016-12-01 09:00'
FROM gsq, gb;

-- The analyst signs in with the demo password when the demo bureau is
-- there (the bench's database has it): the hash is analyst1's.
INSERT INTO app_user (bureau_id, username, display_name, password_hash,
    roles, created_at)
SELECT gb.bureau_id, u.username, u.display_name, u.hash, u.roles,
    timestamptz '2016-12-01 09:00'
FROM gb, (VALUES
    ('sbhead', '何振华', '!', ARRAY['head']),
    ('sblegal', '沈雅琴', '!', ARRAY['legal']),
    ('statsanalyst', '许文静', coalesce((SELECT password_hash FROM app_user
        WHERE username = 'analyst1'), '!'), ARRAY['analyst'])
    ) AS u(username, display_name, hash, roles);

-------------------------------------------------------------------------
-- The registry: :entities entities with valid USCCs.
-------------------------------------------------------------------------

-- A well-formed USCC (GB 32100-2015 check character) for number n:
-- 91330784MC and seven characters of n in base 31.
CREATE FUNCTION pg_temp.uscc(n bigint) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	a	constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
	w	constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25,
		    13, 8, 24, 10, 30, 28];
	body	text := '';
	s	text;
	sum	int := 0;
	k	int;
BEGIN
	FOR k IN 1..7 LOOP
		body := substr(a, (n % 31)::int + 1, 1) || body;
		n := n / 31;
	END LOOP;
	s := '91330784MC' || body;
	FOR k IN 1..17 LOOP
		sum := sum + (strpos(a, substr(s, k, 1)) - 1) * w[k];
	END LOOP;
	RETURN s || substr(a, (31 - sum % 31) % 31 + 1, 1);
END $$;

-- Townships map to squads (each squad covers three).
CREATE TEMP TABLE gen ON COMMIT DROP AS
SELECT n, md5(:'bureau' || '-entity-' || n)::uuid AS id,
    1 + (n - 1) % 12 AS town_n, 1 + (n - 1) % 12 % 4 AS squad_n,
    1 + abs(hashint4(n)) % 15 AS ind_n,
    abs(hashint4(n * 31 + 7)) % 100 AS cat_h,
    abs(hashint4(n * 31 + 11)) % 100 AS credit_h
FROM gb, generate_series(1, :entities) AS n;
CREATE UNIQUE INDEX ON gen (n);

INSERT INTO entity (id, bureau_id, uscc, name, address, township, industry,
    category, legal_rep, status, credit_grade, created_at, updated_at)
SELECT gen.id, gb.bureau_id, pg_temp.uscc(1000 + gen.n),
    '永安市' || left(t.name, 2) ||
    (ARRAY['华鑫', '恒达', '金源', '宏盛', '东方', '新峰', '瑞丰', '天成',
        '佳美', '永盛', '昌隆', '汇通', '鼎泰', '博远', '嘉禾', '锦程',
        '盛世', '中天', '富达', '万隆'])[1 + (gen.n / 12) % 20] ||
    (gen.n / 240)::text || '号' || i.suffix,
    '永安市' || t.name || '工业园' || (1 + gen.n % 400) || '号',
    t.name, i.name,
    CASE WHEN gen.cat_h < 10 THEN 'key' WHEN gen.cat_h < 13 THEN 'special'
        ELSE 'general' END,
    (ARRAY['应', '胡', '吕', '施', '楼', '程', '俞', '徐'])[1 + gen.n % 8] ||
    (ARRAY['伟', '敏', '勇', '娟', '军', '燕', '斌', '芳', '涛'])[1 + gen.n % 9],
    'active',
    CASE WHEN gen.credit_h < 30 THEN NULL WHEN gen.credit_h < 62 THEN 'green'
        WHEN gen.credit_h < 88 THEN 'blue' WHEN gen.credit_h < 95 THEN 'yellow'
        WHEN gen.credit_h < 99 THEN 'red' ELSE 'black' END,
    timestamptz '2016-12-01 09:00', timestamptz '2016-12-01 09:00'
FROM gen, gb,
    (SELECT k, name FROM unnest(ARRAY['东城街道', '西城街道', '江南街道',
        '石柱镇', '古山镇', '芝英镇', '方岩镇', '舟山镇', '唐先镇', '龙山镇',
        '西溪镇', '花街镇']) WITH ORDINALITY AS x(name, k)) t,
    (SELECT k, name, suffix FROM (VALUES
        (1, '金属制品', '五金制品有限公司'), (2, '电镀', '表面处理有限公司'),
        (3, '化学原料和化学制品制造', '化工有限公司'),
        (4, '纺织印染', '印染有限公司'), (5, '食品制造', '食品有限公司'),
        (6, '非金属矿物制品', '建材有限公司'),
        (7, '橡胶和塑料制品', '塑料制品有限公司'),
        (8, '汽车零部件及配件制造', '汽配有限公司'),
        (9, '家具制造', '家具有限公司'), (10, '造纸和纸制品', '纸业有限公司'),
        (11, '医药制造', '制药有限公司'), (12, '畜禽养殖', '养殖有限公司'),
        (13, '污水处理', '水务有限公司'),
        (14, '废弃资源综合利用', '再生资源有限公司'),
        (15, '电气机械和器材制造', '电器有限公司')) AS v(k, name, suffix)) i
WHERE t.k = gen.town_n AND i.k = gen.ind_n;

-------------------------------------------------------------------------
-- One row per case: its whole planned course, then what of it happened
-- by the cutoff.
-------------------------------------------------------------------------

CREATE FUNCTION pg_temp.cut(d date, c date) RETURNS date
LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN d <= c THEN d END $$;

-- The plan, one step a subquery: OFFSET 0 keeps each from being
-- flattened into the next, where every later day would repeat the whole
-- expression of the earlier ones (20,000 cases took 70 s that way).
CREATE TEMP TABLE gp ON COMMIT DROP AS
WITH u AS MATERIALIZED (
	SELECT i,
	    random() AS u1, random() AS u2, random() AS u3, random() AS u4,
	    random() AS u5, random() AS u6, random() AS u7, random() AS u8,
	    random() AS u9, random() AS u10, random() AS u11, random() AS u12,
	    random() AS u13, random() AS u14, random() AS u15, random() AS u16,
	    random() AS u17, random() AS u18, random() AS u19, random() AS u20,
	    random() AS u21, random() AS u22, random() AS u23, random() AS u24,
	    random() AS u25, random() AS u26, random() AS u27, random() AS u28
	FROM generate_series(1, :cases) AS i
), a AS (
	SELECT u.*,
	    -- received: uniform over the ten years 2017..2026 (3,652 days)
	    DATE '2017-01-01' + floor(u1 * 3652)::int AS r,
	    -- repeat offenders: low entity numbers are drawn more often
	    1 + floor(:entities * power(u2, 1.4))::int AS ent_n,
	    CASE WHEN u3 < 0.06 THEN 'not_filed' WHEN u3 < 0.10 THEN 'revoked'
	        ELSE 'decision' END AS fate,
	    CASE WHEN u4 < 0.75 THEN 'penalty' WHEN u4 < 0.95 THEN 'no_penalty'
	        ELSE 'judicial_transfer' END AS plan_outcome,
	    -- 10,000 to 500,000 yuan, log-uniform, whole thousands of yuan
	    round(10 * exp(u5 * ln(50)))::bigint * 100000 AS plan_fine,
	    CASE WHEN u5 < 0.40 THEN 'minor' WHEN u5 < 0.70 THEN 'first_offence'
	        WHEN u5 < 0.85 THEN 'no_fault' ELSE 'not_established' END AS npr,
	    CASE WHEN u25 < 0.35 THEN 'over_standard_discharge'
	        WHEN u25 < 0.50 THEN 'no_permit' WHEN u25 < 0.58 THEN 'hidden_pipe'
	        WHEN u25 < 0.78 THEN 'hazardous_waste'
	        WHEN u25 < 0.88 THEN 'falsified_monitoring' ELSE 'no_eia' END AS vt,
	    CASE WHEN u26 < 0.25 THEN 'public_report'
	        WHEN u26 < 0.40 THEN 'online_monitoring'
	        WHEN u26 < 0.55 THEN 'double_random' WHEN u26 < 0.75 THEN 'patrol'
	        WHEN u26 < 0.83 THEN 'assigned' WHEN u26 < 0.90 THEN 'referral'
	        WHEN u26 < 0.94 THEN 'media' ELSE 'campaign' END AS source,
	    CASE WHEN u27 < 0.60 THEN 'direct' WHEN u27 < 0.80 THEN 'mail'
	        WHEN u27 < 0.95 THEN 'electronic' WHEN u27 < 0.99 THEN 'agent'
	        ELSE 'public_notice' END AS service_method,
	    CASE WHEN u18 < 0.70 THEN 'once' WHEN u18 < 0.80 THEN 'two'
	        WHEN u18 < 0.88 THEN 'late' WHEN u18 < 0.98 THEN 'court'
	        ELSE 'stuck' END AS pay
	FROM u OFFSET 0
), b AS (
	SELECT a.*,
	    a.r + floor(u28 * 2)::int AS disc,
	    fate = 'decision' AND plan_outcome = 'penalty' AS is_penalty,
	    fate = 'decision' AND plan_outcome = 'penalty'
	        AND plan_fine >= 10000000 AND u6 < 0.30 AS hearing,
	    fate = 'decision' AND ((plan_outcome = 'penalty'
	        AND (plan_fine >= 5000000 OR u6 < 0.30)) OR u6 > 0.80) AS legal,
	    -- filing decided 1-14 days after receipt, 3 % late (16-24 days)
	    a.r + 1 + floor(u8 * 14)::int
	        + CASE WHEN u9 < 0.03 THEN 15 + floor(u9 * 300)::int ELSE 0 END
	        AS d_fd
	FROM a OFFSET 0
), c AS (
	SELECT b.*,
	    legal AND ((is_penalty AND plan_fine >= 20000000) OR u7 < 0.03)
	        AS collective,
	    -- the investigation: 15-64 days, 2 % of them 30-70 days longer
	    CASE WHEN fate = 'decision' OR (fate = 'revoked' AND u6 >= 0.6)
	        THEN d_fd + 15 + floor(u10 * 50)::int + CASE WHEN u11 < 0.02
	        THEN 30 + floor(u11 * 2000)::int ELSE 0 END END AS d_report
	FROM b OFFSET 0
), d AS (
	SELECT c.*, d_report + 2 + floor(u12 * 8)::int AS d_notice FROM c OFFSET 0
), e AS (
	SELECT d.*,
	    CASE WHEN hearing THEN d_notice + 1 + floor(u13 * 4)::int END AS d_hreq,
	    CASE WHEN hearing THEN d_notice + 12 + floor(u13 * 4)::int
	        + floor(u14 * 10)::int END AS d_hheld
	FROM d OFFSET 0
), f AS (
	SELECT e.*, CASE WHEN hearing THEN d_hheld
	    WHEN legal THEN d_notice + 8 + floor(u14 * 5)::int END AS d_rights
	FROM e OFFSET 0
), g AS (
	SELECT f.*, CASE WHEN legal THEN d_rights + 2 + floor(u15 * 6)::int
	    END AS d_legal
	FROM f OFFSET 0
), h AS (
	SELECT g.*, CASE WHEN collective THEN d_legal + 2 + floor(u16 * 6)::int
	    END AS d_disc
	FROM g OFFSET 0
), k AS (
	SELECT h.*, CASE WHEN fate = 'decision'
	    THEN coalesce(d_disc, d_legal, d_notice + 8 + floor(u14 * 5)::int)
	        + 1 + floor(u16 * 5)::int END AS d_decided
	FROM h OFFSET 0
), l AS (
	SELECT k.*, d_decided + 1 + floor(u17 * 7)::int AS d_served FROM k OFFSET 0
), m AS (
	-- Payments: once in time 70 %, two instalments in time 10 %, late
	-- with the surcharge 8 %, never (or a part) and the court accepts
	-- enforcement 10 %, never (or a part) and still executing 2 %.
	SELECT l.*,
	    CASE WHEN NOT is_penalty THEN NULL
	        WHEN pay = 'once' THEN d_served + 1 + floor(u19 * 14)::int
	        WHEN pay = 'two' THEN d_served + 2 + floor(u19 * 5)::int
	        WHEN pay = 'late' THEN d_served + 16 + floor(u19 * 45)::int
	        WHEN u20 < 0.5 THEN d_served + 5 + floor(u19 * 20)::int END AS d_pay1,
	    CASE WHEN is_penalty AND pay = 'two'
	        THEN d_served + 8 + floor(u19 * 7)::int END AS d_pay2,
	    CASE WHEN is_penalty AND pay = 'court'
	        THEN d_served + 90 + floor(u21 * 60)::int END AS d_court
	FROM l OFFSET 0
), n AS (
	SELECT m.*,
	    CASE WHEN NOT is_penalty THEN NULL
	        WHEN pay = 'once' THEN plan_fine
	        WHEN pay = 'two' THEN plan_fine * 3 / 10
	        -- the surcharge: 3 % of the fine a day late, at most the fine
	        WHEN pay = 'late' THEN plan_fine + least(plan_fine,
	            plan_fine * 3 / 100 * (d_pay1 - (d_served + 15)))
	        ELSE plan_fine * (1 + floor(u21 * 5)::int) / 10 END AS amt1,
	    CASE WHEN is_penalty AND pay = 'two'
	        THEN plan_fine - plan_fine * 3 / 10 END AS amt2,
	    CASE WHEN fate <> 'decision' THEN NULL
	        WHEN NOT is_penalty THEN d_served + 1 + floor(u21 * 10)::int
	        WHEN pay IN ('once', 'late') THEN d_pay1 + 1 + floor(u22 * 10)::int
	        WHEN pay = 'two' THEN d_pay2 + 1 + floor(u22 * 10)::int
	        WHEN pay = 'court' THEN d_court + 1 + floor(u22 * 10)::int
	        END AS d_closed,
	    -- revoked in the investigation (60 %) or after the notice
	    CASE WHEN fate <> 'revoked' THEN NULL
	        WHEN u6 < 0.6 THEN d_fd + 5 + floor(u23 * 9)::int
	        ELSE d_notice + 1 + floor(u23 * 6)::int END AS d_revoke
	FROM m OFFSET 0
)
SELECT n.*,
    d_closed + 30 + floor(u22 * 200)::int AS d_archived,
    CASE WHEN is_penalty THEN d_decided + 2 + floor(u23 * 5)::int
        END AS d_published,
    md5(:'bureau' || '-case-' || i)::uuid AS id,
    md5(:'bureau' || '-clue-' || i)::uuid AS clue_id
FROM n, gb;

-- What had happened by the cutoff, with the numbers: gapless per year in
-- date order, 立 on filing, 罚 / 不罚 / 移 on the decision.
CREATE TEMP TABLE gc ON COMMIT DROP AS
SELECT x.*,
    CASE WHEN x.filed_on IS NOT NULL THEN row_number() OVER (PARTITION BY
        extract(year FROM x.filed_on) ORDER BY x.filed_on, x.i) END AS case_no_n,
    CASE WHEN x.decided_on IS NOT NULL THEN row_number() OVER (PARTITION BY
        x.outcome, extract(year FROM x.decided_on) ORDER BY x.decided_on, x.i)
        END AS decision_no_n,
    -- the day the fine was paid in full (the payment clock is met)
    CASE WHEN x.fine_fen IS NULL THEN NULL
        WHEN x.pay IN ('once', 'late') THEN x.pay1_on
        WHEN x.pay = 'two' THEN x.pay2_on END AS paid_full_on
FROM (
SELECT p.i, p.id, p.clue_id, p.ent_n, p.r, p.disc, p.vt, p.source, p.fate,
    p.u7, p.u24, p.plan_fine, p.pay, p.hearing, p.legal, p.collective,
    p.d_fd, p.d_decided, p.amt1, p.amt2,
    pg_temp.cut(p.d_fd, gb.cutoff) AS filing_decided_on,
    CASE WHEN p.fate <> 'not_filed' THEN pg_temp.cut(p.d_fd, gb.cutoff)
        END AS filed_on,
    pg_temp.cut(p.d_report, gb.cutoff) AS report_on,
    pg_temp.cut(p.d_notice, gb.cutoff) AS notice_on,
    pg_temp.cut(p.d_hreq, gb.cutoff) AS hreq_on,
    pg_temp.cut(p.d_hheld, gb.cutoff) AS hheld_on,
    pg_temp.cut(p.d_rights, gb.cutoff) AS rights_on,
    pg_temp.cut(p.d_legal, gb.cutoff) AS legal_on,
    pg_temp.cut(p.d_disc, gb.cutoff) AS disc_on,
    pg_temp.cut(p.d_decided, gb.cutoff) AS decided_on,
    pg_temp.cut(p.d_served, gb.cutoff) AS served_on,
    pg_temp.cut(p.d_pay1, gb.cutoff) AS pay1_on,
    pg_temp.cut(p.d_pay2, gb.cutoff) AS pay2_on,
    pg_temp.cut(p.d_court, gb.cutoff) AS court_on,
    pg_temp.cut(p.d_closed, gb.cutoff) AS closed_on,
    pg_temp.cut(p.d_archived, gb.cutoff) AS archived_on,
    pg_temp.cut(p.d_published, gb.cutoff) AS published_on,
    CASE WHEN p.fate = 'not_filed' THEN pg_temp.cut(p.d_fd, gb.cutoff)
        ELSE pg_temp.cut(p.d_revoke, gb.cutoff) END AS ended_on,
    CASE WHEN p.d_decided <= gb.cutoff THEN p.plan_outcome END AS outcome,
    CASE WHEN p.d_decided <= gb.cutoff AND p.plan_outcome = 'penalty'
        THEN p.plan_fine END AS fine_fen,
    CASE WHEN p.d_decided <= gb.cutoff AND p.plan_outcome = 'no_penalty'
        THEN p.npr END AS no_penalty_reason,
    CASE WHEN p.d_served <= gb.cutoff THEN p.service_method END AS service_method,
    CASE
        WHEN p.fate = 'not_filed' THEN CASE WHEN p.d_fd <= gb.cutoff
            THEN 'not_filed' ELSE 'proposed' END
        WHEN p.d_revoke <= gb.cutoff THEN 'revoked'
        WHEN p.d_archived <= gb.cutoff THEN 'archived'
        WHEN p.d_closed <= gb.cutoff THEN 'closed'
        WHEN p.d_served <= gb.cutoff THEN 'executing'
        WHEN p.d_decided <= gb.cutoff THEN 'decided'
        WHEN p.d_disc <= gb.cutoff THEN 'awaiting_decision'
        WHEN p.collective AND p.d_legal <= gb.cutoff THEN 'collective_discussion'
        WHEN p.d_legal <= gb.cutoff THEN 'awaiting_decision'
        WHEN p.d_rights <= gb.cutoff THEN 'legal_review'
        WHEN p.d_hreq <= gb.cutoff THEN 'hearing'
        WHEN p.d_notice <= gb.cutoff THEN 'notified'
        WHEN p.d_report <= gb.cutoff THEN 'under_review'
        WHEN p.d_fd <= gb.cutoff THEN 'investigating'
        ELSE 'proposed' END AS state
FROM gp p, gb) x;
CREATE UNIQUE INDEX ON gc (i);
DROP TABLE gp;
ANALYZE gc;

-------------------------------------------------------------------------
-- Clues, cases, payments, clocks.
-------------------------------------------------------------------------

INSERT INTO clue (id, bureau_id, source, entity_id, received_on, summary,
    squad_id, outcome, outcome_on, created_at, filing_due_on)
SELECT gc.clue_id, gb.bureau_id, gc.source, gen.id, gc.r,
    (ARRAY['群众反映厂区排口夜间排放污水，颜色异常。',
        '在线监测数据显示化学需氧量浓度超标。',
        '双随机抽查发现污染防治设施未正常运行。',
        '日常巡查发现雨水管网有异常排放。',
        '上级交办：群众信访反映异味扰民。',
        '公安机关移送线索：涉嫌非法处置危险废物。',
        '媒体报道企业违规排放。',
        '专项行动中发现未批先建问题。'])[1 + gc.i % 8],
    gsq.id, 'case_proposed', gc.disc, gc.r + time '09:30', gc.r + 15
FROM gc JOIN gen ON gen.n = gc.ent_n JOIN gsq ON gsq.n = gen.squad_n, gb;

-- Clues that led to no case (15 % more): checked and found nothing,
-- inspected, or referred; open when received in the last ten days.
INSERT INTO clue (id, bureau_id, source, entity_id, received_on, summary,
    squad_id, outcome, outcome_on, created_at, filing_due_on)
SELECT md5(:'bureau' || '-clue-x-' || x.k)::uuid, gb.bureau_id,
    (ARRAY['public_report', 'public_report', 'public_report',
        'online_monitoring', 'online_monitoring', 'double_random', 'patrol',
        'patrol', 'assigned', 'referral', 'media', 'campaign'])
        [1 + abs(hashint4(x.k * 3 + 1)) % 12],
    gen.id, x.r, '群众反映疑似违法排放，经核查处理。', gsq.id,
    CASE WHEN x.r + x.o > gb.cutoff THEN NULL
        ELSE (ARRAY['no_violation', 'no_violation', 'no_violation',
            'no_violation', 'no_violation', 'inspected', 'inspected',
            'inspected', 'referred', 'referred'])[1 + x.h % 10] END,
    CASE WHEN x.r + x.o <= gb.cutoff THEN x.r + x.o END,
    x.r + time '10:00', x.r + 15
FROM gb, LATERAL (SELECT k, abs(hashint4(k * 3 + 2)) AS h,
        DATE '2017-01-01' + abs(hashint4(k * 3)) % 3652 AS r,
        1 + abs(hashint4(k * 3 + 2)) % 10 AS o
    FROM generate_series(1, (:cases * 0.15)::int) AS k) x
    JOIN gen ON gen.n = 1 + abs(hashint4(x.k * 7 + 5)) % :entities
    JOIN gsq ON gsq.n = gen.squad_n;

INSERT INTO case_file (id, bureau_id, case_no, entity_id, clue_id,
    violation_type, party_kind, summary_md, discovered_on, received_on,
    squad_id, proposed_by, state, filing_decided_on, filed_on, report_md,
    reported_by, notice_served_on, proposed_fine_fen, rights_ended_on,
    hearing_requested_on, hearing_held_on, legal_reviewed_on,
    discussion_sent, discussion_held_on, outcome, fine_fen,
    no_penalty_reason, decided_on, decision_no, served_on, service_method,
    closed_on, close_basis, court_accepted_on, ended_on, published_on,
    created_at, updated_at, version)
SELECT gc.id, gb.bureau_id,
    CASE WHEN gc.case_no_n IS NOT NULL THEN gb.doc_prefix || '立〔' ||
        extract(year FROM gc.filed_on) || '〕' || gc.case_no_n || '号' END,
    gen.id, gc.clue_id, gc.vt,
    CASE WHEN gc.u7 > 0.95 THEN 'individual' ELSE 'organisation' END,
    (ARRAY['废水总排口化学需氧量超标 **', '厂区雨水排口检出氨氮超标 **',
        '危险废物贮存场所未按规定设置，超标 **', '在线监测数据异常，实测超标 **'])
        [1 + gc.i % 4] || (10 + gc.i % 40) / 10.0 || ' 倍**。现场检查发现' ||
        '污染防治设施未正常运行，当事人未能提供运行记录。',
    gc.disc, gc.r, gsq.id, gof.id, gc.state,
    gc.filing_decided_on, gc.filed_on,
    CASE WHEN gc.report_on IS NOT NULL THEN '调查终结，违法事实清楚，证据确凿。' END,
    CASE WHEN gc.report_on IS NOT NULL THEN gof.id END,
    gc.notice_on,
    CASE WHEN gc.notice_on IS NOT NULL THEN CASE WHEN gc.fine_fen IS NOT NULL
        OR gc.decided_on IS NULL THEN gc.plan_fine * (100 + gc.i % 4 * 5) / 100
        ELSE 0 END END,
    coalesce(gc.rights_on, CASE WHEN NOT gc.legal THEN gc.decided_on END),
    gc.hreq_on, gc.hheld_on, gc.legal_on,
    gc.collective AND gc.legal_on IS NOT NULL, gc.disc_on,
    gc.outcome, gc.fine_fen, gc.no_penalty_reason, gc.decided_on,
    CASE WHEN gc.decided_on IS NOT NULL THEN gb.doc_prefix ||
        CASE gc.outcome WHEN 'penalty' THEN '罚' WHEN 'no_penalty' THEN '不罚'
        ELSE '移' END || '〔' || extract(year FROM gc.decided_on) || '〕' ||
        gc.decision_no_n || '号' END,
    gc.served_on, gc.service_method, gc.closed_on,
    CASE WHEN gc.closed_on IS NULL THEN NULL
        WHEN gc.fine_fen IS NULL THEN 'nothing_to_execute'
        WHEN gc.pay = 'court' THEN 'court_accepted' ELSE 'paid' END,
    CASE WHEN gc.closed_on IS NOT NULL AND gc.fine_fen IS NOT NULL
        AND gc.pay = 'court' THEN gc.court_on END,
    gc.ended_on, gc.published_on,
    gc.disc + time '09:00',
    greatest(gc.disc, gc.filing_decided_on, gc.report_on, gc.notice_on,
        gc.hreq_on, gc.hheld_on, gc.rights_on, gc.legal_on, gc.disc_on,
        gc.decided_on, gc.served_on, gc.pay1_on, gc.pay2_on, gc.closed_on,
        gc.archived_on, gc.ended_on) + time '10:00',
    1 + (gc.filing_decided_on IS NOT NULL)::int + (gc.report_on IS NOT NULL)::int
        + (gc.notice_on IS NOT NULL)::int + (gc.hreq_on IS NOT NULL)::int
        + (gc.hheld_on IS NOT NULL)::int + (gc.legal_on IS NOT NULL)::int
        + (gc.disc_on IS NOT NULL)::int + (gc.decided_on IS NOT NULL)::int
        + (gc.served_on IS NOT NULL)::int + (gc.pay1_on IS NOT NULL)::int
        + (gc.pay2_on IS NOT NULL)::int + (gc.closed_on IS NOT NULL)::int
        + (gc.archived_on IS NOT NULL)::int
        + (gc.ended_on IS NOT NULL AND gc.fate = 'revoked')::int
FROM gc JOIN gen ON gen.n = gc.ent_n JOIN gsq ON gsq.n = gen.squad_n
    JOIN gof ON gof.n = (gen.squad_n - 1) * 10 + 1 + floor(gc.u24 * 10)::int,
    gb;

INSERT INTO case_payment (bureau_id, case_id, amount_fen, paid_on,
    recorded_by, created_at)
SELECT gb.bureau_id, gc.id, p.amount, p.on_day, NULL, p.on_day + time '15:00'
FROM gc, gb, LATERAL (VALUES (gc.pay1_on, gc.amt1), (gc.pay2_on, gc.amt2))
    AS p(on_day, amount)
WHERE gc.fine_fen IS NOT NULL AND p.on_day IS NOT NULL AND p.amount > 0;

-- The stored clocks as a transition would leave them (approximately:
-- calendar days for the statement period). An ended case (closed,
-- archived, revoked, not filed) keeps only the clocks it met; an open
-- one keeps them all, so the old unpaid cases still executing are
-- overdue, as are the slow investigations past their decision day.
-- The decision clock stops while a hearing runs (effective NULL).
INSERT INTO case_deadline (bureau_id, case_id, kind, working, party, due_on,
    effective_due_on, met_on)
SELECT gb.bureau_id, gc.id, d.kind, d.working, d.party, d.due_on, d.eff,
    d.met
FROM gc, gb, LATERAL (VALUES
    ('filing_decision', false, false, gc.r + 15, gc.r + 15,
        gc.filing_decided_on, true),
    ('statement', true, true, gc.notice_on + 7, gc.notice_on + 7,
        pg_temp.cut(gc.notice_on + 7, gb.cutoff), gc.notice_on IS NOT NULL),
    ('decision', false, false, gc.filed_on + 90,
        CASE WHEN gc.hreq_on IS NOT NULL AND gc.hheld_on IS NULL THEN NULL
        ELSE gc.filed_on + 90 + coalesce(gc.hheld_on - gc.hreq_on, 0) END,
        gc.decided_on, gc.filed_on IS NOT NULL),
    ('payment', false, false, gc.served_on + 15, gc.served_on + 15,
        gc.paid_full_on, gc.served_on IS NOT NULL AND gc.fine_fen > 0)
    ) AS d(kind, working, party, due_on, eff, met, applies)
WHERE d.applies AND (d.met IS NOT NULL
    OR gc.state NOT IN ('closed', 'archived', 'revoked', 'not_filed'));

UPDATE case_file c SET next_due_on = m.due
FROM (SELECT d.case_id, min(d.effective_due_on) AS due
    FROM case_deadline d, gb
    WHERE d.bureau_id = gb.bureau_id AND d.met_on IS NULL AND NOT d.party
    GROUP BY d.case_id) m
WHERE c.id = m.case_id;

-------------------------------------------------------------------------
-- Supporting measures and transfers: 6.5 % of the cases that go to a
-- decision, and 30 % of the judicial transfers (most of them a criminal
-- transfer), ~8 % of the decided cases in all. Daily penalties and
-- detention transfers follow a penalty decision (domain.md section 5);
-- seizures, limits and criminal transfers come during the
-- investigation. A measure exists once its decision (a transfer's
-- approval) is before the cutoff.
-------------------------------------------------------------------------

CREATE TEMP TABLE gm0 ON COMMIT DROP AS
SELECT gc.i, gc.id AS case_id, gc.state, gc.outcome, gc.plan_fine,
    gc.fine_fen, gc.filed_on, gc.d_fd, gc.d_decided, gc.decided_on,
    gc.report_on, x.v1, x.v2, x.v3,
    CASE WHEN gc.outcome = 'judicial_transfer' AND x.v0 < 0.3
        THEN CASE WHEN x.v1 < 0.8 THEN 'criminal_transfer' ELSE 'seizure' END
        WHEN x.v1 < 0.35 THEN 'seizure' WHEN x.v1 < 0.50 THEN 'production_limit'
        WHEN x.v1 < 0.60 THEN 'production_suspension'
        WHEN x.v1 < 0.75 THEN 'daily_penalty'
        WHEN x.v1 < 0.90 THEN 'detention_transfer'
        ELSE 'criminal_transfer' END AS kind1,
    (ARRAY['seizure', 'production_limit', 'production_suspension',
        'daily_penalty', 'detention_transfer', 'criminal_transfer'])
        [1 + floor(x.v2 / 0.15 * 6)::int] AS kind2
FROM gc, LATERAL (SELECT (abs(hashint4(gc.i * 5 + 1)) % 100000) / 100000.0 AS v0,
        (abs(hashint4(gc.i * 5 + 2)) % 100000) / 100000.0 AS v1,
        (abs(hashint4(gc.i * 5 + 3)) % 100000) / 100000.0 AS v2,
        (abs(hashint4(gc.i * 5 + 4)) % 100000) / 100000.0 AS v3) x
WHERE gc.fate = 'decision' AND (x.v0 < 0.065
    OR (gc.outcome = 'judicial_transfer' AND x.v0 < 0.3));

-- One row per measure: the first kind; a second kind in 15 % of the
-- cases; a second seizure in 12 % of the seizure cases.
CREATE TEMP TABLE gm ON COMMIT DROP AS
SELECT s.*,
    abs(hashint4(s.i * 11 + s.slot)) AS h1,
    abs(hashint4(s.i * 13 + s.slot)) AS h2,
    abs(hashint4(s.i * 17 + s.slot)) AS h3
FROM (
	SELECT gm0.*, k.kind, k.slot
	FROM gm0, LATERAL (VALUES
	    (CASE WHEN kind1 IN ('daily_penalty', 'detention_transfer')
	        AND outcome IS DISTINCT FROM 'penalty' THEN 'seizure'
	        ELSE kind1 END, 1),
	    (CASE WHEN v2 < 0.15 AND kind2 <> kind1 AND NOT (kind2 IN
	        ('daily_penalty', 'detention_transfer')
	        AND outcome IS DISTINCT FROM 'penalty') THEN kind2 END, 2),
	    (CASE WHEN kind1 = 'seizure' AND v3 < 0.12 THEN 'seizure' END, 3)
	    ) AS k(kind, slot)
	WHERE k.kind IS NOT NULL
) s;

-- The planned days of each measure, then what happened by the cutoff.
CREATE TEMP TABLE gmd ON COMMIT DROP AS
SELECT gm.*, md5(:'bureau' || '-measure-' || gm.i || '-' ||
        gm.slot)::uuid AS id,
    CASE gm.kind
        WHEN 'seizure' THEN gm.d_fd + gm.h1 % 11
            + CASE WHEN gm.slot = 3 THEN 5 + gm.h2 % 36 ELSE 0 END
        WHEN 'production_limit' THEN gm.d_fd + 3 + gm.h1 % 28
        WHEN 'production_suspension' THEN gm.d_fd + 3 + gm.h1 % 28
        -- the correction order, after the monitoring report
        WHEN 'daily_penalty' THEN gm.d_decided + 21 + gm.h1 % 31
        WHEN 'detention_transfer' THEN gm.d_decided + 1 + gm.h1 % 10
        -- criminal: the head's approval of the officers' report
        ELSE gm.d_fd + 5 + gm.h1 % 36 END AS plan_decided,
    -- the measure's end (release, follow-up, correction, police outcome)
    20 + gm.h2 % 90 AS plan_len,
    -- a transfer goes within 24 hours (criminal) or 3 working days
    -- (detention) of its approval
    gm.h2 % CASE WHEN gm.kind = 'criminal_transfer' THEN 2 ELSE 3 END
        AS tdays,
    gm.h3 % 100 AS pick
FROM gm, gb;

INSERT INTO case_measure (id, bureau_id, case_id, kind, state, decided_on,
    facts_md, emergency, started_at, monitoring_on, place, period_days,
    period_months, approved_at, effective_from, served_on, released_on,
    follow_up_on, reported_on, transferred_at, police_agency,
    procuratorate_copied_on, police_decided_on, persons_detained,
    persons_coercive, outcome_on, ended_on, created_at, updated_at, version)
SELECT m.id, gb.bureau_id, m.case_id, m.kind, s.state, m.plan_decided,
    CASE m.kind WHEN 'seizure' THEN '现场发现违法排放，依法查封相关设施。'
        WHEN 'daily_penalty' THEN '责令改正后复查发现违法行为仍在继续。'
        WHEN 'detention_transfer' THEN '违法情节符合适用行政拘留的情形。'
        WHEN 'criminal_transfer' THEN '涉嫌污染环境罪，依法移送公安机关。'
        ELSE '超标排放，责令限制生产、停产整治。' END,
    m.kind = 'seizure' AND m.pick % 5 = 0,
    CASE WHEN m.kind = 'seizure' AND m.pick % 5 = 0
        THEN m.plan_decided + time '14:30' END,
    CASE WHEN m.kind = 'daily_penalty' THEN m.plan_decided - 2 END,
    CASE WHEN m.kind = 'seizure' THEN '厂区仓库'
        WHEN m.kind IN ('production_limit', 'production_suspension')
        THEN '生产车间' ELSE '' END,
    CASE WHEN m.kind = 'seizure' THEN 30 END,
    CASE WHEN m.kind IN ('production_limit', 'production_suspension')
        THEN 1 + m.h1 % 3 END,
    CASE WHEN s.state NOT IN ('proposed', 'refused')
        THEN m.plan_decided + time '16:00' END,
    CASE WHEN m.kind = 'seizure' AND s.state NOT IN ('proposed', 'refused')
        THEN m.plan_decided END,
    CASE WHEN m.kind IN ('production_limit', 'production_suspension',
        'daily_penalty') AND s.state NOT IN ('proposed', 'refused')
        THEN pg_temp.cut(m.plan_decided + 1 + m.h1 % 3, gb.cutoff) END,
    CASE WHEN s.ended AND s.state IN ('released', 'followed_up')
        THEN m.plan_decided + m.plan_len END,
    CASE WHEN s.state = 'followed_up'
        THEN pg_temp.cut(m.plan_decided + m.plan_len + 20, gb.cutoff) END,
    CASE WHEN m.kind = 'criminal_transfer' THEN m.plan_decided - m.h1 % 4 END,
    -- transfers at any hour of the day, Beijing time: a transfer in the
    -- small hours is on the day before in UTC
    CASE WHEN m.kind IN ('detention_transfer', 'criminal_transfer')
        AND s.state NOT IN ('proposed', 'refused')
        AND s.state NOT IN ('approved')
        THEN ((m.plan_decided + m.tdays) + make_time(m.h1 % 24, m.h3 % 60, 0))
            AT TIME ZONE 'Asia/Shanghai' END,
    CASE WHEN m.kind IN ('detention_transfer', 'criminal_transfer')
        THEN '永安市公安局' ELSE '' END,
    CASE WHEN m.kind = 'criminal_transfer'
        AND s.state NOT IN ('proposed', 'refused', 'approved')
        THEN m.plan_decided + m.tdays END,
    CASE WHEN s.state IN ('accepted', 'rejected', 'concluded')
        THEN m.plan_decided + m.tdays + 3 END,
    CASE WHEN m.kind = 'detention_transfer' AND s.state = 'concluded'
        THEN 1 + m.h3 % 3 END,
    CASE WHEN m.kind = 'criminal_transfer' AND s.state IN ('accepted',
        'concluded') THEN m.h3 % 4 END,
    CASE WHEN s.state = 'concluded' THEN m.plan_decided + m.plan_len END,
    CASE WHEN s.state IN ('refused', 'rejected', 'corrected', 'ended',
        'disposed') THEN pg_temp.cut(m.plan_decided + CASE WHEN s.state =
        'refused' THEN 1 ELSE m.plan_len END, gb.cutoff) END,
    m.plan_decided + time '09:00',
    m.plan_decided + time '09:00' + CASE WHEN s.ended THEN m.plan_len
        ELSE 0 END * interval '1 day',
    CASE WHEN s.ended THEN 4 ELSE 2 END
FROM gmd m, gb, LATERAL (
	SELECT m.plan_decided + m.plan_len <= gb.cutoff AS ended) e,
    LATERAL (SELECT e.ended, CASE
	-- a few never approved; a few proposed in the last days of the year
	WHEN m.pick < 4 AND m.kind NOT IN ('daily_penalty') THEN 'refused'
	WHEN m.plan_decided > gb.cutoff - 3 AND m.pick < 50
	    AND m.kind NOT IN ('daily_penalty') THEN 'proposed'
	WHEN m.kind = 'seizure' THEN CASE WHEN NOT e.ended THEN 'in_force'
	    WHEN m.pick < 70 THEN 'released' ELSE 'disposed' END
	WHEN m.kind IN ('production_limit', 'production_suspension') THEN
	    CASE WHEN NOT e.ended THEN 'in_force'
	    WHEN m.pick < 60 THEN 'followed_up' ELSE 'released' END
	WHEN m.kind = 'daily_penalty' THEN CASE WHEN NOT e.ended
	    THEN 'awaiting_reinspection' WHEN m.pick < 70 THEN 'corrected'
	    ELSE 'ended' END
	WHEN m.plan_decided + m.tdays > gb.cutoff THEN 'approved'
	ELSE CASE WHEN NOT e.ended THEN CASE WHEN m.pick < 60
	        THEN 'transferred' ELSE 'accepted' END
	    WHEN m.pick < 20 THEN 'rejected' ELSE 'concluded' END
	END AS state) s
WHERE m.plan_decided <= gb.cutoff;

-- The rounds of the daily penalties: 1-3, each counted from the service
-- of the correction order (or the previous re-inspection) to a
-- re-inspection 10-30 days later, decided 3-10 days after it for the
-- original fine times the days. A round re-inspected but not yet decided
-- has neither a decision day nor an amount.
INSERT INTO measure_round (bureau_id, measure_id, seq, counted_from,
    reinspected_on, days, amount_fen, decided_on)
SELECT gb.bureau_id, c.id, r.seq, r.counted_from, r.reinspected_on,
    r.reinspected_on - r.counted_from,
    CASE WHEN r.decided_on <= gb.cutoff
        THEN c.fine_fen * (r.reinspected_on - r.counted_from) END,
    pg_temp.cut(r.decided_on, gb.cutoff)
FROM gb, (SELECT m.id, m.i, m.h1, m.h2, m.fine_fen, cm.served_on
    FROM gmd m JOIN case_measure cm ON cm.id = m.id
    WHERE m.kind = 'daily_penalty' AND cm.served_on IS NOT NULL) c,
    LATERAL (SELECT s.seq, s.counted_from, s.counted_from + s.gap
        AS reinspected_on, s.counted_from + s.gap + 3 + (c.h2 + s.seq) % 8
        AS decided_on
    FROM (SELECT k AS seq, 10 + abs(hashint4(c.i * 19 + k)) % 21 AS gap,
        c.served_on
        + CASE WHEN k >= 2 THEN 10 + abs(hashint4(c.i * 19 + 1)) % 21 ELSE 0 END
        + CASE WHEN k >= 3 THEN 10 + abs(hashint4(c.i * 19 + 2)) % 21 ELSE 0 END
        AS counted_from
        FROM generate_series(1, 1 + c.h1 % 3) AS k) s) r
WHERE r.reinspected_on <= gb.cutoff;

-------------------------------------------------------------------------
-- Inspections: four 双随机 draws a year of ~6 % of the entities each
-- (draw_id: one per draw), and other inspections from clues and patrols.
-------------------------------------------------------------------------

INSERT INTO inspection (id, bureau_id, entity_id, draw_id, inspected_on,
    findings_md, outcome, created_at)
SELECT md5(:'bureau' || '-draw-' || y || '-' || q || '-' || gen.n)::uuid,
    gb.bureau_id, gen.id,
    md5(:'bureau' || '-draw-' || y || '-' || q)::uuid,
    x.on_day, '按双随机抽查事项清单逐项检查。',
    CASE WHEN x.h % 100 < 80 THEN 'compliant' WHEN x.h % 100 < 95
        THEN 'violation_found' ELSE 'correction_ordered' END,
    x.on_day + time '16:00'
FROM gb, generate_series(2017, 2026) AS y, generate_series(1, 4) AS q, gen,
    LATERAL (SELECT abs(hashint4(gen.n * 97 + y * 5 + q)) AS h,
        make_date(y, 3 * q - 2, 10) + abs(hashint4(gen.n * 89 + y * 5 + q)) % 75
        AS on_day) x
WHERE x.h % 16 = 0 AND x.on_day <= gb.cutoff;

INSERT INTO inspection (id, bureau_id, entity_id, inspected_on, findings_md,
    outcome, created_at)
SELECT md5(:'bureau' || '-inspection-' || k)::uuid, gb.bureau_id,
    gen.id, x.on_day, '现场检查，制作现场检查笔录。',
    CASE WHEN x.h % 100 < 55 THEN 'compliant' WHEN x.h % 100 < 85
        THEN 'violation_found' ELSE 'correction_ordered' END,
    x.on_day + time '15:00'
FROM gb, generate_series(1, (:cases / 10)::int) AS k,
    LATERAL (SELECT abs(hashint4(k * 7 + 3)) AS h,
        DATE '2017-01-01' + abs(hashint4(k * 7 + 4)) % 3652 AS on_day) x,
    gen
WHERE gen.n = 1 + abs(hashint4(k * 7 + 6)) % :entities;

-------------------------------------------------------------------------
-- What the triggers would have kept.
-------------------------------------------------------------------------

INSERT INTO case_state_count (bureau_id, state, n)
SELECT c.bureau_id, c.state, count(*) FROM case_file c, gb
WHERE c.bureau_id = gb.bureau_id GROUP BY 1, 2;

INSERT INTO doc_counter (bureau_id, year, kind, last)
SELECT gb.bureau_id, x.year, x.kind, x.last
FROM gb, (
	SELECT extract(year FROM filed_on)::int AS year,
	    'filing_approval' AS kind, max(case_no_n) AS last
	FROM gc WHERE case_no_n IS NOT NULL GROUP BY 1
	UNION ALL
	SELECT extract(year FROM decided_on)::int,
	    CASE outcome WHEN 'penalty' THEN 'penalty_decision'
	    ELSE 'no_penalty_decision' END, max(decision_no_n)
	FROM gc WHERE decision_no_n IS NOT NULL
	    AND outcome IN ('penalty', 'no_penalty') GROUP BY 1, 2) x;

COMMIT;

SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1)
    AS write_s \gset
RESET session_replication_role;

ANALYZE bureau;
ANALYZE squad;
ANALYZE app_user;
ANALYZE entity;
ANALYZE clue;
ANALYZE case_file;
ANALYZE case_payment;
ANALYZE case_deadline;
ANALYZE case_measure;
ANALYZE measure_round;
ANALYZE inspection;

SELECT round(extract(epoch FROM clock_timestamp() - :'t0'::timestamptz)::numeric, 1)
    AS total_s,
    (SELECT count(*) FROM case_file c JOIN bureau b ON b.id = c.bureau_id
     WHERE b.code = :'bureau') AS ncases,
    (SELECT count(*) FROM case_measure c JOIN bureau b ON b.id = c.bureau_id
     WHERE b.code = :'bureau') AS nmeasures \gset
\echo 'stats_gen.sql:' :ncases 'cases and' :nmeasures 'measures in bureau' :bureau 'written in' :write_s 's, analysed by' :total_s 's'
