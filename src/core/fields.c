/*
 * fields.c — typed access to a body's fields (see fields.h) and the HTML
 * form's source. The JSON source lives with the API's typed readers
 * (api/common.c), which it wraps.
 */
#include <stdio.h>
#include <string.h>

#include "core/fields.h"
#include "core/form.h"
#include "core/json.h"
#include "core/money.h"
#include "core/util.h"

const char *
fields_text(const struct fields *f, const char *key, struct verr *errs)
{
	return (f->ops->text(f, key, errs));
}

int
fields_int(const struct fields *f, const char *key, int64_t *out, int *present,
    struct verr *errs)
{
	return (f->ops->integer(f, key, out, present, errs));
}

int
fields_money(const struct fields *f, const char *key, int64_t *out,
    int *present, struct verr *errs)
{
	return (f->ops->money(f, key, out, present, errs));
}

int
fields_bool(const struct fields *f, const char *key, int def, struct verr *errs)
{
	return (f->ops->boolean(f, key, def, errs));
}

size_t
fields_texts(const struct fields *f, const char *key, const char **out,
    size_t max, struct verr *errs)
{
	return (f->ops->texts(f, key, out, max, errs));
}

size_t
fields_int_map(const struct fields *f, const char *key, const char **names,
    int64_t *values, size_t max, struct verr *errs)
{
	return (f->ops->int_map(f, key, names, values, max, errs));
}

size_t
fields_records(const struct fields *f, const char *key,
    const char *const *names, size_t nnames, const char **out, size_t max,
    struct verr *errs)
{
	return (f->ops->records(f, key, names, nnames, out, max, errs));
}

time_t
fields_instant(const struct fields *f, const char *key, struct verr *errs)
{
	const char *s;
	time_t t;

	if ((s = fields_text(f, key, errs)) == NULL)
		return (0);
	if (!instant_parse(s, &t)) {
		verr_add(errs, key,
		    "时间格式应为 YYYY-MM-DDTHH:MM+08:00（ISO 8601，含时区）");
		return (0);
	}
	return (t);
}

gs_date
fields_date(const struct fields *f, const char *key, struct verr *errs)
{
	const char *s;
	gs_date d;

	if ((s = fields_text(f, key, errs)) == NULL)
		return (0);
	if (!date_parse(s, &d)) {
		verr_add(errs, key, "日期格式应为 YYYY-MM-DD");
		return (0);
	}
	return (d);
}

void
fields_money_name(const char *key, char *out, size_t len)
{
	size_t n = strlen(key);

	if (n > 4 && strcmp(key + n - 4, "_fen") == 0)
		(void)snprintf(out, len, "%.*s_yuan", (int)(n - 4), key);
	else
		(void)snprintf(out, len, "%s", key);
}

/* ---- the HTML form ------------------------------------------------------ */

/* A field's value with surrounding spaces ignored; NULL when empty. */
static const char *
form_value(const struct fields *f, const char *name, size_t nth, char *buf,
    size_t len)
{
	const char *v, *end;

	if ((v = form_get_nth(f->src, name, nth)) == NULL)
		return (NULL);
	while (*v == ' ')
		v++;
	end = v + strlen(v);
	while (end > v && end[-1] == ' ')
		end--;
	if (end == v)
		return (NULL);
	if (buf == NULL || *end == '\0')
		return (v);
	/* Too long for a number: a value no numeric reader accepts. */
	if ((size_t)(end - v) >= len)
		(void)snprintf(buf, len, "?");
	else
		(void)snprintf(buf, len, "%.*s", (int)(end - v), v);
	return (buf);
}

static const char *
form_text(const struct fields *f, const char *key, struct verr *errs)
{
	const char *v;

	(void)errs;
	/* Text keeps its spaces (Markdown indentation); only a blank field
	 * counts as absent. */
	if (form_value(f, key, 0, NULL, 0) == NULL)
		return (NULL);
	v = form_get(f->src, key);
	if (f->echo != NULL)
		jw_string(f->echo, key, v);
	return (v);
}

/* An integer, or an amount typed in yuan read as fen. */
static int
form_number(const struct fields *f, const char *key, int money, int64_t *out,
    int *present, struct verr *errs)
{
	char name[VERR_FIELD_LEN + 8], buf[64];
	const char *v;
	int ok;

	*present = 0;
	if (money)
		fields_money_name(key, name, sizeof(name));
	else
		(void)snprintf(name, sizeof(name), "%s", key);
	if ((v = form_value(f, name, 0, buf, sizeof(buf))) == NULL)
		return (GS_OK);
	*present = 1;
	ok = money ? money_parse_yuan(v, out) : parse_int64(v, out);
	if (!ok) {
		verr_add(errs, key, "%s",
		    money ? "金额格式不正确：请填写元，最多两位小数" :
		            "应为整数");
		return (GS_ERROR);
	}
	if (f->echo != NULL)
		jw_int(f->echo, key, *out);
	return (GS_OK);
}

static int
form_integer(const struct fields *f, const char *key, int64_t *out,
    int *present, struct verr *errs)
{
	return (form_number(f, key, 0, out, present, errs));
}

static int
form_money(const struct fields *f, const char *key, int64_t *out, int *present,
    struct verr *errs)
{
	return (form_number(f, key, 1, out, present, errs));
}

static int
form_boolean(const struct fields *f, const char *key, int def,
    struct verr *errs)
{
	static const char *const yes[] = { "1", "on", "true", "yes", NULL };
	static const char *const no[] = { "0", "off", "false", "no", NULL };
	char buf[16];
	const char *v;
	int b;

	if ((v = form_value(f, key, 0, buf, sizeof(buf))) == NULL)
		return (def);
	if (code_in(v, yes))
		b = 1;
	else if (code_in(v, no))
		b = 0;
	else {
		verr_add(errs, key, "应为是或否");
		return (def);
	}
	if (f->echo != NULL)
		jw_bool(f->echo, key, b);
	return (b);
}

static size_t
form_texts(const struct fields *f, const char *key, const char **out,
    size_t max, struct verr *errs)
{
	const char *v;
	size_t i, n = 0;

	for (i = 0; (v = form_get_nth(f->src, key, i)) != NULL; i++) {
		if (form_value(f, key, i, NULL, 0) == NULL)
			continue; /* an empty choice ("none") */
		if (n == max) {
			verr_add(errs, key, "最多 %zu 项", max);
			return (0);
		}
		out[n++] = v;
	}
	if (f->echo != NULL && n > 0) {
		jw_array_begin(f->echo, key);
		for (i = 0; i < n; i++)
			jw_string(f->echo, NULL, out[i]);
		jw_array_end(f->echo);
	}
	return (n);
}

/* The non-empty fields "key.<name>", each an integer. */
static int
name_seen(const char *const *names, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcmp(names[i], name) == 0)
			return (1);
	}
	return (0);
}

static size_t
form_int_map(const struct fields *f, const char *key, const char **names,
    int64_t *values, size_t max, struct verr *errs)
{
	const struct form *form = f->src;
	const char *v;
	size_t i, n = 0, klen = strlen(key);

	for (i = 0; i < form->n; i++) {
		v = form->fields[i].value;
		if (strncmp(form->fields[i].name, key, klen) != 0 ||
		    form->fields[i].name[klen] != '.' || *v == '\0')
			continue;
		if (n == max) {
			verr_add(errs, key, "最多 %zu 项", max);
			return (0);
		}
		if (!parse_int64(v, &values[n])) {
			verr_add(errs, key, "%s 应为整数",
			    form->fields[i].name + klen + 1);
			return (0);
		}
		names[n] = form->fields[i].name + klen + 1;
		/* A JSON object cannot name a member twice: neither may a
		 * form (and its echo must stay valid JSON). */
		if (name_seen(names, n, names[n])) {
			verr_add(errs, key, "%s 重复", names[n]);
			return (0);
		}
		n++;
	}
	if (f->echo != NULL && n > 0) {
		jw_object_begin(f->echo, key);
		for (i = 0; i < n; i++)
			jw_int(f->echo, names[i], values[i]);
		jw_object_end(f->echo);
	}
	return (n);
}

/* "key.name" for record member name into out. */
static void
record_field(const char *key, const char *name, char *out, size_t len)
{
	(void)snprintf(out, len, "%s.%s", key, name);
}

static size_t
form_records(const struct fields *f, const char *key, const char *const *names,
    size_t nnames, const char **out, size_t max, struct verr *errs)
{
	char field[VERR_FIELD_LEN * 2];
	const char *v;
	size_t i, j, n = 0, any, more;

	for (i = 0;; i++) {
		any = more = 0;
		for (j = 0; j < nnames; j++) {
			record_field(key, names[j], field, sizeof(field));
			if (form_get_nth(f->src, field, i) != NULL)
				more = 1;
			if (form_value(f, field, i, NULL, 0) != NULL)
				any = 1;
		}
		if (!more)
			break;
		if (!any)
			continue;
		if (n == max) {
			verr_add(errs, key, "最多 %zu 项", max);
			return (0);
		}
		for (j = 0; j < nnames; j++) {
			record_field(key, names[j], field, sizeof(field));
			v = form_value(f, field, i, NULL, 0) != NULL ?
			    form_get_nth(f->src, field, i) :
			    NULL;
			out[n * nnames + j] = v;
		}
		n++;
	}
	if (f->echo != NULL && n > 0) {
		jw_array_begin(f->echo, key);
		for (i = 0; i < n; i++) {
			jw_object_begin(f->echo, NULL);
			for (j = 0; j < nnames; j++) {
				if (out[i * nnames + j] != NULL)
					jw_string(f->echo, names[j],
					    out[i * nnames + j]);
			}
			jw_object_end(f->echo);
		}
		jw_array_end(f->echo);
	}
	return (n);
}

static const struct fields_ops form_ops = {
	form_text,
	form_integer,
	form_money,
	form_boolean,
	form_texts,
	form_int_map,
	form_records,
};

void
fields_form(struct fields *f, const struct form *form, struct json_writer *echo)
{
	f->ops = &form_ops;
	f->src = form;
	f->echo = echo;
}
