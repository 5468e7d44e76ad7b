/*
 * fuzz_dossier.c — the ZIP reader and the dossier verifier over any
 * bytes, as a verifier meets a file handed over by anyone.
 *
 * Oracles: whatever the reader accepts is sound — every entry's name is
 * a safe relative path, its bytes lie inside the input before the central
 * directory, and looking it up by name finds it; the verifier always
 * answers a known verdict with a one-line report, and never OK without
 * the signature (no input here is signed by the fixed key below).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/dossier.h"
#include "core/zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_reader(const uint8_t *data, size_t len)
{
	struct zip_reader r;
	const struct zip_entry *e;
	size_t i;

	if (zip_reader_open_mem(&r, data, len)) {
		for (i = 0; i < r.n; i++) {
			e = &r.entries[i];
			if (!zip_name_valid(e->name, e->namelen) ||
			    strlen(e->name) != e->namelen)
				abort();
			if ((uint64_t)e->data + e->size > len ||
			    e->header >= e->data)
				abort();
			if (zip_reader_find(&r, e->name) != e)
				abort();
		}
	} else if (r.error[0] == '\0')
		abort();
	zip_reader_close(&r);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	static uint8_t pinned[crypto_sign_PUBLICKEYBYTES];
	enum dossier_verdict v;
	struct buf report;

	if (sodium_init() < 0)
		abort();
	check_reader(data, len);

	buf_init(&report);
	v = dossier_verify_mem(data, len, NULL, &report);
	if ((unsigned)v >= DOSSIER_VERDICT__MAX || report.len == 0 ||
	    memchr(report.data, '\n', report.len) != NULL)
		abort();
	/* An all-zero key signs nothing. */
	if (dossier_verify_mem(data, len, pinned, &report) == DOSSIER_OK)
		abort();
	buf_free(&report);
	return (0);
}
