/*
 * zip.c — stored ZIP archives: a streaming writer and a strict reader.
 *
 * Must never trust a byte of an archive it reads: every offset is checked
 * in 64-bit arithmetic against the file before it is dereferenced. Must
 * never hold an entry's data in memory while writing it.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "zip.h"

#define OUT_BUF_LEN (64 * 1024)

#define SIG_LOCAL 0x04034b50u
#define SIG_DESCRIPTOR 0x08074b50u
#define SIG_CENTRAL 0x02014b50u
#define SIG_END 0x06054b50u

#define LOCAL_LEN 30
#define DESCRIPTOR_LEN 16 /* with its (optional) signature */
#define CENTRAL_LEN 46
#define END_LEN 22

#define FLAG_DESCRIPTOR 0x0008u
#define FLAG_UTF8 0x0800u
#define METHOD_STORED 0

#define VERSION_NEEDED 20 /* 2.0, for data descriptors */
/* Made by Unix, so that extractors honour the regular-file mode below. */
#define VERSION_MADE_BY ((3 << 8) | VERSION_NEEDED)
#define HOST_UNIX 3
#define MODE_TYPE 0170000u
#define MODE_REGULAR 0100000u
#define MODE_FILE (MODE_REGULAR | 0644u)

/* Central directory record of an entry written, kept until finish. */
struct zip_cdir_entry {
	char *name;
	size_t namelen;
	uint32_t crc;
	uint32_t size;
	uint32_t header;
};

static uint32_t crc_table[256];
static pthread_once_t crc_once = PTHREAD_ONCE_INIT;

static void
crc_table_init(void)
{
	uint32_t c;
	int i, k;

	for (i = 0; i < 256; i++) {
		c = (uint32_t)i;
		for (k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
}

uint32_t
zip_crc32(uint32_t crc, const void *data, size_t len)
{
	const uint8_t *p = data;

	/* Once, and safely when Kore task threads export concurrently. */
	(void)pthread_once(&crc_once, crc_table_init);
	crc = ~crc;
	while (len-- > 0)
		crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return (~crc);
}

static void
put16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void
put32(uint8_t *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static uint32_t
get16(const uint8_t *p)
{
	return ((uint32_t)p[0] | (uint32_t)p[1] << 8);
}

static uint32_t
get32(const uint8_t *p)
{
	return (get16(p) | get16(p + 2) << 16);
}

static int
component_valid(const char *c, size_t len)
{
	if (len == 0)
		return (0);
	if (len == 1 && c[0] == '.')
		return (0);
	return (!(len == 2 && c[0] == '.' && c[1] == '.'));
}

int
zip_name_valid(const char *name, size_t len)
{
	size_t i, start;

	if (len == 0 || len > ZIP_NAME_MAX || !utf8_valid_text(name, len))
		return (0);
	for (i = 0; i < len; i++) {
		/* utf8_valid_text lets TAB, CR and LF through. */
		if ((unsigned char)name[i] < 0x20 || name[i] == '\\' ||
		    name[i] == ':')
			return (0);
	}
	/* A leading '/' makes an empty first component. */
	for (start = 0, i = 0; i <= len; i++) {
		if (i < len && name[i] != '/')
			continue;
		if (!component_valid(name + start, i - start))
			return (0);
		start = i + 1;
	}
	return (1);
}

/* A name for a message: escaped, so that no byte of it reaches a terminal
 * raw. */
static void
name_quoted(struct buf *b, const char *name, size_t len)
{
	buf_reset(b);
	json_escape_string(b, name, len > 64 ? 64 : len);
	if (len > 64)
		buf_puts(b, "...");
}

/*
 * The writer.
 */

static int writer_fail(struct zip_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
writer_fail(struct zip_writer *w, const char *fmt, ...)
{
	va_list ap;

	if (!w->failed) {
		va_start(ap, fmt);
		(void)vsnprintf(w->error, sizeof(w->error), fmt, ap);
		va_end(ap);
		w->failed = 1;
	}
	return (GS_ERROR);
}

static int
writer_flush(struct zip_writer *w)
{
	if (w->outlen > 0 && !fd_write_all(w->fd, w->out, w->outlen))
		return (writer_fail(w, "write: %s", strerror(errno)));
	w->outlen = 0;
	return (GS_OK);
}

/* Every byte of the archive goes through here, which keeps the limit. */
static int
writer_emit(struct zip_writer *w, const void *data, size_t len)
{
	if (w->failed)
		return (GS_ERROR);
	if (len > w->limit - w->offset)
		return (writer_fail(w,
		    "the archive would reach 4 GiB (zip64 is not supported)"));
	if (w->outlen + len > OUT_BUF_LEN && !writer_flush(w))
		return (GS_ERROR);
	if (len >= OUT_BUF_LEN) {
		if (!fd_write_all(w->fd, data, len))
			return (writer_fail(w, "write: %s", strerror(errno)));
	} else if (len > 0) {
		memcpy(w->out + w->outlen, data, len);
		w->outlen += len;
	}
	w->offset += len;
	return (GS_OK);
}

void
zip_writer_init(struct zip_writer *w, int fd, time_t mtime)
{
	struct tm tm;

	memset(w, 0, sizeof(*w));
	w->fd = fd;
	w->limit = ZIP_SIZE_MAX;
	w->out = xmalloc(OUT_BUF_LEN);
	/* MS-DOS time: 1980 to 2107, two-second steps. */
	if (localtime_r(&mtime, &tm) == NULL || tm.tm_year < 80) {
		memset(&tm, 0, sizeof(tm));
		tm.tm_year = 80;
		tm.tm_mday = 1;
	}
	if (tm.tm_year > 207)
		tm.tm_year = 207;
	w->dos_time =
	    (uint16_t)(tm.tm_hour << 11 | tm.tm_min << 5 | tm.tm_sec / 2);
	w->dos_date = (uint16_t)((tm.tm_year - 80) << 9 | (tm.tm_mon + 1) << 5 |
	    tm.tm_mday);
}

static int
writer_has_name(const struct zip_writer *w, const char *name, size_t len)
{
	size_t i;

	/* Linear: a dossier holds hundreds of entries, not tens of
	 * thousands. */
	for (i = 0; i < w->n; i++) {
		if (w->entries[i].namelen == len &&
		    memcmp(w->entries[i].name, name, len) == 0)
			return (1);
	}
	return (0);
}

int
zip_entry_begin(struct zip_writer *w, const char *name)
{
	uint8_t h[LOCAL_LEN];
	struct zip_cdir_entry *e;
	struct buf quoted;
	size_t len;

	if (w->failed)
		return (GS_ERROR);
	if (w->in_entry)
		return (writer_fail(w, "an entry is already open"));
	len = strlen(name);
	if (!zip_name_valid(name, len)) {
		buf_init(&quoted);
		name_quoted(&quoted, name, len);
		(void)writer_fail(w, "entry %s: not a safe relative path",
		    quoted.data);
		buf_free(&quoted);
		return (GS_ERROR);
	}
	if (writer_has_name(w, name, len))
		return (writer_fail(w, "entry %s written twice", name));
	if (w->n == ZIP_ENTRIES_MAX)
		return (
		    writer_fail(w, "more than %d entries", ZIP_ENTRIES_MAX));

	/* Sizes and CRC are zero here: they follow the data (bit 3). */
	memset(h, 0, sizeof(h));
	put32(h, SIG_LOCAL);
	put16(h + 4, VERSION_NEEDED);
	put16(h + 6, FLAG_DESCRIPTOR | FLAG_UTF8);
	put16(h + 8, METHOD_STORED);
	put16(h + 10, w->dos_time);
	put16(h + 12, w->dos_date);
	put16(h + 26, (uint32_t)len);

	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->entries = xrealloc(w->entries, w->cap * sizeof(*w->entries));
	}
	e = &w->entries[w->n];
	e->name = xstrndup(name, len);
	e->namelen = len;
	e->header = (uint32_t)w->offset;
	e->crc = 0;
	e->size = 0;
	/* Counted now, so that zip_writer_free frees the name on failure. */
	w->n++;

	if (!writer_emit(w, h, sizeof(h)) || !writer_emit(w, name, len))
		return (GS_ERROR);
	w->in_entry = 1;
	w->crc = 0;
	w->entry_size = 0;
	return (GS_OK);
}

int
zip_entry_write(struct zip_writer *w, const void *data, size_t len)
{
	if (w->failed)
		return (GS_ERROR);
	if (!w->in_entry)
		return (writer_fail(w, "no entry is open"));
	w->crc = zip_crc32(w->crc, data, len);
	w->entry_size += len;
	return (writer_emit(w, data, len));
}

int
zip_entry_end(struct zip_writer *w)
{
	uint8_t d[DESCRIPTOR_LEN];
	struct zip_cdir_entry *e;

	if (w->failed)
		return (GS_ERROR);
	if (!w->in_entry)
		return (writer_fail(w, "no entry is open"));
	/* writer_emit kept the whole archive, so the entry, under 4 GiB. */
	e = &w->entries[w->n - 1];
	e->crc = w->crc;
	e->size = (uint32_t)w->entry_size;
	put32(d, SIG_DESCRIPTOR);
	put32(d + 4, e->crc);
	put32(d + 8, e->size);
	put32(d + 12, e->size);
	w->in_entry = 0;
	return (writer_emit(w, d, sizeof(d)));
}

static int
writer_central(struct zip_writer *w, const struct zip_cdir_entry *e)
{
	uint8_t h[CENTRAL_LEN];

	memset(h, 0, sizeof(h));
	put32(h, SIG_CENTRAL);
	put16(h + 4, VERSION_MADE_BY);
	put16(h + 6, VERSION_NEEDED);
	put16(h + 8, FLAG_DESCRIPTOR | FLAG_UTF8);
	put16(h + 10, METHOD_STORED);
	put16(h + 12, w->dos_time);
	put16(h + 14, w->dos_date);
	put32(h + 16, e->crc);
	put32(h + 20, e->size);
	put32(h + 24, e->size);
	put16(h + 28, (uint32_t)e->namelen);
	put32(h + 38, MODE_FILE << 16);
	put32(h + 42, e->header);
	if (!writer_emit(w, h, sizeof(h)))
		return (GS_ERROR);
	return (writer_emit(w, e->name, e->namelen));
}

int
zip_writer_finish(struct zip_writer *w)
{
	uint8_t end[END_LEN];
	uint64_t start;
	size_t i;

	if (w->failed)
		return (GS_ERROR);
	if (w->in_entry)
		return (writer_fail(w, "an entry is still open"));
	start = w->offset;
	for (i = 0; i < w->n; i++) {
		if (!writer_central(w, &w->entries[i]))
			return (GS_ERROR);
	}
	memset(end, 0, sizeof(end));
	put32(end, SIG_END);
	put16(end + 8, (uint32_t)w->n);
	put16(end + 10, (uint32_t)w->n);
	put32(end + 12, (uint32_t)(w->offset - start));
	put32(end + 16, (uint32_t)start);
	if (!writer_emit(w, end, sizeof(end)))
		return (GS_ERROR);
	return (writer_flush(w));
}

void
zip_writer_free(struct zip_writer *w)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		free(w->entries[i].name);
	free(w->entries);
	free(w->out);
	w->entries = NULL;
	w->out = NULL;
	w->n = w->cap = 0;
}

/*
 * The reader. Every structure is located from the end record, checked to
 * lie inside the file, and the structures must tile the file exactly:
 * local header, data, data descriptor for each entry in turn, then the
 * central directory, then the end record. No byte of a verified archive
 * is outside what was checked.
 */

static int reader_fail(struct zip_reader *r, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
reader_fail(struct zip_reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	(void)vsnprintf(r->error, sizeof(r->error), fmt, ap);
	va_end(ap);
	return (GS_ERROR);
}

static int
reader_size_ok(struct zip_reader *r, uint64_t len)
{
	if (len < END_LEN)
		return (reader_fail(r, "too short to be a ZIP archive"));
	if (len > ZIP_SIZE_MAX)
		return (reader_fail(r, "larger than 4 GiB (no zip64)"));
	return (GS_OK);
}

/* The offset of the end record, which must close the file exactly. */
static int
reader_find_end(struct zip_reader *r, uint64_t *end)
{
	const uint8_t *p;

	if (!reader_size_ok(r, r->len))
		return (GS_ERROR);
	/* No archive comment: unsigned bytes have no place in a dossier. */
	p = r->base + r->len - END_LEN;
	if (get32(p) != SIG_END || get16(p + 20) != 0)
		return (reader_fail(r,
		    "no end record at the end (truncated, or a comment)"));
	*end = r->len - END_LEN;
	return (GS_OK);
}

static int
name_ascii(const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] >= 0x80)
			return (0);
	}
	return (1);
}

/*
 * The name of the central record at h (namelen bytes, in bounds) into e,
 * once it is known to be safe: later messages may print it as it is.
 */
static int
central_name(struct zip_reader *r, const uint8_t *h, uint32_t namelen,
    struct zip_entry *e)
{
	const char *name = (const char *)h + CENTRAL_LEN;
	struct buf quoted;

	if (!zip_name_valid(name, namelen)) {
		buf_init(&quoted);
		name_quoted(&quoted, name, namelen);
		(void)reader_fail(r, "entry %s: not a safe relative path",
		    quoted.data);
		buf_free(&quoted);
		return (GS_ERROR);
	}
	e->name = xstrndup(name, namelen);
	e->namelen = namelen;
	/* Without bit 11 the name would be CP437 to an extractor. */
	if (!(get16(h + 8) & FLAG_UTF8) &&
	    !name_ascii(h + CENTRAL_LEN, namelen))
		return (
		    reader_fail(r, "entry %s: name not marked UTF-8", e->name));
	return (GS_OK);
}

/* What a central record may say of a stored, plain, regular file. */
static int
central_fields(struct zip_reader *r, const uint8_t *h, struct zip_entry *e)
{
	uint32_t flags = get16(h + 8), mode = get32(h + 38) >> 16;

	/*
	 * Extra fields can rename an entry for some extractors (Info-ZIP's
	 * Unicode path field): refused, so one name is all there is.
	 */
	if (get16(h + 30) != 0 || get16(h + 32) != 0)
		return (reader_fail(r, "entry %s: extra fields or a comment",
		    e->name));
	if ((flags & ~(FLAG_DESCRIPTOR | FLAG_UTF8)) != 0)
		return (reader_fail(r,
		    "entry %s: unsupported flags 0x%04x (encrypted?)", e->name,
		    flags));
	if (get16(h + 10) != METHOD_STORED)
		return (reader_fail(r,
		    "entry %s: compressed (method %u), not stored", e->name,
		    get16(h + 10)));
	if ((get16(h + 4) >> 8) == HOST_UNIX && mode != 0 &&
	    (mode & MODE_TYPE) != MODE_REGULAR)
		return (reader_fail(r, "entry %s: not a regular file (a link?)",
		    e->name));
	if (get16(h + 34) != 0)
		return (reader_fail(r, "entry %s: on another disk", e->name));
	e->flags = (uint16_t)flags;
	e->crc = get32(h + 16);
	e->size = get32(h + 24);
	e->header = get32(h + 42);
	if (get32(h + 20) != e->size)
		return (
		    reader_fail(r, "entry %s: stored sizes differ", e->name));
	if (e->size == UINT32_MAX || e->header == UINT32_MAX)
		return (reader_fail(r, "entry %s: zip64 is not supported",
		    e->name));
	return (GS_OK);
}

/* The central record at *pos, below limit, into the next entry. */
static int
reader_central(struct zip_reader *r, uint64_t *pos, uint64_t limit)
{
	const uint8_t *h;
	struct zip_entry *e;
	uint64_t len;

	if (*pos + CENTRAL_LEN > limit)
		return (
		    reader_fail(r, "central record %zu: out of bounds", r->n));
	h = r->base + *pos;
	if (get32(h) != SIG_CENTRAL)
		return (
		    reader_fail(r, "central record %zu: bad signature", r->n));
	len = CENTRAL_LEN + get16(h + 28) + get16(h + 30) + get16(h + 32);
	if (*pos + len > limit)
		return (
		    reader_fail(r, "central record %zu: out of bounds", r->n));
	/* Counted now, so that zip_reader_close frees the name on failure. */
	e = &r->entries[r->n++];
	if (!central_name(r, h, get16(h + 28), e) || !central_fields(r, h, e))
		return (GS_ERROR);
	*pos += len;
	return (GS_OK);
}

static int
reader_directory(struct zip_reader *r, uint64_t end, uint64_t *cd_start)
{
	const uint8_t *p = r->base + end;
	uint64_t pos, total;

	if (get16(p + 4) != 0 || get16(p + 6) != 0 ||
	    get16(p + 8) != get16(p + 10))
		return (reader_fail(r, "a multi-disk archive"));
	total = get16(p + 10);
	pos = get32(p + 16);
	if (total == 0xffff || get32(p + 12) == UINT32_MAX || pos == UINT32_MAX)
		return (reader_fail(r, "zip64 is not supported"));
	if (pos + get32(p + 12) != end)
		return (reader_fail(r,
		    "the central directory does not end at the end record"));
	*cd_start = pos;
	r->entries = xcalloc(total, sizeof(*r->entries));
	while (r->n < total) {
		if (!reader_central(r, &pos, end))
			return (GS_ERROR);
	}
	if (pos != end)
		return (reader_fail(r, "bytes after the central records"));
	return (GS_OK);
}

static int
by_name_cmp(const void *a, const void *b)
{
	const struct zip_entry *x = *(const struct zip_entry *const *)a;
	const struct zip_entry *y = *(const struct zip_entry *const *)b;

	return (strcmp(x->name, y->name));
}

static int
by_offset_cmp(const void *a, const void *b)
{
	const struct zip_entry *x = *(const struct zip_entry *const *)a;
	const struct zip_entry *y = *(const struct zip_entry *const *)b;

	return (x->header < y->header ? -1 : x->header > y->header);
}

/* The end of e's data descriptor, which must repeat the central record. */
static int
reader_descriptor(struct zip_reader *r, const struct zip_entry *e, uint64_t pos,
    uint64_t limit, uint64_t *next)
{
	const uint8_t *d;

	/* The signature is optional in the format; both forms occur. */
	if (pos + 4 <= limit && get32(r->base + pos) == SIG_DESCRIPTOR)
		pos += 4;
	if (pos + 12 > limit)
		return (reader_fail(r, "entry %s: data descriptor missing",
		    e->name));
	d = r->base + pos;
	if (get32(d) != e->crc || get32(d + 4) != e->size ||
	    get32(d + 8) != e->size)
		return (reader_fail(r, "entry %s: data descriptor disagrees",
		    e->name));
	*next = pos + 12;
	return (GS_OK);
}

/*
 * A local header's flags, method and extra length repeat the central
 * record; its CRC and sizes too, or, with a data descriptor, they may
 * all be zero.
 */
static int
local_agrees(const uint8_t *h, const struct zip_entry *e)
{
	uint32_t crc = get32(h + 14), csize = get32(h + 18);
	uint32_t usize = get32(h + 22);

	if (get16(h + 6) != e->flags || get16(h + 8) != METHOD_STORED ||
	    get16(h + 28) != 0)
		return (0);
	if ((e->flags & FLAG_DESCRIPTOR) && crc == 0 && csize == 0 &&
	    usize == 0)
		return (1);
	return (crc == e->crc && csize == e->size && usize == e->size);
}

/*
 * The local header of e, which the tiling put at an offset below limit,
 * must repeat the central record; *next is where the entry ends.
 */
static int
reader_local(struct zip_reader *r, struct zip_entry *e, uint64_t limit,
    uint64_t *next)
{
	const uint8_t *h;
	uint64_t data;

	if ((uint64_t)e->header + LOCAL_LEN > limit)
		return (reader_fail(r, "entry %s: local header out of bounds",
		    e->name));
	h = r->base + e->header;
	if (get32(h) != SIG_LOCAL)
		return (reader_fail(r, "entry %s: bad local header signature",
		    e->name));
	if (!local_agrees(h, e))
		return (reader_fail(r, "entry %s: local header disagrees",
		    e->name));
	data = (uint64_t)e->header + LOCAL_LEN + e->namelen;
	if (get16(h + 26) != e->namelen || data > limit ||
	    memcmp(h + LOCAL_LEN, e->name, e->namelen) != 0)
		return (
		    reader_fail(r, "entry %s: local name differs", e->name));
	if (data + e->size > limit)
		return (
		    reader_fail(r, "entry %s: data out of bounds", e->name));
	e->data = (uint32_t)data;
	if (e->flags & FLAG_DESCRIPTOR)
		return (reader_descriptor(r, e, data + e->size, limit, next));
	*next = data + e->size;
	return (GS_OK);
}

/* The entry that should begin at pos does; else, why not. */
static int
tile_at(struct zip_reader *r, const struct zip_entry *e, uint64_t pos,
    uint64_t limit)
{
	if (e->header == pos)
		return (GS_OK);
	if (e->header >= limit)
		return (reader_fail(r, "entry %s: local header out of bounds",
		    e->name));
	if (e->header < pos)
		return (reader_fail(r, "entry %s: overlaps the previous entry",
		    e->name));
	return (
	    reader_fail(r, "entry %s: unaccounted bytes before it", e->name));
}

/* Local headers, data and descriptors, back to back from offset 0. */
static int
reader_tile(struct zip_reader *r, uint64_t cd_start)
{
	struct zip_entry **order;
	uint64_t pos;
	size_t i;
	int ok;

	order = xcalloc(r->n, sizeof(*order));
	for (i = 0; i < r->n; i++)
		order[i] = &r->entries[i];
	qsort(order, r->n, sizeof(*order), by_offset_cmp);
	pos = 0;
	ok = GS_OK;
	for (i = 0; ok && i < r->n; i++) {
		ok = tile_at(r, order[i], pos, cd_start) &&
		    reader_local(r, order[i], cd_start, &pos);
	}
	free(order);
	if (ok && pos != cd_start)
		ok = reader_fail(r, "unaccounted bytes before the directory");
	return (ok);
}

static int
reader_parse(struct zip_reader *r)
{
	uint64_t end, cd_start;
	size_t i;

	end = cd_start = 0;
	if (!reader_find_end(r, &end) || !reader_directory(r, end, &cd_start))
		return (GS_ERROR);
	r->by_name = xcalloc(r->n, sizeof(*r->by_name));
	for (i = 0; i < r->n; i++)
		r->by_name[i] = &r->entries[i];
	qsort(r->by_name, r->n, sizeof(*r->by_name), by_name_cmp);
	for (i = 1; i < r->n; i++) {
		if (strcmp(r->by_name[i - 1]->name, r->by_name[i]->name) == 0)
			return (reader_fail(r, "entry %s appears twice",
			    r->by_name[i]->name));
	}
	return (reader_tile(r, cd_start));
}

int
zip_reader_open_mem(struct zip_reader *r, const void *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->base = data;
	r->len = len;
	return (reader_parse(r));
}

int
zip_reader_open_fd(struct zip_reader *r, int fd)
{
	struct stat st;
	void *p;

	memset(r, 0, sizeof(*r));
	if (fstat(fd, &st) != 0)
		return (reader_fail(r, "fstat: %s", strerror(errno)));
	if (!S_ISREG(st.st_mode))
		return (reader_fail(r, "not a regular file"));
	if (!reader_size_ok(r, (uint64_t)st.st_size))
		return (GS_ERROR);
	p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p == MAP_FAILED)
		return (reader_fail(r, "mmap: %s", strerror(errno)));
	r->base = p;
	r->len = (size_t)st.st_size;
	r->mapped = 1;
	return (reader_parse(r));
}

static int
find_cmp(const void *key, const void *elem)
{
	const struct zip_entry *e = *(const struct zip_entry *const *)elem;

	return (strcmp(key, e->name));
}

const struct zip_entry *
zip_reader_find(const struct zip_reader *r, const char *name)
{
	struct zip_entry **found;

	if (r->n == 0)
		return (NULL);
	found = bsearch(name, r->by_name, r->n, sizeof(*r->by_name), find_cmp);
	return (found != NULL ? *found : NULL);
}

const uint8_t *
zip_entry_bytes(const struct zip_reader *r, const struct zip_entry *e)
{
	return (r->base + e->data);
}

void
zip_reader_close(struct zip_reader *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->entries[i].name);
	free(r->entries);
	free(r->by_name);
	if (r->mapped)
		(void)munmap((void *)(uintptr_t)r->base, r->len);
	r->entries = NULL;
	r->by_name = NULL;
	r->base = NULL;
	r->n = 0;
	r->mapped = 0;
}
