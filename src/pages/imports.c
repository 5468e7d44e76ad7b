/*
 * pages/imports.c — the upload screen of the legacy case import
 * (/cases/import). With JavaScript (assets/js/import.js) the file goes to
 * the JSON API and the screen shows the upload and the import's progress;
 * without it the form posts here and the answer is this page again with
 * the outcome.
 */
#include <stdio.h>
#include <string.h>

#include "core/json.h"
#include "db/imports.h"
#include "pages/pages.h"
#include "web/assets.h"
#include "web/handlers.h"

/* At most this many skipped case numbers and errors on the page. */
#define SHOWN_MAX 200

static void
skipped_add(struct tdata *d, const struct case_import_outcome *o)
{
	const struct json_value *arr;
	struct json_error err;
	struct json_doc *doc;
	struct tlist *l;
	size_t i;

	l = tdata_list(d, "skipped");
	tdata_bool(d, "has_skipped", o->nskipped > 0);
	if (o->nskipped == 0 ||
	    (doc = json_parse(o->skipped.data, o->skipped.len, &err)) == NULL)
		return;
	arr = json_root(doc);
	for (i = 0; i < arr->u.arr.n && i < SHOWN_MAX; i++)
		tdata_text(tlist_add(l), "case_no",
		    arr->u.arr.items[i]->u.str.s);
	if (o->nskipped > SHOWN_MAX)
		tdata_int(d, "skipped_more", o->nskipped - SHOWN_MAX);
	json_free(doc);
}

static void
errors_add(struct tdata *d, const struct import_errors *e)
{
	struct tdata *t;
	struct tlist *l;
	size_t i;

	l = tdata_list(d, "lines");
	for (i = 0; i < e->n && i < SHOWN_MAX; i++) {
		t = tlist_add(l);
		tdata_int(t, "line", (int64_t)e->items[i].line);
		tdata_text(t, "field", e->items[i].field);
		tdata_text(t, "message", e->items[i].message);
	}
	tdata_bool(d, "has_lines", e->n > 0);
	if (e->total > i)
		tdata_int(d, "errors_more", (int64_t)(e->total - i));
}

static int
import_page(struct web_ctx *ctx, int status,
    const struct case_import_outcome *o, const char *error)
{
	struct tdata *d;

	d = web_page(ctx);
	tdata_text(d, "title", "导入历史案件");
	tdata_text(d, "csrf", ctx->user.csrf);
	tdata_url(d, "import_js", assets_url("js/import.js"));
	if (error != NULL)
		tdata_text(d, "error", error);
	if (o != NULL && o->state == CIS_DONE) {
		tdata_int(d, "imported", o->imported);
		tdata_int(d, "lines_read", o->lines);
	}
	if (o != NULL) {
		skipped_add(d, o);
		errors_add(d, &o->errors);
	} else {
		(void)tdata_list(d, "skipped");
		(void)tdata_list(d, "lines");
		tdata_bool(d, "has_skipped", 0);
		tdata_bool(d, "has_lines", 0);
	}
	return (web_render(ctx, status, "pages/case_import"));
}

int
serve_cases_import_form(struct web_ctx *ctx)
{
	return (import_page(ctx, HTTP_STATUS_OK, NULL, NULL));
}

int
serve_cases_import(struct web_ctx *ctx)
{
	const struct case_import_outcome *o;
	const struct multipart_part *file;
	enum db_result r;
	char msg[128];

	if (ctx->import == NULL) {
		if ((file = web_file(ctx, "file")) == NULL || file->len == 0)
			return (import_page(ctx, HTTP_STATUS_UNPROCESSABLE,
			    NULL, "请选择要导入的 NDJSON 文件"));
		/* The part points into the request's spool, which lives as
		 * long as the request (and its task). */
		return (web_import_start(ctx, file->data, file->len));
	}
	if (web_import_running(ctx))
		return (KORE_RESULT_RETRY);
	o = web_import_outcome(ctx, &r);
	if (o->state == CIS_FAILED)
		return (web_db_error(ctx, r != DB_OK ? r : DB_ERROR, NULL));
	if (o->state == CIS_REFUSED) {
		(void)snprintf(msg, sizeof(msg),
		    "文件中有 %zu 处错误，未导入任何案件。请修改后重新导入。",
		    o->errors.total);
		return (import_page(ctx, HTTP_STATUS_UNPROCESSABLE, o, msg));
	}
	return (import_page(ctx, HTTP_STATUS_OK, o, NULL));
}
