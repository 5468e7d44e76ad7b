/*
 * pages/entities.c — the entity registry's screens (污染源库): the list
 * with search, filters, sorting and paging (all in the URL, so any view
 * can be bookmarked), the entity page (一厂一档), the forms and the import.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/audit.h"
#include "db/audit.h"
#include "db/entities.h"
#include "pages/pages.h"
#include "web/handlers.h"

#define LIST_PER_PAGE 50

static const char *const category_codes[] = { "key", "general", "special" };
static const char *const grade_codes[] = { "green", "blue", "yellow", "red",
	"black" };

/* The list's query as the user set it in the URL. */
static void
list_query(struct web_ctx *ctx, struct entity_query *q)
{
	const struct form *f;
	const char *v;

	f = web_query(ctx);
	memset(q, 0, sizeof(*q));
	q->q = form_get(f, "q");
	q->category = form_get(f, "category");
	q->township = form_get(f, "township");
	q->industry = form_get(f, "industry");
	q->grade = form_get(f, "grade");
	q->sort = ENTITY_SORT_NAME;
	if ((v = form_get(f, "sort")) != NULL &&
	    entity_sort_from(v) != ENTITY_SORT__MAX)
		q->sort = entity_sort_from(v);
	v = form_get(f, "dir");
	q->desc = v != NULL && strcmp(v, "desc") == 0;
	q->page = web_query_int(ctx, "page", 1, 100000);
	q->per_page =
	    web_query_int(ctx, "per_page", LIST_PER_PAGE, ENTITY_PAGE_MAX);
}

void
url_param(struct buf *b, const char *name, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	buf_putc(b, b->data != NULL && strchr(b->data, '?') ? '&' : '?');
	buf_puts(b, name);
	buf_putc(b, '=');
	form_encode(b, value);
}

/* /entities with the query q, a sort and a page. */
static void
list_url(struct buf *b, const struct entity_query *q, enum entity_sort sort,
    int desc, int64_t page)
{
	char num[24];

	buf_reset(b);
	buf_puts(b, "/entities");
	url_param(b, "q", q->q);
	url_param(b, "category", q->category);
	url_param(b, "township", q->township);
	url_param(b, "industry", q->industry);
	url_param(b, "grade", q->grade);
	if (sort != ENTITY_SORT_NAME)
		url_param(b, "sort", entity_sort_name(sort));
	if (desc)
		url_param(b, "dir", "desc");
	if (page > 1) {
		(void)snprintf(num, sizeof(num), "%" PRId64, page);
		url_param(b, "page", num);
	}
}

void
option_add(struct tlist *l, const char *value, const char *label, int selected)
{
	struct tdata *o;

	o = tlist_add(l);
	tdata_text(o, "value", value);
	tdata_text(o, "label", label);
	tdata_bool(o, "selected", selected);
}

void
option_pick(struct tlist *l, const char *value, const char *label,
    const char *current)
{
	option_add(l, value, label,
	    current != NULL && strcmp(current, value) == 0);
}

static void
list_filters(struct tdata *d, const struct entity_query *q,
    const struct entity_index *idx)
{
	struct tlist *cats, *grades, *towns, *inds;
	size_t i;

	tdata_text(d, "q", q->q ? q->q : "");
	cats = tdata_list(d, "categories");
	for (i = 0; i < GS_NELEM(category_codes); i++)
		option_pick(cats, category_codes[i],
		    entity_category_label(category_codes[i]), q->category);
	grades = tdata_list(d, "grades");
	for (i = 0; i < GS_NELEM(grade_codes); i++)
		option_pick(grades, grade_codes[i],
		    entity_grade_label(grade_codes[i]), q->grade);
	option_pick(grades, "none", "未评价", q->grade);
	towns = tdata_list(d, "townships");
	inds = tdata_list(d, "industries");
	for (i = 0; i < idx->ntownships; i++)
		option_pick(towns, idx->townships[i], idx->townships[i],
		    q->township);
	for (i = 0; i < idx->nindustries; i++)
		option_pick(inds, idx->industries[i], idx->industries[i],
		    q->industry);
}

static void
list_headers(struct tdata *d, const struct entity_query *q)
{
	static const struct {
		enum entity_sort sort;
		const char *label;
	} cols[] = {
		{ ENTITY_SORT_NAME, "名称" },
		{ ENTITY_SORT_USCC, "统一社会信用代码" },
		{ ENTITY_SORT_TOWNSHIP, "镇街" },
		{ ENTITY_SORT_INDUSTRY, "行业" },
		{ ENTITY_SORT_CATEGORY, "监管类别" },
		{ ENTITY_SORT_GRADE, "信用等级" },
		{ ENTITY_SORT_UPDATED, "更新时间" },
	};
	struct tlist *l;
	struct tdata *h;
	struct buf url;
	size_t i;
	int active;

	buf_init(&url);
	l = tdata_list(d, "headers");
	for (i = 0; i < GS_NELEM(cols); i++) {
		active = q->sort == cols[i].sort;
		list_url(&url, q, cols[i].sort, active && !q->desc, 1);
		h = tlist_add(l);
		tdata_text(h, "label", cols[i].label);
		tdata_url(h, "url", url.data);
		tdata_bool(h, "active", active);
		tdata_bool(h, "desc", active && q->desc);
	}
	buf_free(&url);
}

/* Previous, next and a window of page numbers around the current one. */
void
pager_add(struct tdata *d, int64_t page, int64_t pages,
    void (*url)(struct buf *, const void *, int64_t), const void *arg)
{
	struct tdata *p, *n;
	struct tlist *l;
	struct buf b;
	int64_t i, first, last;

	p = tdata_map(d, "pager");
	tdata_int(p, "page", page);
	tdata_int(p, "pages", pages);
	buf_init(&b);
	if (page > 1) {
		url(&b, arg, page - 1);
		tdata_url(p, "prev", b.data);
	}
	if (page < pages) {
		url(&b, arg, page + 1);
		tdata_url(p, "next", b.data);
	}
	first = page - 3 > 1 ? page - 3 : 1;
	last = first + 6 < pages ? first + 6 : pages;
	l = tdata_list(p, "numbers");
	for (i = first; i <= last; i++) {
		url(&b, arg, i);
		n = tlist_add(l);
		tdata_int(n, "number", i);
		tdata_url(n, "url", b.data);
		tdata_bool(n, "current", i == page);
	}
	buf_free(&b);
}

static void
list_page_url(struct buf *b, const void *arg, int64_t page)
{
	const struct entity_query *q = arg;

	list_url(b, q, q->sort, q->desc, page);
}

static void
list_rows(struct tdata *d, const struct entity_row *const *rows, size_t n)
{
	const struct entity_row *e;
	struct tlist *l;
	struct tdata *r;
	char url[64];
	size_t i;

	l = tdata_list(d, "rows");
	for (i = 0; i < n; i++) {
		e = rows[i];
		r = tlist_add(l);
		(void)snprintf(url, sizeof(url), "/entities/%s", e->id);
		tdata_url(r, "url", url);
		tdata_text(r, "uscc", e->uscc);
		tdata_text(r, "name", e->name);
		tdata_text(r, "township", e->township);
		tdata_text(r, "industry", e->industry);
		tdata_text(r, "category", entity_category_label(e->category));
		tdata_text(r, "grade",
		    e->credit_grade ? entity_grade_label(e->credit_grade) :
		                      "未评价");
		tdata_bool(r, "closed", strcmp(e->status, "closed") == 0);
		tdata_text(r, "updated_at", e->updated_at);
	}
}

int
serve_entities_list(struct web_ctx *ctx)
{
	const struct entity_row *rows[ENTITY_PAGE_MAX];
	struct entity_query q;
	struct entity_index *idx;
	struct tdata *d;
	struct db *db;
	size_t total, n;
	int64_t pages;
	enum db_result r;

	list_query(ctx, &q);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_index(db, ctx->user.bureau_id,
	         ctx->user.registry_rev, &idx)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	total = entity_index_query(idx, &q, rows, &n);
	d = web_page(ctx);
	tdata_text(d, "title", "污染源库");
	tdata_int(d, "total", (int64_t)total);
	tdata_bool(d, "can_write",
	    perm_allows(ctx->user.roles, PERM_ENTITY_WRITE));
	tdata_bool(d, "can_import",
	    perm_allows(ctx->user.roles, PERM_ENTITY_IMPORT));
	list_filters(d, &q, idx);
	list_headers(d, &q);
	list_rows(d, rows, n);
	tdata_bool(d, "empty", n == 0);
	pages = total == 0 ? 1 : ((int64_t)total + q.per_page - 1) / q.per_page;
	pager_add(d, q.page, pages, list_page_url, &q);
	return (web_render(ctx, HTTP_STATUS_OK, "pages/entities"));
}

static void
history_add(struct tdata *d, PGresult *res)
{
	struct tlist *l;
	struct tdata *h;
	int i;

	l = tdata_list(d, "history");
	for (i = 0; i < PQntuples(res); i++) {
		h = tlist_add(l);
		tdata_text(h, "at", PQgetvalue(res, i, 1));
		tdata_text(h, "actor", PQgetvalue(res, i, 2));
		tdata_text(h, "action",
		    audit_action_label(PQgetvalue(res, i, 3)));
		tdata_text(h, "context", PQgetvalue(res, i, 4));
	}
}

static void
entity_facts(struct tdata *e, const struct entity_row *row)
{
	tdata_text(e, "id", row->id);
	tdata_text(e, "uscc", row->uscc);
	tdata_text(e, "name", row->name);
	tdata_text(e, "address", row->address);
	tdata_text(e, "township", row->township);
	tdata_text(e, "industry", row->industry);
	tdata_text(e, "category", entity_category_label(row->category));
	tdata_text(e, "status", entity_status_label(row->status));
	tdata_bool(e, "closed", strcmp(row->status, "closed") == 0);
	tdata_text(e, "grade",
	    row->credit_grade ? entity_grade_label(row->credit_grade) :
	                        "未评价");
	if (row->legal_rep != NULL)
		tdata_text(e, "legal_rep", row->legal_rep);
	if (row->lat != NULL && row->lng != NULL)
		tdata_textf(e, "coordinates", "%s, %s", row->lat, row->lng);
	tdata_text(e, "version", row->version);
	tdata_text(e, "updated_at", row->updated_at);
	tdata_text(e, "created_at", row->created_at);
}

int
serve_entities_show(struct web_ctx *ctx)
{
	struct entity_row row;
	struct tdata *d;
	struct db *db;
	PGresult *res, *hist;
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_get(db, ctx->user.bureau_id, ctx->caps.v[0],
	         &res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	if ((r = DB_QUERY(db, SQL_AUDIT_OBJECT, &hist, ctx->user.bureau_id,
	         "entity", ctx->caps.v[0], "100")) != DB_OK) {
		PQclear(res);
		return (web_db_error(ctx, r, NULL));
	}
	entity_row_read(res, 0, &row);
	d = web_page(ctx);
	tdata_text(d, "title", row.name);
	entity_facts(tdata_map(d, "entity"), &row);
	tdata_bool(d, "can_write",
	    perm_allows(ctx->user.roles, PERM_ENTITY_WRITE));
	tdata_bool(d, "can_propose",
	    perm_allows(ctx->user.roles, PERM_CASE_PROPOSE));
	history_add(d, hist);
	PQclear(hist);
	PQclear(res);
	return (web_render(ctx, HTTP_STATUS_OK, "pages/entity"));
}

/* The form, empty, filled from a row, or as submitted with its errors. */
static int
entity_form(struct web_ctx *ctx, int status, const struct entity_input *in,
    const char *id, const char *version, const struct verr *errs)
{
	struct tdata *d, *e, *v;
	struct tlist *cats;
	size_t i;
	char url[64];

	d = web_page(ctx);
	tdata_text(d, "title", id ? "修改检查对象" : "登记检查对象");
	tdata_text(d, "csrf", ctx->user.csrf);
	tdata_bool(d, "editing", id != NULL);
	if (id != NULL) {
		(void)snprintf(url, sizeof(url), "/entities/%s", id);
		tdata_text(d, "version", version);
	} else
		(void)snprintf(url, sizeof(url), "/entities");
	tdata_url(d, "action", url);
	tdata_url(d, "cancel", url);
	v = tdata_map(d, "v");
	tdata_text(v, "uscc", in->uscc ? in->uscc : "");
	tdata_text(v, "name", in->name ? in->name : "");
	tdata_text(v, "address", in->address ? in->address : "");
	tdata_text(v, "township", in->township ? in->township : "");
	tdata_text(v, "industry", in->industry ? in->industry : "");
	tdata_text(v, "legal_rep", in->legal_rep ? in->legal_rep : "");
	tdata_text(v, "lat", in->lat ? in->lat : "");
	tdata_text(v, "lng", in->lng ? in->lng : "");
	tdata_bool(v, "closed",
	    in->status && strcmp(in->status, "closed") == 0);
	cats = tdata_list(d, "categories");
	for (i = 0; i < GS_NELEM(category_codes); i++)
		option_pick(cats, category_codes[i],
		    entity_category_label(category_codes[i]),
		    in->category ? in->category : "general");
	e = tdata_map(d, "errors");
	for (i = 0; errs != NULL && i < errs->n; i++)
		tdata_text(e, errs->items[i].field, errs->items[i].message);
	return (web_render(ctx, status, "pages/entity_form"));
}

int
serve_entities_new(struct web_ctx *ctx)
{
	struct entity_input in;

	memset(&in, 0, sizeof(in));
	return (entity_form(ctx, HTTP_STATUS_OK, &in, NULL, NULL, NULL));
}

int
serve_entities_edit(struct web_ctx *ctx)
{
	struct entity_input in;
	struct entity_row row;
	struct db *db;
	PGresult *res;
	enum db_result r;
	int rc;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	if ((r = db_entity_get(db, ctx->user.bureau_id, ctx->caps.v[0],
	         &res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	entity_row_read(res, 0, &row);
	memset(&in, 0, sizeof(in));
	in.uscc = row.uscc;
	in.name = row.name;
	in.address = row.address;
	in.township = row.township;
	in.industry = row.industry;
	in.category = row.category;
	in.legal_rep = row.legal_rep;
	in.lat = row.lat;
	in.lng = row.lng;
	in.status = row.status;
	rc = entity_form(ctx, HTTP_STATUS_OK, &in, row.id, row.version, NULL);
	PQclear(res);
	return (rc);
}

static void
input_from_form(struct web_ctx *ctx, struct entity_input *in)
{
	memset(in, 0, sizeof(*in));
	in->uscc = web_param(ctx, "uscc");
	in->name = web_param(ctx, "name");
	in->address = web_param(ctx, "address");
	in->township = web_param(ctx, "township");
	in->industry = web_param(ctx, "industry");
	in->category = web_param(ctx, "category");
	in->legal_rep = web_param(ctx, "legal_rep");
	in->lat = web_param(ctx, "lat");
	in->lng = web_param(ctx, "lng");
	in->status = web_param(ctx, "closed") ? "closed" : "active";
}

int
serve_entities_create(struct web_ctx *ctx)
{
	struct entity_input in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	char id[40], url[96];
	enum db_result r;

	input_from_form(ctx, &in);
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	a = web_actor(ctx, "entities.create");
	r = db_entity_create(db, &a, &in, &errs, id);
	if (r == DB_INVALID || (r == DB_CONFLICT && errs.n > 0))
		return (entity_form(ctx,
		    r == DB_CONFLICT ? HTTP_STATUS_CONFLICT :
		                       HTTP_STATUS_UNPROCESSABLE,
		    &in, NULL, NULL, &errs));
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	web_flash(ctx, "created");
	(void)snprintf(url, sizeof(url), "/entities/%s", id);
	return (web_redirect(ctx, url));
}

int
serve_entities_update(struct web_ctx *ctx)
{
	struct entity_input in;
	struct db_actor a;
	struct verr errs;
	struct db *db;
	const char *version;
	int64_t ver;
	char url[96];
	enum db_result r;

	input_from_form(ctx, &in);
	version = web_param(ctx, "version");
	if (version == NULL || !parse_int64(version, &ver))
		return (web_error(ctx, HTTP_STATUS_BAD_REQUEST, "bad_request",
		    "表单缺少版本号，请刷新后重试"));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	a = web_actor(ctx, "entities.update");
	r = db_entity_update(db, &a, ctx->caps.v[0], ver, &in, &errs);
	if (r == DB_INVALID)
		return (entity_form(ctx, HTTP_STATUS_UNPROCESSABLE, &in,
		    ctx->caps.v[0], version, &errs));
	if (r == DB_CONFLICT) {
		verr_add(&errs, "form",
		    "该记录已被他人修改，请刷新页面后重新编辑");
		return (entity_form(ctx, HTTP_STATUS_CONFLICT, &in,
		    ctx->caps.v[0], version, &errs));
	}
	if (r != DB_OK)
		return (web_db_error(ctx, r, &errs));
	web_flash(ctx, "saved");
	(void)snprintf(url, sizeof(url), "/entities/%s", ctx->caps.v[0]);
	return (web_redirect(ctx, url));
}

static int
import_page(struct web_ctx *ctx, int status, const struct import_report *rep,
    const char *error)
{
	struct tdata *d, *e;
	struct tlist *l;
	size_t i;

	d = web_page(ctx);
	tdata_text(d, "title", "批量导入检查对象");
	tdata_text(d, "csrf", ctx->user.csrf);
	if (error != NULL)
		tdata_text(d, "error", error);
	if (rep != NULL && rep->imported > 0)
		tdata_int(d, "imported", rep->imported);
	l = tdata_list(d, "lines");
	for (i = 0; rep != NULL && i < rep->nerrors; i++) {
		e = tlist_add(l);
		tdata_int(e, "line", rep->errors[i].line);
		tdata_text(e, "field", rep->errors[i].field);
		tdata_text(e, "message", rep->errors[i].message);
	}
	tdata_bool(d, "has_lines", rep != NULL && rep->nerrors > 0);
	tdata_bool(d, "more", rep != NULL && rep->more);
	return (web_render(ctx, status, "pages/entity_import"));
}

int
serve_entities_import_form(struct web_ctx *ctx)
{
	return (import_page(ctx, HTTP_STATUS_OK, NULL, NULL));
}

int
serve_entities_import(struct web_ctx *ctx)
{
	const struct multipart_part *file;
	struct import_report rep;
	struct db_actor a;
	struct db *db;
	enum db_result r;
	int rc;

	if ((file = web_file(ctx, "file")) == NULL || file->len == 0)
		return (import_page(ctx, HTTP_STATUS_UNPROCESSABLE, NULL,
		    "请选择要导入的 CSV 文件"));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	a = web_actor(ctx, "entities.import");
	r = db_entity_import_csv(db, &a, file->data, file->len, &rep);
	if (r == DB_OK || r == DB_INVALID)
		rc = import_page(ctx,
		    r == DB_OK ? HTTP_STATUS_OK : HTTP_STATUS_UNPROCESSABLE,
		    &rep,
		    r == DB_OK ?
		        NULL :
		        "文件有错误，未导入任何记录。请修改后重新导入。");
	else
		rc = web_db_error(ctx, r, NULL);
	import_report_free(&rep);
	return (rc);
}
