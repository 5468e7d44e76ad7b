/*
 * csv.h — an RFC 4180 reader for imports.
 *
 * Reads records from a buffer in memory: comma separated, fields optionally
 * in double quotes (a doubled quote inside is one quote; quoted fields may
 * span lines), records end with LF or CRLF, a UTF-8 byte order mark at the
 * start is skipped, the text must be valid UTF-8. Errors carry the
 * physical line on which the problem is, so an import can say "第 7 行".
 */
#ifndef GS_CORE_CSV_H
#define GS_CORE_CSV_H

#include <stddef.h>

#include "core/util.h"

#define CSV_FIELDS_MAX 64
#define CSV_FIELD_LEN_MAX (64 * 1024)

enum csv_result {
	CSV_ROW,
	CSV_EOF,
	CSV_ERROR,
};

struct csv_field {
	const char *s; /* NUL-terminated, valid until the next call */
	size_t len;
};

struct csv_reader {
	const char *data;
	size_t len;
	size_t pos;
	int line;     /* physical line at pos */
	int row_line; /* line where the last row began */
	struct buf storage;
	size_t offsets[CSV_FIELDS_MAX];
	struct csv_field fields[CSV_FIELDS_MAX];
	size_t nfields;
	int error_line;
	char error[128]; /* 中文, for the import report */
};

void csv_open(struct csv_reader *, const char *data, size_t len);
/*
 * The next record into r->fields[0 .. r->nfields). A blank line is skipped.
 * On CSV_ERROR, r->error and r->error_line describe it and the reader stops.
 */
enum csv_result csv_next(struct csv_reader *);
void csv_close(struct csv_reader *);

#endif
