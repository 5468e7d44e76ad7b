/*
 * stats.c — the penalty statistics report (see stats.h). The figure table
 * below is the list management reads, in its order; the database counts
 * each figure (migrations/0014), this module puts the counts together.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseflow.h"
#include "core/money.h"
#include "core/stats.h"

static const struct stat_figure_def figures[SF__MAX] = {
	[SF_CASES_FILED] = { "cases_filed", "立案数", SU_COUNT, 0, 0 },
	[SF_CASES_NOT_FILED] = { "cases_not_filed", "不予立案数", SU_COUNT, 0,
	    0 },
	[SF_CASES_REVOKED] = { "cases_revoked", "撤销案件数", SU_COUNT, 0, 0 },
	[SF_CASES_CLOSED] = { "cases_closed", "结案数", SU_COUNT, 0, 0 },
	[SF_CASES_OVERDUE] = { "cases_overdue", "逾期案件数", SU_COUNT, 0, 0 },
	[SF_PENALTY_DECISIONS] = { "penalty_decisions", "处罚决定书数",
	    SU_COUNT, 0, 0 },
	[SF_NO_PENALTY_DECISIONS] = { "no_penalty_decisions", "不予处罚决定数",
	    SU_COUNT, 0, 0 },
	[SF_NO_PENALTY_MINOR] = { "no_penalty.minor", "不予处罚：违法行为轻微",
	    SU_COUNT, 0, 0 },
	[SF_NO_PENALTY_FIRST_OFFENCE] = { "no_penalty.first_offence",
	    "不予处罚：首违不罚", SU_COUNT, 0, 0 },
	[SF_NO_PENALTY_NO_FAULT] = { "no_penalty.no_fault",
	    "不予处罚：无主观过错", SU_COUNT, 0, 0 },
	[SF_NO_PENALTY_NOT_ESTABLISHED] = { "no_penalty.not_established",
	    "不予处罚：违法事实不成立", SU_COUNT, 0, 0 },
	[SF_JUDICIAL_TRANSFERS] = { "judicial_transfers", "移送司法决定数",
	    SU_COUNT, 0, 0 },
	[SF_FINES_FEN] = { "fines_fen", "罚款总额（万元）", SU_FEN, 0, 0 },
	[SF_AVERAGE_FINE_FEN] = { "average_fine_fen", "平均罚款（万元）",
	    SU_FEN, 0, 0 },
	[SF_PAID_FEN] = { "paid_fen", "已缴纳（万元）", SU_FEN, 0, 0 },
	[SF_SURCHARGE_PAID_FEN] = { "surcharge_paid_fen",
	    "加处罚款已缴（万元）", SU_FEN, 0, 0 },
	[SF_OUTSTANDING_FEN] = { "outstanding_fen", "罚款未缴（万元）", SU_FEN,
	    0, 0 },
	[SF_SUPPORTING_MEASURE_CASES] = { "supporting_measure_cases",
	    "配套办法案件数", SU_COUNT, 0, 0 },
	[SF_DAILY_PENALTY_CASES] = { "daily_penalty_cases",
	    "按日连续处罚案件数", SU_COUNT, 0, 0 },
	[SF_DAILY_PENALTY_FINES_FEN] = { "daily_penalty_fines_fen",
	    "按日连续处罚罚款（万元）", SU_FEN, 0, 0 },
	[SF_SEIZURE_CASES] = { "seizure_cases", "查封扣押案件数", SU_COUNT, 0,
	    0 },
	[SF_PRODUCTION_LIMIT_CASES] = { "production_limit_cases",
	    "限产停产案件数", SU_COUNT, 0, 0 },
	[SF_DETENTION_TRANSFER_CASES] = { "detention_transfer_cases",
	    "移送行政拘留案件数", SU_COUNT, 0, 0 },
	[SF_CRIMINAL_TRANSFER_CASES] = { "criminal_transfer_cases",
	    "移送涉嫌犯罪案件数", SU_COUNT, 0, 0 },
	[SF_PERSONS_DETAINED] = { "persons_detained", "行政拘留人数",
	    SU_PERSONS, 0, 0 },
	[SF_PERSONS_COERCIVE] = { "persons_coercive", "刑事强制措施人数",
	    SU_PERSONS, 0, 0 },
	[SF_HEARINGS] = { "hearings", "听证数", SU_COUNT, 0, 0 },
	[SF_LEGAL_REVIEWS] = { "legal_reviews", "法制审核数", SU_COUNT, 0, 0 },
	[SF_COLLECTIVE_DISCUSSIONS] = { "collective_discussions", "集体讨论数",
	    SU_COUNT, 0, 0 },
	[SF_CLUES] = { "clues", "线索数", SU_COUNT, 0, 0 },
	[SF_CLUES_PUBLIC_REPORT] = { "clues.public_report", "线索：信访举报",
	    SU_COUNT, 0, 0 },
	[SF_CLUES_ONLINE_MONITORING] = { "clues.online_monitoring",
	    "线索：在线监控预警", SU_COUNT, 0, 0 },
	[SF_CLUES_DOUBLE_RANDOM] = { "clues.double_random", "线索：双随机抽查",
	    SU_COUNT, 0, 0 },
	[SF_CLUES_PATROL] = { "clues.patrol", "线索：日常巡查", SU_COUNT, 0,
	    0 },
	[SF_CLUES_ASSIGNED] = { "clues.assigned", "线索：上级交办", SU_COUNT, 0,
	    0 },
	[SF_CLUES_REFERRAL] = { "clues.referral", "线索：部门移送", SU_COUNT, 0,
	    0 },
	[SF_CLUES_MEDIA] = { "clues.media", "线索：媒体曝光", SU_COUNT, 0, 0 },
	[SF_CLUES_CAMPAIGN] = { "clues.campaign", "线索：专项行动", SU_COUNT, 0,
	    0 },
	/* Not in the groups: inspections have no squad or clue; the grades
	 * are today's, not the range's, so they have no year before. */
	[SF_DOUBLE_RANDOM_INSPECTIONS] = { "double_random_inspections",
	    "双随机检查数", SU_COUNT, 1, 0 },
	[SF_DOUBLE_RANDOM_PROBLEMS] = { "double_random_problems",
	    "双随机发现问题数", SU_COUNT, 1, 0 },
	[SF_DOUBLE_RANDOM_PROBLEM_RATE] = { "double_random_problem_rate_permille",
	    "双随机问题发现率", SU_PERMILLE, 1, 0 },
	[SF_CREDIT_GREEN] = { "credit.green", "信用：环保诚信（绿）", SU_COUNT,
	    1, 1 },
	[SF_CREDIT_BLUE] = { "credit.blue", "信用：环保良好（蓝）", SU_COUNT, 1,
	    1 },
	[SF_CREDIT_YELLOW] = { "credit.yellow", "信用：环保警示（黄）",
	    SU_COUNT, 1, 1 },
	[SF_CREDIT_RED] = { "credit.red", "信用：环保不良（红）", SU_COUNT, 1,
	    1 },
	[SF_CREDIT_BLACK] = { "credit.black", "信用：严重失信（黑）", SU_COUNT,
	    1, 1 },
};

/* The five kinds whose sum is the supporting-measure figure (domain.md
 * section 5: a case that used two kinds counts twice there). */
static const enum stat_figure supporting_kinds[] = { SF_DAILY_PENALTY_CASES,
	SF_SEIZURE_CASES, SF_PRODUCTION_LIMIT_CASES,
	SF_DETENTION_TRANSFER_CASES, SF_CRIMINAL_TRANSFER_CASES };

static const struct code_label group_names[SG__MAX] = {
	[SG_NONE] = { "none", "不分组" },
	[SG_SQUAD] = { "squad", "按中队" },
	[SG_TOWNSHIP] = { "township", "按镇街" },
	[SG_INDUSTRY] = { "industry", "按行业" },
	[SG_SOURCE] = { "source", "按线索来源" },
	[SG_MONTH] = { "month", "按月份" },
};

const struct stat_figure_def *
stat_figure_def(enum stat_figure f)
{
	return (f < SF__MAX ? &figures[f] : NULL);
}

enum stat_figure
stat_figure_from(const char *code)
{
	int f;

	for (f = 0; code != NULL && f < SF__MAX; f++) {
		if (strcmp(figures[f].code, code) == 0)
			return ((enum stat_figure)f);
	}
	return (SF__MAX);
}

const char *
stat_group_by_code(enum stat_group_by g)
{
	return (g < SG__MAX ? group_names[g].code : "");
}

const char *
stat_group_by_label(enum stat_group_by g)
{
	return (g < SG__MAX ? group_names[g].label : "");
}

enum stat_group_by
stat_group_by_from(const char *s)
{
	return ((enum stat_group_by)code_label_find(group_names, SG__MAX, s));
}

const char *
stats_source_label(const char *code)
{
	if (code == NULL || *code == '\0')
		return ("未登记线索来源");
	return (clue_source_label(code));
}

/* The same day a year earlier; 29 February becomes the 28th. */
static gs_date
year_earlier(gs_date d)
{
	return (date_add_months(d, -12));
}

/*
 * A range ending on its month's last day compares with the whole month
 * a year earlier: February 2025 (to the 28th) with February 2024 to the
 * 29th, so that a leap day is not lost from the year before.
 */
void
stats_prev_range(gs_date from, gs_date to, gs_date *pfrom, gs_date *pto)
{
	*pfrom = year_earlier(from);
	*pto = year_earlier(to);
	if (to == date_month_end(to))
		*pto = date_month_end(*pto);
}

static struct stat_group *group_find(struct stat_report *, const char *);

void
stats_init(struct stat_report *r, gs_date from, gs_date to,
    enum stat_group_by by)
{
	char key[STAT_KEY_LEN];
	gs_date m;
	int y, mo, dd;

	memset(r, 0, sizeof(*r));
	r->from = from;
	r->to = to;
	r->by = by;
	stats_prev_range(from, to, &r->prev_from, &r->prev_to);
	if (by != SG_MONTH || to < from)
		return;
	/* Every month of the range, those with nothing in them too: a
	 * trend line does not skip a quiet month. */
	date_to_ymd(from, &y, &mo, &dd);
	for (m = date_from_ymd(y, mo, 1); m <= to; m = date_add_months(m, 1)) {
		date_to_ymd(m, &y, &mo, &dd);
		(void)snprintf(key, sizeof(key), "%04d-%02d", y, mo);
		if (group_find(r, key) == NULL)
			break;
	}
}

void
stats_free(struct stat_report *r)
{
	free(r->groups);
	memset(r, 0, sizeof(*r));
}

/* "2025-03" of the year before as the month of the range it compares
 * with ("2026-03"); key itself otherwise. */
static void
group_key_of(const struct stat_report *r, int prev, const char *key,
    char out[STAT_KEY_LEN])
{
	int y, m;

	if (prev && r->by == SG_MONTH && strlen(key) == 7 &&
	    sscanf(key, "%4d-%2d", &y, &m) == 2) {
		(void)snprintf(out, STAT_KEY_LEN, "%04d-%02d", y + 1, m);
		return;
	}
	(void)snprintf(out, STAT_KEY_LEN, "%s", key);
}

static struct stat_group *
group_find(struct stat_report *r, const char *key)
{
	struct stat_group *g;
	size_t i;

	for (i = 0; i < r->ngroups; i++) {
		if (strcmp(r->groups[i].key, key) == 0)
			return (&r->groups[i]);
	}
	if (r->ngroups == STAT_GROUPS_MAX) {
		r->truncated = 1;
		return (NULL);
	}
	if (r->ngroups == r->cap) {
		r->cap = r->cap == 0 ? 16 : r->cap * 2;
		r->groups = xrealloc(r->groups, r->cap * sizeof(*r->groups));
	}
	g = &r->groups[r->ngroups++];
	memset(g, 0, sizeof(*g));
	(void)snprintf(g->key, sizeof(g->key), "%s", key);
	return (g);
}

int
stats_add(struct stat_report *r, int prev, const char *key, const char *figure,
    int64_t n)
{
	enum stat_figure f;
	struct stat_group *g;
	char k[STAT_KEY_LEN];

	if ((f = stat_figure_from(figure)) == SF__MAX)
		return (GS_ERROR);
	if (key == NULL) {
		(prev ? &r->prev_total : &r->total)->v[f] += n;
		return (GS_OK);
	}
	if (r->by == SG_NONE || figures[f].whole_range)
		return (GS_OK);
	group_key_of(r, prev, key, k);
	/* A group only the year before had is shown too: a squad or a
	 * township that fell to nothing is news. */
	if ((g = group_find(r, k)) == NULL)
		return (GS_OK);
	(prev ? &g->prev : &g->cur)->v[f] += n;
	return (GS_OK);
}

/* The figures derived from the counted ones. */
/*
 * a × scale / b rounded half up, 0 when b is 0 (no decision, no average),
 * without an intermediate that could pass 64 bits: a and b are counts and
 * sums of the database's, never negative.
 */
static int64_t
ratio_half_up(int64_t a, int64_t scale, int64_t b)
{
	int64_t q, rem;

	if (b <= 0)
		return (0);
	q = a / b * scale;
	rem = a % b * scale; /* < b × scale: scale is 1 or 1000 */
	return (q + rem / b + (rem % b * 2 >= b));
}

static void
totals_finish(struct stat_totals *t)
{
	int64_t n;
	size_t i;
	int f;

	n = 0;
	for (i = 0; i < GS_NELEM(supporting_kinds); i++)
		n += t->v[supporting_kinds[i]];
	t->v[SF_SUPPORTING_MEASURE_CASES] = n;
	n = 0;
	for (f = SF_CLUES_PUBLIC_REPORT; f <= SF_CLUES_CAMPAIGN; f++)
		n += t->v[f];
	t->v[SF_CLUES] = n;
	/* The average fine, rounded half up to the fen as the fines
	 * themselves are whole; the problem-found rate in per mille. */
	t->v[SF_AVERAGE_FINE_FEN] =
	    ratio_half_up(t->v[SF_FINES_FEN], 1, t->v[SF_PENALTY_DECISIONS]);
	t->v[SF_DOUBLE_RANDOM_PROBLEM_RATE] =
	    ratio_half_up(t->v[SF_DOUBLE_RANDOM_PROBLEMS], 1000,
	        t->v[SF_DOUBLE_RANDOM_INSPECTIONS]);
}

static int
group_cmp_month(const void *a, const void *b)
{
	return (strcmp(((const struct stat_group *)a)->key,
	    ((const struct stat_group *)b)->key));
}

/* Most cases filed first, then by key: the big squads and townships on
 * top, the order stable. */
static int
group_cmp_size(const void *a, const void *b)
{
	const struct stat_group *x = a, *y = b;

	if (x->cur.v[SF_CASES_FILED] != y->cur.v[SF_CASES_FILED])
		return (x->cur.v[SF_CASES_FILED] > y->cur.v[SF_CASES_FILED] ?
		        -1 :
		        1);
	return (strcmp(x->key, y->key));
}

static void
month_label(const char *key, char *out, size_t len)
{
	int y, m;

	if (sscanf(key, "%4d-%2d", &y, &m) == 2)
		(void)snprintf(out, len, "%d年%d月", y, m);
	else
		(void)snprintf(out, len, "%s", key);
}

void
stats_finish(struct stat_report *r,
    void (*label)(const char *, char *, size_t, void *), void *arg)
{
	struct stat_group *g;
	size_t i;

	totals_finish(&r->total);
	totals_finish(&r->prev_total);
	for (i = 0; i < r->ngroups; i++) {
		g = &r->groups[i];
		totals_finish(&g->cur);
		totals_finish(&g->prev);
		if (r->by == SG_MONTH)
			month_label(g->key, g->label, sizeof(g->label));
		else if (r->by == SG_SOURCE)
			(void)snprintf(g->label, sizeof(g->label), "%s",
			    stats_source_label(g->key));
		else if (label != NULL)
			label(g->key, g->label, sizeof(g->label), arg);
		else
			(void)snprintf(g->label, sizeof(g->label), "%s",
			    g->key);
	}
	if (r->ngroups > 1)
		qsort(r->groups, r->ngroups, sizeof(*r->groups),
		    r->by == SG_MONTH ? group_cmp_month : group_cmp_size);
}

int
stats_change_permille(int64_t cur, int64_t prev, int64_t *out)
{
	int64_t num;

	/* Counts and amounts are never negative: 0 is the only base that
	 * cannot be compared with. */
	if (prev <= 0)
		return (GS_ERROR);
	num = (cur - prev) * 1000;
	/* Half away from zero: +0.05 % reads as +0.1 %, -0.05 % as -0.1 %
	 * (C division truncates towards zero). */
	*out = (num * 2 + (num >= 0 ? prev : -prev)) / (prev * 2);
	return (GS_OK);
}

void
stats_change_text(int64_t cur, int64_t prev, char *out, size_t len)
{
	int64_t pm, a;

	if (!stats_change_permille(cur, prev, &pm)) {
		(void)snprintf(out, len, "—");
		return;
	}
	a = pm < 0 ? -pm : pm;
	(void)snprintf(out, len, "%s%lld.%lld%%", pm < 0 ? "-" : "+",
	    (long long)(a / 10), (long long)(a % 10));
}

void
stats_value_text(enum stat_figure f, int64_t v, char *out, size_t len)
{
	char yuan[48];
	int64_t wan;

	if (f < SF__MAX && figures[f].unit == SU_PERMILLE) {
		(void)snprintf(out, len, "%lld.%lld%%", (long long)(v / 10),
		    (long long)(v % 10));
		return;
	}
	if (f >= SF__MAX || figures[f].unit != SU_FEN) {
		(void)snprintf(out, len, "%lld", (long long)v);
		return;
	}
	/* Hundredths of a 万元 (10,000 fen each), rounded half up, written
	 * like fen as yuan: "1,234.57". */
	wan = v / 10000 + (v % 10000 >= 5000);
	money_format_yuan(wan, yuan, sizeof(yuan));
	(void)snprintf(out, len, "%s", yuan);
}
