/*
 * fuzz_caseinput.c — a form body read as a case action and as a proposal,
 * the way the pages read them: nothing may crash, the echo of what was
 * read must be JSON the API's reader accepts and, when the form had no
 * error, reads back to the same action; an amount accepted in yuan must
 * print and read back as itself.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseinput.h"
#include "core/form.h"
#include "core/json.h"
#include "core/money.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
yuan_round_trip(const struct form *f)
{
	char text[64];
	int64_t fen, again;
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (!money_parse_yuan(f->fields[i].value, &fen))
			continue;
		if (fen < 0)
			abort();
		money_format_yuan(fen, text, sizeof(text));
		if (!money_parse_yuan(text, &again) || again != fen)
			abort();
	}
}

/* The echo is JSON; read by the JSON reader it gives the numbers and flags
 * of b (when b is not NULL). */
static void
echo_reads_back(const char *json, size_t len, const struct case_act_body *b)
{
	const struct json_value *v;
	struct json_error err;
	struct json_doc *doc;

	if ((doc = json_parse(json, len, &err)) == NULL)
		abort();
	if (b == NULL) {
		json_free(doc);
		return;
	}
	v = json_get(json_root(doc), "fine_fen");
	if (b->in.has_fine &&
	    (v == NULL || v->type != JSON_NUMBER || !v->u.num.is_int ||
	        v->u.num.i != b->in.fine_fen))
		abort();
	v = json_get(json_root(doc), "waived");
	if (b->in.waived && (v == NULL || v->type != JSON_BOOL))
		abort();
	json_free(doc);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct case_act_body act;
	struct case_new_body prop;
	struct json_writer w;
	struct verr errs;
	struct fields f;
	struct form form;
	struct buf echo;

	if (form_parse((const char *)data, len, &form) != GS_OK)
		return (0);
	yuan_round_trip(&form);
	buf_init(&echo);
	jw_init(&w, &echo);
	jw_object_begin(&w, NULL);
	fields_form(&f, &form, &w);
	verr_init(&errs);
	case_act_read(&f, &act, &errs);
	jw_object_end(&w);
	echo_reads_back(echo.data, echo.len, errs.n == 0 ? &act : NULL);
	fields_form(&f, &form, NULL);
	case_new_read(&f, &prop, &errs);
	if (prop.n.ninvestigators > CASE_INVESTIGATORS_MAX)
		abort();
	buf_free(&echo);
	form_free(&form);
	return (0);
}
