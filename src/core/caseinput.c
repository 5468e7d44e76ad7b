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

/* ---- supporting measures and transfers -------------------------------- */

const char *const measure_new_keys[] = { "kind", "decided_on", "monitoring_on",
	"emergency", "started_at", "period_days", "period_months", "place",
	"facts_md", "officer_ids", "items", NULL };
const char *const transfer_new_keys[] = { "kind", "reported_on", "facts_md",
	"officer_ids", "persons", NULL };
const char *const measure_act_keys[] = { "version", "on", "at", "reason",
	"days", "months", "continuing", "police_agency",
	"procuratorate_copied_on", "complexity", "persons_detained",
	"persons_coercive", "hand_over", NULL };

static const char *const item_fields[MEASURE_ITEM_FIELDS] = { "name",
	"quantity", "note" };
static const char *const person_fields[MEASURE_PERSON_FIELDS] = { "name",
	"role" };

/* A count in days or months: 0 absent, -1 not a usable number. */
static int
read_count(const struct fields *f, const char *key, struct verr *errs)
{
	int64_t n;
	int present;

	if (!fields_int(f, key, &n, &present, errs) || !present)
		return (0);
	return (n > 0 && n < 10000 ? (int)n : -1);
}

/* Text no longer than max bytes; errs naming key otherwise. */
static void
check_len(const char *s, size_t max, const char *key, const char *what,
    struct verr *errs)
{
	if (s != NULL && strlen(s) > max)
		verr_add(errs, key, "%s过长（最多 %zu 字节）", what, max);
}

static void
read_items(const struct fields *f, struct measure_body *b, struct verr *errs)
{
	size_t i;
	const char **it;

	b->in.nitems = fields_records(f, "items", item_fields,
	    MEASURE_ITEM_FIELDS, b->items, MEASURE_ITEMS_MAX, errs);
	for (i = 0; i < b->in.nitems; i++) {
		it = &b->items[i * MEASURE_ITEM_FIELDS];
		if (it[0] == NULL)
			verr_add(errs, "items", "第 %zu 项请填写物品或场所名称",
			    i + 1);
		check_len(it[0], 200, "items", "物品名称", errs);
		check_len(it[1], 64, "items", "数量", errs);
		check_len(it[2], 500, "items", "备注", errs);
	}
}

static void
read_persons(const struct fields *f, struct measure_body *b, struct verr *errs)
{
	size_t i;
	const char **p;

	b->in.npersons = fields_records(f, "persons", person_fields,
	    MEASURE_PERSON_FIELDS, b->persons, MEASURE_PERSONS_MAX, errs);
	for (i = 0; i < b->in.npersons; i++) {
		p = &b->persons[i * MEASURE_PERSON_FIELDS];
		if (p[0] == NULL)
			verr_add(errs, "persons", "第 %zu 人请填写姓名", i + 1);
		check_len(p[0], 64, "persons", "姓名", errs);
		check_len(p[1], 64, "persons", "身份", errs);
	}
}

void
measure_new_read(const struct fields *f, int transfer, struct measure_body *b,
    struct verr *errs)
{
	struct measure_input *in = &b->in;
	const char *kind;

	memset(b, 0, sizeof(*b));
	in->continuing = -1;
	in->kind = MK__MAX;
	if ((kind = fields_text(f, "kind", errs)) != NULL) {
		in->kind = transfer ? measure_transfer_from(kind) :
		                      measure_kind_from(kind);
		if (!transfer && in->kind < MK__MAX &&
		    measure_kind_is_transfer(in->kind))
			in->kind = MK__MAX; /* transfers have their own list */
	}
	in->facts_md = fields_text(f, "facts_md", errs);
	check_len(in->facts_md, 100000, "facts_md", "事实与理由", errs);
	b->nofficers = fields_texts(f, "officer_ids", b->officer_ids,
	    CASE_INVESTIGATORS_MAX, errs);
	if (transfer) {
		in->reported_on = fields_date(f, "reported_on", errs);
		read_persons(f, b, errs);
		return;
	}
	in->decided_on = fields_date(f, "decided_on", errs);
	in->monitoring_on = fields_date(f, "monitoring_on", errs);
	in->emergency = fields_bool(f, "emergency", 0, errs);
	in->started_at = fields_instant(f, "started_at", errs);
	in->days = read_count(f, "period_days", errs);
	in->months = read_count(f, "period_months", errs);
	in->place = fields_text(f, "place", errs);
	check_len(in->place, 200, "place", "地点", errs);
	read_items(f, b, errs);
}

void
measure_act_read(const struct fields *f, struct measure_body *b,
    struct verr *errs)
{
	struct measure_input *in = &b->in;
	const char *s;
	int present;

	memset(b, 0, sizeof(*b));
	in->continuing = -1;
	in->kind = MK__MAX;
	(void)fields_int(f, "version", &b->version, &present, errs);
	if (!present && verr_get(errs, "version") == NULL)
		verr_add(errs, "version", "请提供措施的当前版本号 version");
	in->on = fields_date(f, "on", errs);
	in->at = fields_instant(f, "at", errs);
	in->reason = fields_text(f, "reason", errs);
	check_len(in->reason, 2000, "reason", "理由", errs);
	in->days = read_count(f, "days", errs);
	in->months = read_count(f, "months", errs);
	in->continuing = fields_bool(f, "continuing", -1, errs);
	in->police_agency = fields_text(f, "police_agency", errs);
	check_len(in->police_agency, 200, "police_agency", "公安机关名称",
	    errs);
	in->procuratorate_copied_on =
	    fields_date(f, "procuratorate_copied_on", errs);
	if ((s = fields_text(f, "complexity", errs)) != NULL) {
		in->complexity = measure_complexity_from(s);
		in->has_complexity = 1;
		if (in->complexity == MC__MAX) {
			in->complexity = MC_NORMAL;
			verr_add(errs, "complexity",
			    "案件复杂程度只能是 normal、complex 或 special");
		}
	}
	(void)fields_int(f, "persons_detained", &in->persons_detained,
	    &in->has_persons_detained, errs);
	(void)fields_int(f, "persons_coercive", &in->persons_coercive,
	    &in->has_persons_coercive, errs);
	in->hand_over = fields_bool(f, "hand_over", 0, errs);
}
