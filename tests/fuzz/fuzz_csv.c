/*
 * fuzz_csv.c — reads every record until EOF or an error, and checks what
 * the reader promises of each field: NUL-terminated at len, no NUL
 * inside, valid UTF-8 text, within the limits.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_row(const struct csv_reader *r)
{
	const struct csv_field *f;
	size_t i;

	if (r->nfields == 0 || r->nfields > CSV_FIELDS_MAX)
		abort();
	if (r->row_line < 1 || r->row_line > r->line)
		abort();
	for (i = 0; i < r->nfields; i++) {
		f = &r->fields[i];
		if (f->len > CSV_FIELD_LEN_MAX || strlen(f->s) != f->len)
			abort();
		if (!utf8_valid_text(f->s, f->len))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct csv_reader r;
	enum csv_result rc;

	csv_open(&r, (const char *)data, len);
	while ((rc = csv_next(&r)) == CSV_ROW)
		check_row(&r);
	if (rc == CSV_ERROR) {
		if (r.error[0] == '\0' || r.error_line < 1 ||
		    r.error_line > r.line)
			abort();
		/* Once stopped, the reader stays stopped. */
		if (csv_next(&r) != CSV_ERROR)
			abort();
	}
	csv_close(&r);
	return (0);
}
