/*
 * caseflow.c — the case state machine (domain.md section 4, shared
 * api.md "Cases"). Read flow_table from top to bottom: it is the action
 * table of the API contract with roles, maker-checker and guards added.
 */
#include <string.h>

#include "caseflow.h"
#include "perm.h"
#include "util.h"

#define O ROLE_BIT(ROLE_OFFICER)
#define SL ROLE_BIT(ROLE_SQUAD_LEADER)
#define LG ROLE_BIT(ROLE_LEGAL)
#define HD ROLE_BIT(ROLE_HEAD)

#define S(x) (1u << (x))
/* Before the decision: the decision clock runs. */
#define PRE_DECISION                                                           \
	(S(CS_INVESTIGATING) | S(CS_UNDER_REVIEW) | S(CS_NOTIFIED) |           \
	    S(CS_HEARING) | S(CS_LEGAL_REVIEW) | S(CS_COLLECTIVE_DISCUSSION) | \
	    S(CS_AWAITING_DECISION))
#define AFTER_DECISION (S(CS_DECIDED) | S(CS_EXECUTING))

/* Who among the holders of the roles is excluded (maker-checker). */
#define WHO_NOT_PROPOSER 0x1
#define WHO_NOT_INVESTIGATOR 0x2
#define WHO_NOT_REPORTER 0x4

typedef enum case_verdict (*flow_guard)(const struct case_facts *,
    const struct case_input *, struct verr *);

struct flow_row {
	enum case_action action;
	uint32_t from;  /* S() mask of states */
	uint32_t roles; /* ROLE_BIT mask */
	unsigned who;
	flow_guard guard;
	enum case_state to; /* CS__MAX: flow_next decides */
};

static enum case_verdict
guard_none(const struct case_facts *, const struct case_input *, struct verr *);
static enum case_verdict guard_reason(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_report(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_notify(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_request_hearing(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_record_meeting(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_rights_over(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_legal_approve(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_decide(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_serve(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_payment(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_close(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_extend(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_suspend(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_resume(const struct case_facts *,
    const struct case_input *, struct verr *);
static enum case_verdict guard_assess(const struct case_facts *,
    const struct case_input *, struct verr *);

static const struct flow_row flow_table[] = {
	{ CA_APPROVE_FILING, S(CS_PROPOSED), SL | HD, WHO_NOT_PROPOSER,
	    guard_none, CS_INVESTIGATING },
	{ CA_REJECT_FILING, S(CS_PROPOSED), SL | HD, WHO_NOT_PROPOSER,
	    guard_reason, CS_NOT_FILED },
	{ CA_SUBMIT_REPORT, S(CS_INVESTIGATING), O | SL | HD, 0, guard_report,
	    CS_UNDER_REVIEW },
	{ CA_RETURN, S(CS_UNDER_REVIEW), SL | HD, WHO_NOT_REPORTER,
	    guard_reason, CS_INVESTIGATING },
	{ CA_RETURN, S(CS_LEGAL_REVIEW), LG, WHO_NOT_INVESTIGATOR, guard_reason,
	    CS_INVESTIGATING },
	{ CA_NOTIFY, S(CS_UNDER_REVIEW), SL | HD, WHO_NOT_REPORTER,
	    guard_notify, CS_NOTIFIED },
	{ CA_REQUEST_HEARING, S(CS_NOTIFIED), O | SL | HD, 0,
	    guard_request_hearing, CS_HEARING },
	/* 行政处罚法 art. 64: the hearing is held by a non-investigator. */
	{ CA_RECORD_HEARING, S(CS_HEARING), SL | LG | HD, WHO_NOT_INVESTIGATOR,
	    guard_record_meeting, CS_LEGAL_REVIEW },
	{ CA_SUBMIT_LEGAL_REVIEW, S(CS_NOTIFIED), O | SL | HD, 0,
	    guard_rights_over, CS_LEGAL_REVIEW },
	{ CA_LEGAL_APPROVE, S(CS_LEGAL_REVIEW), LG, WHO_NOT_INVESTIGATOR,
	    guard_legal_approve, CS__MAX },
	{ CA_RECORD_DISCUSSION, S(CS_COLLECTIVE_DISCUSSION), HD, 0,
	    guard_record_meeting, CS_AWAITING_DECISION },
	{ CA_DECIDE, S(CS_NOTIFIED) | S(CS_AWAITING_DECISION), HD, 0,
	    guard_decide, CS_DECIDED },
	{ CA_SERVE, S(CS_DECIDED), O | SL | HD, 0, guard_serve, CS_EXECUTING },
	{ CA_RECORD_PAYMENT, S(CS_EXECUTING), O | SL | HD, 0, guard_payment,
	    CS_EXECUTING },
	{ CA_CLOSE, S(CS_EXECUTING), HD, 0, guard_close, CS_CLOSED },
	{ CA_ARCHIVE, S(CS_CLOSED), SL | LG | HD, 0, guard_none, CS_ARCHIVED },
	/*
	 * Wider than the contract's "before decided": a decision revoked on
	 * reconsideration or by the bureau itself ends the case and withdraws
	 * its disclosure (domain.md: closure, disclosure).
	 */
	{ CA_REVOKE, S(CS_PROPOSED) | PRE_DECISION | AFTER_DECISION, HD, 0,
	    guard_reason, CS_REVOKED },
	{ CA_EXTEND, S(CS_PROPOSED) | PRE_DECISION, HD, 0, guard_extend,
	    CS__MAX },
	{ CA_SUSPEND, PRE_DECISION | AFTER_DECISION, O | SL | HD, 0,
	    guard_suspend, CS__MAX },
	{ CA_RESUME, PRE_DECISION | AFTER_DECISION, O | SL | HD, 0,
	    guard_resume, CS__MAX },
	/* The calculator's amount, recorded before the notice or decision. */
	{ CA_ASSESS, PRE_DECISION, O | SL | LG | HD, 0, guard_assess, CS__MAX },
};

/* ---- codes and labels ------------------------------------------------ */

static const struct code_label state_names[CS__MAX] = {
	[CS_PROPOSED] = { "proposed", "待立案审批" },
	[CS_NOT_FILED] = { "not_filed", "不予立案" },
	[CS_INVESTIGATING] = { "investigating", "调查取证" },
	[CS_UNDER_REVIEW] = { "under_review", "案件审查" },
	[CS_NOTIFIED] = { "notified", "已告知" },
	[CS_HEARING] = { "hearing", "听证" },
	[CS_LEGAL_REVIEW] = { "legal_review", "法制审核" },
	[CS_COLLECTIVE_DISCUSSION] = { "collective_discussion", "集体讨论" },
	[CS_AWAITING_DECISION] = { "awaiting_decision", "待决定" },
	[CS_DECIDED] = { "decided", "已决定" },
	[CS_EXECUTING] = { "executing", "执行中" },
	[CS_CLOSED] = { "closed", "已结案" },
	[CS_ARCHIVED] = { "archived", "已归档" },
	[CS_REVOKED] = { "revoked", "已撤销" },
};

static const struct code_label action_names[CA__MAX] = {
	[CA_APPROVE_FILING] = { "approve_filing", "批准立案" },
	[CA_REJECT_FILING] = { "reject_filing", "不予立案" },
	[CA_SUBMIT_REPORT] = { "submit_report", "提交调查报告" },
	[CA_RETURN] = { "return", "退回补充调查" },
	[CA_NOTIFY] = { "notify", "告知（事先告知书）" },
	[CA_REQUEST_HEARING] = { "request_hearing", "登记听证申请" },
	[CA_RECORD_HEARING] = { "record_hearing", "记录听证" },
	[CA_SUBMIT_LEGAL_REVIEW] = { "submit_legal_review", "提交法制审核" },
	[CA_LEGAL_APPROVE] = { "legal_approve", "法制审核通过" },
	[CA_RECORD_DISCUSSION] = { "record_discussion", "记录集体讨论" },
	[CA_DECIDE] = { "decide", "作出决定" },
	[CA_SERVE] = { "serve", "送达决定书" },
	[CA_RECORD_PAYMENT] = { "record_payment", "登记缴款" },
	[CA_CLOSE] = { "close", "结案" },
	[CA_ARCHIVE] = { "archive", "归档" },
	[CA_REVOKE] = { "revoke", "撤销" },
	[CA_EXTEND] = { "extend", "延长期限" },
	[CA_SUSPEND] = { "suspend", "中止计算期限" },
	[CA_RESUME] = { "resume", "恢复计算期限" },
	[CA_ASSESS] = { "assess", "裁量计算" },
};

static const struct code_label outcome_names[CO__MAX] = {
	[CO_NONE] = { "", "" },
	[CO_PENALTY] = { "penalty", "行政处罚" },
	[CO_NO_PENALTY] = { "no_penalty", "不予行政处罚" },
	[CO_JUDICIAL_TRANSFER] = { "judicial_transfer", "移送司法" },
};

static const struct code_label no_penalty_names[CNP__MAX] = {
	[CNP_NONE] = { "", "" },
	[CNP_MINOR] = { "minor", "违法行为轻微并及时改正" },
	[CNP_FIRST_OFFENCE] = { "first_offence", "首违不罚" },
	[CNP_NO_FAULT] = { "no_fault", "无主观过错" },
	[CNP_NOT_ESTABLISHED] = { "not_established", "违法事实不能成立" },
};

static const struct code_label other_penalty_names[COP__MAX] = {
	[COP_WARNING] = { "warning", "警告" },
	[COP_CONFISCATION] = { "confiscation", "没收违法所得" },
	[COP_PRODUCTION_SUSPENSION] = { "production_suspension",
	    "责令停产停业" },
	[COP_CLOSURE] = { "closure", "责令关闭" },
	[COP_LICENCE_REVOCATION] = { "licence_revocation", "吊销许可证件" },
};

static const struct code_label suspension_names[CSUS__MAX] = {
	[CSUS_NONE] = { "", "" },
	[CSUS_HEARING] = { "hearing", "听证" },
	[CSUS_MONITORING] = { "monitoring", "检测、检验" },
	[CSUS_APPRAISAL] = { "appraisal", "鉴定" },
	[CSUS_PUBLIC_NOTICE] = { "public_notice", "公告送达" },
	[CSUS_CRIMINAL_TRANSFER] = { "criminal_transfer", "涉嫌犯罪移送" },
	[CSUS_RECONSIDERATION] = { "reconsideration", "行政复议" },
	[CSUS_LITIGATION] = { "litigation", "行政诉讼" },
};

static const struct code_label close_basis_names[CCB__MAX] = {
	[CCB_NONE] = { "", "" },
	[CCB_PAID] = { "paid", "已全额缴纳" },
	[CCB_COURT_ACCEPTED] = { "court_accepted", "法院已受理强制执行" },
	[CCB_NOTHING_TO_EXECUTE] = { "nothing_to_execute", "无需执行" },
};

const struct code_label clue_sources[CLUE_SOURCES] = {
	{ "public_report", "信访举报" },
	{ "online_monitoring", "在线监控预警" },
	{ "double_random", "双随机抽查" },
	{ "patrol", "日常巡查" },
	{ "assigned", "上级交办" },
	{ "referral", "部门移送" },
	{ "media", "媒体曝光" },
	{ "campaign", "专项行动" },
};

const char *
clue_source_label(const char *code)
{
	return (code_label_of(clue_sources, CLUE_SOURCES, code));
}

#define NAME_OF(names, n, i) ((i) >= 0 && (i) < (n) ? (names)[i].code : "")
#define LABEL_OF(names, n, i) ((i) >= 0 && (i) < (n) ? (names)[i].label : "")

const char *
case_state_code(enum case_state s)
{
	return (NAME_OF(state_names, CS__MAX, (int)s));
}

const char *
case_state_label(enum case_state s)
{
	return (LABEL_OF(state_names, CS__MAX, (int)s));
}

enum case_state
case_state_from(const char *s)
{
	return ((enum case_state)code_label_find(state_names, CS__MAX, s));
}

const char *
case_action_code(enum case_action a)
{
	return (NAME_OF(action_names, CA__MAX, (int)a));
}

const char *
case_action_label(enum case_action a)
{
	return (LABEL_OF(action_names, CA__MAX, (int)a));
}

enum case_action
case_action_from(const char *s)
{
	return ((enum case_action)code_label_find(action_names, CA__MAX, s));
}

const char *
case_outcome_code(enum case_outcome o)
{
	return (NAME_OF(outcome_names, CO__MAX, (int)o));
}

const char *
case_outcome_label(enum case_outcome o)
{
	return (LABEL_OF(outcome_names, CO__MAX, (int)o));
}

enum case_outcome
case_outcome_from(const char *s)
{
	return ((enum case_outcome)code_label_find(outcome_names, CO__MAX, s));
}

const char *
case_no_penalty_reason_code(enum case_no_penalty_reason r)
{
	return (NAME_OF(no_penalty_names, CNP__MAX, (int)r));
}

const char *
case_no_penalty_reason_label(enum case_no_penalty_reason r)
{
	return (LABEL_OF(no_penalty_names, CNP__MAX, (int)r));
}

enum case_no_penalty_reason
case_no_penalty_reason_from(const char *s)
{
	return ((enum case_no_penalty_reason)code_label_find(no_penalty_names,
	    CNP__MAX, s));
}

const char *
case_other_penalty_code(enum case_other_penalty p)
{
	return (NAME_OF(other_penalty_names, COP__MAX, (int)p));
}

const char *
case_other_penalty_label(enum case_other_penalty p)
{
	return (LABEL_OF(other_penalty_names, COP__MAX, (int)p));
}

enum case_other_penalty
case_other_penalty_from(const char *s)
{
	return ((enum case_other_penalty)code_label_find(other_penalty_names,
	    COP__MAX, s));
}

const char *
case_suspension_code(enum case_suspension k)
{
	return (NAME_OF(suspension_names, CSUS__MAX, (int)k));
}

const char *
case_suspension_label(enum case_suspension k)
{
	return (LABEL_OF(suspension_names, CSUS__MAX, (int)k));
}

enum case_suspension
case_suspension_from(const char *s)
{
	return ((enum case_suspension)code_label_find(suspension_names,
	    CSUS__MAX, s));
}

const char *
case_close_basis_code(enum case_close_basis b)
{
	return (NAME_OF(close_basis_names, CCB__MAX, (int)b));
}

const char *
case_close_basis_label(enum case_close_basis b)
{
	return (LABEL_OF(close_basis_names, CCB__MAX, (int)b));
}

enum case_close_basis
case_close_basis_from(const char *s)
{
	return ((enum case_close_basis)code_label_find(close_basis_names,
	    CCB__MAX, s));
}

void
case_other_penalties_text(uint32_t mask, const char *sep, struct buf *out)
{
	int p;

	for (p = 0; p < COP__MAX; p++) {
		if (mask & COP_BIT(p))
			buf_printf(out, "%s%s", out->len > 0 ? sep : "",
			    case_other_penalty_label(
			        (enum case_other_penalty)p));
	}
}

uint32_t
case_other_penalties_from_pg(const char *literal)
{
	return (code_mask_from_pg(other_penalty_names, COP__MAX, literal));
}

void
case_other_penalties_to_pg(uint32_t mask, struct buf *out)
{
	code_mask_to_pg(other_penalty_names, COP__MAX, mask, out);
}

int
case_suspension_stops_surcharge(enum case_suspension k)
{
	return (k == CSUS_RECONSIDERATION || k == CSUS_LITIGATION);
}

int
case_state_final(enum case_state s)
{
	return (s == CS_CLOSED || s == CS_ARCHIVED || s == CS_NOT_FILED ||
	    s == CS_REVOKED);
}

/* ---- the rules that depend on the notice ------------------------------ */

int
case_hearing_eligible(const struct case_facts *f)
{
	int64_t threshold;

	if (f->other_penalties & COP_MAJOR)
		return (1);
	if (f->proposed_fine_fen == CASE_NO_FINE)
		return (0);
	threshold = f->party_individual ? f->rules.hearing_individual_fen :
	                                  f->rules.hearing_org_fen;
	return (f->proposed_fine_fen >= threshold);
}

int
case_legal_review_required(const struct case_facts *f)
{
	if (f->hearing_held || (f->other_penalties & COP_MAJOR))
		return (1);
	return (f->proposed_fine_fen != CASE_NO_FINE &&
	    f->proposed_fine_fen >= f->rules.legal_review_fen);
}

int
case_discussion_required(const struct case_facts *f)
{
	if (f->discussion_sent || (f->other_penalties & COP_MAJOR))
		return (1);
	return (f->proposed_fine_fen != CASE_NO_FINE &&
	    f->proposed_fine_fen >= f->rules.collective_fen);
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

/* A date the action records: given, not before since, not after today. */
static enum case_verdict
check_date(const struct case_facts *f, gs_date d, gs_date since,
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

static enum case_verdict
guard_none(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	(void)f;
	(void)in;
	(void)errs;
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_reason(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	(void)f;
	if (in != NULL && text_missing(in->reason))
		return (refuse(errs, "reason", "请填写理由"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_report(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	if (f->investigators_valid < f->rules.min_investigators)
		return (refuse(errs, "investigators",
		    "调查终结前须有至少两名持有效执法证的调查人员"
		    "（行政处罚法第42条）"));
	if (f->evidence_count < 1)
		return (
		    refuse(errs, "evidence", "调查终结前须至少收集一项证据"));
	if (in != NULL && text_missing(in->text_md))
		return (refuse(errs, "report_md", "请填写调查终结报告"));
	return (CASE_ALLOWED);
}

/*
 * A fine must come from the discretion calculator (domain.md "Fine
 * discretion"), or say why it departs from it.
 */
static enum case_verdict
guard_discretion(const struct case_facts *f, const struct case_input *in,
    int64_t fine, struct verr *errs)
{
	if (fine == 0)
		return (CASE_ALLOWED);
	if (f->discretion_fen == CASE_NO_FINE)
		return (refuse(errs, "discretion",
		    "请先用裁量计算器计算罚款数额（assess）"));
	if (fine != f->discretion_fen && text_missing(in->discretion_reason))
		return (refuse(errs, "discretion_reason",
		    "罚款数额与裁量计算结果不一致，请说明理由"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_assess(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	(void)f;
	if (in == NULL)
		return (CASE_ALLOWED);
	if (in->npicks == 0)
		return (refuse(errs, "factors",
		    "请为每个裁量因素选择档次，如 {\"impact\": 1}"));
	if (in->assessed_fen == CASE_ASSESS_NEEDS_INVESTMENT)
		return (refuse(errs, "investment_fen",
		    "本违法行为按项目总投资额计罚，请填写 investment_fen"));
	if (in->assessed_fen < 0)
		return (refuse(errs, "factors", "裁量因素或档次不存在"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_notify(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	if (!in->has_proposed_fine || in->proposed_fine_fen < 0)
		return (refuse(errs, "proposed_fine_fen",
		    "请填写拟罚款数额（分，不罚款填 0）"));
	if (guard_discretion(f, in, in->proposed_fine_fen, errs) !=
	    CASE_ALLOWED)
		return (CASE_GUARD);
	if (in->other_penalties_bad)
		return (refuse(errs, "other_penalties",
		    "其他处罚种类只能是 warning、confiscation、"
		    "production_suspension、closure 或 licence_revocation"));
	return (check_date(f, in->served_on, 0, "served_on", errs));
}

static enum case_verdict
guard_request_hearing(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	if (!case_hearing_eligible(f))
		return (refuse(errs, "proposed_fine_fen",
		    "拟作出的处罚未达到听证条件"));
	if (in == NULL)
		return (CASE_ALLOWED);
	if ((v = check_date(f, in->requested_on, 0, "requested_on", errs)) !=
	    CASE_ALLOWED)
		return (v);
	if (in->requested_on > f->hearing_request_due)
		return (
		    refuse(errs, "requested_on", "已超过告知后申请听证的期限"));
	return (CASE_ALLOWED);
}

/* Hearing and collective discussion: when held and what was said. */
static enum case_verdict
guard_record_meeting(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	if (in == NULL)
		return (CASE_ALLOWED);
	if ((v = check_date(f, in->held_on, 0, "held_on", errs)) !=
	    CASE_ALLOWED)
		return (v);
	if (text_missing(in->text_md))
		return (refuse(errs, "record_md", "请填写记录内容"));
	return (CASE_ALLOWED);
}

/*
 * The statement period, and the hearing-request period when a hearing was
 * possible, are over, or the party waived them in writing.
 */
static enum case_verdict
guard_rights_over(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	if (in == NULL || in->waived)
		return (CASE_ALLOWED);
	if (f->today <= f->statement_due)
		return (refuse(errs, "waived",
		    "陈述申辩期限尚未届满（当事人书面放弃的，请注明 waived）"));
	if (case_hearing_eligible(f) && f->today <= f->hearing_request_due)
		return (refuse(errs, "waived",
		    "听证申请期限尚未届满（当事人书面放弃的，请注明 waived）"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_legal_approve(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	(void)f;
	if (in != NULL && text_missing(in->text_md))
		return (refuse(errs, "opinion_md", "请填写法制审核意见"));
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_decision_fields(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	switch (in->outcome) {
	case CO_PENALTY:
		if (!in->has_fine || in->fine_fen < 0)
			return (refuse(errs, "fine_fen",
			    "请填写罚款数额（分，无罚款填 0）"));
		/* 行政处罚法 art. 45: defending may not raise the penalty. */
		if (in->fine_fen > f->proposed_fine_fen)
			return (refuse(errs, "fine_fen",
			    "罚款数额不得高于告知书中的拟罚款数额"));
		if (in->fine_fen == 0 && f->other_penalties == 0)
			return (refuse(errs, "fine_fen",
			    "处罚决定须有罚款或其他处罚种类"));
		if (guard_discretion(f, in, in->fine_fen, errs) != CASE_ALLOWED)
			return (CASE_GUARD);
		break;
	case CO_NO_PENALTY:
		if (in->no_penalty_reason == CNP_NONE)
			return (refuse(errs, "no_penalty_reason",
			    "请选择不予处罚的理由：minor、first_offence、"
			    "no_fault 或 not_established"));
		break;
	case CO_JUDICIAL_TRANSFER:
		break;
	default:
		return (refuse(errs, "outcome",
		    "决定结果只能是 penalty、no_penalty 或 "
		    "judicial_transfer"));
	}
	if (in->outcome != CO_PENALTY && in->has_fine && in->fine_fen != 0)
		return (
		    refuse(errs, "fine_fen", "不予处罚或移送司法时不能有罚款"));
	if ((v = check_date(f, in->decided_on, 0, "decided_on", errs)) !=
	    CASE_ALLOWED)
		return (v);
	return (CASE_ALLOWED);
}

static enum case_verdict
guard_decide(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	if (f->state == CS_NOTIFIED) {
		if (case_legal_review_required(f))
			return (refuse(errs, "legal_review",
			    "本案须经法制审核后才能作出决定"));
		if (case_discussion_required(f))
			return (refuse(errs, "collective_discussion",
			    "本案须经集体讨论后才能作出决定"));
		if ((v = guard_rights_over(f, in, errs)) != CASE_ALLOWED)
			return (v);
	} else {
		if (case_legal_review_required(f) && !f->legal_reviewed)
			return (refuse(errs, "legal_review",
			    "本案须经法制审核后才能作出决定"));
		if (case_discussion_required(f) && !f->discussion_held)
			return (refuse(errs, "collective_discussion",
			    "本案须经集体讨论后才能作出决定"));
	}
	if (in == NULL)
		return (CASE_ALLOWED);
	return (guard_decision_fields(f, in, errs));
}

static enum case_verdict
guard_serve(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	if (in == NULL)
		return (CASE_ALLOWED);
	if (text_missing(in->method))
		return (refuse(errs, "method",
		    "请选择送达方式：direct、mail、electronic、"
		    "agent 或 public_notice"));
	return (check_date(f, in->served_on, 0, "served_on", errs));
}

static enum case_verdict
guard_payment(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	enum case_verdict v;

	if (f->outcome != CO_PENALTY || f->outstanding_fen <= 0)
		return (refuse(errs, "amount_fen", "本案没有待缴的罚款"));
	if (in == NULL)
		return (CASE_ALLOWED);
	if (!in->has_amount || in->amount_fen <= 0)
		return (
		    refuse(errs, "amount_fen", "请填写缴款金额（分，大于 0）"));
	if (in->amount_fen > f->outstanding_fen)
		return (refuse(errs, "amount_fen", "缴款金额超过尚欠金额"));
	if ((v = check_date(f, in->paid_on, 0, "paid_on", errs)) !=
	    CASE_ALLOWED)
		return (v);
	return (CASE_ALLOWED);
}

/* What the case allows as the basis of closing when none is named. */
static enum case_close_basis
close_basis_default(const struct case_facts *f)
{
	if (f->outcome != CO_PENALTY)
		return (CCB_NOTHING_TO_EXECUTE);
	return (f->outstanding_fen <= 0 ? CCB_PAID : CCB_NONE);
}

static enum case_verdict
guard_close(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	enum case_close_basis b;

	if (in == NULL)
		return (CASE_ALLOWED); /* court acceptance is always possible */
	b = in->basis != CCB_NONE ? in->basis : close_basis_default(f);
	switch (b) {
	case CCB_PAID:
		if (f->outcome != CO_PENALTY || f->outstanding_fen > 0)
			return (refuse(errs, "basis",
			    "罚款及加处罚款尚未缴清，不能以缴清结案"));
		return (CASE_ALLOWED);
	case CCB_COURT_ACCEPTED:
		return (check_date(f, in->court_accepted_on, 0,
		    "court_accepted_on", errs));
	case CCB_NOTHING_TO_EXECUTE:
		if (f->outcome == CO_PENALTY && f->outstanding_fen > 0)
			return (refuse(errs, "basis",
			    "本案尚有待缴金额，不能以无需执行结案"));
		return (CASE_ALLOWED);
	default:
		return (refuse(errs, "basis",
		    "罚款及加处罚款尚未缴清；法院已受理强制执行的，"
		    "请以 court_accepted 结案"));
	}
}

static enum case_verdict
guard_extend(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	int max;

	if (f->state == CS_PROPOSED) {
		if (f->filing_extended)
			return (
			    refuse(errs, "days", "立案审查期限只能延长一次"));
		max = f->rules.filing_extension_days;
	} else {
		max = f->decision_extensions == 0 ?
		    f->rules.decision_extension_days :
		    f->rules.further_extension_days;
	}
	if (max <= 0)
		return (refuse(errs, "days", "规则不允许再延长期限"));
	if (in == NULL)
		return (CASE_ALLOWED);
	if (in->days < 1 || in->days > max) {
		if (errs != NULL)
			verr_add(errs, "days", "延长天数须在 1 到 %d 天之间",
			    max);
		return (CASE_GUARD);
	}
	if (text_missing(in->reason))
		return (refuse(errs, "reason", "请填写延长理由"));
	/* 2023 办法 art. 57: beyond the first, only by collective discussion. */
	if (f->state != CS_PROPOSED && f->decision_extensions > 0)
		return (
		    check_date(f, in->discussion_on, 0, "discussion_on", errs));
	return (CASE_ALLOWED);
}

static int
suspension_fits(enum case_state s, enum case_suspension k)
{
	int after = (AFTER_DECISION & S(s)) != 0;

	if (case_suspension_stops_surcharge(k))
		return (after);
	return (k != CSUS_NONE && k < CSUS__MAX && !after);
}

static enum case_verdict
guard_suspend(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	if (f->open_suspension != CSUS_NONE)
		return (refuse(errs, "kind", "已有未恢复的中止期间"));
	if (in == NULL)
		return (CASE_ALLOWED);
	if (!suspension_fits(f->state, in->kind))
		return (refuse(errs, "kind",
		    (AFTER_DECISION & S(f->state)) ?
		        "决定后只能因 reconsideration（复议）或 litigation（诉讼）"
		        "中止" :
		        "中止事由只能是 hearing、monitoring、appraisal、"
		        "public_notice 或 criminal_transfer"));
	return (check_date(f, in->on, 0, "on", errs));
}

static enum case_verdict
guard_resume(const struct case_facts *f, const struct case_input *in,
    struct verr *errs)
{
	if (f->open_suspension == CSUS_NONE)
		return (refuse(errs, "kind", "没有未恢复的中止期间"));
	if (in == NULL)
		return (CASE_ALLOWED);
	return (check_date(f, in->on, f->open_suspension_from, "on", errs));
}

/* ---- the machine ------------------------------------------------------ */

static const struct flow_row *
flow_find(enum case_state s, enum case_action a)
{
	size_t i;

	for (i = 0; i < GS_NELEM(flow_table); i++) {
		if (flow_table[i].action == a && (flow_table[i].from & S(s)))
			return (&flow_table[i]);
	}
	return (NULL);
}

/*
 * The roles of the row this user holds, narrowed to the ones that reach
 * this case: an officer acts on cases they investigate, a squad leader on
 * the squad's cases and their own, legal staff and the head on all.
 */
uint32_t
case_reaching_roles(uint32_t held, uint32_t roles, int is_investigator,
    int in_squad)
{
	uint32_t r = held & roles;

	if (!is_investigator)
		r &= ~(uint32_t)O;
	if (!is_investigator && !in_squad)
		r &= ~(uint32_t)SL;
	return (r);
}

static uint32_t
reaching_roles(const struct case_facts *f, uint32_t roles)
{
	return (case_reaching_roles(f->roles, roles, f->is_investigator,
	    f->in_squad));
}

static enum case_verdict
flow_actor(const struct case_facts *f, const struct flow_row *row,
    struct verr *errs)
{
	const char *why = NULL;

	if (reaching_roles(f, row->roles) == 0)
		why = (f->roles & row->roles) ?
		    "您不是本案的调查人员或所在中队的中队长" :
		    "您的角色不能执行此操作";
	else if ((row->who & WHO_NOT_PROPOSER) && f->is_proposer)
		why = "提出立案的人员不能审批本案立案（审批分离）";
	else if ((row->who & WHO_NOT_INVESTIGATOR) && f->is_investigator)
		why = "本案调查人员不能执行此操作（审查、听证与调查分离）";
	else if ((row->who & WHO_NOT_REPORTER) && f->is_reporter)
		why = "提交调查报告的人员不能审查自己的报告（审批分离）";
	if (why == NULL)
		return (CASE_ALLOWED);
	if (errs != NULL)
		verr_add(errs, "actor", "%s", why);
	return (CASE_FORBIDDEN);
}

enum case_verdict
caseflow_check(const struct case_facts *f, enum case_action a,
    const struct case_input *in, struct verr *errs)
{
	const struct flow_row *row;
	enum case_verdict v;

	if ((row = flow_find(f->state, a)) == NULL)
		return (CASE_WRONG_STATE);
	if ((v = flow_actor(f, row, errs)) != CASE_ALLOWED)
		return (v);
	return (row->guard(f, in, errs));
}

uint32_t
caseflow_allowed(const struct case_facts *f)
{
	uint32_t mask = 0;
	int a;

	for (a = 0; a < CA__MAX; a++) {
		if (caseflow_check(f, (enum case_action)a, NULL, NULL) ==
		    CASE_ALLOWED)
			mask |= 1u << a;
	}
	return (mask);
}

enum case_state
caseflow_next(const struct case_facts *f, enum case_action a,
    const struct case_input *in)
{
	const struct flow_row *row;

	if ((row = flow_find(f->state, a)) == NULL)
		return (f->state);
	if (row->to != CS__MAX)
		return (row->to);
	if (a == CA_LEGAL_APPROVE)
		return ((case_discussion_required(f) ||
		            (in != NULL && in->send_to_discussion)) ?
		        CS_COLLECTIVE_DISCUSSION :
		        CS_AWAITING_DECISION);
	return (f->state); /* extend, suspend, resume */
}
