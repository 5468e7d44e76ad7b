/*
 * caseimport.c — a line of the legacy case import read and validated (see
 * caseimport.h).
 *
 * A line is one pass over its object in the order of the format; the state
 * is looked up first because what a line must hold depends on it. Every
 * problem is one error naming its path. A member that is already wrong is
 * not compared with the others again, and a member that must not be there
 * is refused without looking inside, so a user reads causes, not echoes.
 * Nothing here knows the database: whether the case number exists, which
 * violation code a text maps to, how the entity is matched are the
 * service's.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseimport.h"
#include "core/util.h"

#define UTF8_BOM "\xef\xbb\xbf"

#define CASE_NO_MAX 96
#define VIOLATION_TYPE_MAX 200
/* persons_* are integer columns (migration 0013). */
#define PERSONS_MAX INT32_MAX
/*
 * No amount of one case comes near 100亿元 (10^12 fen); a file that says
 * so is wrong, and a bound keeps every sum the statistics take over a
 * bureau's cases far inside 64 bits. The statute bounds a fine of the
 * system's own cases through the rulebook; history has no rulebook.
 */
#define AMOUNT_MAX INT64_C(1000000000000)

/* What one line's reading carries around. */
struct reader {
	struct import_errors *errs;
	size_t line;
	gs_date today;
};

static const char *const case_keys[] = { "case_no", "entity", "party_kind",
	"violation_type", "clue_source", "discovered_on", "filed_on",
	"decision", "hearing_held", "legal_review", "collective_discussion",
	"paid_fen", "measures", "transfers", "state", "closed_on", NULL };
static const char *const entity_keys[] = { "uscc", "name", "township",
	"industry", "category", "address", "legal_rep", NULL };
static const char *const decision_keys[] = { "outcome", "decided_on",
	"fine_fen", "no_penalty_reason", "served_on", NULL };
static const char *const measure_keys[] = { "kind", "decided_on", "amount_fen",
	NULL };
static const char *const transfer_keys[] = { "kind", "transferred_on",
	"persons_detained", "persons_coercive", NULL };

static void errors_vadd(struct import_errors *, size_t, const char *,
    const char *, va_list) __attribute__((format(printf, 4, 0)));
static void fail(struct reader *, const char *, const char *, const char *, ...)
    __attribute__((format(printf, 4, 5)));

/* ---- the error list ---------------------------------------------------- */

/* Cuts a UTF-8 sequence that snprintf left incomplete at the end. */
static void
cut_partial_utf8(char *s)
{
	size_t len, i, need;
	unsigned char c;

	len = strlen(s);
	for (i = len; i > 0 && len - i < 3; i--) {
		if (((unsigned char)s[i - 1] & 0xc0) != 0x80)
			break;
	}
	if (i == 0)
		return;
	c = (unsigned char)s[i - 1];
	if (c < 0xc0)
		return;
	need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

void
import_errors_init(struct import_errors *e)
{
	memset(e, 0, sizeof(*e));
}

void
import_errors_free(struct import_errors *e)
{
	free(e->items);
	memset(e, 0, sizeof(*e));
}

static void
errors_vadd(struct import_errors *e, size_t line, const char *field,
    const char *fmt, va_list ap)
{
	struct import_error *it;

	e->total++;
	if (e->n == IMPORT_ERRORS_MAX)
		return;
	if (e->n == e->cap) {
		e->cap = e->cap == 0 ? 16 : e->cap * 2;
		if (e->cap > IMPORT_ERRORS_MAX)
			e->cap = IMPORT_ERRORS_MAX;
		e->items = xrealloc(e->items, e->cap * sizeof(*e->items));
	}
	it = &e->items[e->n++];
	it->line = line;
	it->seq = e->total;
	(void)snprintf(it->field, sizeof(it->field), "%s", field);
	cut_partial_utf8(it->field);
	(void)vsnprintf(it->message, sizeof(it->message), fmt, ap);
	cut_partial_utf8(it->message);
}

static int
error_cmp(const void *a, const void *b)
{
	const struct import_error *x = a, *y = b;

	if (x->line != y->line)
		return (x->line < y->line ? -1 : 1);
	return (x->seq < y->seq ? -1 : x->seq > y->seq);
}

void
import_errors_sort(struct import_errors *e)
{
	if (e->n > 1)
		qsort(e->items, e->n, sizeof(*e->items), error_cmp);
}

void
import_errors_add(struct import_errors *e, size_t line, const char *field,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	errors_vadd(e, line, field, fmt, ap);
	va_end(ap);
}

/* An error of this line at path prefix + key. */
static void
fail(struct reader *r, const char *prefix, const char *key, const char *fmt,
    ...)
{
	char path[IMPORT_FIELD_LEN];
	va_list ap;

	(void)snprintf(path, sizeof(path), "%s%s", prefix, key);
	va_start(ap, fmt);
	errors_vadd(r->errs, r->line, path, fmt, ap);
	va_end(ap);
}

/* ---- typed members ----------------------------------------------------- */

/* A member; null counts as absent. */
static const struct json_value *
member(const struct json_value *obj, const char *key)
{
	const struct json_value *v;

	v = json_get(obj, key);
	return (v != NULL && v->type == JSON_NULL ? NULL : v);
}

/* Every member that is not in allowed is one error: the format is closed,
 * and a misspelt optional key must not be silently dropped. */
static void
check_keys(struct reader *r, const struct json_value *obj,
    const char *const *allowed, const char *prefix)
{
	const struct json_member *m;
	size_t i, j;

	for (i = 0; i < obj->u.obj.n; i++) {
		m = &obj->u.obj.members[i];
		for (j = 0; allowed[j] != NULL; j++) {
			if (strlen(allowed[j]) == m->keylen &&
			    memcmp(allowed[j], m->key, m->keylen) == 0)
				break;
		}
		if (allowed[j] == NULL)
			fail(r, prefix, m->key, "不支持的字段 %s%s", prefix,
			    m->key);
	}
}

/*
 * A string member into *out: 1 when there is one, 0 when it is absent (an
 * error if required) or wrong (always an error). A NUL inside would cut
 * the C string the service sees, so it is refused with the other controls.
 */
static int
get_text(struct reader *r, const struct json_value *obj, const char *prefix,
    const char *key, const char *label, int required, const char **out)
{
	const struct json_value *v;

	*out = NULL;
	if ((v = member(obj, key)) == NULL) {
		if (required)
			fail(r, prefix, key, "请填写%s", label);
		return (0);
	}
	if (v->type != JSON_STRING) {
		fail(r, prefix, key, "%s应为字符串", label);
		return (0);
	}
	if (!utf8_valid_text(v->u.str.s, v->u.str.len)) {
		fail(r, prefix, key, "%s含有无效字符", label);
		return (0);
	}
	*out = v->u.str.s;
	return (1);
}

/* A required one-line text of 1 .. max bytes (a case number, a type). */
static int
get_line_text(struct reader *r, const struct json_value *obj, const char *key,
    const char *label, size_t max, const char **out)
{
	size_t len;

	if (!get_text(r, obj, "", key, label, 1, out))
		return (0);
	len = strlen(*out);
	if (len == 0)
		fail(r, "", key, "请填写%s", label);
	else if (strpbrk(*out, "\t\r\n") != NULL)
		fail(r, "", key, "%s含有无效字符", label);
	else if (len > max)
		fail(r, "", key, "%s不能超过 %zu 字节", label, max);
	else
		return (1);
	*out = NULL;
	return (0);
}

/* A date member, never after today: 1 with *out set, else 0 and *out 0. */
static int
get_date(struct reader *r, const struct json_value *obj, const char *prefix,
    const char *key, const char *label, int required, gs_date *out)
{
	const struct json_value *v;

	*out = 0;
	if ((v = member(obj, key)) == NULL) {
		if (required)
			fail(r, prefix, key, "请填写%s", label);
		return (0);
	}
	/* The length check keeps a NUL after a valid date from passing. */
	if (v->type != JSON_STRING || v->u.str.len != GS_DATE_STRLEN - 1 ||
	    !date_parse(v->u.str.s, out)) {
		*out = 0;
		fail(r, prefix, key, "%s格式应为 YYYY-MM-DD", label);
		return (0);
	}
	if (*out > r->today) {
		*out = 0;
		fail(r, prefix, key, "%s不能晚于今天", label);
		return (0);
	}
	return (1);
}

/*
 * A JSON integer in 0 .. max (money in fen when money is set): 1 with *out
 * set, else 0. A fraction is refused rather than rounded: an amount the
 * old system wrote in yuan must not become a hundredth of itself.
 */
static int
get_count(struct reader *r, const struct json_value *obj, const char *prefix,
    const char *key, const char *label, int required, int money, int64_t max,
    int64_t *out)
{
	const struct json_value *v;

	*out = 0;
	if ((v = member(obj, key)) == NULL) {
		if (required)
			fail(r, prefix, key, "请填写%s", label);
		return (0);
	}
	if (v->type != JSON_NUMBER) {
		fail(r, prefix, key, "%s应为%s", label,
		    money ? "以分计的整数" : "整数");
		return (0);
	}
	if (!v->u.num.is_int) {
		if (strpbrk(v->u.num.text, ".eE") == NULL)
			fail(r, prefix, key, "%s超出范围", label);
		else
			fail(r, prefix, key, "%s应为%s", label,
			    money ? "以分计的整数，不能有小数" : "整数");
		return (0);
	}
	if (v->u.num.i < 0) {
		fail(r, prefix, key, "%s不能为负数", label);
		return (0);
	}
	if (v->u.num.i > max) {
		fail(r, prefix, key, "%s超出范围", label);
		return (0);
	}
	*out = v->u.num.i;
	return (1);
}

/* An optional boolean, false when absent. */
static void
get_flag(struct reader *r, const struct json_value *obj, const char *key,
    const char *label, int *out)
{
	const struct json_value *v;

	*out = 0;
	if ((v = member(obj, key)) == NULL)
		return;
	if (v->type != JSON_BOOL)
		fail(r, "", key, "%s应为 true 或 false", label);
	else
		*out = v->u.boolean;
}

/* ---- the case ------------------------------------------------------------ */

static int
state_importable(enum case_state st)
{
	return (st == CS_CLOSED || st == CS_ARCHIVED || st == CS_REVOKED ||
	    st == CS_NOT_FILED);
}

static int
state_decided(enum case_state st)
{
	return (st == CS_CLOSED || st == CS_ARCHIVED);
}

/* The line's state, looked up before it is reported; CS__MAX when it is
 * missing or wrong, and the rules that depend on it are then not judged. */
static enum case_state
state_of(const struct json_value *root)
{
	const struct json_value *v;
	enum case_state st;

	v = member(root, "state");
	if (v == NULL || v->type != JSON_STRING ||
	    strlen(v->u.str.s) != v->u.str.len)
		return (CS__MAX);
	st = case_state_from(v->u.str.s);
	return (state_importable(st) ? st : CS__MAX);
}

static void
read_state(struct reader *r, const struct json_value *root, enum case_state st)
{
	const char *s;

	if (get_text(r, root, "", "state", "案件状态", 1, &s) && st == CS__MAX)
		fail(r, "", "state",
		    "案件状态只能是 closed（已结案）、archived（已归档）、"
		    "revoked（已撤销）或 not_filed（不予立案）");
}

static void
read_party(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	const char *s;

	if (!get_text(r, root, "", "party_kind", "当事人类型", 1, &s))
		return;
	if (strcmp(s, "individual") == 0)
		c->party_individual = 1;
	else if (strcmp(s, "organisation") != 0)
		fail(r, "", "party_kind",
		    "当事人类型只能是 organisation（单位）或 individual（个人）");
}

static void
read_clue_source(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	const char *s;

	if (!get_text(r, root, "", "clue_source", "线索来源", 1, &s))
		return;
	if (code_label_find(clue_sources, CLUE_SOURCES, s) < CLUE_SOURCES)
		c->clue_source = s;
	else
		fail(r, "", "clue_source",
		    "线索来源只能是 public_report、online_monitoring、"
		    "double_random、patrol、assigned、referral、media 或 "
		    "campaign");
}

/*
 * The entity, checked by entity_validate as every face checks it. A member
 * of the wrong type is reported here and not again as "missing" by the
 * validator.
 */
static void
read_entity(struct reader *r, const struct json_value *root,
    struct entity_input *in)
{
	static const char *const labels[] = { "统一社会信用代码", "名称",
		"镇街", "行业", "监管类别", "地址", "法定代表人" };
	const char **slots[GS_NELEM(labels)];
	int bad[GS_NELEM(labels)];
	const struct json_value *v;
	struct verr ve;
	size_t i, k;

	if ((v = member(root, "entity")) == NULL) {
		fail(r, "", "entity", "请填写当事人信息（entity）");
		return;
	}
	if (v->type != JSON_OBJECT) {
		fail(r, "", "entity", "当事人信息（entity）应为对象");
		return;
	}
	check_keys(r, v, entity_keys, "entity.");
	slots[0] = &in->uscc;
	slots[1] = &in->name;
	slots[2] = &in->township;
	slots[3] = &in->industry;
	slots[4] = &in->category;
	slots[5] = &in->address;
	slots[6] = &in->legal_rep;
	for (i = 0; i < GS_NELEM(labels); i++) {
		bad[i] = member(v, entity_keys[i]) != NULL &&
		    !get_text(r, v, "entity.", entity_keys[i], labels[i], 0,
		        slots[i]);
	}
	verr_init(&ve);
	if (entity_validate(in, &ve))
		return;
	for (i = 0; i < ve.n; i++) {
		for (k = 0; k < GS_NELEM(labels); k++) {
			if (strcmp(ve.items[i].field, entity_keys[k]) == 0)
				break;
		}
		if (k < GS_NELEM(labels) && bad[k])
			continue;
		fail(r, "entity.", ve.items[i].field, "%s",
		    ve.items[i].message);
	}
}

/* discovered_on, and filed_on as the state wants it. */
static void
read_filing(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	(void)get_date(r, root, "", "discovered_on", "发现日期", 1,
	    &c->discovered_on);
	if (c->state == CS_NOT_FILED) {
		if (member(root, "filed_on") != NULL)
			fail(r, "", "filed_on",
			    "不予立案的案件没有立案日期（filed_on 应为 null）");
		return;
	}
	/* With no valid state, whether it is needed is not known. */
	if (!get_date(r, root, "", "filed_on", "立案日期", c->state != CS__MAX,
	        &c->filed_on))
		return;
	if (c->discovered_on != 0 && c->filed_on < c->discovered_on)
		fail(r, "", "filed_on", "立案日期不能早于发现日期");
}

static void
read_outcome(struct reader *r, const struct json_value *d,
    struct import_case *c)
{
	const char *s;

	/* CO__MAX while reading: a decision whose outcome is not known. */
	c->outcome = CO__MAX;
	if (!get_text(r, d, "decision.", "outcome", "决定类型", 1, &s))
		return;
	c->outcome = case_outcome_from(s);
	if (c->outcome == CO_NONE || c->outcome == CO__MAX) {
		c->outcome = CO__MAX;
		fail(r, "decision.", "outcome",
		    "决定类型只能是 penalty（行政处罚）、no_penalty（不予行政处罚）"
		    "或 judicial_transfer（移送司法）");
	}
}

/* The fine: required for a penalty, 0 or absent for the other outcomes. */
static void
read_fine(struct reader *r, const struct json_value *d, struct import_case *c)
{
	int64_t fine;
	int have;

	have = get_count(r, d, "decision.", "fine_fen", "罚款金额",
	    c->outcome == CO_PENALTY, 1, AMOUNT_MAX, &fine);
	if (c->outcome == CO_PENALTY) {
		if (have)
			c->fine_fen = fine;
	} else if (have && fine != 0 && c->outcome != CO__MAX)
		fail(r, "decision.", "fine_fen",
		    "只有行政处罚决定才有罚款金额（应为 0 或不填）");
}

static void
read_no_penalty_reason(struct reader *r, const struct json_value *d,
    struct import_case *c)
{
	enum case_no_penalty_reason npr;
	const char *s;

	if (c->outcome != CO_NO_PENALTY) {
		if (c->outcome != CO__MAX &&
		    member(d, "no_penalty_reason") != NULL)
			fail(r, "decision.", "no_penalty_reason",
			    "只有不予行政处罚决定才填写不予处罚理由");
		return;
	}
	if (!get_text(r, d, "decision.", "no_penalty_reason", "不予处罚理由", 1,
	        &s))
		return;
	npr = case_no_penalty_reason_from(s);
	if (npr == CNP_NONE || npr == CNP__MAX)
		fail(r, "decision.", "no_penalty_reason",
		    "不予处罚理由只能是 minor（轻微并及时改正）、first_offence"
		    "（首违不罚）、no_fault（无主观过错）或 not_established"
		    "（违法事实不能成立）");
	else
		c->no_penalty_reason = npr;
}

/* The decision: there for a decided state, absent for the others. */
static void
read_decision(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	const struct json_value *d;

	if ((d = member(root, "decision")) == NULL) {
		if (state_decided(c->state))
			fail(r, "", "decision",
			    "已结案或已归档的案件须有处理决定（decision）");
		return;
	}
	if (c->state == CS_REVOKED || c->state == CS_NOT_FILED) {
		fail(r, "", "decision",
		    "已撤销或不予立案的案件没有处理决定（decision 应为 null）");
		return;
	}
	if (d->type != JSON_OBJECT) {
		fail(r, "", "decision", "处理决定（decision）应为对象或 null");
		return;
	}
	check_keys(r, d, decision_keys, "decision.");
	c->has_decision = 1;
	read_outcome(r, d, c);
	if (get_date(r, d, "decision.", "decided_on", "决定日期", 1,
	        &c->decided_on) &&
	    c->filed_on != 0 && c->decided_on < c->filed_on)
		fail(r, "decision.", "decided_on", "决定日期不能早于立案日期");
	read_fine(r, d, c);
	read_no_penalty_reason(r, d, c);
	if (get_date(r, d, "decision.", "served_on", "送达日期", 0,
	        &c->served_on) &&
	    c->decided_on != 0 && c->served_on < c->decided_on)
		fail(r, "decision.", "served_on", "送达日期不能早于决定日期");
}

/* 1 when the line decides a penalty; an unknown outcome counts as one so
 * that it is not blamed twice. */
static int
penalty_or_unknown(const struct import_case *c)
{
	return (c->has_decision &&
	    (c->outcome == CO_PENALTY || c->outcome == CO__MAX));
}

/* Hearing, review and discussion happen on the way to a decision. */
static void
read_flags(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	static const char *const keys[] = { "hearing_held", "legal_review",
		"collective_discussion" };
	static const char *const labels[] = { "听证", "法制审核", "集体讨论" };
	int *slots[GS_NELEM(keys)];
	size_t i;

	slots[0] = &c->hearing_held;
	slots[1] = &c->legal_review;
	slots[2] = &c->collective_discussion;
	for (i = 0; i < GS_NELEM(keys); i++) {
		get_flag(r, root, keys[i], labels[i], slots[i]);
		if (*slots[i] && !c->has_decision)
			fail(r, "", keys[i],
			    "没有处理决定的案件不能记录%s（应为 false）",
			    labels[i]);
	}
}

static void
read_paid(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	int64_t paid;

	if (!get_count(r, root, "", "paid_fen", "缴款金额", 0, 1, AMOUNT_MAX,
	        &paid))
		return;
	if (!penalty_or_unknown(c))
		fail(r, "", "paid_fen", "只有行政处罚决定才有缴款金额");
	else
		c->paid_fen = paid;
}

/* A list member: 1 with *items and *n when there is something to read. */
static int
get_list(struct reader *r, const struct json_value *root, const char *key,
    const char *label, size_t max, const struct json_value *const **items,
    size_t *n)
{
	const struct json_value *v;

	*n = 0;
	if ((v = member(root, key)) == NULL)
		return (0);
	if (v->type != JSON_ARRAY) {
		fail(r, "", key, "%s应为数组", label);
		return (0);
	}
	if (v->u.arr.n > max) {
		fail(r, "", key, "%s最多 %zu 项，这一行有 %zu 项", label, max,
		    v->u.arr.n);
		return (0);
	}
	*items = (const struct json_value *const *)v->u.arr.items;
	*n = v->u.arr.n;
	return (*n > 0);
}

/* The item of a list as an object, with its path prefix "key[i]." built. */
static int
get_item(struct reader *r, const struct json_value *v, const char *key,
    size_t i, const char *label, const char *const *keys,
    char prefix[IMPORT_FIELD_LEN])
{
	char self[IMPORT_FIELD_LEN];

	(void)snprintf(self, sizeof(self), "%s[%zu]", key, i);
	(void)snprintf(prefix, IMPORT_FIELD_LEN, "%s[%zu].", key, i);
	if (v->type != JSON_OBJECT) {
		fail(r, self, "", "%s应为对象", label);
		return (0);
	}
	check_keys(r, v, keys, prefix);
	return (1);
}

/* A measure's or a transfer's day: not before the filing, or, for a case
 * never filed, its discovery. */
static void
check_step_day(struct reader *r, const char *prefix, const char *key,
    const char *label, gs_date day, const struct import_case *c)
{
	if (c->filed_on != 0 && day < c->filed_on)
		fail(r, prefix, key, "%s不能早于立案日期", label);
	else if (c->filed_on == 0 && c->discovered_on != 0 &&
	    day < c->discovered_on)
		fail(r, prefix, key, "%s不能早于发现日期", label);
}

static void
read_measure(struct reader *r, const struct json_value *v, size_t i,
    const struct import_case *c, struct import_measure *m)
{
	char prefix[IMPORT_FIELD_LEN];
	const char *s;

	m->kind = MK__MAX;
	m->amount_fen = IMPORT_NO_AMOUNT;
	if (!get_item(r, v, "measures", i, "配套措施", measure_keys, prefix))
		return;
	if (get_text(r, v, prefix, "kind", "措施种类", 1, &s)) {
		m->kind = measure_kind_from(s);
		if (m->kind == MK__MAX || measure_kind_is_transfer(m->kind)) {
			m->kind = MK__MAX;
			fail(r, prefix, "kind",
			    "措施种类只能是 daily_penalty、seizure、"
			    "production_limit 或 production_suspension"
			    "（移送写在 transfers 中）");
		}
	}
	/* 环境保护法 art. 59: a daily penalty builds on the bureau's own
	 * penalty decision, and comes after it. */
	if (m->kind == MK_DAILY_PENALTY && !penalty_or_unknown(c))
		fail(r, prefix, "kind",
		    "按日连续处罚须在本局作出行政处罚决定之后："
		    "这一行没有行政处罚决定");
	if (get_date(r, v, prefix, "decided_on", "措施决定日期", 1,
	        &m->decided_on)) {
		if (m->kind == MK_DAILY_PENALTY && c->outcome == CO_PENALTY &&
		    c->decided_on != 0 && m->decided_on < c->decided_on)
			fail(r, prefix, "decided_on",
			    "按日连续处罚的决定日期不能早于处罚决定日期");
		else
			check_step_day(r, prefix, "decided_on", "措施决定日期",
			    m->decided_on, c);
	}
	if (m->kind == MK_DAILY_PENALTY)
		(void)get_count(r, v, prefix, "amount_fen", "按日连续处罚金额",
		    1, 1, AMOUNT_MAX, &m->amount_fen);
	else if (m->kind != MK__MAX && member(v, "amount_fen") != NULL)
		fail(r, prefix, "amount_fen",
		    "只有按日连续处罚才填写金额（amount_fen）");
}

static void
read_measures(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	const struct json_value *const *items;
	size_t i, n;

	if (!get_list(r, root, "measures", "配套措施", IMPORT_MEASURES_MAX,
	        &items, &n))
		return;
	if (c->state == CS_NOT_FILED) {
		fail(r, "", "measures", "不予立案的案件不能有配套措施");
		return;
	}
	for (i = 0; i < n; i++)
		read_measure(r, items[i], i, c, &c->measures[i]);
	c->nmeasures = n;
}

/* The persons a transfer counts: each only for its own kind. */
static void
read_persons(struct reader *r, const struct json_value *v, const char *prefix,
    struct import_transfer *t)
{
	if (t->kind == MK_DETENTION_TRANSFER)
		(void)get_count(r, v, prefix, "persons_detained",
		    "行政拘留人数", 0, 0, PERSONS_MAX, &t->persons_detained);
	else if (t->kind != MK__MAX && member(v, "persons_detained") != NULL)
		fail(r, prefix, "persons_detained",
		    "只有移送适用行政拘留才填写行政拘留人数");
	if (t->kind == MK_CRIMINAL_TRANSFER)
		(void)get_count(r, v, prefix, "persons_coercive",
		    "刑事强制措施人数", 0, 0, PERSONS_MAX,
		    &t->persons_coercive);
	else if (t->kind != MK__MAX && member(v, "persons_coercive") != NULL)
		fail(r, prefix, "persons_coercive",
		    "只有移送涉嫌环境犯罪才填写刑事强制措施人数");
}

/*
 * A transfer. Detention (环境保护法 art. 63) follows the bureau's own
 * penalty decision, so the line must hold one and the transfer must not
 * come before it.
 */
static void
read_transfer(struct reader *r, const struct json_value *v, size_t i,
    const struct import_case *c, struct import_transfer *t)
{
	char prefix[IMPORT_FIELD_LEN];
	const char *s;
	int after_penalty = 0;

	t->kind = MK__MAX;
	if (!get_item(r, v, "transfers", i, "移送", transfer_keys, prefix))
		return;
	if (get_text(r, v, prefix, "kind", "移送类型", 1, &s) &&
	    (t->kind = measure_transfer_from(s)) == MK__MAX)
		fail(r, prefix, "kind",
		    "移送类型只能是 criminal（涉嫌环境犯罪）或 detention"
		    "（适用行政拘留）");
	if (t->kind == MK_DETENTION_TRANSFER) {
		if (!penalty_or_unknown(c))
			fail(r, prefix, "kind",
			    "移送适用行政拘留须在本局作出行政处罚决定之后："
			    "这一行没有行政处罚决定");
		else
			after_penalty = c->outcome == CO_PENALTY;
	}
	if (get_date(r, v, prefix, "transferred_on", "移送日期", 1,
	        &t->transferred_on)) {
		if (after_penalty && c->decided_on != 0 &&
		    t->transferred_on < c->decided_on)
			fail(r, prefix, "transferred_on",
			    "移送适用行政拘留的日期不能早于处罚决定日期");
		else
			check_step_day(r, prefix, "transferred_on", "移送日期",
			    t->transferred_on, c);
	}
	read_persons(r, v, prefix, t);
}

static void
read_transfers(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	const struct json_value *const *items;
	size_t i, n;

	if (!get_list(r, root, "transfers", "移送", IMPORT_TRANSFERS_MAX,
	        &items, &n))
		return;
	for (i = 0; i < n; i++)
		read_transfer(r, items[i], i, c, &c->transfers[i]);
	c->ntransfers = n;
}

/*
 * closed_on: the day the case ended, by closing, revoking or not filing.
 * It comes after every earlier step; the latest one it precedes is named.
 */
static void
read_closed(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	const struct {
		gs_date day;
		const char *label;
	} steps[] = {
		{ c->served_on, "送达日期" },
		{ c->decided_on, "决定日期" },
		{ c->filed_on, "立案日期" },
		{ c->discovered_on, "发现日期" },
	};
	const char *label;
	size_t i;

	if (c->state == CS_REVOKED)
		label = "撤销日期";
	else if (c->state == CS_NOT_FILED)
		label = "不予立案日期";
	else
		label = "结案日期";
	if (!get_date(r, root, "", "closed_on", label, 1, &c->closed_on))
		return;
	for (i = 0; i < GS_NELEM(steps); i++) {
		if (steps[i].day != 0 && c->closed_on < steps[i].day) {
			fail(r, "", "closed_on", "%s不能早于%s", label,
			    steps[i].label);
			return;
		}
	}
}

/* GS_OK when the line added no error. */
static int
read_case(struct reader *r, const struct json_value *root,
    struct import_case *c)
{
	size_t before = r->errs->total;

	check_keys(r, root, case_keys, "");
	c->state = state_of(root);
	c->fine_fen = CASE_NO_FINE;
	c->paid_fen = IMPORT_NO_AMOUNT;
	(void)get_line_text(r, root, "case_no", "案号", CASE_NO_MAX,
	    &c->case_no);
	read_entity(r, root, &c->entity);
	read_party(r, root, c);
	(void)get_line_text(r, root, "violation_type", "违法行为类型",
	    VIOLATION_TYPE_MAX, &c->violation_type);
	read_clue_source(r, root, c);
	read_filing(r, root, c);
	read_decision(r, root, c);
	read_flags(r, root, c);
	read_paid(r, root, c);
	read_measures(r, root, c);
	read_transfers(r, root, c);
	read_state(r, root, c->state);
	read_closed(r, root, c);
	return (r->errs->total == before ? GS_OK : GS_ERROR);
}

/* ---- lines ------------------------------------------------------------- */

int
import_line_read(const char *s, size_t len, size_t n, gs_date today,
    struct import_line *out, struct import_errors *errs)
{
	const struct json_value *root;
	struct json_error jerr;
	struct json_doc *doc;
	struct reader r;

	memset(out, 0, sizeof(*out));
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len > IMPORT_LINE_MAX) {
		import_errors_add(errs, n, "", "第 %zu 行超过 %d 字节", n,
		    IMPORT_LINE_MAX);
		return (GS_ERROR);
	}
	if (len == 0) {
		import_errors_add(errs, n, "", "第 %zu 行不是 JSON 对象", n);
		return (GS_ERROR);
	}
	if ((doc = json_parse(s, len, &jerr)) == NULL) {
		import_errors_add(errs, n, "",
		    "第 %zu 行不是 JSON 对象（第 %zu 个字节附近有误）", n,
		    jerr.offset + 1);
		return (GS_ERROR);
	}
	if ((root = json_root(doc))->type != JSON_OBJECT) {
		json_free(doc);
		import_errors_add(errs, n, "", "第 %zu 行不是 JSON 对象", n);
		return (GS_ERROR);
	}
	r.errs = errs;
	r.line = n;
	r.today = today;
	if (read_case(&r, root, &out->c) != GS_OK) {
		json_free(doc);
		memset(out, 0, sizeof(*out));
		return (GS_ERROR);
	}
	out->doc = doc;
	return (GS_OK);
}

void
import_line_free(struct import_line *l)
{
	json_free(l->doc);
	memset(l, 0, sizeof(*l));
}

/* Spaces, tabs and carriage returns only: a line an editor left behind. */
static int
blank(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return (0);
	}
	return (1);
}

int
import_lines(const char *body, size_t len,
    int (*fn)(const char *, size_t, size_t, void *), void *arg)
{
	const char *p, *end, *nl;
	size_t n, l;

	if (len == 0)
		return (GS_OK);
	p = body;
	end = body + len;
	if (len >= 3 && memcmp(p, UTF8_BOM, 3) == 0)
		p += 3;
	for (n = 1; p < end; n++) {
		nl = memchr(p, '\n', (size_t)(end - p));
		l = (size_t)((nl != NULL ? nl : end) - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (!blank(p, l) && fn(p, l, n, arg) != GS_OK)
			return (GS_ERROR);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return (GS_OK);
}
