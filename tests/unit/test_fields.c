/*
 * test_fields.c — a body's fields as an HTML form spells them: blank is
 * absent, money in yuan under its _yuan name, checkboxes and repeated
 * fields, and the JSON echo the case history keeps.
 */
#include <string.h>

#include "unit.h"
#include "core/fields.h"
#include "core/form.h"
#include "core/json.h"
#include "core/util.h"

GS_SUITE(fields);

static void
form_of(const char *s, struct form *f)
{
	cr_assert(form_parse(s, strlen(s), f), "bad form: %s", s);
}

Test(fields, blank_is_absent_and_text_keeps_its_spaces)
{
	struct verr errs;
	struct fields f;
	struct form form;

	form_of("reason=&kind=+&report_md=++indented%0D%0Atext", &form);
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	cr_expect_null(fields_text(&f, "reason", &errs));
	cr_expect_null(fields_text(&f, "kind", &errs));
	cr_expect_null(fields_text(&f, "missing", &errs));
	cr_expect_str_eq(fields_text(&f, "report_md", &errs),
	    "  indented\r\ntext");
	cr_expect_eq(errs.n, 0);
	form_free(&form);
}

Test(fields, money_is_typed_in_yuan_under_its_yuan_name)
{
	struct verr errs;
	struct fields f;
	struct form form;
	int64_t fen = 0;
	int present = 0;

	form_of("fine_yuan=50%2C000.5&fine_fen=1&amount_yuan=4%E4%B8%87",
	    &form);
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	cr_assert(fields_money(&f, "fine_fen", &fen, &present, &errs));
	cr_expect(present);
	cr_expect_eq(fen, 5000050);
	cr_expect_not(fields_money(&f, "amount_fen", &fen, &present, &errs));
	cr_expect(present);
	cr_expect_str_eq(verr_get(&errs, "amount_fen"),
	    "金额格式不正确：请填写元，最多两位小数");
	cr_assert(fields_money(&f, "proposed_fine_fen", &fen, &present, &errs));
	cr_expect_not(present);
	form_free(&form);
}

Test(fields, money_name)
{
	char name[32];

	fields_money_name("fine_fen", name, sizeof(name));
	cr_expect_str_eq(name, "fine_yuan");
	fields_money_name("days", name, sizeof(name));
	cr_expect_str_eq(name, "days");
	fields_money_name("_fen", name, sizeof(name));
	cr_expect_str_eq(name, "_fen");
}

Test(fields, integers_checkboxes_and_dates)
{
	struct verr errs;
	struct fields f;
	struct form form;
	int64_t n = 0;
	int present = 0;

	form_of("version=+3+&days=ten&waived=1&send_to_discussion=on&"
	        "other=maybe&on=2026-02-30&held_on=2026-03-02",
	    &form);
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	cr_assert(fields_int(&f, "version", &n, &present, &errs));
	cr_expect_eq(n, 3);
	cr_expect_not(fields_int(&f, "days", &n, &present, &errs));
	cr_expect_str_eq(verr_get(&errs, "days"), "应为整数");
	cr_expect(fields_bool(&f, "waived", 0, &errs));
	cr_expect(fields_bool(&f, "send_to_discussion", 0, &errs));
	cr_expect_not(fields_bool(&f, "absent", 0, &errs));
	cr_expect_not(fields_bool(&f, "other", 0, &errs));
	cr_expect_str_eq(verr_get(&errs, "other"), "应为是或否");
	cr_expect_eq(fields_date(&f, "on", &errs), 0);
	cr_expect_str_eq(verr_get(&errs, "on"), "日期格式应为 YYYY-MM-DD");
	cr_expect_neq(fields_date(&f, "held_on", &errs), 0);
	form_free(&form);
}

Test(fields, repeated_fields_are_an_array_without_blanks)
{
	const char *out[3];
	struct verr errs;
	struct fields f;
	struct form form;

	form_of("ids=a&ids=&ids=b&many=1&many=2&many=3&many=4", &form);
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	cr_assert_eq(fields_texts(&f, "ids", out, 3, &errs), 2);
	cr_expect_str_eq(out[0], "a");
	cr_expect_str_eq(out[1], "b");
	cr_expect_eq(fields_texts(&f, "none", out, 3, &errs), 0);
	cr_expect_eq(fields_texts(&f, "many", out, 3, &errs), 0);
	cr_expect_str_eq(verr_get(&errs, "many"), "最多 3 项");
	form_free(&form);
}

Test(fields, a_number_too_long_to_copy_is_refused_not_cut)
{
	struct verr errs;
	struct fields f;
	struct form form;
	struct buf s;
	int64_t fen = 0;
	int present;
	int i;

	/* "1" then spaces then "x": cut at the buffer, it would read 1. */
	buf_init(&s);
	buf_puts(&s, "fine_yuan=1");
	for (i = 0; i < 80; i++)
		buf_puts(&s, "+");
	buf_puts(&s, "x");
	form_of(s.data, &form);
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	cr_expect_not(fields_money(&f, "fine_fen", &fen, &present, &errs));
	cr_expect_eq(fen, 0);
	form_free(&form);
	buf_free(&s);
}

Test(fields, the_echo_is_the_json_a_client_would_have_sent)
{
	const char *ids[4];
	struct json_writer w;
	struct verr errs;
	struct fields f;
	struct form form;
	struct buf out;
	int64_t n;
	int present;

	form_of("_csrf=secret&version=2&reason=%E7%90%86%E7%94%B1&"
	        "fine_yuan=12.3&waived=1&ids=x&ids=y&unread=z",
	    &form);
	buf_init(&out);
	jw_init(&w, &out);
	jw_object_begin(&w, NULL);
	fields_form(&f, &form, &w);
	verr_init(&errs);
	(void)fields_int(&f, "version", &n, &present, &errs);
	(void)fields_text(&f, "reason", &errs);
	(void)fields_money(&f, "fine_fen", &n, &present, &errs);
	(void)fields_bool(&f, "waived", 0, &errs);
	(void)fields_texts(&f, "ids", ids, 4, &errs);
	(void)fields_text(&f, "absent", &errs);
	jw_object_end(&w);
	cr_expect_str_eq(out.data,
	    "{\"version\":2,\"reason\":\"理由\",\"fine_fen\":1230,"
	    "\"waived\":true,\"ids\":[\"x\",\"y\"]}");
	buf_free(&out);
	form_free(&form);
}

Test(fields, a_named_integer_given_twice_is_refused)
{
	const char *names[4];
	int64_t values[4];
	struct verr errs;
	struct fields f;
	struct form form;

	form_of("factors.impact=1&factors.duration=2&factors.impact=3", &form);
	fields_form(&f, &form, NULL);
	verr_init(&errs);
	cr_expect_eq(fields_int_map(&f, "factors", names, values, 4, &errs), 0);
	cr_expect_str_eq(verr_get(&errs, "factors"), "impact 重复");
	form_free(&form);
}
