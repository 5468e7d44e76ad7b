/*
 * fuzz_form.c — parse, and when that succeeds re-encode every field with
 * form_encode() as "name=value&..." and parse again: the second parse
 * must give back exactly the same fields.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/form.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
encode_form(const struct form *f, struct buf *b)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (i > 0)
			buf_putc(b, '&');
		form_encode(b, f->fields[i].name);
		buf_putc(b, '=');
		form_encode(b, f->fields[i].value);
	}
}

static void
compare_forms(const struct form *a, const struct form *b)
{
	size_t i;

	if (a->n != b->n)
		abort();
	for (i = 0; i < a->n; i++) {
		if (strcmp(a->fields[i].name, b->fields[i].name) != 0)
			abort();
		if (a->fields[i].len != b->fields[i].len ||
		    memcmp(a->fields[i].value, b->fields[i].value,
		        a->fields[i].len + 1) != 0)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct form first, second;
	struct buf b;
	size_t i;

	if (form_parse((const char *)data, len, &first) != GS_OK) {
		if (first.fields != NULL || first.n != 0)
			abort();
		return (0);
	}
	for (i = 0; i < first.n; i++) {
		if (strlen(first.fields[i].value) != first.fields[i].len)
			abort();
		if (form_get(&first, first.fields[i].name) == NULL)
			abort();
	}

	buf_init(&b);
	encode_form(&first, &b);
	if (form_parse(b.data == NULL ? "" : b.data, b.len, &second) != GS_OK)
		abort();
	compare_forms(&first, &second);

	form_free(&second);
	form_free(&first);
	buf_free(&b);
	return (0);
}
