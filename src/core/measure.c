/*
 * measure.c — supporting measures and transfers to the police (see
 * measure.h). Read flow_table from top to bottom: it is the life of each
 * kind, step by step, with the roles, maker-checker and guards of
 * domain.md section 5.
 */
#include <string.h>

#include "core/measure.h"
#include "core/perm.h"
#include "core/util.h"

#define O ROLE_BIT(ROLE_OFFICER)
#define SL ROLE_BIT(ROLE_SQUAD_LEADER)
#define HD ROLE_BIT(ROLE_HEAD)
#define WORKERS (O | SL | HD)

#define K(x) (1u << (x))
#define S(x) (1u << (x))
#define LIMITS (K(MK_PRODUCTION_LIMIT) | K(MK_PRODUCTION_SUSPENSION))
#define TRANSFERS (K(MK_DETENTION_TRANSFER) | K(MK_CRIMINAL_TRANSFER))
#define NEEDS_APPROVAL (K(MK_SEIZURE) | LIMITS | TRANSFERS)

#define WHO_NOT_CREATOR 0x1

#define SECONDS_PER_HOUR 3600

typedef enum case_verdict (*measure_guard)(const struct measure_facts *,
    const struct measure_input *, struct verr *);

struct measure_row {
	uint32_t kinds; /* K() mask */
	enum measure_action action;
	uint32_t from; /* S() mask */
	uint32_t roles;
	unsigned who;
	measure_guard guard;
	enum measure_state to; /* MS__MAX: measure_next decides */
};

static enum case_verdict guard_approve(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_reason(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_serve_order(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_reinspect(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_decide_round(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_serve(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_extend(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_start_testing(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_end_testing(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_day(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_day_reason(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_serve_release(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_plan(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_follow_up(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_transfer(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_police(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_police_reason(const struct measure_facts *,
    const struct measure_input *, struct verr *);
static enum case_verdict guard_outcome(const struct measure_facts *,
    const struct measure_input *, struct verr *);

static const struct measure_row flow_table[] = {
	/* The head decides what needs approval; never its proposer. */
	{ NEEDS_APPROVAL, MA_APPROVE, S(MS_PROPOSED) | S(MS_AWAITING_APPROVAL),
	    HD, WHO_NOT_CREATOR, guard_approve, MS__MAX },
	{ NEEDS_APPROVAL, MA_REFUSE, S(MS_PROPOSED), HD, WHO_NOT_CREATOR,
	    guard_reason, MS_REFUSED },
	/* 行政强制法 art. 19: an emergency seizure not approved is released. */
	{ K(MK_SEIZURE), MA_REFUSE, S(MS_AWAITING_APPROVAL), HD,
	    WHO_NOT_CREATOR, guard_reason, MS_RELEASE_DECIDED },

	/* 按日连续处罚. */
	{ K(MK_DAILY_PENALTY), MA_SERVE_ORDER, S(MS_ORDERED), WORKERS, 0,
	    guard_serve_order, MS_AWAITING_REINSPECTION },
	{ K(MK_DAILY_PENALTY), MA_REINSPECT, S(MS_AWAITING_REINSPECTION),
	    WORKERS, 0, guard_reinspect, MS__MAX },
	{ K(MK_DAILY_PENALTY), MA_DECIDE_ROUND, S(MS_CONTINUING), HD, 0,
	    guard_decide_round, MS_AWAITING_REINSPECTION },
	{ K(MK_DAILY_PENALTY), MA_END,
	    S(MS_ORDERED) | S(MS_AWAITING_REINSPECTION), HD, 0,
	    guard_day_reason, MS_ENDED },

	/* 查封扣押. */
	{ K(MK_SEIZURE), MA_EXTEND, S(MS_IN_FORCE), HD, 0, guard_extend,
	    MS__MAX },
	{ K(MK_SEIZURE), MA_START_TESTING, S(MS_IN_FORCE), WORKERS, 0,
	    guard_start_testing, MS__MAX },
	{ K(MK_SEIZURE), MA_END_TESTING, S(MS_IN_FORCE), WORKERS, 0,
	    guard_end_testing, MS__MAX },
	{ K(MK_SEIZURE), MA_APPLY_RELEASE, S(MS_IN_FORCE), WORKERS, 0,
	    guard_day, MS_RELEASE_APPLIED },
	{ K(MK_SEIZURE), MA_RELEASE,
	    S(MS_IN_FORCE) | S(MS_RELEASE_APPLIED) | S(MS_AWAITING_APPROVAL),
	    HD, 0, guard_day_reason, MS_RELEASE_DECIDED },
	{ K(MK_SEIZURE), MA_REFUSE_RELEASE, S(MS_RELEASE_APPLIED), HD, 0,
	    guard_day_reason, MS_IN_FORCE },
	{ K(MK_SEIZURE), MA_SERVE_RELEASE, S(MS_RELEASE_DECIDED), WORKERS, 0,
	    guard_serve_release, MS_RELEASED },
	{ K(MK_SEIZURE), MA_DISPOSE, S(MS_IN_FORCE), HD, 0, guard_day_reason,
	    MS_DISPOSED },

	/* 限制生产、停产整治. */
	{ LIMITS, MA_SERVE, S(MS_DECIDED), WORKERS, 0, guard_serve,
	    MS_IN_FORCE },
	{ K(MK_PRODUCTION_LIMIT), MA_EXTEND,
	    S(MS_IN_FORCE) | S(MS_COMPLETION_REPORTED), HD, 0, guard_extend,
	    MS__MAX },
	{ LIMITS, MA_SUBMIT_PLAN, S(MS_IN_FORCE) | S(MS_COMPLETION_REPORTED),
	    WORKERS, 0, guard_plan, MS__MAX },
	{ LIMITS, MA_REPORT_COMPLETION, S(MS_IN_FORCE), WORKERS, 0, guard_day,
	    MS_COMPLETION_REPORTED },
	{ LIMITS, MA_RELEASE, S(MS_IN_FORCE) | S(MS_COMPLETION_REPORTED), HD, 0,
	    guard_day, MS_RELEASED },
	{ LIMITS, MA_FOLLOW_UP, S(MS_RELEASED), WORKERS, 0, guard_follow_up,
	    MS_FOLLOWED_UP },

	/* 移送公安机关. */
	{ TRANSFERS, MA_TRANSFER, S(MS_APPROVED), WORKERS, 0, guard_transfer,
	    MS_TRANSFERRED },
	{ K(MK_DETENTION_TRANSFER), MA_REQUEST_MORE, S(MS_TRANSFERRED), WORKERS,
	    0, guard_police_reason, MS_MORE_REQUESTED },
	{ K(MK_DETENTION_TRANSFER), MA_RESUBMIT, S(MS_MORE_REQUESTED), WORKERS,
	    0, guard_police, MS_TRANSFERRED },
	{ TRANSFERS, MA_POLICE_ACCEPT, S(MS_TRANSFERRED), WORKERS, 0,
	    guard_police, MS_ACCEPTED },
	{ TRANSFERS, MA_POLICE_REJECT, S(MS_TRANSFERRED) | S(MS_MORE_REQUESTED),
	    WORKERS, 0, guard_police_reason, MS_REJECTED },
	{ TRANSFERS, MA_RECORD_OUTCOME, S(MS_ACCEPTED), WORKERS, 0,
	    guard_outcome, MS_CONCLUDED },
};

/* ---- codes and labels ------------------------------------------------ */

static const struct code_label kind_names[MK__MAX] = {
	[MK_DAILY_PENALTY] = { "daily_penalty", "按日连续处罚" },
	[MK_SEIZURE] = { "seizure", "查封、扣押" },
	[MK_PRODUCTION_LIMIT] = { "production_limit", "限制生产" },
	[MK_PRODUCTION_SUSPENSION] = { "production_suspension", "停产整治" },
	[MK_DETENTION_TRANSFER] = { "detention_transfer", "移送适用行政拘留" },
	[MK_CRIMINAL_TRANSFER] = { "criminal_transfer", "移送涉嫌环境犯罪" },
};

static const struct code_label transfer_names[MK__MAX] = {
	[MK_DAILY_PENALTY] = { "", "" },
	[MK_SEIZURE] = { "", "" },
	[MK_PRODUCTION_LIMIT] = { "", "" },
	[MK_PRODUCTION_SUSPENSION] = { "", "" },
	[MK_DETENTION_TRANSFER] = { "detention", "" },
	[MK_CRIMINAL_TRANSFER] = { "criminal", "" },
};

static const struct code_label state_names[MS__MAX] = {
	[MS_PROPOSED] = { "proposed", "待负责人批准" },
	[MS_AWAITING_APPROVAL] = { "awaiting_approval",
	    "紧急实施，待补办批准" },
	[MS_REFUSED] = { "refused", "未予批准" },
	[MS_ORDERED] = { "ordered", "待送达责令改正决定书" },
	[MS_AWAITING_REINSPECTION] = { "awaiting_reinspection", "待复查" },
	[MS_CONTINUING] = { "continuing", "拒不改正，待作出处罚决定" },
	[MS_CORRECTED] = { "corrected", "已改正" },
	[MS_DECIDED] = { "decided", "待送达决定书" },
	[MS_IN_FORCE] = { "in_force", "执行中" },
	[MS_RELEASE_APPLIED] = { "release_applied", "当事人申请解除，待核查" },
	[MS_RELEASE_DECIDED] = { "release_decided", "已决定解除，待送达" },
	[MS_COMPLETION_REPORTED] = { "completion_reported", "已报告整改完成" },
	[MS_RELEASED] = { "released", "已解除" },
	[MS_FOLLOWED_UP] = { "followed_up", "已跟踪检查" },
	[MS_DISPOSED] = { "disposed", "已依法处理" },
	[MS_APPROVED] = { "approved", "已批准，待移送" },
	[MS_TRANSFERRED] = { "transferred", "已移送，待公安机关决定" },
	[MS_MORE_REQUESTED] = { "more_requested", "公安机关要求补充材料" },
	[MS_ACCEPTED] = { "accepted", "公安机关已受理（立案）" },
	[MS_REJECTED] = { "rejected", "公安机关不予受理（不予立案）" },
	[MS_CONCLUDED] = { "concluded", "已办结" },
	[MS_ENDED] = { "ended", "已终止" },
	[MS_IMPORTED] = { "imported", "历史数据导入" },
};

static const struct code_label action_names[MA__MAX] = {
	[MA_APPROVE] = { "approve", "批准" },
	[MA_REFUSE] = { "refuse", "不予批准" },
	[MA_SERVE_ORDER] = { "serve_order", "送达责令改正决定书" },
	[MA_REINSPECT] = { "reinspect", "复查" },
	[MA_DECIDE_ROUND] = { "decide_round", "作出按日连续处罚决定" },
	[MA_END] = { "end", "终止" },
	[MA_SERVE] = { "serve", "送达决定书" },
	[MA_EXTEND] = { "extend", "延长期限" },
	[MA_START_TESTING] = { "start_testing", "开始检测（期间不计入）" },
	[MA_END_TESTING] = { "end_testing", "检测结束" },
	[MA_APPLY_RELEASE] = { "apply_release", "登记解除申请" },
	[MA_RELEASE] = { "release", "决定解除" },
	[MA_REFUSE_RELEASE] = { "refuse_release", "不予解除" },
	[MA_SERVE_RELEASE] = { "serve_release", "送达解除决定书" },
	[MA_DISPOSE] = { "dispose", "依法处理（没收、移交）" },
	[MA_SUBMIT_PLAN] = { "submit_plan", "登记整改方案" },
	[MA_REPORT_COMPLETION] = { "report_completion", "登记整改完成报告" },
	[MA_FOLLOW_UP] = { "follow_up", "跟踪检查" },
	[MA_TRANSFER] = { "transfer", "移送公安机关" },
	[MA_REQUEST_MORE] = { "request_more", "公安机关要求补充材料" },
	[MA_RESUBMIT] = { "resubmit", "补充材料后重新移送" },
	[MA_POLICE_ACCEPT] = { "police_accept", "公安机关受理（立案）" },
	[MA_POLICE_REJECT] = { "police_reject",
	    "公安机关不予受理（不予立案）" },
	[MA_RECORD_OUTCOME] = { "record_outcome", "登记处理结果" },
};

static const struct code_label complexity_names[MC__MAX] = {
	[MC_NORMAL] = { "normal", "一般" },
	[MC_COMPLEX] = { "complex", "重大、疑难" },
	[MC_SPECIAL] = { "special", "特别重大、疑难" },
};

#define CODE_OF(names, n, i) ((i) >= 0 && (i) < (n) ? (names)[i].code : "")
#define LABEL_OF(names, n, i) ((i) >= 0 && (i) < (n) ? (names)[i].label : "")

const char *
measure_kind_code(enum measure_kind k)
{
	return (CODE_OF(kind_names, MK__MAX, (int)k));
}

const char *
measure_kind_label(enum measure_kind k)
{
	return (LABEL_OF(kind_names, MK__MAX, (int)k));
}

enum measure_kind
measure_kind_from(const char *s)
{
	return ((enum measure_kind)code_label_find(kind_names, MK__MAX, s));
}

const char *
measure_transfer_code(enum measure_kind k)
{
	return (CODE_OF(transfer_names, MK__MAX, (int)k));
}

enum measure_kind
measure_transfer_from(const char *s)
{
	if (s == NULL || *s == '\0')
		return (MK__MAX);
	return ((enum measure_kind)code_label_find(transfer_names, MK__MAX, s));
}

int
measure_kind_is_transfer(enum measure_kind k)
{
	return (k == MK_DETENTION_TRANSFER || k == MK_CRIMINAL_TRANSFER);
}

enum doc_kind
measure_decision_doc(enum measure_kind k)
{
	switch (k) {
	case MK_SEIZURE:
		return (DOC_SEIZURE_DECISION);
	case MK_PRODUCTION_LIMIT:
		return (DOC_LIMIT_DECISION);
	case MK_PRODUCTION_SUSPENSION:
		return (DOC_SUSPENSION_DECISION);
	case MK_DETENTION_TRANSFER:
		return (DOC_DETENTION_TRANSFER);
	case MK_CRIMINAL_TRANSFER:
		return (DOC_CRIMINAL_TRANSFER);
	default:
		return (DOC_CORRECTION_ORDER);
	}
}

const char *
measure_state_code(enum measure_state s)
{
	return (CODE_OF(state_names, MS__MAX, (int)s));
}

const char *
measure_state_label(enum measure_state s)
{
	return (LABEL_OF(state_names, MS__MAX, (int)s));
}

enum measure_state
measure_state_from(const char *s)
{
	return ((enum measure_state)code_label_find(state_names, MS__MAX, s));
}

const char *
measure_action_code(enum measure_action a)
{
	return (CODE_OF(action_names, MA__MAX, (int)a));
}

const char *
measure_action_label(enum measure_action a)
{
	return (LABEL_OF(action_names, MA__MAX, (int)a));
}

enum measure_action
measure_action_from(const char *s)
{
	return ((enum measure_action)code_label_find(action_names, MA__MAX, s));
}

const char *
measure_complexity_code(enum measure_complexity c)
{
	return (CODE_OF(complexity_names, MC__MAX, (int)c));
}

const char *
measure_complexity_label(enum measure_complexity c)
{
	return (LABEL_OF(complexity_names, MC__MAX, (int)c));
}

enum measure_complexity
measure_complexity_from(const char *s)
{
	return ((enum measure_complexity)code_label_find(complexity_names,
	    MC__MAX, s));
}

int
measure_is_final(enum measure_kind k, enum measure_state s)
{
	switch (s) {
	case MS_REFUSED:
	case MS_CORRECTED:
	case MS_FOLLOWED_UP:
	case MS_DISPOSED:
	case MS_REJECTED:
	case MS_CONCLUDED:
	case MS_ENDED:
	case MS_IMPORTED:
		return (1);
	case MS_RELEASED:
		/* A released limit still has its follow-up inspection. */
		return (k == MK_SEIZURE);
	default:
		return (0);
	}
}

/* ---- arithmetic ------------------------------------------------------- */

int
daily_penalty_days(gs_date counted_from, gs_date reinspected_on)
{
	if (counted_from == 0 || reinspected_on <= counted_from)
		return (0);
	return (reinspected_on - counted_from);
}

int
daily_penalty_amount(int64_t fine_fen, int days, int64_t *out)
{
	if (fine_fen < 0 || days < 0)
		return (GS_ERROR);
	if (days > 0 && fine_fen > INT64_MAX / days)
		return (GS_ERROR);
	*out = fine_fen * days;
	return (GS_OK);
}

int64_t
daily_penalty_total(const struct measure_rec *m)
{
	int64_t total = 0;
	size_t i;

	for (i = 0; i < m->nrounds; i++) {
		if (m->rounds[i].amount_fen > 0)
			total += m->rounds[i].amount_fen;
	}
	return (total);
}

gs_date
seizure_end(const struct calendar *cal, gs_date start, int days,
    int extension_days, const struct date_span *excl, size_t nexcl,
    gs_date as_of, int *running)
{
	size_t i;
	int excluded;

	*running = 0;
	for (i = 0; i < nexcl; i++) {
		if (excl[i].to == 0)
			*running = 1;
	}
	excluded = suspended_days(excl, nexcl, as_of);
	return (
	    calendar_add_days(cal, start, days + extension_days + excluded));
}

gs_date
limit_end(const struct calendar *cal, gs_date served, int months,
    int extension_months)
{
	return (calendar_next_workday(cal,
	    date_add_months(served, months + extension_months)));
}

time_t
instant_add_hours(time_t t, int hours)
{
	return (t + (time_t)hours * SECONDS_PER_HOUR);
}

/* ---- guards ----------------------------------------------------------- */

static enum case_verdict
refuse(struct verr *errs, const char *field, const char *message)
{
	if (errs != NULL)
		verr_add(errs, field, "%s", message);
	return (CASE_GUARD);
}

static int
text_missing(const char *s)
{
	return (s == NULL || *s == '\0');
}

/* A day the action records: given, not before since, not after today. */
static enum case_verdict
check_day(const struct measure_facts *f, gs_date d, gs_date since,
    const char *field, struct verr *errs)
{
	if (d == 0)
		return (refuse(errs, field, "请填写日期"));
	if (d > f->today)
		return (refuse(errs, field, "日期不能晚于今天"));
	if (since != 0 && d < since)
		return (refuse(errs, field, "日期早于前一环节的日期"));
	return (CASE_ALLOWED);
}

/* The instant an action records (now when not given). */
static time_t
input_at(const struct measure_facts *f, const struct measure_input *in)
{
	return (in != NULL && in->at != 0 ? in->at : f->now);
}

static enum case_verdict
check_at(const struct measure_facts *f, const struct measure_input *in,
    time_t since, struct verr *errs)
{
	time_t at = input_at(f, in);

	if (at > f->now)
		return (refuse(errs, "at", "时间不能晚于现在"));
	if (since != 0 && at < since)
		return (refuse(errs, "at", "时间早于前一环节的时间"));
	return (CASE_ALLOWED);
}

/* 按日连续处罚 and detention: only on the bureau's own penalty decision,
 * and only while it stands (asked again at every later step). */
static enum case_verdict
after_penalty(const struct measure_facts *f, struct verr *errs)
{
	if (f->case_state == CS_REVOKED)
		return (refuse(errs, "case",
		    "本案行政处罚决定已撤销，不能再采取此项措施"));
	if (!f->case_penalty_decided)
		return (refuse(errs, "case",
		    "本案尚未作出行政处罚决定，不能采取此项措施"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_reason(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	(void)f;
	if (in != NULL && text_missing(in->reason))
		return (refuse(errs, "reason", "请填写理由"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_day(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->decided_on, "on", errs));
}

static enum case_verdict
guard_day_reason(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	if ((v = guard_day(f, in, errs)) != CASE_ALLOWED)
		return (v);
	return (guard_reason(f, in, errs));
}

/*
 * 行政强制法 art. 19: an emergency seizure is approved within the
 * rulebook's hours, or released at once; approving it later is refused.
 */
static enum case_verdict
guard_approve(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	const struct measure_rec *m = f->m;
	time_t due;
	enum case_verdict v;

	if (m->kind == MK_DETENTION_TRANSFER &&
	    (v = after_penalty(f, errs)) != CASE_ALLOWED)
		return (v);
	if (m->state == MS_AWAITING_APPROVAL) {
		due = instant_add_hours(m->started_at,
		    f->rules.seizure_emergency_hours);
		if (input_at(f, in) > due) {
			if (errs != NULL)
				verr_add(errs, "at",
				    "紧急查封扣押后 %d 小时内未补办批准手续，"
				    "应当立即解除（行政强制法第19条）",
				    f->rules.seizure_emergency_hours);
			return (CASE_GUARD);
		}
	}
	if (in == NULL)
		return (CASE_ALLOWED);
	if ((v = check_at(f, in, m->started_at, errs)) != CASE_ALLOWED)
		return (v);
	if (date_of_instant_shanghai(input_at(f, in)) < m->decided_on)
		return (refuse(errs, "at", "批准时间早于决定日期"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_serve_order(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->decided_on, "on", errs));
}

/* The round waiting for its re-inspection (the last one). */
static const struct measure_round_rec *
round_open(const struct measure_rec *m)
{
	if (m->nrounds == 0)
		return (NULL);
	return (&m->rounds[m->nrounds - 1]);
}

static enum case_verdict
guard_reinspect(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	const struct measure_round_rec *r = round_open(f->m);
	enum case_verdict v;

	if (r == NULL)
		return (refuse(errs, "on", "尚未送达责令改正决定书"));
	if (in == NULL)
		return (CASE_ALLOWED);
	if ((v = check_day(f, in->on, r->counted_from, "on", errs)) !=
	    CASE_ALLOWED)
		return (v);
	if (in->continuing < 0)
		return (refuse(errs, "continuing",
		    "请说明复查时违法排放行为是否仍在继续（continuing）"));
	if (in->continuing && daily_penalty_days(r->counted_from, in->on) < 1)
		return (refuse(errs, "on",
		    "复查日须晚于计罚起算日（送达之日或上次复查之日）"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_decide_round(const struct measure_facts *f,
    const struct measure_input *in, struct verr *errs)
{
	const struct measure_round_rec *r = round_open(f->m);
	int64_t amount;
	enum case_verdict v;

	if (r == NULL || r->reinspected_on == 0)
		return (refuse(errs, "on", "尚未复查"));
	if ((v = after_penalty(f, errs)) != CASE_ALLOWED)
		return (v);
	/* Deciding opens the next round; the stored rounds are bounded. */
	if (f->m->nrounds >= MEASURE_ROUNDS_MAX) {
		if (errs != NULL)
			verr_add(errs, "on",
			    "按日连续处罚的轮次已达上限（%d 轮）",
			    MEASURE_ROUNDS_MAX);
		return (CASE_GUARD);
	}
	if (f->case_fine_fen <= 0)
		return (refuse(errs, "case",
		    "原处罚决定没有罚款，不能按日连续处罚"));
	if (!daily_penalty_amount(f->case_fine_fen, r->days, &amount))
		return (refuse(errs, "case", "罚款数额超出可计算的范围"));
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, r->reinspected_on, "on", errs));
}

static enum case_verdict
guard_serve(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->decided_on, "on", errs));
}

/* Has the period of a seizure or limit (without an extension) run out
 * before day? Not known without the calendar, nor while testing runs. */
static int
period_over(const struct measure_facts *f, const struct measure_rec *m,
    gs_date day)
{
	gs_date end;
	int running = 0;

	if (f->cal == NULL || day == 0)
		return (0);
	if (m->kind == MK_SEIZURE) {
		if (m->effective_from == 0)
			return (0);
		end = seizure_end(f->cal, m->effective_from, m->period_days, 0,
		    m->exclusions, m->nexclusions, day, &running);
	} else {
		if (m->served_on == 0)
			return (0);
		end = limit_end(f->cal, m->served_on, m->period_months, 0);
	}
	return (!running && day > end);
}

static enum case_verdict
guard_extend(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	const struct measure_rec *m = f->m;
	int seizure = m->kind == MK_SEIZURE;
	int max = seizure ? f->rules.seizure_extension_max_days :
	                    f->rules.limit_extension_max_months;
	int asked;

	if (m->extended_on != 0)
		return (refuse(errs, seizure ? "days" : "months",
		    "期限只能延长一次"));
	if (max <= 0)
		return (refuse(errs, seizure ? "days" : "months",
		    "规则不允许延长期限"));
	/* An extension is decided within the period, not after it ran out
	 * (行政强制法 art. 25). */
	if (period_over(f, m, in != NULL ? in->on : f->today))
		return (refuse(errs, "on",
		    seizure ? "查封、扣押期限已届满，不能再延长" :
		              "限制生产期限已届满，不能再延长"));
	if (in == NULL)
		return (CASE_ALLOWED);
	asked = seizure ? in->days : in->months;
	if (asked < 1 || asked > max) {
		if (errs != NULL)
			verr_add(errs, seizure ? "days" : "months",
			    seizure ? "延长天数须在 1 到 %d 天之间" :
			              "延长月数须在 1 到 %d 个月之间",
			    max);
		return (CASE_GUARD);
	}
	if (text_missing(in->reason))
		return (refuse(errs, "reason", "请填写延长理由"));
	return (check_day(f, in->on,
	    m->effective_from != 0 ? m->effective_from : m->served_on, "on",
	    errs));
}

/* The testing span still running, or NULL. */
static const struct date_span *
exclusion_open(const struct measure_rec *m)
{
	size_t i;

	for (i = 0; i < m->nexclusions; i++) {
		if (m->exclusions[i].to == 0)
			return (&m->exclusions[i]);
	}
	return (NULL);
}

static enum case_verdict
guard_start_testing(const struct measure_facts *f,
    const struct measure_input *in, struct verr *errs)
{
	if (exclusion_open(f->m) != NULL)
		return (refuse(errs, "on", "检测期间尚未结束"));
	if (f->m->nexclusions >= MEASURE_EXCLUSIONS_MAX)
		return (refuse(errs, "on", "检测期间过多"));
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->effective_from, "on", errs));
}

static enum case_verdict
guard_end_testing(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	const struct date_span *open = exclusion_open(f->m);

	if (open == NULL)
		return (refuse(errs, "on", "没有进行中的检测期间"));
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, open->from, "on", errs));
}

static enum case_verdict
guard_serve_release(const struct measure_facts *f,
    const struct measure_input *in, struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->release_decided_on, "on", errs));
}

static enum case_verdict
guard_plan(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (f->m->plan_submitted_on != 0)
		return (refuse(errs, "on", "整改方案已登记"));
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->served_on, "on", errs));
}

static enum case_verdict
guard_follow_up(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_day(f, in->on, f->m->released_on, "on", errs));
}

static enum case_verdict
guard_transfer(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	if (f->m->kind == MK_DETENTION_TRANSFER &&
	    (v = after_penalty(f, errs)) != CASE_ALLOWED)
		return (v);
	if (in == NULL)
		return (CASE_ALLOWED);
	if ((v = check_at(f, in, f->m->approved_at, errs)) != CASE_ALLOWED)
		return (v);
	if (text_missing(in->police_agency))
		return (
		    refuse(errs, "police_agency", "请填写接收移送的公安机关"));
	if (f->m->kind == MK_CRIMINAL_TRANSFER &&
	    in->procuratorate_copied_on != 0 &&
	    in->procuratorate_copied_on > f->today)
		return (refuse(errs, "procuratorate_copied_on",
		    "日期不能晚于今天"));
	return (CASE_ALLOWED);
}

/* The day the transfer went (its date in Shanghai). */
static gs_date
transfer_day(const struct measure_rec *m)
{
	return (m->transferred_at != 0 ?
	        date_of_instant_shanghai(m->transferred_at) :
	        0);
}

static enum case_verdict
guard_police(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	gs_date since = transfer_day(f->m);

	if (in == NULL)
		return (CASE_ALLOWED);
	if (f->m->more_requested_on > since)
		since = f->m->more_requested_on;
	return (check_day(f, in->on, since, "on", errs));
}

static enum case_verdict
guard_police_reason(const struct measure_facts *f,
    const struct measure_input *in, struct verr *errs)
{
	enum case_verdict v;

	if ((v = guard_police(f, in, errs)) != CASE_ALLOWED)
		return (v);
	return (guard_reason(f, in, errs));
}

static enum case_verdict
guard_outcome(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	const struct measure_rec *m = f->m;
	enum case_verdict v;
	int detention = m->kind == MK_DETENTION_TRANSFER;
	const char *field = detention ? "persons_detained" : "persons_coercive";
	int has = detention ? in != NULL && in->has_persons_detained :
	                      in != NULL && in->has_persons_coercive;
	int64_t n = 0;

	if (in == NULL)
		return (CASE_ALLOWED);
	if ((v = check_day(f, in->on, m->police_decided_on, "on", errs)) !=
	    CASE_ALLOWED)
		return (v);
	if (has)
		n = detention ? in->persons_detained : in->persons_coercive;
	if (!has || n < 0)
		return (refuse(errs, field,
		    detention ? "请填写被行政拘留的人数" :
		                "请填写被采取刑事强制措施的人数"));
	/* Only the persons transferred can be detained. */
	if (detention && n > m->npersons) {
		if (errs != NULL)
			verr_add(errs, field, "拘留人数不能多于移送的 %d 人",
			    m->npersons);
		return (CASE_GUARD);
	}
	if (n > 10000)
		return (refuse(errs, field, "人数过大"));
	return (CASE_ALLOWED);
}

/* ---- proposing -------------------------------------------------------- */

/* Who may propose any measure in a case: those who work it. */
static enum case_verdict
create_actor(const struct measure_facts *f, struct verr *errs)
{
	if (case_reaching_roles(f->roles, WORKERS, f->is_investigator,
	        f->in_squad) != 0)
		return (CASE_ALLOWED);
	if (errs != NULL)
		verr_add(errs, "actor", "%s",
		    (f->roles & WORKERS) ?
		        "您不是本案的调查人员或所在中队的中队长" :
		        "您的角色不能执行此操作");
	return (CASE_FORBIDDEN);
}

static enum case_verdict
create_seizure(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (in->nofficers_valid < (size_t)f->rules.min_officers) {
		if (errs != NULL)
			verr_add(errs, "officer_ids",
			    "查封、扣押须有至少 %d 名持有效执法证的执法人员实施",
			    f->rules.min_officers);
		return (CASE_GUARD);
	}
	if (in->nitems == 0)
		return (
		    refuse(errs, "items", "请填写查封、扣押的物品或场所清单"));
	if (in->days < 1 || in->days > f->rules.seizure_max_days) {
		if (errs != NULL)
			verr_add(errs, "period_days",
			    "查封、扣押期限须在 1 到 %d 天之间（行政强制法第25条）",
			    f->rules.seizure_max_days);
		return (CASE_GUARD);
	}
	if (in->emergency) {
		if (in->started_at == 0)
			return (refuse(errs, "started_at",
			    "紧急查封扣押请填写实施时间"));
		if (in->started_at > f->now)
			return (refuse(errs, "started_at", "时间不能晚于现在"));
	}
	return (CASE_ALLOWED);
}

static enum case_verdict
create_limit(const struct measure_facts *f, const struct measure_input *in,
    struct verr *errs)
{
	if (in->kind != MK_PRODUCTION_LIMIT)
		return (CASE_ALLOWED);
	if (in->months < 1 || in->months > f->rules.limit_max_months) {
		if (errs != NULL)
			verr_add(errs, "period_months",
			    "限制生产期限须在 1 到 %d 个月之间",
			    f->rules.limit_max_months);
		return (CASE_GUARD);
	}
	return (CASE_ALLOWED);
}

enum case_verdict
measure_create_check(const struct measure_facts *f,
    const struct measure_input *in, struct verr *errs)
{
	enum case_verdict v;

	if (in->kind >= MK__MAX)
		return (refuse(errs, "kind",
		    "措施种类只能是 daily_penalty、seizure、production_limit 或 "
		    "production_suspension"));
	if (case_state_final(f->case_state))
		return (
		    refuse(errs, "case", "案件已结案或终止，不能再采取措施"));
	if ((v = create_actor(f, errs)) != CASE_ALLOWED)
		return (v);
	if (!measure_kind_is_transfer(in->kind) &&
	    (v = check_day(f, in->decided_on, 0, "decided_on", errs)) !=
	        CASE_ALLOWED)
		return (v);
	switch (in->kind) {
	case MK_DAILY_PENALTY:
		if ((v = after_penalty(f, errs)) != CASE_ALLOWED)
			return (v);
		if (f->case_fine_fen <= 0)
			return (refuse(errs, "case",
			    "原处罚决定没有罚款，不能按日连续处罚"));
		/* The order to correct follows the penalty it builds on. */
		if (in->decided_on < f->case_decided_on)
			return (refuse(errs, "decided_on",
			    "责令改正日期不能早于原行政处罚决定日期"));
		if (in->monitoring_on != 0 &&
		    (v = check_day(f, in->monitoring_on, 0, "monitoring_on",
		         errs)) != CASE_ALLOWED)
			return (v);
		return (CASE_ALLOWED);
	case MK_SEIZURE:
		return (create_seizure(f, in, errs));
	case MK_PRODUCTION_LIMIT:
	case MK_PRODUCTION_SUSPENSION:
		return (create_limit(f, in, errs));
	case MK_DETENTION_TRANSFER:
		if ((v = after_penalty(f, errs)) != CASE_ALLOWED)
			return (v);
		if (in->npersons == 0)
			return (refuse(errs, "persons", "请填写移送的人员"));
		return (CASE_ALLOWED);
	case MK_CRIMINAL_TRANSFER:
		if (in->nofficers_valid <
		    (size_t)f->rules.criminal_min_officers) {
			if (errs != NULL)
				verr_add(errs, "officer_ids",
				    "移送涉嫌犯罪案件的报告须由至少 %d "
				    "名持有效执法证的执法人员提出",
				    f->rules.criminal_min_officers);
			return (CASE_GUARD);
		}
		return (check_day(f, in->reported_on, 0, "reported_on", errs));
	default:
		return (refuse(errs, "kind", "措施种类不存在"));
	}
}

enum measure_state
measure_initial_state(const struct measure_input *in)
{
	switch (in->kind) {
	case MK_DAILY_PENALTY:
		return (MS_ORDERED);
	case MK_SEIZURE:
		return (in->emergency ? MS_AWAITING_APPROVAL : MS_PROPOSED);
	default:
		return (MS_PROPOSED);
	}
}

/* ---- the machine ------------------------------------------------------ */

static const struct measure_row *
row_find(enum measure_kind k, enum measure_state s, enum measure_action a)
{
	size_t i;

	for (i = 0; i < GS_NELEM(flow_table); i++) {
		if (flow_table[i].action == a && (flow_table[i].kinds & K(k)) &&
		    (flow_table[i].from & S(s)))
			return (&flow_table[i]);
	}
	return (NULL);
}

static enum case_verdict
row_actor(const struct measure_facts *f, const struct measure_row *row,
    struct verr *errs)
{
	const char *why = NULL;

	if (case_reaching_roles(f->roles, row->roles, f->is_investigator,
	        f->in_squad) == 0)
		why = (f->roles & row->roles) ?
		    "您不是本案的调查人员或所在中队的中队长" :
		    "您的角色不能执行此操作";
	else if ((row->who & WHO_NOT_CREATOR) && f->is_creator)
		why = "提出措施的人员不能批准本措施（审批分离）";
	if (why == NULL)
		return (CASE_ALLOWED);
	if (errs != NULL)
		verr_add(errs, "actor", "%s", why);
	return (CASE_FORBIDDEN);
}

enum case_verdict
measure_check(const struct measure_facts *f, enum measure_action a,
    const struct measure_input *in, struct verr *errs)
{
	const struct measure_row *row;
	enum case_verdict v;

	if (f->m == NULL ||
	    (row = row_find(f->m->kind, f->m->state, a)) == NULL)
		return (CASE_WRONG_STATE);
	/*
	 * A closed or revoked case may still owe a release or a follow-up;
	 * an archived one is frozen (the database refuses it too).
	 */
	if (f->case_state == CS_ARCHIVED)
		return (CASE_WRONG_STATE);
	if ((v = row_actor(f, row, errs)) != CASE_ALLOWED)
		return (v);
	return (row->guard(f, in, errs));
}

uint32_t
measure_allowed(const struct measure_facts *f)
{
	uint32_t mask = 0;
	int a;

	for (a = 0; a < MA__MAX; a++) {
		if (measure_check(f, (enum measure_action)a, NULL, NULL) ==
		    CASE_ALLOWED)
			mask |= 1u << a;
	}
	return (mask);
}

enum measure_state
measure_next(const struct measure_facts *f, enum measure_action a,
    const struct measure_input *in)
{
	const struct measure_row *row;

	if (f->m == NULL ||
	    (row = row_find(f->m->kind, f->m->state, a)) == NULL)
		return (f->m != NULL ? f->m->state : MS__MAX);
	if (row->to != MS__MAX)
		return (row->to);
	switch (a) {
	case MA_APPROVE:
		if (f->m->kind == MK_SEIZURE)
			return (MS_IN_FORCE);
		return (measure_kind_is_transfer(f->m->kind) ? MS_APPROVED :
		                                               MS_DECIDED);
	case MA_REINSPECT:
		return (in != NULL && in->continuing == 1 ? MS_CONTINUING :
		                                            MS_CORRECTED);
	default:
		return (f->m->state); /* extend, testing, plan */
	}
}

/* ---- clocks ----------------------------------------------------------- */

struct mclock {
	const struct calendar *cal;
	const struct measure_rules *rules;
	gs_date as_of;
	time_t now;
	struct deadline *out;
	size_t n;
};

static struct deadline *
mclock_add(struct mclock *c, enum deadline_kind kind, int working, gs_date due,
    gs_date effective, gs_date met_on)
{
	struct deadline *d = &c->out[c->n++];

	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->working = working;
	d->due_on = due;
	d->effective_due_on = effective;
	d->met_on = met_on;
	if (effective == 0)
		/* Excluded time still runs: the end is not known yet. */
		d->status =
		    met_on != 0 && met_on <= c->as_of ? DS_MET : DS_OPEN;
	else
		d->status = deadline_status_of(c->cal, c->as_of, effective,
		    met_on, c->rules->due_soon_wd);
	return (d);
}

/*
 * A clock in hours: met when done by now, overdue once the instant has
 * passed, and due soon from the start (it is a matter of hours).
 */
static void
mclock_add_hours(struct mclock *c, enum deadline_kind kind, time_t due_at,
    time_t met_at)
{
	struct deadline *d = &c->out[c->n++];

	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->due_at = due_at;
	d->due_on = d->effective_due_on = date_of_instant_shanghai(due_at);
	d->met_on = met_at != 0 ? date_of_instant_shanghai(met_at) : 0;
	if (met_at != 0 && met_at <= c->now)
		d->status = DS_MET;
	else if (c->now > due_at)
		d->status = DS_OVERDUE;
	else
		d->status = DS_DUE_SOON;
}

/* Someone else's period (the police's): shown, never the bureau's
 * overdue work. */
static void
mclock_add_party(struct mclock *c, enum deadline_kind kind, gs_date due,
    gs_date met_on)
{
	struct deadline *d;

	d = mclock_add(c, kind, 0, due, due, met_on);
	d->party = 1;
	if (d->status != DS_MET)
		d->status = c->as_of > due ? DS_OVERDUE : DS_OPEN;
}

static void
clocks_daily(struct mclock *c, const struct measure_rec *m)
{
	const struct measure_round_rec *r;
	gs_date due;

	if (m->monitoring_on != 0) {
		due = calendar_add_working_days(c->cal, m->monitoring_on,
		    c->rules->correction_service_wd);
		mclock_add(c, DK_CORRECTION_SERVICE, 1, due, due, m->served_on);
	}
	if ((r = round_open(m)) == NULL)
		return;
	due = calendar_add_days(c->cal, r->counted_from,
	    c->rules->reinspection_days);
	mclock_add(c, DK_REINSPECTION, 0, due, due, r->reinspected_on);
}

static void
clocks_seizure(struct mclock *c, const struct measure_rec *m)
{
	gs_date due, eff, met;
	int running;

	if (m->emergency && m->started_at != 0)
		mclock_add_hours(c, DK_SEIZURE_APPROVAL,
		    instant_add_hours(m->started_at,
		        c->rules->seizure_emergency_hours),
		    m->approved_at != 0 ?
		        m->approved_at :
		        m->release_decided_on != 0 ?
		        instant_of_date_shanghai(m->release_decided_on) :
		        0);
	if (m->effective_from != 0) {
		met = m->release_decided_on != 0 ? m->release_decided_on :
		                                   m->ended_on;
		due = calendar_add_days(c->cal, m->effective_from,
		    m->period_days + m->extension_days);
		eff = seizure_end(c->cal, m->effective_from, m->period_days,
		    m->extension_days, m->exclusions, m->nexclusions,
		    met != 0 ? met : c->as_of, &running);
		mclock_add(c, DK_SEIZURE_END, 0, due, running ? 0 : eff, met);
	}
	if (m->release_applied_on != 0) {
		due = calendar_add_working_days(c->cal, m->release_applied_on,
		    c->rules->release_verify_wd);
		/* Answered either way: released, or refused (the
		 * seizure stands and the party may apply again). */
		mclock_add(c, DK_RELEASE_VERIFICATION, 1, due, due,
		    m->release_refused_on != 0 ? m->release_refused_on :
		                                 m->release_decided_on);
	}
	if (m->release_decided_on != 0) {
		due = calendar_add_working_days(c->cal, m->release_decided_on,
		    c->rules->release_serve_wd);
		mclock_add(c, DK_SEIZURE_RELEASE, 1, due, due, m->released_on);
	}
}

static void
clocks_limit(struct mclock *c, const struct measure_rec *m)
{
	gs_date due;

	if (m->state != MS_PROPOSED && m->state != MS_REFUSED &&
	    m->decided_on != 0) {
		due = calendar_add_working_days(c->cal, m->decided_on,
		    c->rules->limit_service_wd);
		mclock_add(c, DK_LIMIT_SERVICE, 1, due, due, m->served_on);
	}
	if (m->served_on == 0)
		return;
	if (m->kind == MK_PRODUCTION_LIMIT) {
		due = limit_end(c->cal, m->served_on, m->period_months,
		    m->extension_months);
		mclock_add(c, DK_LIMIT_END, 0, due, due, m->released_on);
	}
	due =
	    calendar_add_working_days(c->cal, m->served_on, c->rules->plan_wd);
	mclock_add(c, DK_RECTIFICATION_PLAN, 1, due, due, m->plan_submitted_on);
	if (m->released_on != 0) {
		due = calendar_add_days(c->cal, m->released_on,
		    c->rules->follow_up_days);
		mclock_add(c, DK_FOLLOW_UP_INSPECTION, 0, due, due,
		    m->follow_up_on);
	}
}

static int
police_days(const struct measure_rules *r, enum measure_complexity k)
{
	switch (k) {
	case MC_COMPLEX:
		return (r->criminal_police_complex_days);
	case MC_SPECIAL:
		return (r->criminal_police_special_days);
	default:
		return (r->criminal_police_days);
	}
}

static void
clocks_transfer(struct mclock *c, const struct measure_rec *m)
{
	gs_date due, approved, sent = transfer_day(m);

	approved =
	    m->approved_at != 0 ? date_of_instant_shanghai(m->approved_at) : 0;
	if (m->kind == MK_CRIMINAL_TRANSFER && m->reported_on != 0) {
		due = calendar_add_days(c->cal, m->reported_on,
		    c->rules->criminal_head_days);
		mclock_add(c, DK_TRANSFER_APPROVAL, 0, due, due,
		    approved != 0 ? approved : m->ended_on);
	}
	if (m->approved_at != 0) {
		if (m->kind == MK_CRIMINAL_TRANSFER) {
			mclock_add_hours(c, DK_TRANSFER,
			    instant_add_hours(m->approved_at,
			        c->rules->criminal_transfer_hours),
			    m->transferred_at);
		} else {
			due = calendar_add_working_days(c->cal, approved,
			    c->rules->detention_transfer_wd);
			mclock_add(c, DK_TRANSFER, 1, due, due, sent);
		}
	}
	if (sent == 0)
		return;
	if (m->kind == MK_CRIMINAL_TRANSFER)
		due = calendar_add_days(c->cal, sent,
		    police_days(c->rules, m->complexity));
	else
		due = calendar_add_days(c->cal,
		    m->resubmitted_on > sent ? m->resubmitted_on : sent,
		    c->rules->detention_police_reject_days);
	/* The police answered: decided, or asked for more (the period then
	 * counts again from the resubmission). */
	mclock_add_party(c, DK_POLICE_DECISION, due,
	    m->police_decided_on != 0         ? m->police_decided_on :
	        m->state == MS_MORE_REQUESTED ? m->more_requested_on :
	                                        0);
}

size_t
measure_deadlines(const struct measure_rec *m, const struct measure_rules *r,
    const struct calendar *cal, gs_date as_of, time_t now,
    struct deadline out[MEASURE_DEADLINES_MAX])
{
	struct mclock c = { cal, r, as_of, now, out, 0 };
	size_t i, kept;

	switch (m->kind) {
	case MK_DAILY_PENALTY:
		clocks_daily(&c, m);
		break;
	case MK_SEIZURE:
		clocks_seizure(&c, m);
		break;
	case MK_PRODUCTION_LIMIT:
	case MK_PRODUCTION_SUSPENSION:
		clocks_limit(&c, m);
		break;
	case MK_DETENTION_TRANSFER:
	case MK_CRIMINAL_TRANSFER:
		clocks_transfer(&c, m);
		break;
	default:
		break;
	}
	if (!measure_is_final(m->kind, m->state))
		return (c.n);
	/* Refused, rejected, ended: what was met stays, the rest goes. */
	for (i = kept = 0; i < c.n; i++) {
		if (out[i].status == DS_MET)
			out[kept++] = out[i];
	}
	return (kept);
}
