/*
 * pages/measures.c — supporting measures and transfers to the police on
 * the screens: the case page's section that lists a case's measures with
 * their clocks and offers a form to propose each kind, the page of one
 * measure or transfer (GET /measures/{id}: its dates, rounds, items,
 * persons, clocks, documents, history, and a form for each action the
 * service allows), and the two posts (POST /cases/{id}/measures and
 * POST /measures/{id}/actions/{token}).
 *
 * The forms post the keys core/caseinput.c reads (measure_new_read,
 * measure_act_read) through the HTML form's field source, with one
 * adaptor (shanghai_fields below): a datetime-local input sends
 * "2026-12-04T09:30", without an offset, while the core reader takes an
 * instant only with one. The adaptor gives started_at and at the
 * bureau's +08:00 when they have none, and echoes the value with it, so
 * the history holds what a JSON client would have sent.
 *
 * Nothing here decides a rule: who may propose is core's
 * case_reaching_roles, what may be done is v->allowed from the service,
 * and every refusal is the service's, shown with the form open and what
 * was typed kept.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/markdown.h"
#include "db/measures.h"
#include "pages/pages.h"
#include "web/handlers.h"

/* Who works a case (core/measure.c proposes with the same roles). */
#define WORKERS                                                 \
	(ROLE_BIT(ROLE_OFFICER) | ROLE_BIT(ROLE_SQUAD_LEADER) | \
	    ROLE_BIT(ROLE_HEAD))

#define K(x) (1u << (x))

/* ---- instants typed in a datetime-local input ------------------------- */

#define INSTANT_KEYS 2
#define INSTANT_BUF 32

static const char *const instant_keys[INSTANT_KEYS] = { "started_at", "at" };

/*
 * The form's fields, except that an instant typed without an offset is
 * read as the bureau's local time (Asia/Shanghai, +08:00). Every other
 * key, and an instant that has an offset, reads exactly as the form
 * source reads it.
 */
struct shanghai_fields {
	struct fields plain; /* the form, echoing what it reads */
	struct fields quiet; /* the same without the echo: instants */
	struct json_writer *echo;
	char *buf; /* INSTANT_KEYS values of INSTANT_BUF bytes: store */
	char store[INSTANT_KEYS * INSTANT_BUF];
};

static const struct shanghai_fields *
sf_of(const struct fields *f)
{
	return (f->src);
}

/* "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS": a local time, no offset. */
static int
lacks_offset(const char *v)
{
	size_t n = strlen(v);

	return ((n == 16 || n == 19) && v[10] == 'T' &&
	    strpbrk(v + 11, "+-Zz") == NULL);
}

static const char *
sf_text(const struct fields *f, const char *key, struct verr *errs)
{
	const struct shanghai_fields *sf = sf_of(f);
	const char *v;
	char *out;
	size_t i;

	for (i = 0; i < INSTANT_KEYS; i++) {
		if (strcmp(key, instant_keys[i]) == 0)
			break;
	}
	if (i == INSTANT_KEYS)
		return (fields_text(&sf->plain, key, errs));
	if ((v = fields_text(&sf->quiet, key, errs)) == NULL)
		return (NULL);
	if (lacks_offset(v)) {
		out = sf->buf + i * INSTANT_BUF;
		(void)snprintf(out, INSTANT_BUF, "%s+08:00", v);
		v = out;
	}
	if (sf->echo != NULL)
		jw_string(sf->echo, key, v);
	return (v);
}

static int
sf_integer(const struct fields *f, const char *key, int64_t *out, int *present,
    struct verr *errs)
{
	return (fields_int(&sf_of(f)->plain, key, out, present, errs));
}

static int
sf_money(const struct fields *f, const char *key, int64_t *out, int *present,
    struct verr *errs)
{
	return (fields_money(&sf_of(f)->plain, key, out, present, errs));
}

static int
sf_boolean(const struct fields *f, const char *key, int def, struct verr *errs)
{
	return (fields_bool(&sf_of(f)->plain, key, def, errs));
}

static size_t
sf_texts(const struct fields *f, const char *key, const char **out, size_t max,
    struct verr *errs)
{
	return (fields_texts(&sf_of(f)->plain, key, out, max, errs));
}

static size_t
sf_int_map(const struct fields *f, const char *key, const char **names,
    int64_t *values, size_t max, struct verr *errs)
{
	return (
	    fields_int_map(&sf_of(f)->plain, key, names, values, max, errs));
}

static size_t
sf_records(const struct fields *f, const char *key, const char *const *names,
    size_t nnames, const char **out, size_t max, struct verr *errs)
{
	return (fields_records(&sf_of(f)->plain, key, names, nnames, out, max,
	    errs));
}

static const struct fields_ops shanghai_ops = {
	sf_text,
	sf_integer,
	sf_money,
	sf_boolean,
	sf_texts,
	sf_int_map,
	sf_records,
};

/* f reads form through sf (which must outlive f); echo may be NULL. */
static void
shanghai_fields(struct shanghai_fields *sf, struct fields *f,
    const struct form *form, struct json_writer *echo)
{
	memset(sf, 0, sizeof(*sf));
	fields_form(&sf->plain, form, echo);
	fields_form(&sf->quiet, form, NULL);
	sf->echo = echo;
	sf->buf = sf->store;
	f->ops = &shanghai_ops;
	f->src = sf;
	f->echo = echo;
}

/* ---- the fields of the forms ------------------------------------------ */

/* How a field is typed in, and how its submitted value reads back. */
enum mf_kind {
	MF_TEXT,     /* a few sentences */
	MF_MD,       /* Markdown */
	MF_DATE,     /* YYYY-MM-DD, today by default */
	MF_DATETIME, /* datetime-local, the bureau's time */
	MF_NUMBER,   /* a count: days, months, persons */
	MF_CHECK,    /* yes or no */
	MF_SELECT,   /* one code of a list */
	MF_RADIO,    /* one of a few, none chosen by default */
	MF_CHECKS,   /* any of a list */
	MF_ITEMS,    /* rows of items.name, items.quantity, items.note */
	MF_PERSONS,  /* rows of persons.name, persons.role */
};

enum mf_options {
	MO_NONE,
	MO_LIMIT_KIND, /* production_limit or production_suspension */
	MO_OFFICERS,   /* the bureau's officers */
	MO_CONTINUING, /* reinspect: still going on or corrected */
	MO_COMPLEXITY, /* a criminal transfer's complexity */
};

/* One field, by the key core/caseinput.c reads. */
struct mfield {
	const char *key;
	const char *label;
	enum mf_kind kind;
	enum mf_options options;
};

static const struct mfield mfields[] = {
	/* Proposals (measure_new_keys, transfer_new_keys). */
	{ "kind", "措施种类", MF_SELECT, MO_LIMIT_KIND },
	{ "decided_on", "决定日期", MF_DATE, MO_NONE },
	{ "monitoring_on", "监测报告日期（责令改正的依据）", MF_DATE, MO_NONE },
	{ "emergency", "情况紧急，已当场实施（事后补办批准）", MF_CHECK,
	    MO_NONE },
	{ "started_at", "当场实施时间（紧急实施时填写）", MF_DATETIME,
	    MO_NONE },
	{ "period_days", "查封、扣押期限（天）", MF_NUMBER, MO_NONE },
	{ "period_months", "限制生产期限（月，停产整治不填）", MF_NUMBER,
	    MO_NONE },
	{ "place", "查封、扣押地点", MF_TEXT, MO_NONE },
	{ "officer_ids", "实施的执法人员", MF_CHECKS, MO_OFFICERS },
	{ "items", "查封、扣押的场所、设施或者财物", MF_ITEMS, MO_NONE },
	{ "reported_on", "移送报告日期", MF_DATE, MO_NONE },
	{ "persons", "移送的人员", MF_PERSONS, MO_NONE },
	{ "facts_md", "事实与理由", MF_MD, MO_NONE },
	/* Actions (measure_act_keys). */
	{ "on", "日期", MF_DATE, MO_NONE },
	{ "at", "时间（不填为当前时间）", MF_DATETIME, MO_NONE },
	{ "reason", "理由", MF_TEXT, MO_NONE },
	{ "days", "延长天数", MF_NUMBER, MO_NONE },
	{ "months", "延长月数", MF_NUMBER, MO_NONE },
	{ "continuing", "复查时违法排放行为", MF_RADIO, MO_CONTINUING },
	{ "police_agency", "接收移送的公安机关", MF_TEXT, MO_NONE },
	{ "procuratorate_copied_on", "抄送人民检察院日期", MF_DATE, MO_NONE },
	{ "complexity", "案件复杂程度（公安机关审查期限）", MF_SELECT,
	    MO_COMPLEXITY },
	{ "persons_detained", "被行政拘留人数", MF_NUMBER, MO_NONE },
	{ "persons_coercive", "被采取刑事强制措施人数", MF_NUMBER, MO_NONE },
	{ "hand_over", "本案执行中的查封、扣押物品随案移交公安机关", MF_CHECK,
	    MO_NONE },
};

static const struct mfield *
mfield_find(const char *key)
{
	size_t i;

	for (i = 0; i < GS_NELEM(mfields); i++) {
		if (strcmp(mfields[i].key, key) == 0)
			return (&mfields[i]);
	}
	return (NULL);
}

/* What a form's fields are filled from. */
struct mform {
	struct web_ctx *ctx;
	int failed;              /* this form was posted: show what was typed */
	const struct verr *errs; /* of the posted form */
	const char *today;
	const struct measure_rules *rules;
	PGresult *officers;      /* MO_OFFICERS: OFFICERS_ACTIVE */
	PGresult *investigators; /* officers checked by default */
};

static void
choice_add(struct tlist *l, const struct mform *mf, const char *name,
    const char *value, const char *label, int def)
{
	form_choice_add(l, mf->ctx, mf->failed, name, value, label, def);
}

static void
options_add(struct tlist *l, const struct mform *mf, const struct mfield *ff)
{
	int c;

	switch (ff->options) {
	case MO_LIMIT_KIND:
		choice_add(l, mf, ff->key,
		    measure_kind_code(MK_PRODUCTION_LIMIT),
		    measure_kind_label(MK_PRODUCTION_LIMIT), 1);
		choice_add(l, mf, ff->key,
		    measure_kind_code(MK_PRODUCTION_SUSPENSION),
		    measure_kind_label(MK_PRODUCTION_SUSPENSION), 0);
		break;
	case MO_OFFICERS:
		officer_choices(l, mf->ctx, mf->failed, ff->key, mf->officers,
		    mf->investigators, OP_CHECK_INVESTIGATORS);
		break;
	case MO_CONTINUING:
		choice_add(l, mf, ff->key, "1", "仍在继续（拒不改正）", 0);
		choice_add(l, mf, ff->key, "0", "已停止（已改正）", 0);
		break;
	case MO_COMPLEXITY:
		for (c = 0; c < MC__MAX; c++)
			choice_add(l, mf, ff->key,
			    measure_complexity_code((enum measure_complexity)c),
			    measure_complexity_label(
			        (enum measure_complexity)c),
			    c == MC_NORMAL);
		break;
	case MO_NONE:
		break;
	}
}

/* The value a field shows before anything was typed. */
static void
field_default(const struct mform *mf, const struct mfield *ff, char *out,
    size_t len)
{
	*out = '\0';
	if (ff->kind == MF_DATE && strcmp(ff->key, "monitoring_on") != 0 &&
	    strcmp(ff->key, "procuratorate_copied_on") != 0)
		(void)snprintf(out, len, "%s", mf->today);
	else if (strcmp(ff->key, "period_days") == 0 && mf->rules != NULL)
		(void)snprintf(out, len, "%d", mf->rules->seizure_max_days);
}

/* A checkbox as posted, read as the reader reads it. */
static int
posted_yes(const struct mform *mf, const char *name)
{
	struct fields f;
	struct verr ignored;

	verr_init(&ignored);
	fields_form(&f, &mf->ctx->form, NULL);
	return (fields_bool(&f, name, 0, &ignored));
}

/* The columns of the rows of items and of persons (core/caseinput.c's
 * record members). */
struct record_col {
	const char *name;
	const char *label;
};

static const struct record_col item_cols[MEASURE_ITEM_FIELDS] = {
	{ "name", "名称" },
	{ "quantity", "数量" },
	{ "note", "备注（规格、存放地点等）" },
};

static const struct record_col person_cols[MEASURE_PERSON_FIELDS] = {
	{ "name", "姓名" },
	{ "role", "身份（职务）" },
};

/* Rows a form offers: this many empty ones, and as many more after the
 * last one typed in when the form comes back. */
#define RECORD_ROWS_EMPTY 3

/* One past the last row of key whose columns are not all blank. */
static size_t
rows_typed(struct web_ctx *ctx, const char *key, const struct record_col *cols,
    size_t ncols)
{
	char name[64];
	const char *v;
	size_t c, i, n = 0;

	for (c = 0; c < ncols; c++) {
		(void)snprintf(name, sizeof(name), "%s.%s", key, cols[c].name);
		for (i = 0; i < MEASURE_ITEMS_MAX &&
		     (v = web_param_nth(ctx, name, i)) != NULL;
		     i++) {
			if (*v != '\0' && i + 1 > n)
				n = i + 1;
		}
	}
	return (n);
}

/* The rows of items or persons: as posted, or a few empty ones. */
static void
records_add(struct tdata *f, const struct mform *mf, const struct mfield *ff)
{
	const struct record_col *cols;
	struct tdata *row, *cell;
	struct tlist *rows, *cells;
	char name[64];
	const char *v;
	size_t ncols, c, i, n;

	if (ff->kind == MF_ITEMS) {
		cols = item_cols;
		ncols = MEASURE_ITEM_FIELDS;
		n = 2 + RECORD_ROWS_EMPTY;
	} else {
		cols = person_cols;
		ncols = MEASURE_PERSON_FIELDS;
		n = RECORD_ROWS_EMPTY;
	}
	if (mf->failed &&
	    (i = rows_typed(mf->ctx, ff->key, cols, ncols) +
	            RECORD_ROWS_EMPTY) > n)
		n = i < MEASURE_ITEMS_MAX ? i : MEASURE_ITEMS_MAX;
	cells = tdata_list(f, "columns");
	for (c = 0; c < ncols; c++)
		tdata_text(tlist_add(cells), "label", cols[c].label);
	rows = tdata_list(f, "rows");
	for (i = 0; i < n; i++) {
		row = tlist_add(rows);
		tdata_int(row, "n", (int64_t)i + 1);
		cells = tdata_list(row, "cells");
		for (c = 0; c < ncols; c++) {
			(void)snprintf(name, sizeof(name), "%s.%s", ff->key,
			    cols[c].name);
			v = mf->failed ? web_param_nth(mf->ctx, name, i) : NULL;
			cell = tlist_add(cells);
			tdata_text(cell, "name", name);
			tdata_text(cell, "label", cols[c].label);
			tdata_text(cell, "value", v != NULL ? v : "");
		}
	}
}

/* One field of a form, named by its key. */
static void
field_add(struct tlist *l, const struct mform *mf, const struct mfield *ff,
    const char *label)
{
	static const char *const kinds[] = { "text", "md", "date", "datetime",
		"number", "check", "select", "radio", "checks" };
	struct tdata *f;
	const char *err, *v;
	char def[32];
	size_t k;

	f = tlist_add(l);
	tdata_text(f, "name", ff->key);
	tdata_text(f, "label", label != NULL ? label : ff->label);
	field_default(mf, ff, def, sizeof(def));
	v = mf->failed ? web_param(mf->ctx, ff->key) : def;
	if (v == NULL)
		v = "";
	tdata_text(f, "value", v);
	for (k = 0; k < GS_NELEM(kinds); k++)
		tdata_bool(f, kinds[k], (size_t)ff->kind == k);
	tdata_bool(f, "records",
	    ff->kind == MF_ITEMS || ff->kind == MF_PERSONS);
	tdata_bool(f, "checked", mf->failed && posted_yes(mf, ff->key));
	if (mf->failed && (err = verr_get(mf->errs, ff->key)) != NULL)
		tdata_text(f, "error", err);
	options_add(tdata_list(f, "options"), mf, ff);
	if (ff->kind == MF_ITEMS || ff->kind == MF_PERSONS)
		records_add(f, mf, ff);
}

/* Messages about none of the form's fields (the case, the actor): said
 * above the form. */
static void
form_notes(struct tdata *a, const char *const *keys, size_t nkeys,
    const struct verr *errs)
{
	struct tlist *l;
	size_t i, j;
	int own;

	l = tdata_list(a, "notes");
	for (i = 0; errs != NULL && i < errs->n; i++) {
		for (j = 0, own = 0; j < nkeys && !own; j++)
			own = keys[j] != NULL &&
			    strcmp(keys[j], errs->items[i].field) == 0;
		if (!own)
			tdata_text(tlist_add(l), "text",
			    errs->items[i].message);
	}
}

/* "label：field——message" for the first error, or "label：message". */
static void
refusal_text(const char *what, const char *const *keys,
    const char *const *labels, size_t nkeys, const struct verr *errs, char *out,
    size_t len)
{
	const struct mfield *ff;
	const char *field, *label = NULL;
	size_t j;

	if (errs->n == 0) {
		(void)snprintf(out, len, "%s", what);
		return;
	}
	field = errs->items[0].field;
	for (j = 0; j < nkeys && label == NULL; j++) {
		if (keys[j] != NULL && strcmp(keys[j], field) == 0 &&
		    (ff = mfield_find(field)) != NULL)
			label = labels[j] != NULL ? labels[j] : ff->label;
	}
	if (strcmp(field, "version") == 0)
		(void)snprintf(out, len, "表单缺少版本号，请刷新页面后重试");
	else if (label != NULL)
		(void)snprintf(out, len, "%s：%s——%s", what, label,
		    errs->items[0].message);
	else
		(void)snprintf(out, len, "%s：%s", what,
		    errs->items[0].message);
}

/* ---- what a measure is ------------------------------------------------- */

/* "2026-12-04 09:30", Shanghai time. */
static void
instant_text(time_t t, char out[GS_INSTANT_STRLEN])
{
	instant_format(t, out);
	out[10] = ' ';
	out[16] = '\0';
}

static void
fact_instant(struct tlist *l, const char *label, time_t t)
{
	char buf[GS_INSTANT_STRLEN];

	if (t == 0)
		return;
	instant_text(t, buf);
	fact_add(l, label, buf);
}

static void
fact_count(struct tlist *l, const char *label, int n, const char *unit)
{
	char buf[32];

	if (n == MEASURE_NO_COUNT)
		return;
	(void)snprintf(buf, sizeof(buf), "%d %s", n, unit);
	fact_add(l, label, buf);
}

/* The period asked for and its extension. */
static void
facts_period(struct tlist *l, const struct measure_rec *m)
{
	char buf[64];

	if (m->kind == MK_SEIZURE && m->period_days > 0) {
		(void)snprintf(buf, sizeof(buf), "%d 天", m->period_days);
		fact_add(l, "期限", buf);
	}
	if (m->kind == MK_PRODUCTION_LIMIT && m->period_months > 0) {
		(void)snprintf(buf, sizeof(buf), "%d 个月", m->period_months);
		fact_add(l, "期限", buf);
	}
	if (m->extension_days > 0) {
		(void)snprintf(buf, sizeof(buf), "%d 天", m->extension_days);
		fact_add(l, "延长", buf);
	}
	if (m->extension_months > 0) {
		(void)snprintf(buf, sizeof(buf), "%d 个月",
		    m->extension_months);
		fact_add(l, "延长", buf);
	}
	fact_date(l, "延长决定日期", m->extended_on);
}

/* Every date and count the measure has, in the order they happen. */
static void
facts_add(struct tlist *l, const struct measure_view *v)
{
	const struct measure_rec *m = &v->m;
	char buf[64];

	fact_date(l, "决定日期", m->decided_on);
	fact_date(l, "监测报告日期", m->monitoring_on);
	if (m->emergency) {
		fact_add(l, "紧急实施", "是（事后补办批准）");
		fact_instant(l, "当场实施时间", m->started_at);
	}
	fact_add(l, "地点", v->place);
	facts_period(l, m);
	fact_date(l, "移送报告日期", m->reported_on);
	fact_instant(l, measure_kind_is_transfer(m->kind) ? "批准移送" : "批准",
	    m->approved_at);
	fact_date(l, "起算日", m->effective_from);
	fact_date(l, "送达日期", m->served_on);
	fact_date(l, "整改方案提交", m->plan_submitted_on);
	fact_date(l, "整改完成报告", m->completion_reported_on);
	fact_date(l, "申请解除", m->release_applied_on);
	fact_date(l, "不予解除", m->release_refused_on);
	fact_date(l, "决定解除", m->release_decided_on);
	fact_date(l, "解除日期", m->released_on);
	fact_date(l, "跟踪检查", m->follow_up_on);
	fact_instant(l, "移送时间", m->transferred_at);
	fact_add(l, "接收的公安机关", v->police_agency);
	fact_date(l, "抄送人民检察院", m->procuratorate_copied_on);
	if (m->kind == MK_CRIMINAL_TRANSFER && m->transferred_at != 0)
		fact_add(l, "案件复杂程度",
		    measure_complexity_label(m->complexity));
	fact_date(l, "公安机关要求补充材料", m->more_requested_on);
	fact_date(l, "重新移送", m->resubmitted_on);
	fact_date(l, "公安机关决定", m->police_decided_on);
	if (measure_kind_is_transfer(m->kind))
		fact_count(l, "移送人数", m->npersons, "人");
	fact_count(l, "被行政拘留", m->persons_detained, "人");
	fact_count(l, "被采取刑事强制措施", m->persons_coercive, "人");
	fact_date(l, "登记处理结果", m->outcome_on);
	fact_date(l, "终结日期", m->ended_on);
	fact_add(l, "理由", v->end_reason);
	if (m->kind == MK_DAILY_PENALTY && m->nrounds > 0) {
		yuan_text(daily_penalty_total(m), buf, sizeof(buf));
		fact_add(l, "按日连续处罚累计", buf);
	}
}

/* The clocks of a measure into l; the number overdue as the bureau's own
 * work (a party's period, the police's, is shown but not counted). */
static int64_t
clocks_add(struct tlist *l, const struct measure_view *v)
{
	const struct deadline *dl;
	char buf[GS_INSTANT_STRLEN];
	struct tdata *t;
	size_t i;
	int64_t overdue = 0;

	for (i = 0; i < v->ndeadlines; i++) {
		dl = &v->deadlines[i];
		t = tlist_add(l);
		tdata_text(t, "kind", deadline_kind_label(dl->kind));
		tdata_text(t, "counting",
		    dl->due_at != 0 ? "小时" :
		        dl->working ? "工作日" :
		                      "自然日");
		if (dl->due_at != 0)
			instant_text(dl->due_at, buf);
		else
			date_format(dl->due_on, buf);
		tdata_text(t, "due", buf);
		if (dl->due_at == 0 && dl->effective_due_on == 0)
			tdata_text(t, "effective",
			    "检测期间不计入，届满日待定");
		else if (dl->due_at == 0 &&
		    dl->effective_due_on != dl->due_on) {
			date_format(dl->effective_due_on, buf);
			tdata_text(t, "effective", buf);
		}
		tdata_text(t, "status", deadline_status_label(dl->status));
		tdata_text(t, "status_code", deadline_status_code(dl->status));
		tdata_bool(t, "party", dl->party);
		if (dl->met_on != 0 && dl->status == DS_MET) {
			date_format(dl->met_on, buf);
			tdata_text(t, "met_on", buf);
		}
		overdue += dl->status == DS_OVERDUE && !dl->party;
	}
	return (overdue);
}

/* ---- the case page's section ------------------------------------------ */

int
measures_may_propose(uint32_t roles, const struct case_view *v)
{
	return (!case_state_final(v->rec.state) &&
	    case_reaching_roles(roles, WORKERS, v->facts.is_investigator,
	        v->facts.in_squad) != 0);
}

#define PROPOSAL_FIELDS_MAX 9

/* The forms that propose, one per kind (the two limits share one). */
static const struct proposal {
	const char *code; /* the form's id: propose-<code> */
	const char *label;
	int transfer;
	const char *kind; /* the kind it proposes; NULL: chosen in the form */
	struct {
		const char *key;
		const char *label;
	} fields[PROPOSAL_FIELDS_MAX];
} proposals[] = {
	{ "daily_penalty", "按日连续处罚", 0, "daily_penalty",
	    { { "decided_on", "责令改正决定日期" }, { "monitoring_on", NULL },
	        { "facts_md", "复查发现的违法事实" } } },
	{ "seizure", "查封、扣押", 0, "seizure",
	    { { "decided_on", NULL }, { "emergency", NULL },
	        { "started_at", NULL }, { "period_days", NULL },
	        { "place", NULL }, { "officer_ids", NULL }, { "items", NULL },
	        { "facts_md", NULL } } },
	{ "limit", "限制生产、停产整治", 0, NULL,
	    { { "kind", NULL }, { "decided_on", NULL },
	        { "period_months", NULL }, { "facts_md", NULL } } },
	{ "detention", "移送行政拘留", 1, "detention",
	    { { "persons", NULL }, { "facts_md", "移送的事实与理由" } } },
	{ "criminal", "移送涉嫌犯罪", 1, "criminal",
	    { { "reported_on", NULL },
	        { "officer_ids", "提出移送报告的执法人员" },
	        { "persons", NULL }, { "facts_md", "涉嫌犯罪的事实与理由" } } },
};

static const struct proposal *
proposal_find(const char *code)
{
	size_t i;

	for (i = 0; code != NULL && i < GS_NELEM(proposals); i++) {
		if (strcmp(proposals[i].code, code) == 0)
			return (&proposals[i]);
	}
	return (NULL);
}

/* The form a proposal came from, by its family and kind; NULL when the
 * kind is none of them. */
static const struct proposal *
proposal_of(int transfer, const char *kind)
{
	enum measure_kind k;

	if (kind == NULL)
		return (NULL);
	k = transfer ? measure_transfer_from(kind) : measure_kind_from(kind);
	switch (k) {
	case MK_DAILY_PENALTY:
		return (transfer ? NULL : proposal_find("daily_penalty"));
	case MK_SEIZURE:
		return (transfer ? NULL : proposal_find("seizure"));
	case MK_PRODUCTION_LIMIT:
	case MK_PRODUCTION_SUSPENSION:
		return (transfer ? NULL : proposal_find("limit"));
	case MK_DETENTION_TRANSFER:
		return (transfer ? proposal_find("detention") : NULL);
	case MK_CRIMINAL_TRANSFER:
		return (transfer ? proposal_find("criminal") : NULL);
	default:
		return (NULL);
	}
}

/* What the rulebook says a form must hold, above it. */
static void
proposal_hint(struct tdata *t, const struct proposal *p,
    const struct measure_rules *r)
{
	if (strcmp(p->code, "daily_penalty") == 0 ||
	    strcmp(p->code, "detention") == 0)
		tdata_text(t, "hint",
		    p->transfer ? "须在本局作出行政处罚决定之后移送。" :
		                  "须在本局作出罚款的行政处罚决定之后；"
		                  "提出即制作责令改正违法行为决定书。");
	else if (strcmp(p->code, "seizure") == 0)
		tdata_textf(t, "hint",
		    "须经负责人批准，由至少 %d 名持有效执法证的执法人员实施，"
		    "期限不超过 %d 天；情况紧急当场实施的，须在 %d "
		    "小时内补办批准手续。",
		    r->min_officers, r->seizure_max_days,
		    r->seizure_emergency_hours);
	else if (strcmp(p->code, "limit") == 0)
		tdata_textf(t, "hint",
		    "须经负责人批准；限制生产期限不超过 %d 个月。",
		    r->limit_max_months);
	else if (strcmp(p->code, "criminal") == 0)
		tdata_textf(t, "hint",
		    "移送报告须由至少 %d 名执法人员提出，负责人在 %d "
		    "日内决定是否移送。",
		    r->criminal_min_officers, r->criminal_head_days);
}

static void
proposals_add(struct tdata *d, const struct measure_forms *base)
{
	const struct proposal *p;
	const struct mfield *ff;
	const char *keys[PROPOSAL_FIELDS_MAX];
	struct mform mf;
	struct tdata *pr, *t;
	struct tlist *l, *fl;
	size_t i, j;

	pr = tdata_map(d, "proposals");
	url_setf(pr, "url", "/cases/%s/measures", base->v->rec.id);
	l = tdata_list(pr, "forms");
	for (i = 0; i < GS_NELEM(proposals); i++) {
		p = &proposals[i];
		memset(&mf, 0, sizeof(mf));
		mf.ctx = base->ctx;
		mf.failed =
		    base->posted != NULL && strcmp(base->posted, p->code) == 0;
		mf.errs = base->errs;
		mf.today = base->today;
		mf.rules = &base->l->rules;
		mf.officers = base->officers;
		mf.investigators = base->investigators;
		t = tlist_add(l);
		tdata_text(t, "code", p->code);
		tdata_text(t, "label", p->label);
		tdata_text(t, "family", p->transfer ? "transfer" : "measure");
		if (p->kind != NULL)
			tdata_text(t, "kind", p->kind);
		tdata_bool(t, "open", mf.failed);
		proposal_hint(t, p, &base->l->rules);
		fl = tdata_list(t, "fields");
		for (j = 0; j < PROPOSAL_FIELDS_MAX; j++) {
			keys[j] = p->fields[j].key;
			if (p->fields[j].key == NULL ||
			    (ff = mfield_find(p->fields[j].key)) == NULL)
				continue;
			field_add(fl, &mf, ff, p->fields[j].label);
		}
		form_notes(t, keys, PROPOSAL_FIELDS_MAX,
		    mf.failed ? mf.errs : NULL);
	}
}

int64_t
case_measures_add(struct tdata *d, const struct measure_forms *mf)
{
	const struct measure_view *v;
	struct tdata *t;
	struct tlist *l;
	int64_t overdue = 0;
	size_t i;

	l = tdata_list(d, "measures");
	for (i = 0; i < mf->l->n; i++) {
		v = &mf->l->items[i];
		t = tlist_add(l);
		url_setf(t, "url", "/measures/%s", v->id);
		tdata_text(t, "kind", measure_kind_label(v->m.kind));
		tdata_text(t, "state", measure_state_label(v->m.state));
		tdata_text(t, "state_code", measure_state_code(v->m.state));
		if (v->doc_no != NULL)
			tdata_text(t, "doc_no", v->doc_no);
		tdata_bool(t, "actionable", v->allowed != 0);
		facts_add(tdata_list(t, "facts"), v);
		overdue += clocks_add(tdata_list(t, "clocks"), v);
		tdata_bool(t, "has_clocks", v->ndeadlines > 0);
	}
	if (mf->may_propose)
		proposals_add(d, mf);
	return (overdue);
}

/* POST /cases/{id}/measures: a measure, or a transfer (family=transfer). */
int
serve_cases_measures_create(struct web_ctx *ctx)
{
	const struct proposal *p;
	struct measure_act_result res;
	struct shanghai_fields sf;
	struct measure_body mb;
	struct case_actor ca;
	struct json_writer w;
	struct fields f;
	struct verr errs;
	struct buf detail;
	struct db *db;
	const char *family, *keys[PROPOSAL_FIELDS_MAX],
	    *labels[PROPOSAL_FIELDS_MAX];
	char id[40], today[16], url[96], what[128],
	    text[VERR_MESSAGE_LEN + 256];
	enum db_result r;
	int transfer, status;
	size_t j;

	family = web_param(ctx, "family");
	transfer = family != NULL && strcmp(family, "transfer") == 0;
	p = proposal_of(transfer, web_param(ctx, "kind"));
	verr_init(&errs);
	buf_init(&detail);
	jw_init(&w, &detail);
	jw_object_begin(&w, NULL);
	shanghai_fields(&sf, &f, &ctx->form, &w);
	measure_new_read(&f, transfer, &mb, &errs);
	jw_object_end(&w);
	r = DB_INVALID;
	memset(&res, 0, sizeof(res));
	res.verdict = CASE_GUARD;
	if (errs.n == 0) {
		if ((db = web_db(ctx)) == NULL) {
			buf_free(&detail);
			return (KORE_RESULT_OK);
		}
		web_today(today);
		ca = api_case_actor(ctx,
		    transfer ? "transfers.create" : "measures.create");
		r = db_measure_create(db, &ca, ctx->caps.v[0], &mb, detail.data,
		    today, web_now(), &res, &errs, id);
	}
	buf_free(&detail);
	if (r == DB_OK) {
		web_flash(ctx,
		    transfer ? "transfer_proposed" : "measure_proposed");
		(void)snprintf(url, sizeof(url), "/measures/%s", id);
		return (web_redirect(ctx, url));
	}
	if (r != DB_INVALID)
		return (web_db_error(ctx, r, &errs));
	for (j = 0; j < PROPOSAL_FIELDS_MAX; j++) {
		keys[j] = p != NULL ? p->fields[j].key : NULL;
		labels[j] = p != NULL ? p->fields[j].label : NULL;
	}
	(void)snprintf(what, sizeof(what), "%s未提出",
	    p != NULL    ? p->label :
	        transfer ? "移送" :
	                   "措施");
	if (res.verdict == CASE_FORBIDDEN) {
		status = HTTP_STATUS_FORBIDDEN;
		(void)snprintf(text, sizeof(text), "%s",
		    verr_get(&errs, "actor") != NULL ?
		        verr_get(&errs, "actor") :
		        "您不能执行此操作");
	} else {
		status = HTTP_STATUS_UNPROCESSABLE;
		refusal_text(what, keys, labels, PROPOSAL_FIELDS_MAX, &errs,
		    text, sizeof(text));
	}
	return (case_page_refused(ctx, status, text, p != NULL ? p->code : NULL,
	    &errs));
}

/* ---- a measure's page -------------------------------------------------- */

#define MACTION_FIELDS_MAX 5

#define SEIZURE K(MK_SEIZURE)
#define LIMITS (K(MK_PRODUCTION_LIMIT) | K(MK_PRODUCTION_SUSPENSION))
#define DETENTION K(MK_DETENTION_TRANSFER)
#define CRIMINAL K(MK_CRIMINAL_TRANSFER)

/* The form of each action: its fields (for the kinds named; 0 is every
 * kind), with a label where the field's own is too general. */
static const struct maction_form {
	enum measure_action action;
	struct {
		const char *key;
		const char *label;
		uint32_t kinds;
	} fields[MACTION_FIELDS_MAX];
	const char *confirm; /* asked before an end or a refusal */
} maction_forms[] = {
	{ MA_APPROVE, { { "at", "批准时间（不填为当前时间）", 0 } }, NULL },
	{ MA_REFUSE, { { "reason", "不予批准理由", 0 } }, "确定不予批准？" },
	{ MA_SERVE_ORDER, { { "on", "送达日期", 0 } }, NULL },
	{ MA_REINSPECT, { { "on", "复查日期", 0 }, { "continuing", NULL, 0 } },
	    NULL },
	{ MA_DECIDE_ROUND, { { "on", "决定日期", 0 } }, NULL },
	{ MA_END, { { "on", "终止日期", 0 }, { "reason", "终止理由", 0 } },
	    "确定终止按日连续处罚？" },
	{ MA_SERVE, { { "on", "送达日期", 0 } }, NULL },
	{ MA_EXTEND,
	    { { "on", "延长决定日期", 0 }, { "days", NULL, SEIZURE },
	        { "months", NULL, LIMITS }, { "reason", "延长理由", 0 } },
	    NULL },
	{ MA_START_TESTING, { { "on", "检测开始日期", 0 } }, NULL },
	{ MA_END_TESTING, { { "on", "检测结束日期", 0 } }, NULL },
	{ MA_APPLY_RELEASE, { { "on", "当事人申请日期", 0 } }, NULL },
	{ MA_RELEASE,
	    { { "on", "解除决定日期", 0 }, { "reason", "解除理由", SEIZURE } },
	    NULL },
	{ MA_REFUSE_RELEASE,
	    { { "on", "决定日期", 0 }, { "reason", "不予解除理由", 0 } },
	    "确定不予解除？" },
	{ MA_SERVE_RELEASE, { { "on", "送达日期", 0 } }, NULL },
	{ MA_DISPOSE,
	    { { "on", "处理日期", 0 },
	        { "reason", "处理情况（没收、移交等）", 0 } },
	    "确定依法处理？处理后查封、扣押即告终结。" },
	{ MA_SUBMIT_PLAN, { { "on", "整改方案提交日期", 0 } }, NULL },
	{ MA_REPORT_COMPLETION, { { "on", "整改完成报告日期", 0 } }, NULL },
	{ MA_FOLLOW_UP, { { "on", "跟踪检查日期", 0 } }, NULL },
	{ MA_TRANSFER,
	    { { "at", "移送时间（不填为当前时间）", 0 },
	        { "police_agency", NULL, 0 },
	        { "procuratorate_copied_on", NULL, CRIMINAL },
	        { "complexity", NULL, CRIMINAL },
	        { "hand_over", NULL, CRIMINAL } },
	    NULL },
	{ MA_REQUEST_MORE,
	    { { "on", "公安机关要求日期", 0 },
	        { "reason", "要求补充的材料", 0 } },
	    NULL },
	{ MA_RESUBMIT, { { "on", "重新移送日期", 0 } }, NULL },
	{ MA_POLICE_ACCEPT, { { "on", "受理（立案）日期", 0 } }, NULL },
	{ MA_POLICE_REJECT,
	    { { "on", "公安机关决定日期", 0 },
	        { "reason", "不予受理（立案）的理由", 0 } },
	    NULL },
	{ MA_RECORD_OUTCOME,
	    { { "on", "登记日期", 0 }, { "persons_detained", NULL, DETENTION },
	        { "persons_coercive", NULL, CRIMINAL } },
	    NULL },
};

static const struct maction_form *
maction_form_of(enum measure_action a)
{
	size_t i;

	for (i = 0; i < GS_NELEM(maction_forms); i++) {
		if (maction_forms[i].action == a)
			return (&maction_forms[i]);
	}
	return (NULL);
}

/* The keys and labels action a's form shows for kind k. */
static size_t
maction_keys(const struct maction_form *af, enum measure_kind k,
    const char **keys, const char **labels)
{
	size_t j, n = 0;

	for (j = 0; j < MACTION_FIELDS_MAX && af->fields[j].key != NULL; j++) {
		if (af->fields[j].kinds != 0 && !(af->fields[j].kinds & K(k)))
			continue;
		keys[n] = af->fields[j].key;
		labels[n++] = af->fields[j].label;
	}
	return (n);
}

static void
mactions_add(struct tdata *d, const struct measure_view *v,
    const struct mform *base, enum measure_action posted)
{
	const struct maction_form *af;
	const struct mfield *ff;
	const char *keys[MACTION_FIELDS_MAX], *labels[MACTION_FIELDS_MAX];
	struct mform mf;
	struct tdata *a;
	struct tlist *l, *fl;
	size_t j, n;
	int i;

	l = tdata_list(d, "actions");
	for (i = 0; i < MA__MAX; i++) {
		if (!(v->allowed & (1u << i)) ||
		    (af = maction_form_of((enum measure_action)i)) == NULL)
			continue;
		mf = *base;
		mf.failed = posted == (enum measure_action)i;
		a = tlist_add(l);
		tdata_text(a, "code",
		    measure_action_code((enum measure_action)i));
		tdata_text(a, "label",
		    measure_action_label((enum measure_action)i));
		url_setf(a, "url", "/measures/%s/actions/%s", v->id,
		    measure_action_code((enum measure_action)i));
		tdata_bool(a, "open", mf.failed);
		tdata_bool(a, "setback", af->confirm != NULL);
		if (af->confirm != NULL)
			tdata_text(a, "confirm", af->confirm);
		fl = tdata_list(a, "fields");
		n = maction_keys(af, v->m.kind, keys, labels);
		for (j = 0; j < n; j++) {
			if ((ff = mfield_find(keys[j])) != NULL)
				field_add(fl, &mf, ff, labels[j]);
		}
		form_notes(a, keys, n, mf.failed ? mf.errs : NULL);
	}
	tdata_bool(d, "has_actions", v->allowed != 0);
}

/* Rounds of a daily penalty: days counted and amounts. */
static void
rounds_add(struct tdata *d, const struct measure_rec *m, int64_t fine_fen)
{
	const struct measure_round_rec *r;
	struct tlist *l;
	struct tdata *t;
	char buf[160], fine[48], amount[48];
	size_t i;

	l = tdata_list(d, "rounds");
	money_format_yuan(fine_fen > 0 ? fine_fen : 0, fine, sizeof(fine));
	for (i = 0; i < m->nrounds; i++) {
		r = &m->rounds[i];
		t = tlist_add(l);
		tdata_int(t, "n", (int64_t)i + 1);
		date_format(r->counted_from, buf);
		tdata_text(t, "counted_from", r->counted_from != 0 ? buf : "—");
		date_format(r->reinspected_on, buf);
		tdata_text(t, "reinspected_on",
		    r->reinspected_on != 0 ? buf : "待复查");
		if (r->days > 0)
			(void)snprintf(buf, sizeof(buf), "%d 日", r->days);
		else
			(void)snprintf(buf, sizeof(buf), "—");
		tdata_text(t, "days", buf);
		if (r->amount_fen >= 0) {
			money_format_yuan(r->amount_fen, amount,
			    sizeof(amount));
			(void)snprintf(buf, sizeof(buf),
			    "%s 元 × %d 日 = %s 元", fine, r->days, amount);
		} else
			(void)snprintf(buf, sizeof(buf), "—");
		tdata_text(t, "amount", buf);
		date_format(r->decided_on, buf);
		tdata_text(t, "decided_on", r->decided_on != 0 ? buf : "—");
	}
	yuan_text(daily_penalty_total(m), buf, sizeof(buf));
	tdata_text(d, "rounds_total", buf);
}

static void
testing_add(struct tdata *d, const struct measure_rec *m)
{
	struct tlist *l;
	struct tdata *t;
	char buf[GS_DATE_STRLEN];
	size_t i;

	l = tdata_list(d, "testing");
	for (i = 0; i < m->nexclusions; i++) {
		t = tlist_add(l);
		date_format(m->exclusions[i].from, buf);
		tdata_text(t, "from", buf);
		if (m->exclusions[i].to != 0) {
			date_format(m->exclusions[i].to, buf);
			tdata_text(t, "to", buf);
		}
	}
}

/* Columns of SQL_MEASURE_OFFICERS (id, name, certificate),
 * SQL_MEASURE_ITEMS (seq, name, quantity, note) and SQL_MEASURE_PERSONS
 * (seq, name, role). */
static void
lists_add(struct tdata *d, const struct measure_page *p)
{
	struct tlist *l;
	struct tdata *t;
	int i;

	l = tdata_list(d, "officers");
	for (i = 0; i < PQntuples(p->officers); i++) {
		t = tlist_add(l);
		tdata_text(t, "name", PQgetvalue(p->officers, i, 1));
		tdata_text(t, "cert", PQgetvalue(p->officers, i, 2));
	}
	l = tdata_list(d, "items");
	for (i = 0; i < PQntuples(p->items); i++) {
		t = tlist_add(l);
		tdata_int(t, "n", i + 1);
		tdata_text(t, "name", PQgetvalue(p->items, i, 1));
		tdata_text(t, "quantity", PQgetvalue(p->items, i, 2));
		tdata_text(t, "note", PQgetvalue(p->items, i, 3));
	}
	l = tdata_list(d, "persons");
	for (i = 0; i < PQntuples(p->persons); i++) {
		t = tlist_add(l);
		tdata_int(t, "n", i + 1);
		tdata_text(t, "name", PQgetvalue(p->persons, i, 1));
		tdata_text(t, "role", PQgetvalue(p->persons, i, 2));
	}
	tdata_bool(d, "show_officers", PQntuples(p->officers) > 0);
	tdata_bool(d, "show_items", PQntuples(p->items) > 0);
	tdata_bool(d, "show_persons", PQntuples(p->persons) > 0);
}

/* ---- the history -------------------------------------------------------- */

/* Records (items, persons) as "name quantity（note）；…". */
static void
detail_records(const struct json_value *jv, struct buf *b)
{
	static const char *const parts[] = { "name", "quantity", "role",
		"note" };
	const struct json_value *rec, *m;
	size_t i, j;

	for (i = 0; i < jv->u.arr.n; i++) {
		rec = jv->u.arr.items[i];
		if (rec->type != JSON_OBJECT)
			continue;
		if (b->len > 0)
			buf_puts(b, "；");
		for (j = 0; j < GS_NELEM(parts); j++) {
			if ((m = json_get(rec, parts[j])) == NULL ||
			    m->type != JSON_STRING || m->u.str.len == 0)
				continue;
			if (j == 0)
				buf_puts(b, m->u.str.s);
			else
				buf_printf(b, j == 3 ? "（%s）" : " %s",
				    m->u.str.s);
		}
	}
}

/* The unit a count of key is in. */
static const char *
unit_of(const char *key)
{
	if (strcmp(key, "days") == 0 || strcmp(key, "period_days") == 0)
		return (" 天");
	if (strcmp(key, "months") == 0 || strcmp(key, "period_months") == 0)
		return (" 个月");
	if (strncmp(key, "persons_", 8) == 0)
		return (" 人");
	return ("");
}

/* The submitted value jv of mfields[row] as a person reads it; NULL to
 * leave it out. */
static const char *
detail_text(size_t row, const struct json_value *jv, struct buf *b)
{
	const struct mfield *ff = &mfields[row];
	enum measure_kind k;
	char buf[GS_INSTANT_STRLEN];
	time_t t;

	buf_reset(b);
	switch (ff->kind) {
	case MF_NUMBER:
		if (jv->type != JSON_NUMBER || !jv->u.num.is_int)
			return (NULL);
		buf_printf(b, "%" PRId64 "%s", jv->u.num.i, unit_of(ff->key));
		return (b->data);
	case MF_CHECK:
		return (jv->type == JSON_BOOL && jv->u.boolean ? "是" : NULL);
	case MF_RADIO:
		if (jv->type != JSON_BOOL)
			return (NULL);
		return (jv->u.boolean ? "仍在继续（拒不改正）" :
		                        "已停止（已改正）");
	case MF_ITEMS:
	case MF_PERSONS:
		if (jv->type != JSON_ARRAY)
			return (NULL);
		detail_records(jv, b);
		return (b->len > 0 ? b->data : NULL);
	case MF_CHECKS:
		return (NULL); /* officer ids: the page lists the officers */
	case MF_SELECT:
		if (jv->type != JSON_STRING)
			return (NULL);
		if (ff->options == MO_COMPLEXITY)
			return (measure_complexity_label(
			    measure_complexity_from(jv->u.str.s)));
		k = measure_kind_from(jv->u.str.s);
		if (k == MK__MAX)
			k = measure_transfer_from(jv->u.str.s);
		return (k < MK__MAX ? measure_kind_label(k) : jv->u.str.s);
	case MF_DATETIME:
		if (jv->type != JSON_STRING)
			return (NULL);
		if (!instant_parse(jv->u.str.s, &t))
			return (jv->u.str.s);
		instant_text(t, buf);
		buf_puts(b, buf);
		return (b->data);
	case MF_TEXT:
	case MF_MD:
	case MF_DATE:
		break;
	}
	return (jv->type == JSON_STRING ? jv->u.str.s : NULL);
}

/* mfields as history_detail_add walks them. */
static void
detail_field(size_t i, struct detail_field *out)
{
	out->key = mfields[i].key;
	out->label = mfields[i].label;
	out->markdown = mfields[i].kind == MF_MD;
}

/* The submitted fields of an event, labelled as the forms. */
static const struct detail_table history_fields = { GS_NELEM(mfields),
	detail_field, detail_text };

/* Columns of SQL_MEASURE_EVENTS: action, from, to, actor, at, detail. */
static void
history_add(struct tdata *d, PGresult *ev, int transfer)
{
	enum measure_state from, to;
	struct tlist *l;
	struct tdata *t;
	const char *action;
	int i;

	l = tdata_list(d, "history");
	for (i = 0; i < PQntuples(ev); i++) {
		t = tlist_add(l);
		action = PQgetvalue(ev, i, 0);
		from = measure_state_from(PQgetvalue(ev, i, 1));
		to = measure_state_from(PQgetvalue(ev, i, 2));
		tdata_text(t, "action",
		    strcmp(action, "create") == 0 ?
		        (transfer ? "提出移送" : "提出措施") :
		        measure_action_label(measure_action_from(action)));
		tdata_text(t, "actor", PQgetvalue(ev, i, 3));
		tdata_text(t, "at", PQgetvalue(ev, i, 4));
		tdata_bool(t, "moved", from != to);
		tdata_text(t, "to", measure_state_label(to));
		tdata_text(t, "to_code", measure_state_code(to));
		history_detail_add(t, PQgetvalue(ev, i, 5),
		    (size_t)PQgetlength(ev, i, 5), &history_fields);
	}
}

/* Why the page is shown again after a post, and with what. */
struct mpage_state {
	int status;
	const char *alert;          /* the refusal, at the top */
	enum measure_action failed; /* its form opens again; MA__MAX: none */
	const struct verr *errs;    /* next to the fields */
};

static void
head_add(struct tdata *d, const struct measure_page *p)
{
	const struct measure_view *v = &p->l.items[0];
	const struct case_rec *c = &p->cv.rec;
	struct tdata *m;

	m = tdata_map(d, "m");
	tdata_text(m, "kind", measure_kind_label(v->m.kind));
	tdata_text(m, "state", measure_state_label(v->m.state));
	tdata_text(m, "state_code", measure_state_code(v->m.state));
	if (v->doc_no != NULL)
		tdata_text(m, "doc_no", v->doc_no);
	url_setf(m, "case_url", "/cases/%s", c->id);
	tdata_text(m, "case_label",
	    c->case_no != NULL ? c->case_no : "立案申请（待审批）");
	url_setf(m, "entity_url", "/entities/%s", c->entity_id);
	tdata_text(m, "entity_name", c->entity_name);
	tdata_text(m, "violation", c->violation_name);
	tdata_bool(m, "transfer", measure_kind_is_transfer(v->m.kind));
	if (v->facts_md != NULL && *v->facts_md != '\0' &&
	    !tdata_markdown(m, "narrative", v->facts_md, strlen(v->facts_md)))
		(void)tdata_markdown(m, "narrative", "", 0);
}

static int
measure_page(struct web_ctx *ctx, const struct mpage_state *st)
{
	const struct measure_view *v;
	struct measure_page p;
	struct case_actor ca;
	struct mform mf;
	struct tdata *d;
	struct db *db;
	char today[16];
	enum db_result r;
	int transfer, rc;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx, "measures.show");
	if ((r = db_measure_page(db, &ca, ctx->caps.v[0], today, web_now(),
	         &p)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	v = &p.l.items[0];
	transfer = measure_kind_is_transfer(v->m.kind);
	d = web_page(ctx);
	tdata_textf(d, "title", "%s · %s", measure_kind_label(v->m.kind),
	    p.cv.rec.case_no != NULL ? p.cv.rec.case_no : p.cv.rec.entity_name);
	tdata_text(d, "csrf", ctx->user.csrf);
	tdata_int(d, "version", v->version);
	tdata_text(d, "family", transfer ? "transfer" : "measure");
	if (st->alert != NULL)
		tdata_text(d, "alert", st->alert);
	head_add(d, &p);
	facts_add(tdata_list(d, "facts"), v);
	tdata_bool(d, "is_daily", v->m.kind == MK_DAILY_PENALTY);
	rounds_add(d, &v->m, p.cv.rec.fine_fen);
	tdata_bool(d, "is_seizure", v->m.kind == MK_SEIZURE);
	testing_add(d, &v->m);
	lists_add(d, &p);
	tdata_int(d, "overdue_count", clocks_add(tdata_list(d, "clocks"), v));
	tdata_bool(d, "has_clocks", v->ndeadlines > 0);
	documents_add(d, p.documents);
	history_add(d, p.events, transfer);
	memset(&mf, 0, sizeof(mf));
	mf.ctx = ctx;
	mf.errs = st->errs;
	mf.today = today;
	mf.rules = &p.l.rules;
	mactions_add(d, v, &mf, st->failed);
	rc = web_render(ctx, st->status, "pages/measure");
	measure_page_free(&p);
	return (rc);
}

/* GET /measures/{id}: a measure or a transfer. */
int
serve_measures_show(struct web_ctx *ctx)
{
	struct mpage_state st;

	memset(&st, 0, sizeof(st));
	st.status = HTTP_STATUS_OK;
	st.failed = MA__MAX;
	return (measure_page(ctx, &st));
}

/* A refusal of the machine or a guard as the page's status and message. */
static int
act_refusal(enum db_result r, const struct measure_act_result *res,
    enum measure_action a, const struct verr *errs, char *out, size_t len)
{
	const struct maction_form *af = maction_form_of(a);
	const char *keys[MACTION_FIELDS_MAX], *labels[MACTION_FIELDS_MAX];
	char what[128];
	size_t n = 0, j;

	if (r == DB_CONFLICT && res->stale) {
		(void)snprintf(out, len, "措施已被他人修改，请刷新后重试");
		return (HTTP_STATUS_CONFLICT);
	}
	if (r == DB_CONFLICT) {
		(void)snprintf(out, len, "措施当前的状态下不能%s",
		    measure_action_label(a));
		return (HTTP_STATUS_CONFLICT);
	}
	if (res->verdict == CASE_FORBIDDEN) {
		(void)snprintf(out, len, "%s",
		    verr_get(errs, "actor") != NULL ? verr_get(errs, "actor") :
		                                      "您不能执行此操作");
		return (HTTP_STATUS_FORBIDDEN);
	}
	/* Every kind's fields: the label of the one at fault. */
	for (j = 0;
	     af != NULL && j < MACTION_FIELDS_MAX && af->fields[j].key != NULL;
	     j++) {
		keys[n] = af->fields[j].key;
		labels[n++] = af->fields[j].label;
	}
	(void)snprintf(what, sizeof(what), "%s未完成", measure_action_label(a));
	refusal_text(what, keys, labels, n, errs, out, len);
	return (HTTP_STATUS_UNPROCESSABLE);
}

/* POST /measures/{id}/actions/{token} (family=transfer for a transfer). */
int
serve_measures_act(struct web_ctx *ctx)
{
	struct measure_act_result res;
	struct shanghai_fields sf;
	struct mpage_state st;
	struct measure_body mb;
	struct case_actor ca;
	struct json_writer w;
	struct fields f;
	struct verr errs;
	struct buf detail;
	struct db *db;
	const char *family;
	char today[16], context[64], url[96], text[VERR_MESSAGE_LEN + 256];
	enum measure_action a;
	enum db_result r;
	int transfer;

	if ((a = measure_action_from(ctx->caps.v[1])) == MA__MAX)
		return (web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		    "没有这个措施操作"));
	family = web_param(ctx, "family");
	transfer = family != NULL && strcmp(family, "transfer") == 0;
	verr_init(&errs);
	buf_init(&detail);
	jw_init(&w, &detail);
	jw_object_begin(&w, NULL);
	shanghai_fields(&sf, &f, &ctx->form, &w);
	measure_act_read(&f, &mb, &errs);
	jw_object_end(&w);
	memset(&st, 0, sizeof(st));
	st.failed = a;
	st.errs = &errs;
	memset(&res, 0, sizeof(res));
	res.verdict = CASE_GUARD;
	r = DB_INVALID;
	if (errs.n == 0) {
		if ((db = web_db(ctx)) == NULL) {
			buf_free(&detail);
			return (KORE_RESULT_OK);
		}
		web_today(today);
		(void)snprintf(context, sizeof(context), "%s.%s",
		    transfer ? "transfers" : "measures",
		    measure_action_code(a));
		ca = api_case_actor(ctx, context);
		r = db_measure_act(db, &ca, ctx->caps.v[0], transfer, a, &mb,
		    detail.data, today, web_now(), &res, &errs);
		/* The same page serves both families: a form that did not
		 * say which (or said the other) is tried as the other. */
		if (r == DB_NOTFOUND) {
			verr_init(&errs);
			r = db_measure_act(db, &ca, ctx->caps.v[0], !transfer,
			    a, &mb, detail.data, today, web_now(), &res, &errs);
		}
	}
	buf_free(&detail);
	if (r == DB_OK) {
		web_flash(ctx, "case_acted");
		(void)snprintf(url, sizeof(url), "/measures/%s",
		    ctx->caps.v[0]);
		return (web_redirect(ctx, url));
	}
	if (r != DB_INVALID && r != DB_CONFLICT)
		return (web_db_error(ctx, r, &errs));
	st.status = act_refusal(r, &res, a, &errs, text, sizeof(text));
	st.alert = text;
	return (measure_page(ctx, &st));
}
