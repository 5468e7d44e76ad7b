/*
 * api/common.c — typed field access and envelopes for the JSON API.
 */
#include <string.h>

#include "api/api.h"

const char *
api_str(const struct json_value *obj, const char *key, struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (NULL);
	if (v->type != JSON_STRING ||
	    memchr(v->u.str.s, '\0', v->u.str.len) != NULL) {
		verr_add(errs, key, "应为字符串");
		return (NULL);
	}
	return (v->u.str.s);
}

int
api_int(const struct json_value *obj, const char *key, int64_t *out,
    int *present, struct verr *errs)
{
	const struct json_value *v;

	*present = 0;
	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (GS_OK);
	*present = 1;
	if (v->type != JSON_NUMBER || !v->u.num.is_int) {
		verr_add(errs, key, "应为整数");
		return (GS_ERROR);
	}
	*out = v->u.num.i;
	return (GS_OK);
}

const char *
api_number_text(const struct json_value *obj, const char *key,
    struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (NULL);
	if (v->type != JSON_NUMBER) {
		verr_add(errs, key, "应为数字");
		return (NULL);
	}
	return (v->u.num.text);
}

int
api_bool(const struct json_value *obj, const char *key, int def,
    struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (def);
	if (v->type != JSON_BOOL) {
		verr_add(errs, key, "应为 true 或 false");
		return (def);
	}
	return (v->u.boolean);
}

int
api_no_content(struct web_ctx *ctx)
{
	web_security_headers(ctx);
	http_response(ctx->req, HTTP_STATUS_NO_CONTENT, NULL, 0);
	return (KORE_RESULT_OK);
}

int
api_send(struct web_ctx *ctx, int status, struct buf *b)
{
	(void)web_json(ctx, status, b);
	buf_free(b);
	return (KORE_RESULT_OK);
}

gs_date
api_date(const struct json_value *obj, const char *key, struct verr *errs)
{
	struct fields f;

	api_fields(&f, obj);
	return (fields_date(&f, key, errs));
}

size_t
api_str_array(const struct json_value *obj, const char *key, const char **out,
    size_t max, struct verr *errs)
{
	const struct json_value *v, *item;
	size_t i;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (0);
	if (v->type != JSON_ARRAY) {
		verr_add(errs, key, "应为字符串数组");
		return (0);
	}
	if (v->u.arr.n > max) {
		verr_add(errs, key, "最多 %zu 项", max);
		return (0);
	}
	for (i = 0; i < v->u.arr.n; i++) {
		item = v->u.arr.items[i];
		if (item->type != JSON_STRING ||
		    memchr(item->u.str.s, '\0', item->u.str.len) != NULL) {
			verr_add(errs, key, "第 %zu 项应为字符串", i + 1);
			return (0);
		}
		out[i] = item->u.str.s;
	}
	return (v->u.arr.n);
}

static const char *
json_text(const struct fields *f, const char *key, struct verr *errs)
{
	return (api_str(f->src, key, errs));
}

static int
json_integer(const struct fields *f, const char *key, int64_t *out,
    int *present, struct verr *errs)
{
	return (api_int(f->src, key, out, present, errs));
}

static int
json_boolean(const struct fields *f, const char *key, int def,
    struct verr *errs)
{
	return (api_bool(f->src, key, def, errs));
}

static size_t
json_texts(const struct fields *f, const char *key, const char **out,
    size_t max, struct verr *errs)
{
	return (api_str_array(f->src, key, out, max, errs));
}

static size_t
json_int_map(const struct fields *f, const char *key, const char **names,
    int64_t *values, size_t max, struct verr *errs)
{
	const struct json_value *o, *t;
	const struct json_member *m;
	size_t i;

	if ((o = json_get(f->src, key)) == NULL || o->type == JSON_NULL)
		return (0);
	if (o->type != JSON_OBJECT || o->u.obj.n > max) {
		verr_add(errs, key, "应为最多 %zu 项的对象，如 {\"impact\": 1}",
		    max);
		return (0);
	}
	for (i = 0; i < o->u.obj.n; i++) {
		m = &o->u.obj.members[i];
		t = m->value;
		if (strlen(m->key) != m->keylen || t->type != JSON_NUMBER ||
		    !t->u.num.is_int) {
			verr_add(errs, key, "每一项应为整数");
			return (0);
		}
		names[i] = m->key;
		values[i] = t->u.num.i;
	}
	return (o->u.obj.n);
}

/* One record of json_records: its members are among names, strings. */
static int
json_record(const struct json_value *o, const char *key, size_t i,
    const char *const *names, size_t nnames, const char **out,
    struct verr *errs)
{
	const struct json_member *m;
	const struct json_value *v;
	size_t j, k;

	if (o->type != JSON_OBJECT) {
		verr_add(errs, key, "第 %zu 项应为对象", i + 1);
		return (GS_ERROR);
	}
	for (j = 0; j < nnames; j++)
		out[j] = NULL;
	for (k = 0; k < o->u.obj.n; k++) {
		m = &o->u.obj.members[k];
		v = m->value;
		for (j = 0; j < nnames && strcmp(names[j], m->key) != 0; j++)
			;
		if (j == nnames || strlen(m->key) != m->keylen) {
			verr_add(errs, key, "第 %zu 项有未知字段 %s", i + 1,
			    m->key);
			return (GS_ERROR);
		}
		if (v->type == JSON_NULL)
			continue;
		if (v->type != JSON_STRING ||
		    memchr(v->u.str.s, '\0', v->u.str.len) != NULL) {
			verr_add(errs, key, "第 %zu 项的 %s 应为字符串", i + 1,
			    m->key);
			return (GS_ERROR);
		}
		out[j] = v->u.str.len > 0 ? v->u.str.s : NULL;
	}
	return (GS_OK);
}

static size_t
json_records(const struct fields *f, const char *key, const char *const *names,
    size_t nnames, const char **out, size_t max, struct verr *errs)
{
	const struct json_value *a;
	size_t i;

	if ((a = json_get(f->src, key)) == NULL || a->type == JSON_NULL)
		return (0);
	if (a->type != JSON_ARRAY || a->u.arr.n > max) {
		verr_add(errs, key, "应为最多 %zu 项的数组", max);
		return (0);
	}
	for (i = 0; i < a->u.arr.n; i++) {
		if (!json_record(a->u.arr.items[i], key, i, names, nnames,
		        out + i * nnames, errs))
			return (0);
	}
	return (a->u.arr.n);
}

/* Money in JSON is an integer of fen. */
static const struct fields_ops json_ops = {
	json_text,
	json_integer,
	json_integer,
	json_boolean,
	json_texts,
	json_int_map,
	json_records,
};

void
api_fields(struct fields *f, const struct json_value *obj)
{
	f->ops = &json_ops;
	f->src = obj;
	f->echo = NULL;
}

void
api_row_members(struct json_writer *w, const PGresult *res, int row,
    const struct api_col *cols, int ncols)
{
	api_row_members_from(w, res, row, 0, cols, ncols);
}

void
api_row_members_from(struct json_writer *w, const PGresult *res, int row,
    int first, const struct api_col *cols, int ncols)
{
	const char *v;
	int64_t n;
	int i, col;

	for (i = 0; i < ncols; i++) {
		col = first + i;
		if (PQgetisnull(res, row, col)) {
			jw_null(w, cols[i].name);
			continue;
		}
		v = PQgetvalue(res, row, col);
		switch (cols[i].kind) {
		case API_INT:
			if (parse_int64(v, &n)) {
				jw_int(w, cols[i].name, n);
				break;
			}
			jw_string(w, cols[i].name, v);
			break;
		case API_NUMBER:
			jw_number_text(w, cols[i].name, v);
			break;
		case API_RAW:
			jw_raw(w, cols[i].name, v,
			    (size_t)PQgetlength(res, row, col));
			break;
		case API_TEXT:
		default:
			jw_string(w, cols[i].name, v);
			break;
		}
	}
}

int
api_rows(struct json_writer *w, const char *key, const PGresult *res,
    const struct api_col *cols, int ncols)
{
	int row, n = res != NULL ? PQntuples(res) : 0;

	jw_array_begin(w, key);
	for (row = 0; row < n; row++) {
		jw_object_begin(w, NULL);
		api_row_members(w, res, row, cols, ncols);
		jw_object_end(w);
	}
	jw_array_end(w);
	return (n);
}

void
jw_fen(struct json_writer *w, const char *key, int64_t fen)
{
	if (fen == CASE_NO_FINE)
		jw_null(w, key);
	else
		jw_int(w, key, fen);
}

void
jw_code(struct json_writer *w, const char *key, const char *code)
{
	if (code == NULL || *code == '\0')
		jw_null(w, key);
	else
		jw_string(w, key, code);
}

void
api_deadlines(struct json_writer *w, const char *key, const struct deadline *dl,
    size_t n)
{
	size_t i;

	jw_array_begin(w, key);
	for (i = 0; i < n; i++) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind", deadline_kind_code(dl[i].kind));
		jw_string(w, "counting",
		    dl[i].due_at != 0 ? "hours" :
		        dl[i].working ? "working" :
		                        "calendar");
		jw_date(w, "due_on", dl[i].due_on);
		jw_instant(w, "due_at", dl[i].due_at);
		jw_date(w, "effective_due_on", dl[i].effective_due_on);
		jw_string(w, "status", deadline_status_code(dl[i].status));
		jw_date(w, "met_on", dl[i].met_on);
		jw_bool(w, "party", dl[i].party);
		jw_object_end(w);
	}
	jw_array_end(w);
}
