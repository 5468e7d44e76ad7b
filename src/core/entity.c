/*
 * entity.c — validation of a regulated entity's fields (see entity.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/entity.h"
#include "core/util.h"

static const struct code_label categories[] = {
	{ "key", "重点排污单位" },
	{ "general", "一般排污单位" },
	{ "special", "特殊监管对象" },
}, statuses[] = {
	{ "active", "在营" },
	{ "closed", "关停" },
}, grades[] = {
	{ "green", "环保诚信" },
	{ "blue", "环保良好" },
	{ "yellow", "环保警示" },
	{ "red", "环保不良" },
	{ "black", "严重失信" },
};

#define LABEL_OF(table, code) code_label_of(table, GS_NELEM(table), code)

const char *
entity_category_label(const char *code)
{
	return (LABEL_OF(categories, code));
}

const char *
entity_status_label(const char *code)
{
	return (LABEL_OF(statuses, code));
}

const char *
entity_grade_label(const char *code)
{
	return (LABEL_OF(grades, code));
}

int
entity_category_valid(const char *code)
{
	return (*entity_category_label(code) != '\0');
}

int
entity_grade_valid(const char *code)
{
	return (*entity_grade_label(code) != '\0');
}

static int
present(const char *s)
{
	return (s != NULL && *s != '\0');
}

/* A required or optional text field of at most max characters. */
static void
check_text(struct verr *errs, const char *field, const char *label,
    const char *s, size_t min, size_t max)
{
	size_t len, chars;

	if (!present(s)) {
		if (min > 0)
			verr_add(errs, field, "请填写%s", label);
		return;
	}
	len = strlen(s);
	if (!utf8_valid_text(s, len) || strpbrk(s, "\r\n\t") != NULL) {
		verr_add(errs, field, "%s含有无效字符", label);
		return;
	}
	chars = utf8_length(s, len);
	if (chars < min)
		verr_add(errs, field, "%s至少%zu个字", label, min);
	else if (chars > max)
		verr_add(errs, field, "%s不能超过%zu个字", label, max);
}

/* A decimal coordinate: optional sign, up to 3 integer and 6 fraction
 * digits, within [-limit, limit]. */
static int
coordinate_valid(const char *s, double limit)
{
	const char *p;
	size_t ints, fracs;
	double v;

	p = s;
	if (*p == '-')
		p++;
	for (ints = 0; *p >= '0' && *p <= '9'; p++)
		ints++;
	fracs = 0;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			fracs++;
		if (fracs == 0)
			return (0);
	}
	if (*p != '\0' || ints == 0 || ints > 3 || fracs > 6)
		return (0);
	v = strtod(s, NULL);
	return (v >= -limit && v <= limit);
}

int
entity_validate(struct entity_input *in, struct verr *errs)
{
	enum uscc_result r;
	size_t before;

	before = errs->n;
	in->uscc_canon[0] = '\0';
	r = uscc_validate(in->uscc ? in->uscc : "",
	    in->uscc ? strlen(in->uscc) : 0, in->uscc_canon);
	if (r != USCC_OK)
		verr_add(errs, "uscc", "%s", uscc_message(r));

	check_text(errs, "name", "名称", in->name, 2, 200);
	check_text(errs, "address", "地址", in->address, 0, 200);
	check_text(errs, "township", "镇街", in->township, 1, 64);
	check_text(errs, "industry", "行业", in->industry, 1, 64);
	check_text(errs, "legal_rep", "法定代表人", in->legal_rep, 0, 64);

	if (!present(in->category))
		verr_add(errs, "category", "请选择监管类别");
	else if (!entity_category_valid(in->category))
		verr_add(errs, "category",
		    "监管类别应为 key（重点）、general（一般）或 special（特殊）");

	if (present(in->status) && *entity_status_label(in->status) == '\0')
		verr_add(errs, "status",
		    "状态应为 active（在营）或 closed（关停）");

	if (present(in->lat) != present(in->lng)) {
		verr_add(errs, present(in->lat) ? "lng" : "lat",
		    "经纬度须同时填写");
	} else if (present(in->lat)) {
		if (!coordinate_valid(in->lat, 90.0))
			verr_add(errs, "lat",
			    "纬度应为 -90 到 90 之间的小数（最多6位小数）");
		if (!coordinate_valid(in->lng, 180.0))
			verr_add(errs, "lng",
			    "经度应为 -180 到 180 之间的小数（最多6位小数）");
	}
	return (errs->n == before ? GS_OK : GS_ERROR);
}
