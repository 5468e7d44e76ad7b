/*
 * test_dossier.c — signed dossiers: what the writer puts in the manifest
 * (checked by hand, not by the verifier), and one verdict per way a
 * dossier can be damaged or forged, each naming the file concerned.
 */
#include <string.h>

#include <sodium.h>

#include "unit.h"
#include "ziptest.h"
#include "core/dossier.h"
#include "core/json.h"

static void
dossier_init(void)
{
	if (sodium_init() < 0)
		abort();
}

TestSuite(dossier, .init = dossier_init, .fini = gs_leak_check);

#define PHOTO "证据/E-001 现场照片.jpg"
#define PHOTO_LEN (3 * 1024 * 1024 + 5)
#define RECORD "证据/E-002 询问笔录.pdf"
#define DECISION "文书/行政处罚决定书.html"
#define CASE_NO "永环罚〔2026〕12号"

static const char decision[] = "<h1>行政处罚决定书</h1><p>永环罚〔2026〕12号"
                               "</p>\n";
static const char record[] = "%PDF-1.4 询问笔录\n";

static const struct dossier_meta meta = {
	.case_id = "4f1c2d3e-0000-4000-8000-000000000012",
	.case_no = CASE_NO,
	.bureau = "永康市生态环境分局",
	.generated_at = "2026-03-01T10:00:00+08:00",
};

struct keys {
	uint8_t pk[crypto_sign_PUBLICKEYBYTES];
	uint8_t sk[crypto_sign_SECRETKEYBYTES];
};

/* Fixed seeds: the same keys every run. */
static void
keys_make(struct keys *k, uint8_t seed_byte)
{
	uint8_t seed[crypto_sign_SEEDBYTES];

	memset(seed, seed_byte, sizeof(seed));
	cr_assert_eq(crypto_sign_seed_keypair(k->pk, k->sk, seed), 0);
}

static void
add_file(struct dossier_writer *w, const char *path, const void *data,
    size_t len, size_t chunk)
{
	const uint8_t *p = data;
	size_t off, n;

	cr_assert_eq(dossier_file_begin(w, path), GS_OK, "%s: %s", path,
	    w->error);
	for (off = 0; off < len; off += n) {
		n = len - off < chunk ? len - off : chunk;
		cr_assert_eq(dossier_file_write(w, p + off, n), GS_OK, "%s",
		    w->error);
	}
	cr_assert_eq(dossier_file_end(w), GS_OK, "%s", w->error);
}

/* The dossier of case 12 in t, signed with k; photo holds its bytes. */
static uint8_t *
dossier_make(struct tmpzip *t, const struct keys *k)
{
	struct dossier_writer w;
	uint8_t *photo;

	photo = xmalloc(PHOTO_LEN);
	pattern_fill(photo, PHOTO_LEN, 7);
	tmpzip_open(t);
	cr_assert_eq(dossier_begin(&w, t->fd, &meta), GS_OK, "%s", w.error);
	add_file(&w, DECISION, decision, sizeof(decision) - 1, 64);
	add_file(&w, PHOTO, photo, PHOTO_LEN, 4096);
	add_file(&w, RECORD, record, sizeof(record) - 1, 3);
	cr_assert_eq(dossier_finish(&w, k->sk, k->pk), GS_OK, "%s", w.error);
	dossier_writer_free(&w);
	return (photo);
}

static enum dossier_verdict
verify(const struct tmpzip *t, const uint8_t *pinned, struct buf *report)
{
	buf_reset(report);
	return (dossier_verify(t->fd, pinned, report));
}

static void
assert_verdict(const struct tmpzip *t, const uint8_t *pinned,
    enum dossier_verdict want, const char *report)
{
	struct buf b;
	enum dossier_verdict got;

	buf_init(&b);
	got = verify(t, pinned, &b);
	cr_expect_eq(got, want, "verdict %d, want %d: %s", got, want, b.data);
	cr_expect_str_eq(b.data, report);
	buf_free(&b);
}

static void
short_key(const uint8_t *pk, char out[17])
{
	char hex[65];

	hex_encode(pk, 32, hex);
	memcpy(out, hex, 16);
	out[16] = '\0';
}

Test(dossier, a_fresh_dossier_verifies_pinned_and_unpinned)
{
	struct tmpzip t;
	struct keys k;
	struct buf want;
	uint8_t *photo;
	char key[17];

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	short_key(k.pk, key);
	buf_init(&want);
	buf_printf(&want, "%s — 3 files, %zu bytes, key ed25519:%s", CASE_NO,
	    sizeof(decision) - 1 + PHOTO_LEN + sizeof(record) - 1, key);
	assert_verdict(&t, k.pk, DOSSIER_OK, want.data);
	buf_puts(&want, ", key not pinned");
	assert_verdict(&t, NULL, DOSSIER_OK, want.data);
	unzip_check(t.path);
	buf_free(&want);
	tmpzip_close(&t);
	free(photo);
}

/* The manifest read by hand: fields, order, hashes, signature. */
Test(dossier, the_manifest_lists_every_file_with_its_sha256_and_is_signed)
{
	static const char *const paths[] = { DECISION, PHOTO, RECORD };
	const struct zip_entry *m, *s;
	const struct json_value *root, *files, *f;
	struct zip_reader r;
	struct json_doc *doc;
	struct json_error err;
	struct tmpzip t;
	struct keys k;
	uint8_t *photo, sha[32], sig[64];
	char hex[129];
	size_t i;

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	cr_assert_eq(zip_reader_open_fd(&r, t.fd), GS_OK, "%s", r.error);
	cr_assert_eq(r.n, 5);
	cr_assert_str_eq(r.entries[3].name, "manifest.json");
	cr_assert_str_eq(r.entries[4].name, "manifest.sig");
	m = &r.entries[3];
	s = &r.entries[4];

	doc = json_parse((const char *)zip_entry_bytes(&r, m), m->size, &err);
	cr_assert_not_null(doc, "%s", err.message);
	root = json_root(doc);
	cr_assert_str_eq(json_get(root, "format")->u.str.s, "gs-dossier-v1");
	cr_assert_str_eq(json_get(root, "case_no")->u.str.s, CASE_NO);
	cr_assert_str_eq(json_get(root, "bureau")->u.str.s, meta.bureau);
	cr_assert_str_eq(json_get(root, "case_id")->u.str.s, meta.case_id);
	cr_assert_str_eq(json_get(root, "generated_at")->u.str.s,
	    meta.generated_at);
	hex_encode(k.pk, 32, hex);
	cr_assert_str_eq(json_get(root, "public_key")->u.str.s, hex);
	files = json_get(root, "files");
	cr_assert_eq(files->u.arr.n, 3);
	for (i = 0; i < 3; i++) {
		f = files->u.arr.items[i];
		cr_assert_str_eq(json_get(f, "path")->u.str.s, paths[i]);
	}
	cr_assert_eq(json_get(files->u.arr.items[1], "size")->u.num.i,
	    PHOTO_LEN);
	crypto_hash_sha256(sha, photo, PHOTO_LEN);
	hex_encode(sha, 32, hex);
	cr_assert_str_eq(json_get(files->u.arr.items[1], "sha256")->u.str.s,
	    hex);

	/* manifest.sig: hex of the detached signature, and a newline. */
	cr_assert_eq(s->size, 129);
	memcpy(hex, zip_entry_bytes(&r, s), 128);
	hex[128] = '\0';
	cr_assert_eq(zip_entry_bytes(&r, s)[128], '\n');
	cr_assert_eq(hex_decode(hex, sig, 64), GS_OK);
	cr_assert_eq(crypto_sign_verify_detached(sig, zip_entry_bytes(&r, m),
	                 m->size, k.pk),
	    0);
	json_free(doc);
	zip_reader_close(&r);
	tmpzip_close(&t);
	free(photo);
}

/* Offset in the file of byte i of entry name. */
static size_t
entry_offset(const struct tmpzip *t, const char *name, size_t i)
{
	struct zip_reader r;
	const struct zip_entry *e;
	size_t off;

	cr_assert_eq(zip_reader_open_fd(&r, t->fd), GS_OK, "%s", r.error);
	cr_assert_not_null(e = zip_reader_find(&r, name), "%s", name);
	cr_assert_lt(i, e->size);
	off = e->data + i;
	zip_reader_close(&r);
	return (off);
}

static void
flip(const struct tmpzip *t, size_t off)
{
	uint8_t c;

	cr_assert_eq(pread(t->fd, &c, 1, (off_t)off), 1, "read at %zu", off);
	c ^= 0x01;
	cr_assert_eq(pwrite(t->fd, &c, 1, (off_t)off), 1);
}

Test(dossier, one_flipped_evidence_byte_is_rejected_naming_the_file)
{
	struct tmpzip t;
	struct keys k;
	uint8_t *photo;

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	flip(&t, entry_offset(&t, PHOTO, 1234567));
	assert_verdict(&t, k.pk, DOSSIER_FILE_MISMATCH,
	    "file altered: " PHOTO ": SHA-256 differs from the manifest");
	tmpzip_close(&t);
	free(photo);
}

Test(dossier, one_flipped_manifest_byte_breaks_the_signature)
{
	struct zip_reader r;
	const struct zip_entry *m;
	char *text, *at;
	struct tmpzip t;
	struct keys k;
	uint8_t *photo;

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	/* 12号 becomes 13号: still JSON, still a case number. */
	cr_assert_eq(zip_reader_open_fd(&r, t.fd), GS_OK, "%s", r.error);
	m = zip_reader_find(&r, "manifest.json");
	text = xstrndup((const char *)zip_entry_bytes(&r, m), m->size);
	cr_assert_not_null(at = strstr(text, "12号"));
	flip(&t, m->data + (size_t)(at - text) + 1);
	free(text);
	zip_reader_close(&r);
	assert_verdict(&t, k.pk, DOSSIER_SIGNATURE_INVALID,
	    "signature invalid: manifest.json does not match manifest.sig "
	    "(altered after signing)");
	assert_verdict(&t, NULL, DOSSIER_SIGNATURE_INVALID,
	    "signature invalid: manifest.json does not match manifest.sig "
	    "(altered after signing)");
	tmpzip_close(&t);
	free(photo);
}

Test(dossier, a_dossier_signed_by_another_key_is_not_the_pinned_one)
{
	struct tmpzip t;
	struct keys bureau, forger;
	struct buf want;
	uint8_t *photo;
	char got[17], pinned[17];

	keys_make(&bureau, 0x42);
	keys_make(&forger, 0x66);
	photo = dossier_make(&t, &forger);
	short_key(forger.pk, got);
	short_key(bureau.pk, pinned);
	buf_init(&want);
	buf_printf(&want,
	    "not the pinned key: signed with key ed25519:%s, not the pinned "
	    "ed25519:%s",
	    got, pinned);
	assert_verdict(&t, bureau.pk, DOSSIER_KEY_MISMATCH, want.data);
	/* Unpinned, the forgery is intact, and the report says on whose
	 * word. */
	buf_reset(&want);
	buf_printf(&want,
	    "%s — 3 files, %zu bytes, key ed25519:%s, key not "
	    "pinned",
	    CASE_NO, sizeof(decision) - 1 + PHOTO_LEN + sizeof(record) - 1,
	    got);
	assert_verdict(&t, NULL, DOSSIER_OK, want.data);
	buf_free(&want);
	tmpzip_close(&t);
	free(photo);
}

Test(dossier, a_truncated_dossier_is_malformed)
{
	struct tmpzip t;
	struct keys k;
	struct buf b;
	uint8_t *photo;

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	cr_assert_eq(ftruncate(t.fd, (off_t)(tmpzip_size(&t) - 100)), 0);
	buf_init(&b);
	cr_assert_eq(verify(&t, k.pk, &b), DOSSIER_MALFORMED_ZIP, "%s", b.data);
	cr_assert(strncmp(b.data, "malformed archive: ", 19) == 0, "%s",
	    b.data);
	/* Cut inside the photo: the same. */
	cr_assert_eq(ftruncate(t.fd, 2 * 1024 * 1024), 0);
	cr_assert_eq(verify(&t, k.pk, &b), DOSSIER_MALFORMED_ZIP, "%s", b.data);
	buf_free(&b);
	tmpzip_close(&t);
	free(photo);
}

/*
 * A copy of the archive in src through the ZIP writer, with changes:
 * entries named in edits are dropped (data NULL) or replaced, and those
 * not found are added at the end. What is not edited is copied byte for
 * byte, so the signature stays valid.
 */
struct edit {
	const char *name;
	const void *data;
	size_t len;
};

static const struct edit *
edit_find(const struct edit *edits, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(edits[i].name, name) == 0)
			return (&edits[i]);
	}
	return (NULL);
}

static void
copy_entry(struct zip_writer *w, const char *name, const void *data, size_t len)
{
	cr_assert_eq(zip_entry_begin(w, name), GS_OK, "%s", w->error);
	cr_assert_eq(zip_entry_write(w, data, len), GS_OK, "%s", w->error);
	cr_assert_eq(zip_entry_end(w), GS_OK, "%s", w->error);
}

static void
rewrite(const struct tmpzip *src, struct tmpzip *dst, const struct edit *edits,
    size_t n)
{
	struct zip_reader r;
	struct zip_writer w;
	const struct zip_entry *e;
	const struct edit *ed;
	size_t i;

	cr_assert_eq(zip_reader_open_fd(&r, src->fd), GS_OK, "%s", r.error);
	tmpzip_open(dst);
	zip_writer_init(&w, dst->fd, 0);
	for (i = 0; i < r.n; i++) {
		e = &r.entries[i];
		if ((ed = edit_find(edits, n, e->name)) == NULL)
			copy_entry(&w, e->name, zip_entry_bytes(&r, e),
			    e->size);
		else if (ed->data != NULL)
			copy_entry(&w, e->name, ed->data, ed->len);
	}
	for (i = 0; i < n; i++) {
		if (zip_reader_find(&r, edits[i].name) == NULL)
			copy_entry(&w, edits[i].name, edits[i].data,
			    edits[i].len);
	}
	cr_assert_eq(zip_writer_finish(&w), GS_OK, "%s", w.error);
	zip_writer_free(&w);
	zip_reader_close(&r);
}

/* Builds the dossier, rewrites it with one edit, and checks the verdict. */
static void
assert_edit_verdict(const struct edit *ed, enum dossier_verdict want,
    const char *report)
{
	struct tmpzip t, copy;
	struct keys k;
	uint8_t *photo;

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	rewrite(&t, &copy, ed, 1);
	assert_verdict(&copy, k.pk, want, report);
	tmpzip_close(&copy);
	tmpzip_close(&t);
	free(photo);
}

Test(dossier, an_entry_nobody_signed_is_rejected)
{
	static const struct edit extra = { "证据/E-003 补充.jpg", "x", 1 };

	assert_edit_verdict(&extra, DOSSIER_FILE_UNLISTED,
	    "file not in the manifest: 证据/E-003 补充.jpg is in the archive "
	    "but not in the manifest");
}

Test(dossier, a_listed_file_left_out_is_rejected)
{
	static const struct edit drop = { RECORD, NULL, 0 };

	assert_edit_verdict(&drop, DOSSIER_FILE_MISSING,
	    "file missing: " RECORD " is listed in the manifest but not in "
	    "the archive");
}

Test(dossier, a_file_of_another_size_is_rejected)
{
	static const struct edit longer = { RECORD, "%PDF-1.4 询问笔录 \n",
		sizeof(record) };

	assert_edit_verdict(&longer, DOSSIER_FILE_MISMATCH,
	    "file altered: " RECORD ": 22 bytes in the manifest, 23 in the "
	    "archive");
}

Test(dossier, a_dossier_without_its_signature_is_rejected)
{
	static const struct edit drop = { "manifest.sig", NULL, 0 };

	assert_edit_verdict(&drop, DOSSIER_MANIFEST_MISSING,
	    "manifest missing: no manifest.sig in the archive");
}

Test(dossier, a_validly_signed_manifest_of_another_format_is_bad)
{
	static const char manifest[] = "{\"format\":\"gs-dossier-v2\","
	                               "\"public_key\":\"%s\"}\n";
	struct tmpzip t, copy;
	struct keys k;
	struct buf m;
	struct edit ed[2];
	uint8_t *photo, sig[64];
	char pk[65], sig_hex[129];

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	hex_encode(k.pk, 32, pk);
	buf_init(&m);
	buf_printf(&m, manifest, pk);
	crypto_sign_detached(sig, NULL, (const uint8_t *)m.data, m.len, k.sk);
	hex_encode(sig, 64, sig_hex);
	ed[0] = (struct edit){ "manifest.json", m.data, m.len };
	ed[1] = (struct edit){ "manifest.sig", sig_hex, 128 };
	rewrite(&t, &copy, ed, 2);
	assert_verdict(&copy, k.pk, DOSSIER_MANIFEST_BAD,
	    "bad manifest: manifest.json: format is not gs-dossier-v1");
	buf_free(&m);
	tmpzip_close(&copy);
	tmpzip_close(&t);
	free(photo);
}

/* The signed hashes agree, the ZIP's CRC-32 of the record does not. */
Test(dossier, a_wrong_zip_crc_is_malformed_even_when_the_hash_agrees)
{
	struct zip_reader r;
	struct tmpzip t;
	struct keys k;
	uint8_t *photo, *p;
	uint32_t crc;
	size_t len, i, hits;

	keys_make(&k, 0x42);
	photo = dossier_make(&t, &k);
	cr_assert_eq(zip_reader_open_fd(&r, t.fd), GS_OK, "%s", r.error);
	crc = zip_reader_find(&r, RECORD)->crc;
	zip_reader_close(&r);
	/* In the data descriptor and the central record alike. */
	p = tmpzip_slurp(&t, &len);
	hits = 0;
	for (i = 0; i + 4 <= len; i++) {
		if ((p[i] | p[i + 1] << 8 | p[i + 2] << 16 |
		        (uint32_t)p[i + 3] << 24) == crc) {
			p[i] ^= 0x01;
			hits++;
		}
	}
	cr_assert_eq(hits, 2);
	cr_assert_eq(pwrite(t.fd, p, len, 0), (ssize_t)len);
	assert_verdict(&t, k.pk, DOSSIER_MALFORMED_ZIP,
	    "malformed archive: " RECORD ": CRC-32 does not match its bytes");
	free(p);
	tmpzip_close(&t);
	free(photo);
}

Test(dossier, the_writer_refuses_reserved_names_and_a_mismatched_key)
{
	struct dossier_writer w;
	struct dossier_meta bad = meta;
	struct tmpzip t;
	struct keys k, other;

	keys_make(&k, 0x42);
	keys_make(&other, 0x66);
	tmpzip_open(&t);

	cr_assert_eq(dossier_begin(&w, t.fd, &meta), GS_OK);
	cr_assert_eq(dossier_file_begin(&w, "manifest.json"), GS_ERROR);
	cr_assert_str_eq(w.error, "manifest.json is the dossier's own name");
	cr_assert_eq(dossier_file_begin(&w, "a.txt"), GS_ERROR);
	dossier_writer_free(&w);

	cr_assert_eq(dossier_begin(&w, t.fd, &meta), GS_OK);
	add_file(&w, "a.txt", "a", 1, 1);
	cr_assert_eq(dossier_finish(&w, k.sk, other.pk), GS_ERROR);
	cr_assert_str_eq(w.error, "the secret key is not the public key's");
	dossier_writer_free(&w);

	cr_assert_eq(dossier_begin(&w, t.fd, &meta), GS_OK);
	cr_assert_eq(dossier_file_begin(&w, "../a.txt"), GS_ERROR);
	cr_assert_str_eq(w.error,
	    "entry \"../a.txt\": not a safe relative "
	    "path");
	dossier_writer_free(&w);

	bad.case_no = "永环罚\n12号";
	cr_assert_eq(dossier_begin(&w, t.fd, &bad), GS_ERROR);
	cr_assert_str_eq(w.error,
	    "case_no: missing or not one line of UTF-8 text");
	dossier_writer_free(&w);
	tmpzip_close(&t);
}
