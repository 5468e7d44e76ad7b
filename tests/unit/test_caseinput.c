/*
 * test_caseinput.c — an action's body read from an HTML form into the
 * struct case_input the state machine judges, as the API reads JSON.
 */
#include <string.h>

#include "unit.h"
#include "core/caseinput.h"
#include "core/form.h"

GS_SUITE(caseinput);

static void
read_form(const char *s, struct case_act_body *b, struct verr *errs)
{
	struct fields f;
	struct form form;

	cr_assert(form_parse(s, strlen(s), &form));
	fields_form(&f, &form, NULL);
	verr_init(errs);
	case_act_read(&f, b, errs);
	/* Texts point into the form: compare before it goes. */
	form_free(&form);
}

Test(caseinput, notify_from_a_form)
{
	struct case_act_body b;
	struct verr errs;

	read_form("version=4&proposed_fine_yuan=200%2C000&"
	          "other_penalties=warning&other_penalties=closure&"
	          "served_on=2026-03-02",
	    &b, &errs);
	cr_expect_eq(errs.n, 0);
	cr_expect_eq(b.version, 4);
	cr_expect(b.in.has_proposed_fine);
	cr_expect_eq(b.in.proposed_fine_fen, 20000000);
	cr_expect_eq(b.in.other_penalties,
	    COP_BIT(COP_WARNING) | COP_BIT(COP_CLOSURE));
	cr_expect_not(b.in.other_penalties_bad);
	cr_expect_eq(b.in.served_on, date_from_ymd(2026, 3, 2));
}

Test(caseinput, decide_codes_and_checkboxes)
{
	struct case_act_body b;
	struct verr errs;

	read_form(
	    "version=1&outcome=no_penalty&no_penalty_reason=first_offence&"
	    "fine_yuan=&decided_on=2026-03-02&waived=1",
	    &b, &errs);
	cr_expect_eq(errs.n, 0);
	cr_expect_eq(b.in.outcome, CO_NO_PENALTY);
	cr_expect_eq(b.in.no_penalty_reason, CNP_FIRST_OFFENCE);
	cr_expect_not(b.in.has_fine);
	cr_expect(b.in.waived);
	cr_expect_not(b.in.send_to_discussion);
}

Test(caseinput, unknown_codes_are_left_for_the_guards_or_named)
{
	struct case_act_body b;
	struct verr errs;

	read_form("version=1&outcome=fine&kind=holiday&other_penalties=jail&"
	          "method=pigeon&basis=luck&days=0",
	    &b, &errs);
	cr_expect_eq(b.in.outcome, CO_NONE);
	cr_expect_eq(b.in.kind, CSUS_NONE);
	cr_expect(b.in.other_penalties_bad);
	cr_expect_null(b.in.method);
	cr_expect_not_null(verr_get(&errs, "method"));
	cr_expect_not_null(verr_get(&errs, "basis"));
	cr_expect_eq(b.in.days, -1);
}

Test(caseinput, the_version_is_required_and_an_integer)
{
	struct case_act_body b;
	struct verr errs;

	read_form("reason=x", &b, &errs);
	cr_expect_str_eq(verr_get(&errs, "version"),
	    "请提供案件的当前版本号 version");
	read_form("version=v2", &b, &errs);
	cr_expect_str_eq(verr_get(&errs, "version"), "应为整数");
	cr_expect_eq(errs.n, 1);
}

Test(caseinput, the_first_narrative_present_is_the_text)
{
	struct case_act_body b;
	struct verr errs;
	struct fields f;
	struct form form;
	const char *s = "version=1&record_md=%E8%AE%B0%E5%BD%95&opinion_md=x";

	cr_assert(form_parse(s, strlen(s), &form));
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	case_act_read(&f, &b, &errs);
	cr_expect_str_eq(b.in.text_md, "记录");
	form_free(&form);
}

Test(caseinput, a_proposal_with_its_investigators)
{
	struct case_new_body b;
	struct verr errs;
	struct fields f;
	struct form form;
	const char *s = "entity_id=e&violation_type=no_permit&summary_md=s&"
	                "discovered_on=2026-01-05&party_kind=individual&"
	                "investigator_ids=a&investigator_ids=b&clue_id=";

	cr_assert(form_parse(s, strlen(s), &form));
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	case_new_read(&f, &b, &errs);
	cr_expect_eq(errs.n, 0);
	cr_expect_str_eq(b.n.entity_id, "e");
	cr_expect_str_eq(b.n.party_kind, "individual");
	cr_expect_null(b.n.clue_id);
	cr_expect_null(b.n.inspection_id);
	cr_assert_eq(b.n.ninvestigators, 2);
	cr_expect_str_eq(b.n.investigator_ids[1], "b");
	form_free(&form);
}

/* A source that has nothing and notes every key it is asked for. */
static const char *asked[64];
static size_t nasked;

static void
note(const char *key)
{
	if (nasked < 64)
		asked[nasked++] = key;
}

static const char *
rec_text(const struct fields *f, const char *key, struct verr *errs)
{
	(void)f;
	(void)errs;
	note(key);
	return (NULL);
}

static int
rec_int(const struct fields *f, const char *key, int64_t *out, int *present,
    struct verr *errs)
{
	(void)f;
	(void)out;
	(void)errs;
	note(key);
	*present = 0;
	return (GS_OK);
}

static int
rec_bool(const struct fields *f, const char *key, int def, struct verr *errs)
{
	(void)f;
	(void)errs;
	note(key);
	return (def);
}

static size_t
rec_texts(const struct fields *f, const char *key, const char **out, size_t max,
    struct verr *errs)
{
	(void)f;
	(void)out;
	(void)max;
	(void)errs;
	note(key);
	return (0);
}

static size_t
rec_int_map(const struct fields *f, const char *key, const char **names,
    int64_t *values, size_t max, struct verr *errs)
{
	(void)f;
	(void)names;
	(void)values;
	(void)max;
	(void)errs;
	note(key);
	return (0);
}

static size_t
rec_records(const struct fields *f, const char *key, const char *const *names,
    size_t nnames, const char **out, size_t max, struct verr *errs)
{
	(void)f;
	(void)names;
	(void)nnames;
	(void)out;
	(void)max;
	(void)errs;
	note(key);
	return (0);
}

static const struct fields_ops rec_ops = { rec_text, rec_int, rec_int, rec_bool,
	rec_texts, rec_int_map, rec_records };

/* The API refuses a JSON key outside the lists: a key the reader asks for
 * but the list lacks could never arrive, and one the list has but no
 * reader asks for would be accepted and ignored. */
static void
expect_keys_match(const char *const *keys)
{
	size_t i, n;

	for (i = 0; i < nasked; i++)
		cr_expect(code_in(asked[i], keys), "%s is read but refused",
		    asked[i]);
	for (n = 0; keys[n] != NULL; n++) {
		for (i = 0; i < nasked && strcmp(asked[i], keys[n]) != 0; i++)
			;
		cr_expect_lt(i, nasked, "%s is accepted but never read",
		    keys[n]);
	}
}

Test(caseinput, every_key_read_is_a_key_a_json_body_may_carry)
{
	struct case_act_body act;
	struct case_new_body prop;
	struct verr errs;
	struct fields f = { &rec_ops, NULL, NULL };

	verr_init(&errs);
	nasked = 0;
	case_act_read(&f, &act, &errs);
	expect_keys_match(case_act_keys);
	nasked = 0;
	case_new_read(&f, &prop, &errs);
	expect_keys_match(case_new_keys);
}

Test(caseinput, every_measure_key_read_is_a_key_a_json_body_may_carry)
{
	struct measure_body b;
	struct verr errs;
	struct fields f = { &rec_ops, NULL, NULL };

	verr_init(&errs);
	nasked = 0;
	measure_new_read(&f, 0, &b, &errs);
	expect_keys_match(measure_new_keys);
	nasked = 0;
	measure_new_read(&f, 1, &b, &errs);
	expect_keys_match(transfer_new_keys);
	nasked = 0;
	measure_act_read(&f, &b, &errs);
	expect_keys_match(measure_act_keys);
}

Test(caseinput, seized_items_and_persons_from_a_form)
{
	struct measure_body b;
	struct verr errs;
	struct fields f;
	struct form form;
	const char *s = "kind=seizure&decided_on=2026-12-04&period_days=30&"
	                "items.name=%E8%AE%BE%E5%A4%87&items.quantity=1&"
	                "items.note=&items.name=&items.quantity=&items.note=&"
	                "items.name=%E6%9A%97%E7%AE%A1&items.quantity=&"
	                "items.note=%E5%B0%81%E5%AD%98&emergency=1&"
	                "started_at=2026-12-04T09:30%2B08:00";

	cr_assert(form_parse(s, strlen(s), &form));
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	measure_new_read(&f, 0, &b, &errs);
	cr_expect_eq(errs.n, 0, "%s", errs.n ? errs.items[0].message : "");
	cr_expect_eq(b.in.kind, MK_SEIZURE);
	cr_expect_eq(b.in.days, 30);
	cr_expect(b.in.emergency);
	cr_expect_neq(b.in.started_at, 0);
	/* The blank second line is skipped. */
	cr_assert_eq(b.in.nitems, 2);
	cr_expect_str_eq(b.items[0], "设备");
	cr_expect_str_eq(b.items[1], "1");
	cr_expect_null(b.items[2]);
	cr_expect_str_eq(b.items[3], "暗管");
	cr_expect_null(b.items[4]);
	cr_expect_str_eq(b.items[5], "封存");
	form_free(&form);
}

Test(caseinput, a_transfer_kind_is_not_a_measure_kind)
{
	struct measure_body b;
	struct verr errs;
	struct fields f;
	struct form form;
	const char *s = "kind=criminal_transfer";

	cr_assert(form_parse(s, strlen(s), &form));
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	measure_new_read(&f, 0, &b, &errs);
	cr_expect_eq(b.in.kind, MK__MAX);
	measure_new_read(&f, 1, &b, &errs);
	cr_expect_eq(b.in.kind, MK__MAX);
	form_free(&form);
	s = "kind=criminal&persons.name=%E8%B5%B5%E6%9F%90&persons.role=";
	cr_assert(form_parse(s, strlen(s), &form));
	fields_form(&f, &form, NULL);
	measure_new_read(&f, 1, &b, &errs);
	cr_expect_eq(b.in.kind, MK_CRIMINAL_TRANSFER);
	cr_expect_eq(b.in.npersons, 1);
	form_free(&form);
}
