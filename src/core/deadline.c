/*
 * deadline.c — which statutory clocks a case has and where they stand.
 *
 * Periods count from the day after their start (calendar.h). The bureau's
 * own duties (filing decision, decision, service, disclosure) go overdue
 * when missed; the party's periods (statement, hearing request) simply
 * run out; the payment period goes overdue because the surcharge starts.
 */
#include "deadline.h"
#include "util.h"

static const struct code_label kind_names[DK__MAX] = {
	[DK_FILING_DECISION] = { "filing_decision", "立案审查" },
	[DK_STATEMENT] = { "statement", "陈述申辩" },
	[DK_HEARING_REQUEST] = { "hearing_request", "申请听证" },
	[DK_DECISION] = { "decision", "作出处罚决定" },
	[DK_SERVICE] = { "service", "送达决定书" },
	[DK_PAYMENT] = { "payment", "缴纳罚款" },
	[DK_DISCLOSURE] = { "disclosure", "公开处罚决定" },
	[DK_CORRECTION_SERVICE] = { "correction_service",
	    "送达责令改正决定书" },
	[DK_REINSPECTION] = { "reinspection", "复查" },
	[DK_SEIZURE_APPROVAL] = { "seizure_approval", "补办查封扣押批准" },
	[DK_SEIZURE_END] = { "seizure_end", "查封扣押期限届满" },
	[DK_RELEASE_VERIFICATION] = { "release_verification", "核查解除申请" },
	[DK_SEIZURE_RELEASE] = { "seizure_release", "送达解除决定书" },
	[DK_LIMIT_SERVICE] = { "limit_service", "送达限产停产决定书" },
	[DK_LIMIT_END] = { "limit_end", "限制生产期限届满" },
	[DK_RECTIFICATION_PLAN] = { "rectification_plan", "提交整改方案" },
	[DK_FOLLOW_UP_INSPECTION] = { "follow_up_inspection",
	    "解除后跟踪检查" },
	[DK_TRANSFER_APPROVAL] = { "transfer_approval", "负责人决定是否移送" },
	[DK_TRANSFER] = { "transfer", "移送公安机关" },
	[DK_POLICE_DECISION] = { "police_decision", "公安机关作出决定" },
};

static const struct code_label status_names[DS__MAX] = {
	[DS_OPEN] = { "open", "进行中" },
	[DS_DUE_SOON] = { "due_soon", "即将到期" },
	[DS_OVERDUE] = { "overdue", "已逾期" },
	[DS_MET] = { "met", "已完成" },
};

const char *
deadline_kind_code(enum deadline_kind k)
{
	return (k < DK__MAX ? kind_names[k].code : "");
}

const char *
deadline_kind_label(enum deadline_kind k)
{
	return (k < DK__MAX ? kind_names[k].label : "");
}

enum deadline_kind
deadline_kind_from(const char *code)
{
	return ((enum deadline_kind)code_label_find(kind_names, DK__MAX, code));
}

const char *
deadline_status_code(enum deadline_status s)
{
	return (s < DS__MAX ? status_names[s].code : "");
}

const char *
deadline_status_label(enum deadline_status s)
{
	return (s < DS__MAX ? status_names[s].label : "");
}

enum deadline_status
deadline_status_of(const struct calendar *cal, gs_date as_of,
    gs_date effective_due, gs_date met_on, int due_soon_wd)
{
	if (met_on != 0 && met_on <= as_of)
		return (DS_MET);
	if (as_of > effective_due)
		return (DS_OVERDUE);
	if (calendar_working_days_between(cal, as_of, effective_due) <=
	    due_soon_wd)
		return (DS_DUE_SOON);
	return (DS_OPEN);
}

int
suspended_days(const struct date_span *s, size_t n, gs_date as_of)
{
	gs_date end;
	size_t i;
	int days = 0;

	for (i = 0; i < n; i++) {
		end = s[i].to == 0 ? as_of + 1 : s[i].to;
		if (end > as_of + 1)
			end = as_of + 1;
		if (end > s[i].from)
			days += end - s[i].from;
	}
	return (days);
}

struct clock {
	const struct calendar *cal;
	const struct clock_rules *rules;
	gs_date as_of;
	struct deadline *out;
	size_t n;
};

static struct deadline *
clock_add(struct clock *c, enum deadline_kind kind, int working, gs_date due,
    gs_date effective, gs_date met_on)
{
	struct deadline *d = &c->out[c->n++];

	d->kind = kind;
	d->working = working;
	d->party = 0;
	d->due_on = due;
	d->effective_due_on = effective;
	d->met_on = met_on;
	d->due_at = 0;
	d->status = deadline_status_of(c->cal, c->as_of, effective, met_on,
	    c->rules->due_soon_working_days);
	return (d);
}

/* A party's period: over when the case moved on or the period ran out. */
static void
clock_add_period(struct clock *c, enum deadline_kind kind, gs_date due,
    gs_date moved_on)
{
	gs_date met = moved_on;

	if (met == 0 && c->as_of > due)
		met = due;
	if (met != 0 && met > due)
		met = due;
	clock_add(c, kind, 1, due, due, met)->party = 1;
}

size_t
case_deadlines(const struct case_dates *cd, const struct clock_rules *r,
    const struct calendar *cal, gs_date as_of, struct deadline out[DK__MAX])
{
	struct clock c = { cal, r, as_of, out, 0 };
	gs_date due, eff;
	int days;
	size_t i, kept;

	if (cd->received_on != 0) {
		due = calendar_add_days(cal, cd->received_on,
		    r->filing_days + cd->filing_extension_days);
		clock_add(&c, DK_FILING_DECISION, 0, due, due,
		    cd->filing_decided_on);
	}
	if (cd->notice_served_on != 0) {
		clock_add_period(&c, DK_STATEMENT,
		    calendar_add_working_days(cal, cd->notice_served_on,
		        r->statement_working_days),
		    cd->rights_ended_on);
		if (cd->hearing_eligible)
			clock_add_period(&c, DK_HEARING_REQUEST,
			    calendar_add_working_days(cal, cd->notice_served_on,
			        r->hearing_request_working_days),
			    cd->rights_ended_on);
	}
	if (cd->filed_on != 0) {
		days = r->decision_days + cd->decision_extension_days;
		due = calendar_add_days(cal, cd->filed_on, days);
		eff = calendar_add_days(cal, cd->filed_on,
		    days +
		        suspended_days(cd->suspensions, cd->nsuspensions,
		            cd->decided_on != 0 ? cd->decided_on : as_of));
		clock_add(&c, DK_DECISION, 0, due, eff, cd->decided_on);
	}
	if (cd->decided_on != 0) {
		due = calendar_add_working_days(cal, cd->decided_on,
		    r->service_working_days);
		clock_add(&c, DK_SERVICE, 1, due, due, cd->served_on);
		if (cd->penalty) {
			due = calendar_add_working_days(cal, cd->decided_on,
			    r->disclosure_working_days);
			clock_add(&c, DK_DISCLOSURE, 1, due, due,
			    cd->published_on);
		}
	}
	if (cd->served_on != 0 && cd->fine_due) {
		due = calendar_add_days(cal, cd->served_on, r->payment_days);
		clock_add(&c, DK_PAYMENT, 0, due, due, cd->paid_in_full_on);
	}
	if (!cd->ended)
		return (c.n);
	/* A revoked or refused case keeps what was met, drops the rest. */
	for (i = kept = 0; i < c.n; i++) {
		if (out[i].status == DS_MET)
			out[kept++] = out[i];
	}
	return (kept);
}
