/*
 * caseinput.c — proposals and action bodies read from JSON or a form
 * (see caseinput.h). Parsing only: no rule of the case is decided here.
 */
#include <string.h>

#include "core/caseinput.h"

const char *const case_new_keys[] = { "entity_id", "clue_id", "inspection_id",
	"violation_type", "summary_md", "discovered_on", "party_kind",
	"investigator_ids", NULL };

const char *const case_act_keys[] = { "version", "reason", "report_md",
	"record_md", "opinion_md", "proposed_fine_fen", "other_penalties",
	"served_on", "requested_on", "held_on", "decided_on", "paid_on", "on",
	"outcome", "fine_fen", "no_penalty_reason", "method", "amount_fen",
	"days", "kind", "waived", "send_to_discussion", "basis",
	"court_accepted_on", "discussion_on", "investigator_ids", "factors",
	"investment_fen", "discretion_reason", NULL };

const struct code_label case_service_methods[CASE_SERVICE_METHODS] = {
	{ "direct", "直接送达" },
	{ "mail", "邮寄送达" },
	{ "electronic", "电子送达" },
	{ "agent", "委托送达" },
	{ "public_notice", "公告送达" },
};

void
case_new_read(const struct fields *f, struct case_new_body *b,
    struct verr *errs)
{
	struct case_new *in = &b->n;

	memset(b, 0, sizeof(*b));
	in->entity_id = fields_text(f, "entity_id", errs);
	in->clue_id = fields_text(f, "clue_id", errs);
	in->inspection_id = fields_text(f, "inspection_id", errs);
	in->violation_type = fields_text(f, "violation_type", errs);
	in->summary_md = fields_text(f, "summary_md", errs);
	in->discovered_on = fields_text(f, "discovered_on", errs);
	in->party_kind = fields_text(f, "party_kind", errs);
	in->ninvestigators = fields_texts(f, "investigator_ids", b->ids,
	    CASE_INVESTIGATORS_MAX, errs);
	in->investigator_ids = b->ids;
}

/* The other penalties (行政处罚法 art. 9) as a mask; unknown codes flagged
 * for the notify guard. */
static void
read_other_penalties(const struct fields *f, struct case_input *in,
    struct verr *errs)
{
	const char *codes[COP__MAX + 1];
	enum case_other_penalty op;
	size_t i, n;

	n = fields_texts(f, "other_penalties", codes, COP__MAX + 1, errs);
	for (i = 0; i < n; i++) {
		if ((op = case_other_penalty_from(codes[i])) == COP__MAX)
			in->other_penalties_bad = 1;
		else
			in->other_penalties |= COP_BIT(op);
	}
}

/* Codes with an enum: unknown ones stay "none" for the guard to name. */
static void
read_codes(const struct fields *f, struct case_input *in, struct verr *errs)
{
	const char *s;

	if ((s = fields_text(f, "outcome", errs)) != NULL &&
	    (in->outcome = case_outcome_from(s)) == CO__MAX)
		in->outcome = CO_NONE;
	if ((s = fields_text(f, "no_penalty_reason", errs)) != NULL &&
	    (in->no_penalty_reason = case_no_penalty_reason_from(s)) ==
	        CNP__MAX)
		in->no_penalty_reason = CNP_NONE;
	if ((s = fields_text(f, "kind", errs)) != NULL &&
	    (in->kind = case_suspension_from(s)) == CSUS__MAX)
		in->kind = CSUS_NONE;
	if ((s = fields_text(f, "method", errs)) != NULL) {
		if (code_label_find(case_service_methods, CASE_SERVICE_METHODS,
		        s) < CASE_SERVICE_METHODS)
			in->method = s;
		else
			verr_add(errs, "method",
			    "送达方式只能是 direct、mail、electronic、agent 或 "
			    "public_notice");
	}
	if ((s = fields_text(f, "basis", errs)) != NULL &&
	    (in->basis = case_close_basis_from(s)) == CCB__MAX) {
		in->basis = CCB_NONE;
		verr_add(errs, "basis",
		    "结案依据只能是 paid、court_accepted 或 nothing_to_execute");
	}
}

/* The discretion calculator's tiers (assess) and a departure's reason. */
static void
read_discretion(const struct fields *f, struct case_input *in,
    struct verr *errs)
{
	const char *names[CASE_PICKS_MAX];
	int64_t tiers[CASE_PICKS_MAX];
	size_t i;

	in->npicks =
	    fields_int_map(f, "factors", names, tiers, CASE_PICKS_MAX, errs);
	for (i = 0; i < in->npicks; i++) {
		in->picks[i].code = names[i];
		in->picks[i].tier = tiers[i];
	}
	(void)fields_money(f, "investment_fen", &in->investment_fen,
	    &in->has_investment, errs);
	in->discretion_reason = fields_text(f, "discretion_reason", errs);
}

void
case_act_read(const struct fields *f, struct case_act_body *b,
    struct verr *errs)
{
	struct case_input *in = &b->in;
	int64_t days;
	int present;

	memset(b, 0, sizeof(*b));
	(void)fields_int(f, "version", &b->version, &present, errs);
	if (!present && verr_get(errs, "version") == NULL)
		verr_add(errs, "version", "请提供案件的当前版本号 version");
	in->reason = fields_text(f, "reason", errs);
	if ((in->text_md = fields_text(f, "report_md", errs)) == NULL &&
	    (in->text_md = fields_text(f, "record_md", errs)) == NULL)
		in->text_md = fields_text(f, "opinion_md", errs);
	(void)fields_money(f, "proposed_fine_fen", &in->proposed_fine_fen,
	    &in->has_proposed_fine, errs);
	read_other_penalties(f, in, errs);
	in->served_on = fields_date(f, "served_on", errs);
	in->requested_on = fields_date(f, "requested_on", errs);
	in->held_on = fields_date(f, "held_on", errs);
	in->decided_on = fields_date(f, "decided_on", errs);
	in->paid_on = fields_date(f, "paid_on", errs);
	in->on = fields_date(f, "on", errs);
	in->court_accepted_on = fields_date(f, "court_accepted_on", errs);
	in->discussion_on = fields_date(f, "discussion_on", errs);
	read_codes(f, in, errs);
	(void)fields_money(f, "fine_fen", &in->fine_fen, &in->has_fine, errs);
	(void)fields_money(f, "amount_fen", &in->amount_fen, &in->has_amount,
	    errs);
	if (fields_int(f, "days", &days, &present, errs) && present)
		in->days = days > 0 && days < 10000 ? (int)days : -1;
	read_discretion(f, in, errs);
	in->waived = fields_bool(f, "waived", 0, errs);
	in->send_to_discussion = fields_bool(f, "send_to_discussion", 0, errs);
	b->ninvestigators = fields_texts(f, "investigator_ids",
	    b->investigator_ids, CASE_INVESTIGATORS_MAX, errs);
}
