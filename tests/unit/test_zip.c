/*
 * test_zip.c — the stored ZIP writer and the strict reader: a round trip
 * through real files (and unzip -t when installed), the CRC-32 vectors,
 * the name rules, the 4 GiB limit, and one refusal per kind of damage or
 * trickery the reader must not accept.
 */
#include <fcntl.h>
#include <string.h>

#include "unit.h"
#include "ziptest.h"
#include "core/zip.h"

GS_SUITE(zip);

#define BIG_LEN (5 * 1024 * 1024 + 17)
#define WIDE_LEN (200 * 1024)
#define CHUNK 1000

static const char readme[] = "绿剑执法办案系统 dossier test\n";
static const char html[] = "<p>行政处罚决定书</p>\n";

struct sample {
	const char *name;
	const uint8_t *data;
	size_t len;
};

static void
write_entry(struct zip_writer *w, const char *name, const void *data,
    size_t len, size_t chunk)
{
	const uint8_t *p = data;
	size_t off, n;

	cr_assert_eq(zip_entry_begin(w, name), GS_OK, "%s: %s", name, w->error);
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		cr_assert_eq(zip_entry_write(w, p + off, n), GS_OK, "%s",
		    w->error);
	}
	cr_assert_eq(zip_entry_end(w), GS_OK, "%s", w->error);
}

/* Writes samples[0..n) to fd, each in pieces of chunk bytes. */
static void
write_archive(int fd, const struct sample *samples, size_t n, size_t chunk)
{
	struct zip_writer w;
	size_t i;

	zip_writer_init(&w, fd, 1767225600); /* 2026-01-01 */
	for (i = 0; i < n; i++)
		write_entry(&w, samples[i].name, samples[i].data,
		    samples[i].len, chunk);
	cr_assert_eq(zip_writer_finish(&w), GS_OK, "%s", w.error);
	zip_writer_free(&w);
}

Test(zip, crc32_matches_the_standard_check_values)
{
	cr_assert_eq(zip_crc32(0, "123456789", 9), 0xcbf43926u);
	cr_assert_eq(zip_crc32(0, "", 0), 0);
	cr_assert_eq(zip_crc32(0, "The quick brown fox jumps over the lazy dog",
	                 43),
	    0x414fa339u);
	/* Fed in pieces, the same. */
	cr_assert_eq(zip_crc32(zip_crc32(0, "1234", 4), "56789", 5),
	    0xcbf43926u);
}

Test(zip, round_trip_keeps_names_bytes_and_crc)
{
	uint8_t *big, *wide, head[8];
	struct sample s[5];
	struct tmpzip t;
	struct zip_reader r;
	const struct zip_entry *e;
	size_t i;

	big = xmalloc(BIG_LEN);
	pattern_fill(big, BIG_LEN, 1);
	wide = xmalloc(WIDE_LEN);
	pattern_fill(wide, WIDE_LEN, 2);
	s[0] = (struct sample){ "readme.txt", (const uint8_t *)readme,
		sizeof(readme) - 1 };
	s[1] = (struct sample){ "证据/E-001 现场照片.jpg", big, BIG_LEN };
	s[2] = (struct sample){ "空文件", (const uint8_t *)"", 0 };
	s[3] = (struct sample){ "文书/决定书.html", (const uint8_t *)html,
		sizeof(html) - 1 };
	s[4] = (struct sample){ "wide.bin", wide, WIDE_LEN };

	tmpzip_open(&t);
	/* 1000-byte pieces: the multi-MiB entry arrives in small chunks. */
	write_archive(t.fd, s, 4, CHUNK);
	/* One piece larger than the writer's buffer goes straight out. */
	tmpzip_close(&t);
	tmpzip_open(&t);
	write_archive(t.fd, s, 5, WIDE_LEN);

	cr_assert_eq(zip_reader_open_fd(&r, t.fd), GS_OK, "%s", r.error);
	cr_assert_eq(r.n, 5);
	for (i = 0; i < 5; i++) {
		e = &r.entries[i];
		cr_assert_str_eq(e->name, s[i].name);
		cr_assert_eq(e->size, s[i].len, "%s", e->name);
		cr_assert_eq(e->crc, zip_crc32(0, s[i].data, s[i].len), "%s",
		    e->name);
		cr_assert_eq(memcmp(zip_entry_bytes(&r, e), s[i].data,
		                 s[i].len),
		    0, "%s", e->name);
		cr_assert_eq(zip_reader_find(&r, s[i].name), e);
	}
	cr_assert_null(zip_reader_find(&r, "证据/E-002.jpg"));
	cr_assert_eq(r.entries[0].header, 0);
	zip_reader_close(&r);

	/* Flags of a local header: data descriptor (3) and UTF-8 (11). */
	cr_assert_eq(pread(t.fd, head, sizeof(head), 0), (ssize_t)sizeof(head));
	cr_assert_eq(head[6] | head[7] << 8, 0x0808);
	unzip_check(t.path);
	tmpzip_close(&t);
	free(big);
	free(wide);
}

Test(zip, names_must_be_safe_relative_paths)
{
	static const char *const good[] = {
		"a.txt",
		"证据/E-001 现场照片.jpg",
		"a/b/c",
		"..a",
		"a..b/c...",
		".hidden",
	};
	static const char *const bad[] = {
		"",
		"/etc/passwd",
		"../x",
		"a/../../x",
		"a/..",
		"./a",
		"a//b",
		"a/",
		"C:x",
		"a\\b",
		"a\nb",
		"a\tb",
		"\xe6\xb0",
	};
	char longname[ZIP_NAME_MAX + 2];
	size_t i;

	for (i = 0; i < GS_NELEM(good); i++)
		cr_expect(zip_name_valid(good[i], strlen(good[i])), "%s",
		    good[i]);
	for (i = 0; i < GS_NELEM(bad); i++)
		cr_expect_not(zip_name_valid(bad[i], strlen(bad[i])), "%s",
		    bad[i]);
	cr_expect_not(zip_name_valid("a\0b", 3));
	memset(longname, 'a', sizeof(longname));
	cr_expect(zip_name_valid(longname, ZIP_NAME_MAX));
	cr_expect_not(zip_name_valid(longname, ZIP_NAME_MAX + 1));
}

static int
null_fd(void)
{
	int fd;

	cr_assert_geq(fd = open("/dev/null", O_WRONLY | O_CLOEXEC), 0);
	return (fd);
}

Test(zip, writer_refuses_bad_names_and_misuse_and_stays_failed)
{
	struct zip_writer w;
	int fd = null_fd();

	zip_writer_init(&w, fd, 0);
	cr_assert_eq(zip_entry_write(&w, "x", 1), GS_ERROR);
	cr_assert_str_eq(w.error, "no entry is open");
	/* Sticky: a good call after a failure fails too. */
	cr_assert_eq(zip_entry_begin(&w, "a.txt"), GS_ERROR);
	zip_writer_free(&w);

	zip_writer_init(&w, fd, 0);
	cr_assert_eq(zip_entry_begin(&w, "../a.txt"), GS_ERROR);
	cr_assert(strstr(w.error, "not a safe relative path") != NULL, "%s",
	    w.error);
	zip_writer_free(&w);

	zip_writer_init(&w, fd, 0);
	write_entry(&w, "a.txt", "a", 1, 1);
	cr_assert_eq(zip_entry_begin(&w, "a.txt"), GS_ERROR);
	cr_assert_str_eq(w.error, "entry a.txt written twice");
	zip_writer_free(&w);

	zip_writer_init(&w, fd, 0);
	cr_assert_eq(zip_entry_begin(&w, "a.txt"), GS_OK);
	cr_assert_eq(zip_entry_begin(&w, "b.txt"), GS_ERROR);
	cr_assert_str_eq(w.error, "an entry is already open");
	zip_writer_free(&w);

	zip_writer_init(&w, fd, 0);
	cr_assert_eq(zip_entry_begin(&w, "a.txt"), GS_OK);
	cr_assert_eq(zip_writer_finish(&w), GS_ERROR);
	cr_assert_str_eq(w.error, "an entry is still open");
	zip_writer_free(&w);
	close(fd);
}

Test(zip, writer_stops_cleanly_at_the_size_limit)
{
	static uint8_t block[4096];
	struct zip_writer w;
	int fd = null_fd();

	/* The real limit is 4 GiB; the same check at 10000 bytes. */
	zip_writer_init(&w, fd, 0);
	w.limit = 10000;
	cr_assert_eq(zip_entry_begin(&w, "big.bin"), GS_OK);
	cr_assert_eq(zip_entry_write(&w, block, sizeof(block)), GS_OK);
	cr_assert_eq(zip_entry_write(&w, block, sizeof(block)), GS_OK);
	cr_assert_eq(zip_entry_write(&w, block, sizeof(block)), GS_ERROR);
	cr_assert_str_eq(w.error,
	    "the archive would reach 4 GiB (zip64 is not supported)");
	cr_assert_eq(zip_entry_end(&w), GS_ERROR);
	cr_assert_eq(zip_writer_finish(&w), GS_ERROR);
	zip_writer_free(&w);

	/* The end record counts too: a full archive cannot be finished. */
	zip_writer_init(&w, fd, 0);
	w.limit = 30 + 5 + 4096 + 16 + 46 + 5;
	write_entry(&w, "a.bin", block, sizeof(block), sizeof(block));
	cr_assert_eq(zip_writer_finish(&w), GS_ERROR);
	zip_writer_free(&w);
	zip_writer_init(&w, fd, 0);
	w.limit = 30 + 5 + 4096 + 16 + 46 + 5 + 22;
	write_entry(&w, "a.bin", block, sizeof(block), sizeof(block));
	cr_assert_eq(zip_writer_finish(&w), GS_OK, "%s", w.error);
	zip_writer_free(&w);
	close(fd);
}

/*
 * The small archive the refusal tests damage: three entries, one with a
 * Chinese name, in memory.
 */
static uint8_t *
small_archive(size_t *len)
{
	static const struct sample s[] = {
		{ "aa.txt", (const uint8_t *)"first\n", 6 },
		{ "dd/e.txt", (const uint8_t *)"second\n", 7 },
		{ "证据.txt", (const uint8_t *)"third\n", 6 },
	};
	struct tmpzip t;
	uint8_t *p;

	tmpzip_open(&t);
	write_archive(t.fd, s, GS_NELEM(s), CHUNK);
	p = tmpzip_slurp(&t, len);
	tmpzip_close(&t);
	return (p);
}

/* Offset of the i-th central directory record (no extras, no comments). */
static size_t
central_at(const uint8_t *p, size_t len, size_t i)
{
	size_t off;

	off = p[len - 6] | p[len - 5] << 8 | (size_t)p[len - 4] << 16 |
	    (size_t)p[len - 3] << 24;
	while (i-- > 0)
		off += 46 + (p[off + 28] | p[off + 29] << 8);
	return (off);
}

/* Replaces every occurrence of from by to (same length). */
static void
replace_all(uint8_t *p, size_t len, const char *from, const char *to)
{
	size_t n = strlen(from), i, hits = 0;

	cr_assert_eq(strlen(to), n);
	for (i = 0; i + n <= len; i++) {
		if (memcmp(p + i, from, n) == 0) {
			memcpy(p + i, to, n);
			hits++;
		}
	}
	cr_assert_gt(hits, 0, "%s not found", from);
}

/* The reader must refuse p[0..len), for a reason containing why. An
 * exact-size copy, so that ASan sees any read past the end. */
static void
assert_refused(const uint8_t *p, size_t len, const char *why)
{
	struct zip_reader r;
	uint8_t *copy;
	int rc;

	copy = xmalloc(len);
	memcpy(copy, p, len);
	rc = zip_reader_open_mem(&r, copy, len);
	cr_expect_eq(rc, GS_ERROR, "accepted, expected: %s", why);
	cr_expect(strstr(r.error, why) != NULL, "error \"%s\", expected %s",
	    r.error, why);
	zip_reader_close(&r);
	free(copy);
}

Test(zip, reader_accepts_the_pristine_small_archive)
{
	struct zip_reader r;
	uint8_t *p;
	size_t len;

	p = small_archive(&len);
	cr_assert_eq(zip_reader_open_mem(&r, p, len), GS_OK, "%s", r.error);
	cr_assert_eq(r.n, 3);
	cr_assert_str_eq(r.entries[2].name, "证据.txt");
	zip_reader_close(&r);
	free(p);
}

Test(zip, reader_refuses_every_truncation)
{
	uint8_t *p;
	size_t len, cut;
	struct zip_reader r;
	uint8_t *copy;

	p = small_archive(&len);
	for (cut = 0; cut < len; cut++) {
		copy = xmalloc(cut);
		memcpy(copy, p, cut);
		cr_assert_eq(zip_reader_open_mem(&r, copy, cut), GS_ERROR,
		    "accepted %zu of %zu bytes", cut, len);
		zip_reader_close(&r);
		free(copy);
	}
	free(p);
}

Test(zip, reader_survives_any_single_byte_change)
{
	struct zip_reader r;
	uint8_t *p, *copy;
	size_t len, i, refused;

	p = small_archive(&len);
	refused = 0;
	for (i = 0; i < len; i++) {
		copy = xmalloc(len);
		memcpy(copy, p, len);
		copy[i] ^= 0xff;
		if (!zip_reader_open_mem(&r, copy, len))
			refused++;
		zip_reader_close(&r);
		free(copy);
	}
	/*
	 * Data bytes (the CRC is the verifier's to check), times, versions
	 * and attribute bits that mean nothing here may change unnoticed:
	 * about a fifth of this archive. Any other change is refused.
	 */
	cr_assert_gt(refused, len * 3 / 4, "%zu of %zu changes refused",
	    refused, len);
	free(p);
}

Test(zip, reader_refuses_extra_bytes_and_comments)
{
	uint8_t *p, *q;
	size_t len;

	p = small_archive(&len);
	q = xmalloc(len + 1);
	memcpy(q, p, len);
	q[len] = 'x';
	assert_refused(q, len + 1, "no end record at the end");
	/* A comment, declared and present. */
	q[len - 2] = 1;
	assert_refused(q, len + 1, "no end record at the end");
	/* A byte before the first entry moves everything. */
	q[0] = 'x';
	memcpy(q + 1, p, len);
	assert_refused(q, len + 1, "the central directory does not end at");
	free(q);
	free(p);
}

Test(zip, reader_refuses_unsafe_and_duplicate_names)
{
	uint8_t *p, *q;
	size_t len;

	p = small_archive(&len);
	q = xmalloc(len);

	memcpy(q, p, len);
	replace_all(q, len, "dd/e.txt", "../e.txt");
	assert_refused(q, len, "\"../e.txt\": not a safe relative path");
	memcpy(q, p, len);
	replace_all(q, len, "dd/e.txt", "/d/e.txt");
	assert_refused(q, len, "not a safe relative path");
	memcpy(q, p, len);
	replace_all(q, len, "dd/e.txt", "dd/./e.t");
	assert_refused(q, len, "not a safe relative path");
	/* What an extractor would use (the local name) must be what was
	 * checked (the central one). */
	memcpy(q, p, len);
	q[central_at(q, len, 0) + 46] = 'b';
	assert_refused(q, len, "entry ba.txt: local name differs");
	free(q);
	free(p);
}

Test(zip, reader_refuses_a_name_listed_twice)
{
	static const struct sample s[] = {
		{ "aa.txt", (const uint8_t *)"first\n", 6 },
		{ "bb.txt", (const uint8_t *)"second\n", 7 },
	};
	struct tmpzip t;
	uint8_t *p;
	size_t len;

	tmpzip_open(&t);
	write_archive(t.fd, s, GS_NELEM(s), CHUNK);
	p = tmpzip_slurp(&t, &len);
	tmpzip_close(&t);
	replace_all(p, len, "bb.txt", "aa.txt");
	assert_refused(p, len, "entry aa.txt appears twice");
	free(p);
}

/*
 * One byte of a central directory record changed, and the refusal it
 * must cause. Offsets are APPNOTE 4.3.12's; the small archive's local
 * headers all sit below offset 256, so one byte moves one.
 */
static const struct {
	size_t entry; /* which record */
	size_t at;    /* byte in the record */
	uint8_t value;
	const char *why;
} central_damage[] = {
	{ 1, 10, 8, "compressed (method 8), not stored" },
	{ 1, 8, 0x09, "unsupported flags 0x0809 (encrypted?)" },
	{ 2, 9, 0x00, "entry 证据.txt: name not marked UTF-8" },
	{ 1, 41, 0xa1, "not a regular file (a link?)" }, /* mode 0120644 */
	{ 0, 20, 0, "entry aa.txt: stored sizes differ" },
	{ 0, 16, 0, "entry aa.txt: data descriptor disagrees" }, /* CRC */
	{ 1, 42, 0, "entry dd/e.txt: overlaps the previous entry" },
	{ 2, 45, 255, "entry 证据.txt: local header out of bounds" },
	{ 2, 42, 120, "entry 证据.txt: unaccounted bytes before it" }, /* 119 */
	{ 0, 34, 1, "on another disk" },
	{ 0, 30, 4, "extra fields or a comment" },
};

Test(zip, reader_refuses_each_damaged_central_record)
{
	uint8_t *p, *q;
	size_t len, i, c;

	p = small_archive(&len);
	q = xmalloc(len);
	for (i = 0; i < GS_NELEM(central_damage); i++) {
		memcpy(q, p, len);
		c = central_at(q, len, central_damage[i].entry);
		cr_assert_neq(q[c + central_damage[i].at],
		    central_damage[i].value, "%s: no change",
		    central_damage[i].why);
		q[c + central_damage[i].at] = central_damage[i].value;
		assert_refused(q, len, central_damage[i].why);
	}
	free(q);
	free(p);
}

/* The first local header (offset 0) against its central record. */
Test(zip, reader_refuses_a_local_header_that_disagrees)
{
	static const struct {
		size_t at;
		uint8_t value;
		const char *why;
	} local_damage[] = {
		{ 0, 0x51, "entry aa.txt: bad local header signature" },
		{ 6, 0x00, "entry aa.txt: local header disagrees" }, /* flags */
		{ 8, 0x08,
		    "entry aa.txt: local header disagrees" }, /* method */
		{ 14, 0x01, "entry aa.txt: local header disagrees" }, /* CRC */
		{ 26, 0x07, "entry aa.txt: local name differs" },
	};
	uint8_t *p, *q;
	size_t len, i;

	p = small_archive(&len);
	q = xmalloc(len);
	for (i = 0; i < GS_NELEM(local_damage); i++) {
		memcpy(q, p, len);
		cr_assert_neq(q[local_damage[i].at], local_damage[i].value);
		q[local_damage[i].at] = local_damage[i].value;
		assert_refused(q, len, local_damage[i].why);
	}
	free(q);
	free(p);
}

Test(zip, reader_open_fd_refuses_empty_files_and_folders)
{
	struct zip_reader r;
	struct tmpzip t;
	int fd;

	tmpzip_open(&t);
	cr_assert_eq(zip_reader_open_fd(&r, t.fd), GS_ERROR);
	cr_assert_str_eq(r.error, "too short to be a ZIP archive");
	zip_reader_close(&r);
	tmpzip_close(&t);

	cr_assert_geq(fd = open("/", O_RDONLY | O_CLOEXEC), 0);
	cr_assert_eq(zip_reader_open_fd(&r, fd), GS_ERROR);
	cr_assert_str_eq(r.error, "not a regular file");
	zip_reader_close(&r);
	close(fd);
}
