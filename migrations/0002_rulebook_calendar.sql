-- 0002_rulebook_calendar.sql — the rulebook (every number of the law as
-- versioned data) and the holiday calendar.
--
-- rule_def describes each rule once for the whole installation; rule holds
-- each bureau's values, one row per version with its effective dates.
-- Code reads rules through gs_rule(); it never carries the numbers itself.

CREATE TABLE rule_def (
	key		text PRIMARY KEY CHECK (key ~ '^[a-z_]+(\.[a-z_]+)+$'),
	category	text NOT NULL,
	label		text NOT NULL,
	unit		text NOT NULL CHECK (unit IN ('calendar_days',
			    'working_days', 'hours', 'months', 'years', 'fen',
			    'bp', 'percent', 'count')),
	default_value	bigint NOT NULL,
	min_value	bigint NOT NULL DEFAULT 0,
	max_value	bigint NOT NULL,
	source		text NOT NULL,
	unconfirmed	boolean NOT NULL DEFAULT false,
	sort		integer NOT NULL,
	CHECK (default_value BETWEEN min_value AND max_value)
);
COMMENT ON TABLE rule_def IS 'what each rulebook key means; seeded from domain.md';
COMMENT ON COLUMN rule_def.key IS 'stable key used by the code, e.g. decision.days';
COMMENT ON COLUMN rule_def.category IS 'group shown in the admin screen';
COMMENT ON COLUMN rule_def.label IS '中文 description';
COMMENT ON COLUMN rule_def.unit IS 'how the value is counted; working_days vs calendar_days decides the arithmetic';
COMMENT ON COLUMN rule_def.default_value IS 'value seeded for a new bureau';
COMMENT ON COLUMN rule_def.min_value IS 'smallest value an admin may set';
COMMENT ON COLUMN rule_def.max_value IS 'largest value an admin may set';
COMMENT ON COLUMN rule_def.source IS 'legal source or practice note';
COMMENT ON COLUMN rule_def.unconfirmed IS '[U]: not confirmed in primary text; shown as such';
COMMENT ON COLUMN rule_def.sort IS 'display order';

CREATE TABLE rule (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	key		text NOT NULL REFERENCES rule_def,
	value		bigint NOT NULL,
	effective_from	date NOT NULL,
	effective_to	date,
	note		text NOT NULL DEFAULT '',
	created_by	uuid,
	created_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (bureau_id, key, effective_from),
	CHECK (effective_to IS NULL OR effective_to >= effective_from)
);
COMMENT ON TABLE rule IS 'a bureau''s value of a rule for a span of dates';
COMMENT ON COLUMN rule.id IS 'opaque id';
COMMENT ON COLUMN rule.bureau_id IS 'owning bureau';
COMMENT ON COLUMN rule.key IS 'which rule';
COMMENT ON COLUMN rule.value IS 'the number, in rule_def.unit';
COMMENT ON COLUMN rule.effective_from IS 'first day this value applies';
COMMENT ON COLUMN rule.effective_to IS 'last day it applies; NULL while current';
COMMENT ON COLUMN rule.note IS 'why it was changed';
COMMENT ON COLUMN rule.created_by IS 'user who set it; NULL for the seed';
COMMENT ON COLUMN rule.created_at IS 'when it was set';

-- The value of a rule for a bureau on a date. Raises when the bureau has no
-- value on that date: a missing rule is a configuration error, never zero.
CREATE FUNCTION gs_rule(p_bureau uuid, p_key text, p_on date) RETURNS bigint
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $$
DECLARE
	v	bigint;
BEGIN
	SELECT value INTO v FROM rule
	WHERE bureau_id = p_bureau AND key = p_key AND effective_from <= p_on
	    AND (effective_to IS NULL OR effective_to >= p_on);
	IF NOT FOUND THEN
		RAISE EXCEPTION 'rulebook: no value of % on %', p_key, p_on
		    USING ERRCODE = 'no_data_found';
	END IF;
	RETURN v;
END $$;

CREATE TABLE holiday (
	id		uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	bureau_id	uuid NOT NULL REFERENCES bureau,
	day		date NOT NULL,
	kind		text NOT NULL CHECK (kind IN ('holiday', 'workday')),
	name		text NOT NULL DEFAULT '',
	UNIQUE (bureau_id, day)
);
COMMENT ON TABLE holiday IS 'public holidays and make-up working days (调休上班) of a bureau';
COMMENT ON COLUMN holiday.id IS 'opaque id';
COMMENT ON COLUMN holiday.bureau_id IS 'owning bureau';
COMMENT ON COLUMN holiday.day IS 'the date';
COMMENT ON COLUMN holiday.kind IS 'holiday: no work although a weekday may be; workday: work although a weekend';
COMMENT ON COLUMN holiday.name IS 'e.g. 国庆节';

CREATE TABLE holiday_year (
	bureau_id	uuid NOT NULL REFERENCES bureau,
	year		integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
	provisional	boolean NOT NULL,
	note		text NOT NULL DEFAULT '',
	PRIMARY KEY (bureau_id, year)
);
COMMENT ON TABLE holiday_year IS 'which years a bureau''s calendar covers and whether a year is still provisional';
COMMENT ON COLUMN holiday_year.bureau_id IS 'owning bureau';
COMMENT ON COLUMN holiday_year.year IS 'calendar year';
COMMENT ON COLUMN holiday_year.provisional IS 'true until the State Council notice for the year has been entered';
COMMENT ON COLUMN holiday_year.note IS 'source of the year''s dates';

CREATE TRIGGER rule_audit AFTER INSERT OR UPDATE OR DELETE ON rule
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();
CREATE TRIGGER holiday_audit AFTER INSERT OR UPDATE OR DELETE ON holiday
FOR EACH ROW EXECUTE FUNCTION gs_audit_row();

ALTER TABLE rule ENABLE ROW LEVEL SECURITY;
CREATE POLICY rule_bureau ON rule USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE holiday ENABLE ROW LEVEL SECURITY;
CREATE POLICY holiday_bureau ON holiday USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());
ALTER TABLE holiday_year ENABLE ROW LEVEL SECURITY;
CREATE POLICY holiday_year_bureau ON holiday_year
    USING (bureau_id = gs_current_bureau())
    WITH CHECK (bureau_id = gs_current_bureau());

GRANT SELECT ON rule_def TO gs_app;
GRANT SELECT, INSERT, UPDATE ON rule TO gs_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON holiday, holiday_year TO gs_app;

-------------------------------------------------------------------------
-- The rule definitions: every number of shared/domain.md. [U] marks the
-- ones domain.md could not confirm in primary text (unconfirmed = true).
-------------------------------------------------------------------------

INSERT INTO rule_def (sort, key, category, label, unit, default_value, min_value, max_value, source, unconfirmed) VALUES
(100, 'clue.filing_decision_days', '立案', '收到线索后作出是否立案决定的期限', 'calendar_days', 15, 1, 90, '生态环境行政处罚办法（2023）第18条', false),
(101, 'clue.filing_extension_days', '立案', '经负责人批准可延长的立案审查期限', 'calendar_days', 15, 0, 90, '生态环境行政处罚办法（2023）第18条', false),
(110, 'limitation.years', '立案', '行政处罚追责时效', 'years', 2, 1, 10, '行政处罚法第36条', false),
(111, 'limitation.serious_years', '立案', '涉及公民生命健康安全、金融安全且有危害后果的追责时效', 'years', 5, 1, 20, '行政处罚法第36条', false),
(120, 'investigation.min_officers', '调查', '调查、检查时执法人员最少人数', 'count', 2, 2, 10, '行政处罚法第42条', false),
(121, 'evidence.preservation_decision_working_days', '调查', '先行登记保存后作出处理决定的期限', 'working_days', 7, 1, 30, '行政处罚法第56条', false),
(130, 'statement.period_working_days', '告知', '陈述、申辩期限', 'working_days', 5, 1, 30, '实务做法', true),
(131, 'hearing.request_working_days', '告知', '告知后当事人申请听证的期限', 'working_days', 5, 1, 30, '行政处罚法第64条', false),
(132, 'hearing.threshold_org_fen', '告知', '对法人或其他组织拟罚款达到该数额时可申请听证（分）', 'fen', 20000000, 0, 100000000000, '生态环境行政处罚办法（2023）第89条', true),
(133, 'hearing.threshold_individual_fen', '告知', '对公民个人拟罚款达到该数额时可申请听证（分）', 'fen', 500000, 0, 100000000000, '生态环境行政处罚办法（2023）第89条', true),
(134, 'hearing.notice_working_days', '告知', '听证通知应在听证前送达的最少天数', 'working_days', 7, 1, 30, '行政处罚法第64条', false),
(140, 'legal_review.threshold_fen', '审核', '罚款达到该数额须经法制审核（分）', 'fen', 20000000, 0, 100000000000, '行政处罚法第58条；本局认定标准', false),
(141, 'collective.threshold_fen', '审核', '罚款达到该数额须经集体讨论（分）', 'fen', 50000000, 0, 100000000000, '行政处罚法第57条；本局认定标准', true),
(150, 'decision.days', '决定', '自立案之日起作出处罚决定的期限', 'calendar_days', 90, 1, 365, '行政处罚法第60条', false),
(151, 'decision.extension_days', '决定', '经负责人批准可延长的期限', 'calendar_days', 30, 0, 180, '生态环境行政处罚办法（2023）第57条', false),
(152, 'decision.further_extension_max_days', '决定', '经集体讨论每次再延长的最长期限', 'calendar_days', 30, 0, 180, '生态环境行政处罚办法（2023）第57条', false),
(160, 'service.working_days', '送达', '当事人不在场时送达处罚决定书的期限', 'working_days', 7, 1, 30, '行政处罚法第61条', false),
(161, 'service.public_notice_days', '送达', '公告送达自发出公告之日起经过该天数视为送达', 'calendar_days', 30, 1, 90, '民事诉讼法第95条', false),
(170, 'payment.days', '执行', '自收到处罚决定书之日起缴纳罚款的期限', 'calendar_days', 15, 1, 90, '行政处罚法第67条', false),
(171, 'surcharge.rate_bp_per_day', '执行', '到期不缴纳每日加处罚款的比例（基点，300=3%）', 'bp', 300, 0, 10000, '行政处罚法第72条', false),
(172, 'surcharge.cap_percent', '执行', '加处罚款总额不得超过罚款数额的百分比', 'percent', 100, 0, 100, '行政强制法第45条', false),
(173, 'enforcement.demand_wait_days', '执行', '催告书送达后申请法院强制执行前的等待期', 'calendar_days', 10, 1, 90, '行政强制法第54条', false),
(174, 'enforcement.apply_months', '执行', '复议、诉讼期限届满后申请法院强制执行的期限', 'months', 3, 1, 12, '行政强制法第53条', false),
(175, 'enforcement.reconsideration_days', '执行', '申请行政复议的期限', 'calendar_days', 60, 1, 365, '行政强制法第53条；行政复议法', false),
(176, 'enforcement.litigation_months', '执行', '提起行政诉讼的期限', 'months', 6, 1, 24, '行政强制法第53条；行政诉讼法', false),
(180, 'disclosure.working_days', '公开', '处罚决定作出后公开的期限', 'working_days', 7, 1, 30, '国办发〔2018〕118号', false),
(181, 'disclosure.withdraw_working_days', '公开', '处罚决定被撤销后撤回公开信息的期限', 'working_days', 3, 1, 30, '行政处罚法第48条', false),
(190, 'simple.max_individual_fen', '简易程序', '简易程序当场处罚对公民罚款上限（分）', 'fen', 20000, 0, 10000000, '行政处罚法第51条', false),
(191, 'simple.max_org_fen', '简易程序', '简易程序当场处罚对法人或其他组织罚款上限（分）', 'fen', 300000, 0, 10000000, '行政处罚法第51条', false),
(200, 'deadline.due_soon_working_days', '期限', '期限临近提醒（到期前工作日数）', 'working_days', 3, 0, 30, '本系统默认', false),
(300, 'daily_penalty.correction_service_working_days', '配套办法', '取得监测报告后送达责令改正决定书的期限', 'working_days', 3, 1, 30, '环境保护主管部门实施按日连续处罚办法', false),
(301, 'daily_penalty.reinspection_days', '配套办法', '送达责令改正决定书后复查的期限', 'calendar_days', 30, 1, 90, '环境保护主管部门实施按日连续处罚办法', false),
(310, 'seizure.max_days', '配套办法', '查封、扣押的期限', 'calendar_days', 30, 1, 90, '行政强制法第25条；实施查封、扣押办法', false),
(311, 'seizure.extension_max_days', '配套办法', '查封、扣押可延长的最长期限（一次）', 'calendar_days', 30, 0, 90, '行政强制法第25条', false),
(312, 'seizure.emergency_approval_hours', '配套办法', '情况紧急当场查封、扣押后补办批准的期限', 'hours', 24, 1, 72, '行政强制法第19条', false),
(313, 'seizure.release_verify_working_days', '配套办法', '解除查封、扣押申请的核查期限', 'working_days', 5, 1, 30, '实施查封、扣押办法', false),
(314, 'seizure.release_serve_working_days', '配套办法', '作出解除决定后送达的期限', 'working_days', 3, 1, 30, '实施查封、扣押办法', false),
(320, 'limit.service_working_days', '配套办法', '限制生产、停产整治决定书送达期限', 'working_days', 7, 1, 30, '环境保护主管部门实施限制生产、停产整治办法', false),
(321, 'limit.max_months', '配套办法', '限制生产的期限', 'months', 3, 1, 12, '环境保护主管部门实施限制生产、停产整治办法', false),
(322, 'limit.extension_max_months', '配套办法', '限制生产可延长的最长期限（一次）', 'months', 3, 0, 12, '环境保护主管部门实施限制生产、停产整治办法', false),
(323, 'limit.plan_working_days', '配套办法', '提交整改方案的期限', 'working_days', 15, 1, 60, '环境保护主管部门实施限制生产、停产整治办法', false),
(324, 'limit.follow_up_days', '配套办法', '解除后跟踪检查的期限', 'calendar_days', 30, 1, 90, '环境保护主管部门实施限制生产、停产整治办法', false),
(330, 'detention.transfer_working_days', '移送', '批准后移送公安机关行政拘留的期限', 'working_days', 3, 1, 30, '行政主管部门移送适用行政拘留环境违法案件暂行办法', false),
(331, 'detention.police_more_days', '移送', '公安机关要求补正材料的期限', 'calendar_days', 3, 1, 30, '行政主管部门移送适用行政拘留环境违法案件暂行办法', false),
(332, 'detention.police_reject_days', '移送', '公安机关不予受理的期限', 'calendar_days', 5, 1, 30, '行政主管部门移送适用行政拘留环境违法案件暂行办法', false),
(340, 'criminal.min_officers', '移送', '涉嫌犯罪案件移送报告的执法人员最少人数', 'count', 2, 2, 10, '行政执法机关移送涉嫌犯罪案件的规定', false),
(341, 'criminal.head_decision_days', '移送', '负责人作出是否移送决定的期限', 'calendar_days', 3, 1, 30, '行政执法机关移送涉嫌犯罪案件的规定第5条', false),
(342, 'criminal.transfer_hours', '移送', '批准后移送公安机关的期限', 'hours', 24, 1, 240, '行政执法机关移送涉嫌犯罪案件的规定第5条', false),
(343, 'criminal.police_decision_days', '移送', '公安机关决定是否立案的期限', 'calendar_days', 3, 1, 30, '行政执法机关移送涉嫌犯罪案件的规定第8条', false),
(344, 'criminal.police_complex_days', '移送', '重大疑难案件公安机关决定期限', 'calendar_days', 7, 1, 60, '公安部相关规定', false),
(345, 'criminal.police_special_days', '移送', '特别重大疑难案件公安机关决定期限', 'calendar_days', 30, 1, 90, '公安部相关规定', false),
(400, 'draw.special_ratio_bp', '双随机', '特殊监管对象抽查比例（基点）', 'bp', 10000, 0, 10000, '环境监管执法双随机一公开工作要求', false),
(401, 'draw.key_ratio_bp', '双随机', '重点排污单位每季度抽查比例（基点）', 'bp', 2500, 0, 10000, '环境监管执法双随机一公开工作要求', false),
(402, 'draw.general_officer_ratio', '双随机', '一般排污单位按执法人员1:N的年度抽查数', 'count', 10, 1, 100, '环境监管执法双随机一公开工作要求', false),
(403, 'draw.max_per_year', '双随机', '同一对象一年内被本局检查达到该次数后不再抽取', 'count', 2, 1, 12, '浙江省做法', false),
(404, 'draw.team_size', '双随机', '每个检查组的最少执法人员数', 'count', 2, 2, 10, '行政处罚法第42条', false),
(405, 'draw.publication_working_days', '双随机', '检查结果公示期限', 'working_days', 20, 1, 60, '双随机一公开工作要求', false),
(406, 'special.complaints_threshold', '双随机', '上年度核实投诉达到该次数列为特殊监管对象', 'count', 3, 1, 100, '环境监管执法双随机一公开工作要求', false),
(500, 'credit.objection_days', '信用', '信用评价结果公示异议期', 'calendar_days', 15, 1, 90, '企业环境信用评价办法', false),
(501, 'credit.repair_general_months', '信用', '一般失信信息最短公示期', 'months', 3, 1, 36, '信用修复管理办法', false),
(502, 'credit.repair_serious_months', '信用', '严重失信信息最短公示期', 'months', 6, 1, 60, '信用修复管理办法', false);

-- Seeds a new bureau with the default rulebook (effective from 2000-01-01
-- so historical cases are covered) and the holiday calendar.
CREATE FUNCTION gs_seed_rulebook(p_bureau uuid) RETURNS void
LANGUAGE sql AS $$
	INSERT INTO rule (bureau_id, key, value, effective_from, note)
	SELECT p_bureau, key, default_value, DATE '2000-01-01', '默认值（domain.md）'
	FROM rule_def
	ON CONFLICT DO NOTHING;
$$;

CREATE FUNCTION gs_seed_holidays(p_bureau uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
	-- 2026: 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）.
	INSERT INTO holiday (bureau_id, day, kind, name)
	SELECT p_bureau, d::date, 'holiday', n FROM (VALUES
		('2026-01-01', '2026-01-03', '元旦'),
		('2026-02-15', '2026-02-23', '春节'),
		('2026-04-04', '2026-04-06', '清明节'),
		('2026-05-01', '2026-05-05', '劳动节'),
		('2026-06-19', '2026-06-21', '端午节'),
		('2026-09-25', '2026-09-27', '中秋节'),
		('2026-10-01', '2026-10-07', '国庆节')) AS r(f, t, n),
	    generate_series(f::date, t::date, interval '1 day') AS d
	ON CONFLICT DO NOTHING;
	INSERT INTO holiday (bureau_id, day, kind, name) VALUES
		(p_bureau, '2026-01-04', 'workday', '元旦调休上班'),
		(p_bureau, '2026-02-14', 'workday', '春节调休上班'),
		(p_bureau, '2026-02-28', 'workday', '春节调休上班'),
		(p_bureau, '2026-05-09', 'workday', '劳动节调休上班'),
		(p_bureau, '2026-09-20', 'workday', '国庆节调休上班'),
		(p_bureau, '2026-10-10', 'workday', '国庆节调休上班')
	ON CONFLICT DO NOTHING;
	INSERT INTO holiday_year (bureau_id, year, provisional, note) VALUES
		(p_bureau, 2026, false, '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）')
	ON CONFLICT DO NOTHING;

	-- 2027: the State Council notice was not available when this was
	-- written. Only the statutory holidays of 全国年节及纪念日放假办法
	-- (2024) are seeded; the admin completes the year (调休) when the
	-- notice appears, and the screen shows the year as provisional.
	INSERT INTO holiday (bureau_id, day, kind, name) VALUES
		(p_bureau, '2027-01-01', 'holiday', '元旦'),
		(p_bureau, '2027-02-05', 'holiday', '春节（除夕）'),
		(p_bureau, '2027-02-06', 'holiday', '春节'),
		(p_bureau, '2027-02-07', 'holiday', '春节'),
		(p_bureau, '2027-02-08', 'holiday', '春节'),
		(p_bureau, '2027-04-05', 'holiday', '清明节'),
		(p_bureau, '2027-05-01', 'holiday', '劳动节'),
		(p_bureau, '2027-05-02', 'holiday', '劳动节'),
		(p_bureau, '2027-06-09', 'holiday', '端午节'),
		(p_bureau, '2027-09-15', 'holiday', '中秋节'),
		(p_bureau, '2027-10-01', 'holiday', '国庆节'),
		(p_bureau, '2027-10-02', 'holiday', '国庆节'),
		(p_bureau, '2027-10-03', 'holiday', '国庆节')
	ON CONFLICT DO NOTHING;
	INSERT INTO holiday_year (bureau_id, year, provisional, note) VALUES
		(p_bureau, 2027, true, '仅含法定节日（全国年节及纪念日放假办法）；调休安排待国务院办公厅通知发布后补录')
	ON CONFLICT DO NOTHING;
END $$;
