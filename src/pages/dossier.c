/*
 * pages/dossier.c — the case dossier (案卷, domain.md "Dossier"): one view
 * in the legal order, 正卷 then 副卷, with a cover and the table of
 * contents (卷内目录); and its export as a ZIP of the rendered documents
 * and the evidence files with a manifest signed by the bureau's Ed25519
 * key (core/dossier.c, docs/dossier-format.md), checked offline by
 * `gsctl verify-dossier`.
 *
 * The export is written to an unlinked file under GS_VAR_DIR/tmp, one
 * evidence file at a time (mapped, re-hashed, written, unmapped), and sent
 * from the page cache: the worker's heap holds one rendered document at
 * most, whatever the size of the evidence.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "api/api.h"
#include "core/dossier.h"
#include "core/evstore.h"
#include "core/log.h"
#include "core/tmpl.h"
#include "core/zip.h"
#include "db/evidence.h"
#include "pages/pages.h"
#include "web/assets.h"
#include "web/handlers.h"

#define DOSSIER_ITEMS_MAX 512
/* Evidence sits with the investigation records in the 正卷. */
#define EVIDENCE_ORDER 33

struct dossier_item {
	int volume;
	int order;
	const char *date; /* YYYY-MM-DD */
	const char
	    *title; /* the document's kind, or the evidence's description */
	const char *doc_no;
	const char *doc_id;      /* a document */
	const char *evidence_id; /* or an evidence file */
	const char *sha256;
	const char *filename;
	char path[ZIP_NAME_MAX]; /* in the ZIP */
};

struct dossier {
	struct case_view v;
	PGresult *docs, *ev, *inv, *party;
	struct dossier_item items[DOSSIER_ITEMS_MAX];
	size_t n;
};

static int
item_cmp(const void *a, const void *b)
{
	const struct dossier_item *x = a, *y = b;
	int c;

	if (x->volume != y->volume)
		return (x->volume - y->volume);
	if (x->order != y->order)
		return (x->order - y->order);
	if ((c = strcmp(x->date, y->date)) != 0)
		return (c);
	return (strcmp(x->title, y->title));
}

/* name without what a ZIP entry may not hold; at most 120 bytes of UTF-8. */
static void
safe_name(const char *name, char *out, size_t len)
{
	size_t i, o = 0, cut = 0;

	for (i = 0; name[i] != '\0' && o + 1 < len && o < 120; i++) {
		unsigned char ch = (unsigned char)name[i];

		if ((ch & 0xC0) != 0x80)
			cut = o; /* a character starts here */
		out[o++] =
		    (ch < 0x20 || strchr("/\\:", ch) != NULL) ? '_' : (char)ch;
	}
	if (name[i] != '\0')
		o = cut; /* never end inside a character */
	out[o] = '\0';
	if (o == 0 || strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		(void)snprintf(out, len, "file");
}

static void
items_collect(struct dossier *ds)
{
	struct dossier_item *it;
	enum doc_kind k;
	int row;

	for (row = 0; row < PQntuples(ds->docs) && ds->n < DOSSIER_ITEMS_MAX;
	     row++) {
		if ((k = doc_kind_from(PQgetvalue(ds->docs, row, 1))) ==
		    DOC__MAX)
			continue;
		it = &ds->items[ds->n++];
		memset(it, 0, sizeof(*it));
		it->volume = doc_kind_volume(k);
		it->order = doc_kind_order(k);
		it->title = doc_kind_title(k);
		it->doc_id = PQgetvalue(ds->docs, row, 0);
		it->doc_no = PQgetvalue(ds->docs, row, 2);
		it->date = PQgetvalue(ds->docs, row, 3);
	}
	for (row = 0; row < PQntuples(ds->ev) && ds->n < DOSSIER_ITEMS_MAX;
	     row++) {
		it = &ds->items[ds->n++];
		memset(it, 0, sizeof(*it));
		it->volume = DOC_VOLUME_MAIN;
		it->order = EVIDENCE_ORDER;
		it->title = PQgetvalue(ds->ev, row, 3);
		it->doc_no = "";
		it->evidence_id = PQgetvalue(ds->ev, row, 0);
		it->date = PQgetvalue(ds->ev, row, 4);
		it->sha256 = PQgetvalue(ds->ev, row, 8);
		it->filename = PQgetvalue(ds->ev, row, 10);
	}
	qsort(ds->items, ds->n, sizeof(ds->items[0]), item_cmp);
}

/* Each item's path in the ZIP: 正卷/03 行政处罚决定书.html, 正卷/05 证据 ... */
static void
items_name(struct dossier *ds)
{
	struct dossier_item *it;
	char name[128];
	size_t i;
	int n = 0, prev = -1;

	for (i = 0; i < ds->n; i++) {
		it = &ds->items[i];
		if (it->volume != prev)
			n = 0;
		prev = it->volume;
		n++;
		if (it->evidence_id != NULL) {
			safe_name(it->filename, name, sizeof(name));
			(void)snprintf(it->path, sizeof(it->path),
			    "%s/%02d 证据 %s",
			    it->volume == DOC_VOLUME_MAIN ? "正卷" : "副卷", n,
			    name);
		} else
			(void)snprintf(it->path, sizeof(it->path),
			    "%s/%02d %s.html",
			    it->volume == DOC_VOLUME_MAIN ? "正卷" : "副卷", n,
			    it->title);
	}
}

static void
dossier_free(struct dossier *ds)
{
	PQclear(ds->docs);
	PQclear(ds->ev);
	PQclear(ds->inv);
	PQclear(ds->party);
	case_view_free(&ds->v);
}

static enum db_result
dossier_load(struct db *db, const struct case_actor *ca, const char *id,
    struct dossier *ds)
{
	char today[16];
	enum db_result r;

	memset(ds, 0, sizeof(*ds));
	web_today(today);
	if ((r = db_case_view(db, ca, id, today, &ds->v)) != DB_OK)
		return (r);
	if ((r = DB_QUERY(db, SQL_DOSSIER_DOCUMENTS, &ds->docs, id)) != DB_OK ||
	    (r = DB_QUERY(db, SQL_EVIDENCE_OF_CASE, &ds->ev, id)) != DB_OK ||
	    (r = DB_QUERY(db, SQL_CASE_INVESTIGATORS, &ds->inv, id)) != DB_OK ||
	    (r = DB_QUERY_ONE(db, SQL_DOCUMENT_PARTY, &ds->party, id)) !=
	        DB_OK) {
		dossier_free(ds);
		return (r);
	}
	items_collect(ds);
	items_name(ds);
	return (DB_OK);
}

static const char *
outcome_text(const struct case_rec *r)
{
	if (r->state == CS_REVOKED)
		return ("已撤销");
	if (r->outcome == CO_NONE)
		return (case_state_label(r->state));
	return (case_outcome_label(r->outcome));
}

static void
cover_fill(struct tdata *c, const struct dossier *ds)
{
	const struct case_rec *r = &ds->v.rec;
	char day[32];

	tdata_text(c, "bureau", PQgetvalue(ds->party, 0, 2));
	tdata_text(c, "case_no",
	    r->case_no != NULL ? r->case_no : "（未立案）");
	tdata_text(c, "party", r->entity_name);
	tdata_text(c, "violation", r->violation_name);
	tdata_text(c, "outcome", outcome_text(r));
	date_cn(r->filed_on, day);
	tdata_text(c, "filed_on", day);
	date_cn(r->closed_on, day);
	tdata_text(c, "closed_on", day);
	tdata_joined(c, "investigators", ds->inv, 1);
}

/* The cover and contents; links go to the server (view) or into the ZIP. */
static int
contents_render(const struct dossier *ds, int in_zip, const char *css,
    const char *export_url, struct buf *out)
{
	struct tdata *d, *vol = NULL, *it;
	struct tlist *vols, *items = NULL;
	struct buf href;
	size_t i;
	int prev = -1, n = 0, ok;

	d = tdata_new();
	tdata_url(d, "css_url", css);
	tdata_text(d, "title", "案卷");
	cover_fill(tdata_map(d, "cover"), ds);
	if (export_url != NULL)
		tdata_url(d, "export_url", export_url);
	vols = tdata_list(d, "volumes");
	buf_init(&href);
	for (i = 0; i < ds->n; i++) {
		const struct dossier_item *x = &ds->items[i];

		if (x->volume != prev) {
			vol = tlist_add(vols);
			tdata_text(vol, "name",
			    x->volume == DOC_VOLUME_MAIN ? "正卷" : "副卷");
			items = tdata_list(vol, "items");
			prev = x->volume;
			n = 0;
		}
		it = tlist_add(items);
		tdata_int(it, "n", ++n);
		tdata_text(it, "title", x->title);
		tdata_text(it, "doc_no", x->doc_no);
		tdata_text(it, "date", x->date);
		href.len = 0;
		if (in_zip)
			buf_puts(&href, x->path);
		else if (x->doc_id != NULL)
			buf_printf(&href, "/documents/%s", x->doc_id);
		else
			buf_printf(&href, "/api/v1/evidence/%s/content",
			    x->evidence_id);
		tdata_url(it, "href", href.data);
	}
	buf_free(&href);
	(void)vol;
	ok = print_render("print/dossier", d, out);
	tdata_free(d);
	return (ok);
}

/* The dossier of the case in the path; NULL when answered (not found...). */
static struct dossier *
dossier_open(struct web_ctx *ctx, const struct case_actor *ca, struct db **db)
{
	struct dossier *ds;
	enum db_result r;

	if ((*db = web_db(ctx)) == NULL)
		return (NULL);
	if ((ds = calloc(1, sizeof(*ds))) == NULL) {
		(void)web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "内存不足");
		return (NULL);
	}
	if ((r = dossier_load(*db, ca, ctx->caps.v[0], ds)) != DB_OK) {
		free(ds);
		(void)web_db_error(ctx, r, NULL);
		return (NULL);
	}
	return (ds);
}

/* GET /cases/{id}/dossier: the dossier in its legal order. */
int
serve_dossier_view(struct web_ctx *ctx)
{
	struct case_actor ca;
	struct dossier *ds;
	struct buf out;
	struct db *db;
	char url[96];
	int ok;

	ca = api_case_actor(ctx, "dossier.view");
	if ((ds = dossier_open(ctx, &ca, &db)) == NULL)
		return (KORE_RESULT_OK);
	(void)snprintf(url, sizeof(url), "/cases/%s/dossier/export",
	    ctx->caps.v[0]);
	buf_init(&out);
	ok = contents_render(ds, 0, assets_url("css/print.css"), url, &out) ==
	    GS_OK;
	dossier_free(ds);
	free(ds);
	if (!ok) {
		buf_free(&out);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "案卷渲染失败"));
	}
	return (web_html(ctx, HTTP_STATUS_OK, &out));
}

/* The bureau's signing key, made the first time it is needed. */
static enum db_result
bureau_key(struct db *db, const char *bureau, uint8_t pk[32], uint8_t sk[64])
{
	char pkh[65], skh[129];
	PGresult *res;
	enum db_result r;

	r = DB_QUERY_ONE(db, SQL_BUREAU_KEY_GET, &res, bureau);
	if (r == DB_NOTFOUND) {
		crypto_sign_keypair(pk, sk);
		hex_encode(pk, 32, pkh);
		hex_encode(sk, 64, skh);
		sodium_memzero(sk, 64);
		r = DB_QUERY(db, SQL_BUREAU_KEY_ADD, NULL, bureau, pkh, skh);
		sodium_memzero(skh, sizeof(skh));
		if (r != DB_OK)
			return (r);
		/* Whoever made it first: read back the one that stays. */
		r = DB_QUERY_ONE(db, SQL_BUREAU_KEY_GET, &res, bureau);
	}
	if (r != DB_OK)
		return (r);
	if (hex_decode(PQgetvalue(res, 0, 0), pk, 32) != GS_OK ||
	    hex_decode(PQgetvalue(res, 0, 1), sk, 64) != GS_OK)
		r = DB_ERROR;
	PQclear(res);
	return (r);
}

static int
bytes_write(struct dossier_writer *w, const char *path, const void *data,
    size_t len)
{
	return (dossier_file_begin(w, path) == GS_OK &&
	            dossier_file_write(w, data, len) == GS_OK &&
	            dossier_file_end(w) == GS_OK ?
	        GS_OK :
	        GS_ERROR);
}

/* One stored file into the open dossier, re-hashed first. */
static int
evidence_write(struct dossier_writer *w, const struct dossier_item *it,
    char alarm[40])
{
	struct evstore_file f;
	char dir[1024];
	int ok;

	evidence_dir(dir, sizeof(dir));
	if ((ok = evstore_open(dir, it->sha256, &f)) != 1) {
		(void)snprintf(alarm, 40, "%s", it->evidence_id);
		evstore_close(&f);
		return (GS_ERROR);
	}
	ok = bytes_write(w, it->path, f.data, f.len);
	evstore_close(&f); /* unmapped: the next file does not add to it */
	return (ok);
}

/* Every file of the dossier, in its order, after the contents. */
static int
files_write(struct dossier_writer *w, struct db *db,
    const struct case_actor *ca, const struct dossier *ds, char alarm[40])
{
	const char *css;
	struct buf page;
	size_t i, len;
	int ok;

	buf_init(&page);
	ok = contents_render(ds, 1, "print.css", NULL, &page) == GS_OK &&
	    bytes_write(w, "00 封面与卷内目录.html", page.data, page.len) ==
	        GS_OK &&
	    assets_bytes("css/print.css", &css, &len) == GS_OK &&
	    bytes_write(w, "print.css", css, len) == GS_OK;
	for (i = 0; ok && i < ds->n; i++) {
		if (ds->items[i].evidence_id != NULL) {
			ok = evidence_write(w, &ds->items[i], alarm) == GS_OK;
			continue;
		}
		page.len = 0;
		ok = document_render(db, ca, ds->items[i].doc_id,
		         "../print.css", &page) == DB_OK &&
		    bytes_write(w, ds->items[i].path, page.data, page.len) ==
		        GS_OK;
	}
	buf_free(&page);
	return (ok ? GS_OK : GS_ERROR);
}

/* Writes the whole signed dossier of ds to fd. */
static int
dossier_write(int fd, struct db *db, const struct case_actor *ca,
    const struct dossier *ds, char alarm[40])
{
	struct dossier_writer w;
	struct dossier_meta meta;
	uint8_t pk[32], sk[64];
	char at[40];
	time_t now = time(NULL);
	struct tm tm;
	int ok;

	if (bureau_key(db, ca->a.bureau_id, pk, sk) != DB_OK)
		return (GS_ERROR);
	(void)localtime_r(&now, &tm);
	(void)strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%S%z", &tm);
	meta.case_id = ds->v.rec.id;
	meta.case_no = ds->v.rec.case_no != NULL ? ds->v.rec.case_no : "未立案";
	meta.bureau = PQgetvalue(ds->party, 0, 2);
	meta.generated_at = at;
	ok = dossier_begin(&w, fd, &meta) == GS_OK &&
	    files_write(&w, db, ca, ds, alarm) == GS_OK &&
	    dossier_finish(&w, sk, pk) == GS_OK;
	if (!ok)
		gs_log(LOG_LEVEL_ERROR, "dossier %s: %s", ds->v.rec.id,
		    w.error[0] != '\0' ? w.error : "cannot write");
	sodium_memzero(sk, sizeof(sk));
	dossier_writer_free(&w);
	return (ok ? GS_OK : GS_ERROR);
}

/* GET /cases/{id}/dossier/export: the signed ZIP, as an attachment. */
int
serve_dossier_export(struct web_ctx *ctx)
{
	struct case_actor ca;
	struct dossier *ds;
	struct db *db;
	char name[160], ref[96];
	char alarm[40] = "";
	int fd, ok;

	ca = api_case_actor(ctx, "dossier.export");
	if ((ds = dossier_open(ctx, &ca, &db)) == NULL)
		return (KORE_RESULT_OK);
	(void)snprintf(name, sizeof(name), "案卷 %s.zip",
	    ds->v.rec.case_no != NULL ? ds->v.rec.case_no : ds->v.rec.id);
	fd = web_spool_file("dossier");
	ok = fd != -1 && dossier_write(fd, db, &ca, ds, alarm) == GS_OK;
	/* The custody log names everyone who took the evidence away, before
	 * a byte leaves: no log, no export. */
	if (ok && db_evidence_exported(db, &ca, ds->v.rec.id) != DB_OK)
		ok = 0;
	dossier_free(ds);
	free(ds);
	if (!ok && *alarm != '\0') {
		/* Never a silent pass: the alarm goes to the custody log. */
		gs_log(LOG_LEVEL_ERROR,
		    "evidence %s: stored bytes do not "
		    "match, dossier not exported",
		    alarm);
		(void)db_evidence_custody(db, &ca, alarm, "hash_mismatch");
	}
	if (!ok) {
		if (fd != -1)
			(void)close(fd);
		return (web_error(ctx, HTTP_STATUS_INTERNAL_ERROR,
		    *alarm != '\0' ? "evidence_integrity" : "internal",
		    *alarm != '\0' ?
		        "证据文件校验失败：存储内容与登记的 SHA-256 不一致，"
		        "案卷未导出" :
		        "案卷导出失败"));
	}
	(void)snprintf(ref, sizeof(ref), "gs-dossier:%s", ctx->request_id);
	return (web_send_fd(ctx, fd, ref, "application/zip", name));
}

/* GET /api/v1/dossier-key: the public key to pin when verifying exports. */
int
serve_api_dossier_key(struct web_ctx *ctx)
{
	struct json_writer w;
	struct buf b;
	struct db *db;
	uint8_t pk[32], sk[64];
	char hex[65], full[80];
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	r = bureau_key(db, ctx->user.bureau_id, pk, sk);
	sodium_memzero(sk, sizeof(sk));
	if (r != DB_OK)
		return (web_db_error(ctx, r, NULL));
	hex_encode(pk, sizeof(pk), hex);
	(void)snprintf(full, sizeof(full), "ed25519:%s", hex);
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "public_key", full);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
