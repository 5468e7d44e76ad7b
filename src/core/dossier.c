/*
 * dossier.c — writing and verifying signed case dossiers.
 *
 * The writer must never hold a file's bytes: it hashes them on their way
 * to the ZIP writer. The verifier must never trust the archive before the
 * signature is checked, and must check every entry, listed or not: an
 * entry nobody signed is a rejection, not a curiosity.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dossier.h"
#include "json.h"

#define SHA_LEN crypto_hash_sha256_BYTES
#define PK_LEN crypto_sign_PUBLICKEYBYTES
#define SIG_LEN crypto_sign_BYTES
/* A manifest of 65535 files is well under this; more is an attack. */
#define MANIFEST_MAX (32 * 1024 * 1024)
/* Hash and CRC in slices, so both see each slice while it is in cache. */
#define VERIFY_SLICE (1024 * 1024)
/* Keys are shown as ed25519: and this many hex digits. */
#define KEY_SHOWN 16

struct dossier_file {
	char *path;
	uint64_t size;
	uint8_t sha256[SHA_LEN];
};

/* The manifest's members of the case, in dossier_writer.meta[] order. */
static const char *const meta_keys[] = {
	"case_id",
	"case_no",
	"bureau",
	"generated_at",
};

static const char *const manifest_keys[] = {
	"format",
	"case_id",
	"case_no",
	"bureau",
	"generated_at",
	"public_key",
	"files",
	NULL,
};

static const char *const file_keys[] = {
	"path",
	"size",
	"sha256",
	NULL,
};

/* What each verdict is called at the head of a report. */
static const char *const verdict_label[DOSSIER_VERDICT__MAX] = {
	[DOSSIER_OK] = "verified",
	[DOSSIER_MALFORMED_ZIP] = "malformed archive",
	[DOSSIER_MANIFEST_MISSING] = "manifest missing",
	[DOSSIER_MANIFEST_BAD] = "bad manifest",
	[DOSSIER_SIGNATURE_INVALID] = "signature invalid",
	[DOSSIER_KEY_MISMATCH] = "not the pinned key",
	[DOSSIER_FILE_MISSING] = "file missing",
	[DOSSIER_FILE_UNLISTED] = "file not in the manifest",
	[DOSSIER_FILE_MISMATCH] = "file altered",
};

/* One line of text: what a manifest field may hold. */
static int
text_valid(const char *s, size_t len)
{
	return (
	    len > 0 && utf8_valid_text(s, len) && strcspn(s, "\t\r\n") == len);
}

static int
reserved_path(const char *path)
{
	return (strcmp(path, DOSSIER_MANIFEST) == 0 ||
	    strcmp(path, DOSSIER_SIGNATURE) == 0);
}

/*
 * The writer.
 */

static int writer_fail(struct dossier_writer *w, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static int
writer_fail(struct dossier_writer *w, const char *fmt, ...)
{
	va_list ap;

	if (w->error[0] == '\0') {
		va_start(ap, fmt);
		(void)vsnprintf(w->error, sizeof(w->error), fmt, ap);
		va_end(ap);
	}
	return (GS_ERROR);
}

/* Passes a ZIP result through, taking the ZIP writer's reason. */
static int
writer_zip(struct dossier_writer *w, int ok)
{
	if (!ok)
		return (writer_fail(w, "%s", w->zip.error));
	return (GS_OK);
}

int
dossier_begin(struct dossier_writer *w, int fd, const struct dossier_meta *m)
{
	const char *v[GS_NELEM(meta_keys)];
	size_t i;

	memset(w, 0, sizeof(*w));
	zip_writer_init(&w->zip, fd, time(NULL));
	v[0] = m->case_id;
	v[1] = m->case_no;
	v[2] = m->bureau;
	v[3] = m->generated_at;
	for (i = 0; i < GS_NELEM(meta_keys); i++) {
		if (v[i] == NULL || !text_valid(v[i], strlen(v[i])))
			return (writer_fail(w,
			    "%s: missing or not one line of "
			    "UTF-8 text",
			    meta_keys[i]));
		w->meta[i] = xstrdup(v[i]);
	}
	return (GS_OK);
}

int
dossier_file_begin(struct dossier_writer *w, const char *path)
{
	struct dossier_file *f;

	if (w->error[0] != '\0')
		return (GS_ERROR);
	if (reserved_path(path))
		return (writer_fail(w, "%s is the dossier's own name", path));
	if (!writer_zip(w, zip_entry_begin(&w->zip, path)))
		return (GS_ERROR);
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->files = xrealloc(w->files, w->cap * sizeof(*w->files));
	}
	f = &w->files[w->n++];
	f->path = xstrdup(path);
	f->size = 0;
	crypto_hash_sha256_init(&w->sha);
	w->in_file = 1;
	return (GS_OK);
}

int
dossier_file_write(struct dossier_writer *w, const void *data, size_t len)
{
	if (w->error[0] != '\0')
		return (GS_ERROR);
	if (!w->in_file)
		return (writer_fail(w, "no file is open"));
	if (!writer_zip(w, zip_entry_write(&w->zip, data, len)))
		return (GS_ERROR);
	crypto_hash_sha256_update(&w->sha, data, len);
	w->files[w->n - 1].size += len;
	return (GS_OK);
}

int
dossier_file_end(struct dossier_writer *w)
{
	if (w->error[0] != '\0')
		return (GS_ERROR);
	if (!w->in_file)
		return (writer_fail(w, "no file is open"));
	if (!writer_zip(w, zip_entry_end(&w->zip)))
		return (GS_ERROR);
	crypto_hash_sha256_final(&w->sha, w->files[w->n - 1].sha256);
	w->in_file = 0;
	return (GS_OK);
}

static void
manifest_write(const struct dossier_writer *w, const uint8_t pk[PK_LEN],
    struct buf *out)
{
	struct json_writer jw;
	char hex[2 * SHA_LEN + 1];
	size_t i;

	jw_init(&jw, out);
	jw_object_begin(&jw, NULL);
	jw_string(&jw, "format", DOSSIER_FORMAT);
	for (i = 0; i < GS_NELEM(meta_keys); i++)
		jw_string(&jw, meta_keys[i], w->meta[i]);
	hex_encode(pk, PK_LEN, hex);
	jw_string(&jw, "public_key", hex);
	jw_array_begin(&jw, "files");
	for (i = 0; i < w->n; i++) {
		jw_object_begin(&jw, NULL);
		jw_string(&jw, "path", w->files[i].path);
		jw_int(&jw, "size", (int64_t)w->files[i].size);
		hex_encode(w->files[i].sha256, SHA_LEN, hex);
		jw_string(&jw, "sha256", hex);
		jw_object_end(&jw);
	}
	jw_array_end(&jw);
	jw_object_end(&jw);
	buf_putc(out, '\n');
}

static int
writer_entry(struct dossier_writer *w, const char *name, const void *data,
    size_t len)
{
	return (writer_zip(w,
	    zip_entry_begin(&w->zip, name) &&
	        zip_entry_write(&w->zip, data, len) && zip_entry_end(&w->zip)));
}

int
dossier_finish(struct dossier_writer *w, const uint8_t sk[64],
    const uint8_t pk[PK_LEN])
{
	uint8_t derived[PK_LEN], sig[SIG_LEN];
	char sig_hex[2 * SIG_LEN + 2];
	struct buf manifest;
	int ok;

	if (w->error[0] != '\0')
		return (GS_ERROR);
	if (w->in_file)
		return (writer_fail(w, "a file is still open"));
	if (crypto_sign_ed25519_sk_to_pk(derived, sk) != 0 ||
	    memcmp(derived, pk, PK_LEN) != 0)
		return (
		    writer_fail(w, "the secret key is not the public key's"));
	buf_init(&manifest);
	manifest_write(w, pk, &manifest);
	/* The signature covers the entry's bytes exactly, newline included. */
	if (crypto_sign_detached(sig, NULL, (const uint8_t *)manifest.data,
	        manifest.len, sk) != 0) {
		ok = writer_fail(w, "crypto_sign_detached failed");
	} else {
		hex_encode(sig, SIG_LEN, sig_hex);
		sig_hex[2 * SIG_LEN] = '\n';
		ok = writer_entry(w, DOSSIER_MANIFEST, manifest.data,
		         manifest.len) &&
		    writer_entry(w, DOSSIER_SIGNATURE, sig_hex,
		        2 * SIG_LEN + 1) &&
		    writer_zip(w, zip_writer_finish(&w->zip));
	}
	buf_free(&manifest);
	return (ok ? GS_OK : GS_ERROR);
}

void
dossier_writer_free(struct dossier_writer *w)
{
	size_t i;

	for (i = 0; i < GS_NELEM(w->meta); i++)
		free(w->meta[i]);
	for (i = 0; i < w->n; i++)
		free(w->files[i].path);
	free(w->files);
	zip_writer_free(&w->zip);
	w->files = NULL;
	w->n = w->cap = 0;
}

/*
 * The verifier. Order matters: the archive's structure, then the
 * manifest's signature (and whose key made it), then what the signed
 * manifest says, then every entry against it, cheapest checks first so
 * that an extra or a missing file is reported without hashing gigabytes.
 */

struct verify {
	struct zip_reader *zip;
	const struct zip_entry *manifest;
	const struct zip_entry *signature;
	struct json_doc *doc;
	const struct json_value *root;
	const struct json_value *files;
	uint8_t pk[PK_LEN];
	const struct zip_entry **listed; /* per files[] item */
	uint8_t *seen;                   /* per archive entry */
	uint64_t bytes;
	struct buf *report;
};

static enum dossier_verdict
verify_fail(struct verify *v, enum dossier_verdict verdict, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

static enum dossier_verdict
verify_fail(struct verify *v, enum dossier_verdict verdict, const char *fmt,
    ...)
{
	va_list ap;

	buf_reset(v->report);
	buf_printf(v->report, "%s: ", verdict_label[verdict]);
	va_start(ap, fmt);
	buf_vprintf(v->report, fmt, ap);
	va_end(ap);
	return (verdict);
}

/* A string member as NUL-terminated text, NULL when it is not one. */
static const char *
member_text(const struct json_value *obj, const char *key)
{
	const struct json_value *m;

	m = json_get(obj, key);
	if (m == NULL || m->type != JSON_STRING ||
	    !text_valid(m->u.str.s, m->u.str.len))
		return (NULL);
	return (m->u.str.s);
}

static int
member_hex(const struct json_value *obj, const char *key, uint8_t *out,
    size_t len)
{
	const char *s;

	return ((s = member_text(obj, key)) != NULL &&
	    hex_decode(s, out, len) == GS_OK);
}

static void
key_shown(const uint8_t pk[PK_LEN], char out[KEY_SHOWN + 1])
{
	char hex[2 * PK_LEN + 1];

	hex_encode(pk, PK_LEN, hex);
	memcpy(out, hex, KEY_SHOWN);
	out[KEY_SHOWN] = '\0';
}

/* crc is what e's bytes give; the ZIP's own record must agree. */
static enum dossier_verdict
verify_crc(struct verify *v, const struct zip_entry *e, uint32_t crc)
{
	if (crc != e->crc)
		return (verify_fail(v, DOSSIER_MALFORMED_ZIP,
		    "%s: CRC-32 does not match its bytes", e->name));
	return (DOSSIER_OK);
}

static uint32_t
entry_crc(const struct verify *v, const struct zip_entry *e)
{
	return (zip_crc32(0, zip_entry_bytes(v->zip, e), e->size));
}

/* manifest.sig: 128 hex digits, and the newline the writer adds. */
static int
signature_read(struct verify *v, uint8_t sig[SIG_LEN])
{
	char hex[2 * SIG_LEN + 1];
	size_t len = v->signature->size;

	if (len == 2 * SIG_LEN + 1 &&
	    zip_entry_bytes(v->zip, v->signature)[2 * SIG_LEN] == '\n')
		len--;
	if (len != 2 * SIG_LEN)
		return (GS_ERROR);
	memcpy(hex, zip_entry_bytes(v->zip, v->signature), len);
	hex[len] = '\0';
	return (hex_decode(hex, sig, SIG_LEN));
}

static enum dossier_verdict
verify_signature(struct verify *v, const uint8_t *pinned)
{
	const struct json_value *root;
	struct json_error err;
	uint8_t sig[SIG_LEN];
	char got[KEY_SHOWN + 1], want[KEY_SHOWN + 1];
	const uint8_t *m = zip_entry_bytes(v->zip, v->manifest);

	if (!signature_read(v, sig))
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s is not a hex Ed25519 signature", DOSSIER_SIGNATURE));
	if (v->manifest->size > MANIFEST_MAX)
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s is larger than %d MiB", DOSSIER_MANIFEST,
		    MANIFEST_MAX >> 20));
	/* Parsed before it is trusted to find the key; the parser is strict
	 * and fuzzed, and nothing it returns is believed yet. */
	v->doc = json_parse((const char *)m, v->manifest->size, &err);
	if (v->doc == NULL)
		return (verify_fail(v, DOSSIER_MANIFEST_BAD, "%s: line %d: %s",
		    DOSSIER_MANIFEST, err.line, err.message));
	root = json_root(v->doc);
	if (!member_hex(root, "public_key", v->pk, PK_LEN))
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s: public_key is not 64 hex digits", DOSSIER_MANIFEST));
	if (pinned != NULL && memcmp(pinned, v->pk, PK_LEN) != 0) {
		key_shown(v->pk, got);
		key_shown(pinned, want);
		return (verify_fail(v, DOSSIER_KEY_MISMATCH,
		    "signed with key ed25519:%s, not the pinned ed25519:%s",
		    got, want));
	}
	if (crypto_sign_verify_detached(sig, m, v->manifest->size, v->pk) != 0)
		return (verify_fail(v, DOSSIER_SIGNATURE_INVALID,
		    "%s does not match %s (altered after signing)",
		    DOSSIER_MANIFEST, DOSSIER_SIGNATURE));
	v->root = root;
	return (DOSSIER_OK);
}

static enum dossier_verdict
verify_file_item(struct verify *v, size_t i)
{
	const struct json_value *f = v->files->u.arr.items[i];
	const struct json_value *size;
	const char *path, *unknown;
	uint8_t sha[SHA_LEN];

	if (!json_only_keys(f, file_keys, &unknown))
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "files[%zu]: not an object of path, size, sha256", i));
	path = member_text(f, "path");
	if (path == NULL || !zip_name_valid(path, strlen(path)) ||
	    reserved_path(path))
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "files[%zu]: path missing or not a safe relative path", i));
	size = json_get(f, "size");
	if (size == NULL || size->type != JSON_NUMBER || !size->u.num.is_int ||
	    size->u.num.i < 0 || (uint64_t)size->u.num.i > ZIP_SIZE_MAX)
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s: size is not a byte count", path));
	if (!member_hex(f, "sha256", sha, SHA_LEN))
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s: sha256 is not 64 hex digits", path));
	return (DOSSIER_OK);
}

/* What the signed manifest says, checked against gs-dossier-v1. */
static enum dossier_verdict
verify_manifest(struct verify *v)
{
	const char *format, *unknown;
	enum dossier_verdict r;
	size_t i;

	if (!json_only_keys(v->root, manifest_keys, &unknown))
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s: not an object of the gs-dossier-v1 members",
		    DOSSIER_MANIFEST));
	format = member_text(v->root, "format");
	if (format == NULL || strcmp(format, DOSSIER_FORMAT) != 0)
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s: format is not %s", DOSSIER_MANIFEST, DOSSIER_FORMAT));
	for (i = 0; i < GS_NELEM(meta_keys); i++) {
		if (member_text(v->root, meta_keys[i]) == NULL)
			return (verify_fail(v, DOSSIER_MANIFEST_BAD,
			    "%s: %s missing or not text", DOSSIER_MANIFEST,
			    meta_keys[i]));
	}
	v->files = json_get(v->root, "files");
	if (v->files == NULL || v->files->type != JSON_ARRAY)
		return (verify_fail(v, DOSSIER_MANIFEST_BAD,
		    "%s: files is not an array", DOSSIER_MANIFEST));
	for (i = 0; i < v->files->u.arr.n; i++) {
		if ((r = verify_file_item(v, i)) != DOSSIER_OK)
			return (r);
	}
	return (DOSSIER_OK);
}

/* Every listed file is there once, with the listed size. */
static enum dossier_verdict
verify_listing(struct verify *v)
{
	const struct json_value *f;
	const struct zip_entry *e;
	const char *path;
	int64_t size;
	size_t i;

	v->listed = xcalloc(v->files->u.arr.n, sizeof(*v->listed));
	v->seen = xcalloc(v->zip->n, 1);
	for (i = 0; i < v->files->u.arr.n; i++) {
		f = v->files->u.arr.items[i];
		path = member_text(f, "path");
		size = json_get(f, "size")->u.num.i;
		if ((e = zip_reader_find(v->zip, path)) == NULL)
			return (verify_fail(v, DOSSIER_FILE_MISSING,
			    "%s is listed in the manifest but not in the "
			    "archive",
			    path));
		if (v->seen[e - v->zip->entries]++)
			return (verify_fail(v, DOSSIER_MANIFEST_BAD,
			    "%s is listed twice", path));
		if ((uint64_t)size != e->size)
			return (verify_fail(v, DOSSIER_FILE_MISMATCH,
			    "%s: %" PRId64 " bytes in the manifest, %" PRIu32
			    " in the archive",
			    path, size, e->size));
		v->listed[i] = e;
		v->bytes += e->size;
	}
	return (DOSSIER_OK);
}

static enum dossier_verdict
verify_unlisted(struct verify *v)
{
	const struct zip_entry *e;
	size_t i;

	for (i = 0; i < v->zip->n; i++) {
		e = &v->zip->entries[i];
		if (!v->seen[i] && e != v->manifest && e != v->signature)
			return (verify_fail(v, DOSSIER_FILE_UNLISTED,
			    "%s is in the archive but not in the manifest",
			    e->name));
	}
	return (DOSSIER_OK);
}

/* The bytes: SHA-256 against the manifest, CRC-32 against the ZIP. */
static enum dossier_verdict
verify_content(struct verify *v, size_t i)
{
	const struct zip_entry *e = v->listed[i];
	const uint8_t *p = zip_entry_bytes(v->zip, e);
	crypto_hash_sha256_state st;
	uint8_t want[SHA_LEN], got[SHA_LEN];
	uint32_t crc, n, off;

	(void)member_hex(v->files->u.arr.items[i], "sha256", want, SHA_LEN);
	crypto_hash_sha256_init(&st);
	crc = 0;
	for (off = 0; off < e->size; off += n) {
		n = e->size - off < VERIFY_SLICE ? e->size - off : VERIFY_SLICE;
		crypto_hash_sha256_update(&st, p + off, n);
		crc = zip_crc32(crc, p + off, n);
	}
	crypto_hash_sha256_final(&st, got);
	if (memcmp(got, want, SHA_LEN) != 0)
		return (verify_fail(v, DOSSIER_FILE_MISMATCH,
		    "%s: SHA-256 differs from the manifest", e->name));
	/* The signed hash matches, so a bad CRC is damage to the ZIP. */
	return (verify_crc(v, e, crc));
}

static enum dossier_verdict
verify_steps(struct verify *v, const uint8_t *pinned)
{
	enum dossier_verdict r;
	size_t i;

	v->manifest = zip_reader_find(v->zip, DOSSIER_MANIFEST);
	v->signature = zip_reader_find(v->zip, DOSSIER_SIGNATURE);
	if (v->manifest == NULL || v->signature == NULL)
		return (verify_fail(v, DOSSIER_MANIFEST_MISSING,
		    "no %s in the archive",
		    v->manifest == NULL ? DOSSIER_MANIFEST :
		                          DOSSIER_SIGNATURE));
	if ((r = verify_signature(v, pinned)) != DOSSIER_OK ||
	    (r = verify_crc(v, v->manifest, entry_crc(v, v->manifest))) !=
	        DOSSIER_OK ||
	    (r = verify_crc(v, v->signature, entry_crc(v, v->signature))) !=
	        DOSSIER_OK ||
	    (r = verify_manifest(v)) != DOSSIER_OK ||
	    (r = verify_listing(v)) != DOSSIER_OK ||
	    (r = verify_unlisted(v)) != DOSSIER_OK)
		return (r);
	for (i = 0; i < v->files->u.arr.n; i++) {
		if ((r = verify_content(v, i)) != DOSSIER_OK)
			return (r);
	}
	return (DOSSIER_OK);
}

static enum dossier_verdict
verify_archive(struct zip_reader *z, const uint8_t *pinned, struct buf *report)
{
	struct verify v;
	enum dossier_verdict r;
	char key[KEY_SHOWN + 1];

	memset(&v, 0, sizeof(v));
	v.zip = z;
	v.report = report;
	if ((r = verify_steps(&v, pinned)) == DOSSIER_OK) {
		key_shown(v.pk, key);
		buf_reset(report);
		buf_printf(report,
		    "%s — %zu files, %" PRIu64 " bytes, key ed25519:%s%s",
		    member_text(v.root, "case_no"), v.files->u.arr.n, v.bytes,
		    key, pinned == NULL ? ", key not pinned" : "");
	}
	free(v.listed);
	free(v.seen);
	json_free(v.doc);
	return (r);
}

/* Verifies an archive the reader has opened (opened: GS_OK), and closes it. */
static enum dossier_verdict
verify_opened(struct zip_reader *z, int opened, const uint8_t *pinned,
    struct buf *report)
{
	enum dossier_verdict r;

	if (opened) {
		r = verify_archive(z, pinned, report);
	} else {
		buf_reset(report);
		buf_printf(report, "%s: %s",
		    verdict_label[DOSSIER_MALFORMED_ZIP], z->error);
		r = DOSSIER_MALFORMED_ZIP;
	}
	zip_reader_close(z);
	return (r);
}

enum dossier_verdict
dossier_verify(int fd, const uint8_t *pinned_pk, struct buf *report)
{
	struct zip_reader z;
	int opened;

	opened = zip_reader_open_fd(&z, fd);
	return (verify_opened(&z, opened, pinned_pk, report));
}

enum dossier_verdict
dossier_verify_mem(const void *data, size_t len, const uint8_t *pinned_pk,
    struct buf *report)
{
	struct zip_reader z;
	int opened;

	opened = zip_reader_open_mem(&z, data, len);
	return (verify_opened(&z, opened, pinned_pk, report));
}
