/*
 * pages/case_actions.c — the forms of a case's actions: one table of the
 * fields they take (by the keys core/caseinput.c reads, with the Chinese
 * label and how each is typed in), which fields each action's form shows,
 * and the same labels for the submitted values in the case's history
 * (history_detail_add, which reads a measure's history too).
 *
 * Only the actions the service allowed get a form. A new field of an
 * action is one row in form_fields and its key in the action's row.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/markdown.h"
#include "db/discretion.h"
#include "pages/pages.h"

/* How a field is typed in, and how its submitted value reads back. */
enum ff_kind {
	FF_TEXT,   /* a few sentences */
	FF_MD,     /* Markdown, rendered in safe mode */
	FF_DATE,   /* YYYY-MM-DD, today by default */
	FF_YUAN,   /* money typed in yuan, stored in fen */
	FF_DAYS,   /* a number of days */
	FF_CHECK,  /* yes or no */
	FF_SELECT, /* one code of a list */
	FF_CHECKS, /* any codes of a list */
};

enum ff_options {
	OPTS_NONE,
	OPTS_OUTCOME,
	OPTS_NO_PENALTY,
	OPTS_METHOD,
	OPTS_BASIS,
	OPTS_SUSPENSION,
	OPTS_OTHER_PENALTIES,
	OPTS_OFFICERS,
	OPTS_FACTOR, /* the tiers of fc->factors row fc->factor_row */
};

/* One field of an action, by the key core/caseinput.c reads. */
struct act_field {
	const char *key;
	const char *label;
	enum ff_kind kind;
	enum ff_options options;
};

static const struct act_field form_fields[] = {
	{ "reason", "理由", FF_TEXT, OPTS_NONE },
	{ "report_md", "调查终结报告", FF_MD, OPTS_NONE },
	{ "record_md", "记录", FF_MD, OPTS_NONE },
	{ "opinion_md", "法制审核意见", FF_MD, OPTS_NONE },
	{ "proposed_fine_fen", "拟罚款金额（元，不罚款填 0）", FF_YUAN,
	    OPTS_NONE },
	{ "other_penalties", "其他处罚种类", FF_CHECKS, OPTS_OTHER_PENALTIES },
	{ "served_on", "送达日期", FF_DATE, OPTS_NONE },
	{ "requested_on", "申请日期", FF_DATE, OPTS_NONE },
	{ "held_on", "举行日期", FF_DATE, OPTS_NONE },
	{ "outcome", "决定结果", FF_SELECT, OPTS_OUTCOME },
	{ "fine_fen", "罚款金额（元）", FF_YUAN, OPTS_NONE },
	{ "no_penalty_reason", "不予处罚理由", FF_SELECT, OPTS_NO_PENALTY },
	{ "decided_on", "决定日期", FF_DATE, OPTS_NONE },
	{ "method", "送达方式", FF_SELECT, OPTS_METHOD },
	{ "amount_fen", "缴款金额（元）", FF_YUAN, OPTS_NONE },
	{ "paid_on", "缴款日期", FF_DATE, OPTS_NONE },
	{ "basis", "结案依据", FF_SELECT, OPTS_BASIS },
	{ "court_accepted_on", "法院受理强制执行日期", FF_DATE, OPTS_NONE },
	{ "days", "延长天数", FF_DAYS, OPTS_NONE },
	{ "discussion_on", "集体讨论日期（再次延长时）", FF_DATE, OPTS_NONE },
	{ "kind", "中止事由", FF_SELECT, OPTS_SUSPENSION },
	{ "on", "日期", FF_DATE, OPTS_NONE },
	{ "waived", "当事人已书面放弃陈述、申辩和听证权利", FF_CHECK,
	    OPTS_NONE },
	{ "send_to_discussion", "提交集体讨论", FF_CHECK, OPTS_NONE },
	{ "investigator_ids", "增加调查人员", FF_CHECKS, OPTS_OFFICERS },
	{ "investment_fen", "项目总投资额（元，按投资额计罚的违法行为填写）",
	    FF_YUAN, OPTS_NONE },
	{ "discretion_reason", "罚款数额偏离裁量计算结果的理由", FF_TEXT,
	    OPTS_NONE },
};

#define ACTION_FIELDS_MAX 6

/* The form of each action: its fields (a label where the field's own is
 * too general), and whether it ends or sets back the case. */
static const struct action_form {
	enum case_action action;
	struct {
		const char *key;
		const char *label;
	} fields[ACTION_FIELDS_MAX];
	const char *confirm; /* asked before a setback */
} action_forms[] = {
	{ CA_APPROVE_FILING, { { "investigator_ids", NULL } }, NULL },
	{ CA_REJECT_FILING, { { "reason", "不予立案理由" } },
	    "确定不予立案？" },
	{ CA_SUBMIT_REPORT, { { "report_md", NULL } }, NULL },
	{ CA_RETURN, { { "reason", "退回理由" } }, "确定退回补充调查？" },
	{ CA_NOTIFY,
	    { { "proposed_fine_fen", NULL }, { "discretion_reason", NULL },
	        { "other_penalties", NULL },
	        { "served_on", "告知书送达日期" } },
	    NULL },
	/* The factors' selects are added from the database (factor_fields). */
	{ CA_ASSESS, { { "investment_fen", NULL } }, NULL },
	{ CA_REQUEST_HEARING, { { "requested_on", "申请听证日期" } }, NULL },
	{ CA_RECORD_HEARING,
	    { { "held_on", "听证日期" }, { "record_md", "听证笔录" } }, NULL },
	{ CA_SUBMIT_LEGAL_REVIEW, { { "waived", NULL } }, NULL },
	{ CA_LEGAL_APPROVE,
	    { { "opinion_md", NULL }, { "send_to_discussion", NULL } }, NULL },
	{ CA_RECORD_DISCUSSION,
	    { { "held_on", "讨论日期" }, { "record_md", "集体讨论记录" } },
	    NULL },
	{ CA_DECIDE,
	    { { "outcome", NULL }, { "fine_fen", NULL },
	        { "discretion_reason", NULL }, { "no_penalty_reason", NULL },
	        { "decided_on", NULL }, { "waived", NULL } },
	    NULL },
	{ CA_SERVE, { { "method", NULL }, { "served_on", "决定书送达日期" } },
	    NULL },
	{ CA_RECORD_PAYMENT, { { "amount_fen", NULL }, { "paid_on", NULL } },
	    NULL },
	{ CA_CLOSE, { { "basis", NULL }, { "court_accepted_on", NULL } },
	    NULL },
	{ CA_ARCHIVE, { { NULL, NULL } }, "归档后案卷不能再修改，确定归档？" },
	{ CA_REVOKE, { { "reason", "撤销理由" } },
	    "确定撤销本案？撤销后不能恢复。" },
	{ CA_EXTEND,
	    { { "days", NULL }, { "reason", "延长理由" },
	        { "discussion_on", NULL } },
	    NULL },
	{ CA_SUSPEND, { { "kind", NULL }, { "on", "中止起始日期" } }, NULL },
	{ CA_RESUME, { { "on", "恢复日期" } }, NULL },
};
static const struct act_field *
field_find(const char *key)
{
	size_t i;

	for (i = 0; i < GS_NELEM(form_fields); i++) {
		if (strcmp(form_fields[i].key, key) == 0)
			return (&form_fields[i]);
	}
	return (NULL);
}

static const struct action_form *
action_form_of(enum case_action a)
{
	size_t i;

	for (i = 0; i < GS_NELEM(action_forms); i++) {
		if (action_forms[i].action == a)
			return (&action_forms[i]);
	}
	return (NULL);
}

/* The label of a code in a field's list; the code itself when unknown. */
static const char *
option_label(enum ff_options o, const char *code)
{
	const char *label = "";

	switch (o) {
	case OPTS_OUTCOME:
		label = case_outcome_label(case_outcome_from(code));
		break;
	case OPTS_NO_PENALTY:
		label = case_no_penalty_reason_label(
		    case_no_penalty_reason_from(code));
		break;
	case OPTS_METHOD:
		label = code_label_of(case_service_methods,
		    CASE_SERVICE_METHODS, code);
		break;
	case OPTS_BASIS:
		label = case_close_basis_label(case_close_basis_from(code));
		break;
	case OPTS_SUSPENSION:
		label = case_suspension_label(case_suspension_from(code));
		break;
	case OPTS_OTHER_PENALTIES:
		label = case_other_penalty_label(case_other_penalty_from(code));
		break;
	case OPTS_NONE:
	case OPTS_OFFICERS:
	case OPTS_FACTOR:
		break;
	}
	return (label != NULL && *label != '\0' ? label : code);
}

/* ---- the action forms --------------------------------------------------- */

int
form_submitted(struct web_ctx *ctx, const char *name, const char *value)
{
	const char *v;
	size_t i;

	for (i = 0; (v = web_param_nth(ctx, name, i)) != NULL; i++) {
		if (strcmp(v, value) == 0)
			return (1);
	}
	return (0);
}

void
form_choice_add(struct tlist *l, struct web_ctx *ctx, int failed,
    const char *name, const char *value, const char *label, int def)
{
	option_add(l, value, label,
	    failed ? form_submitted(ctx, name, value) : def);
}

static void
choice_add(struct tlist *l, const struct case_forms *fc, const char *name,
    const char *value, const char *label, int def)
{
	form_choice_add(l, fc->ctx, fc->failed, name, value, label, def);
}

/* Is id among the rows of res (their first column)? */
static int
rows_have_id(const PGresult *res, const char *id)
{
	int i;

	for (i = 0; res != NULL && i < PQntuples(res); i++) {
		if (strcmp(PQgetvalue(res, i, 0), id) == 0)
			return (1);
	}
	return (0);
}

void
officer_choices(struct tlist *l, struct web_ctx *ctx, int failed,
    const char *name, const PGresult *o, const PGresult *investigators,
    enum officer_pick pick)
{
	char label[400];
	int i, inv;

	for (i = 0; o != NULL && i < PQntuples(o); i++) {
		inv = rows_have_id(investigators, PQgetvalue(o, i, 0));
		if (inv && pick == OP_OMIT_INVESTIGATORS)
			continue;
		(void)snprintf(label, sizeof(label), "%s（%s）%s",
		    PQgetvalue(o, i, 1),
		    PQgetisnull(o, i, 2) ? "未分中队" : PQgetvalue(o, i, 2),
		    db_bool(PQgetvalue(o, i, 4)) ? "" : " 执法证无效");
		form_choice_add(l, ctx, failed, name, PQgetvalue(o, i, 0),
		    label, inv && pick == OP_CHECK_INVESTIGATORS);
	}
}

/* Suspensions that fit the case now: the decision clock's before the
 * decision, the surcharge's after it. */
static void
suspension_options(struct tlist *l, const struct case_forms *fc,
    const char *name)
{
	enum case_state s = fc->v->rec.state;
	int after, k;

	after = s == CS_DECIDED || s == CS_EXECUTING;
	for (k = CSUS_NONE + 1; k < CSUS__MAX; k++) {
		if (case_suspension_stops_surcharge((enum case_suspension)k) !=
		    after)
			continue;
		choice_add(l, fc, name,
		    case_suspension_code((enum case_suspension)k),
		    case_suspension_label((enum case_suspension)k), 0);
	}
}

/* A factor's tiers: "一般（+6%）", valued by the tier's number. */
static void
factor_options(struct tlist *l, const struct case_forms *fc, const char *name)
{
	int pct[8];
	char value[8];
	struct buf label;
	size_t t, n;

	n = discretion_tiers(fc->factors, fc->factor_row, pct, GS_NELEM(pct));
	buf_init(&label);
	for (t = 0; t < n; t++) {
		buf_reset(&label);
		discretion_tier_label(fc->factors, fc->factor_row, t, &label);
		buf_printf(&label, "（+%d%%）", pct[t]);
		(void)snprintf(value, sizeof(value), "%zu", t);
		choice_add(l, fc, name, value, label.data, t == 0);
	}
	buf_free(&label);
}

static void
options_add(struct tlist *l, const struct case_forms *fc,
    const struct act_field *ff, const char *name)
{
	int i;

	switch (ff->options) {
	case OPTS_OUTCOME:
		for (i = CO_NONE + 1; i < CO__MAX; i++)
			choice_add(l, fc, name,
			    case_outcome_code((enum case_outcome)i),
			    case_outcome_label((enum case_outcome)i),
			    i == CO_PENALTY);
		break;
	case OPTS_NO_PENALTY:
		choice_add(l, fc, name, "", "（作出处罚时不填）", 1);
		for (i = CNP_NONE + 1; i < CNP__MAX; i++)
			choice_add(l, fc, name,
			    case_no_penalty_reason_code(
			        (enum case_no_penalty_reason)i),
			    case_no_penalty_reason_label(
			        (enum case_no_penalty_reason)i),
			    0);
		break;
	case OPTS_METHOD:
		choice_add(l, fc, name, "", "请选择", 1);
		for (i = 0; i < CASE_SERVICE_METHODS; i++)
			choice_add(l, fc, name, case_service_methods[i].code,
			    case_service_methods[i].label, 0);
		break;
	case OPTS_BASIS:
		choice_add(l, fc, name, "", "按缴款情况自动判断", 1);
		for (i = CCB_NONE + 1; i < CCB__MAX; i++)
			choice_add(l, fc, name,
			    case_close_basis_code((enum case_close_basis)i),
			    case_close_basis_label((enum case_close_basis)i),
			    0);
		break;
	case OPTS_SUSPENSION:
		suspension_options(l, fc, name);
		break;
	case OPTS_OTHER_PENALTIES:
		for (i = 0; i < COP__MAX; i++)
			choice_add(l, fc, name,
			    case_other_penalty_code((enum case_other_penalty)i),
			    case_other_penalty_label(
			        (enum case_other_penalty)i),
			    0);
		break;
	case OPTS_OFFICERS:
		officer_choices(l, fc->ctx, fc->failed, name, fc->officers,
		    fc->investigators, OP_OMIT_INVESTIGATORS);
		break;
	case OPTS_FACTOR:
		factor_options(l, fc, name);
		break;
	case OPTS_NONE:
		break;
	}
}

/* The text a field shows: as posted, else its default. */
static const char *
field_value(const struct case_forms *fc, const struct act_field *ff,
    const char *name)
{
	const char *v;

	if (fc->failed)
		return ((v = web_param(fc->ctx, name)) != NULL ? v : "");
	return (ff->kind == FF_DATE ? fc->today : "");
}

/* A checkbox as posted, read as the action's reader reads it. */
static int
posted_yes(const struct case_forms *fc, const char *name)
{
	struct fields f;
	struct verr ignored;

	verr_init(&ignored);
	fields_form(&f, &fc->ctx->form, NULL);
	return (fields_bool(&f, name, 0, &ignored));
}

/* A field named as its key reads it, or name when it is not NULL. */
static void
field_add_named(struct tlist *l, const struct case_forms *fc,
    const struct act_field *ff, const char *label, const char *named)
{
	static const char *const kinds[] = { "text", "md", "date", "yuan",
		"days", "check", "select", "checks" };
	struct tdata *f;
	const char *err;
	char name[64];
	size_t k;

	if (named != NULL)
		(void)snprintf(name, sizeof(name), "%s", named);
	else
		fields_money_name(ff->key, name, sizeof(name));
	f = tlist_add(l);
	tdata_text(f, "name", name);
	tdata_text(f, "label", label != NULL ? label : ff->label);
	tdata_text(f, "value", field_value(fc, ff, name));
	for (k = 0; k < GS_NELEM(kinds); k++)
		tdata_bool(f, kinds[k], (size_t)ff->kind == k);
	tdata_bool(f, "checked", fc->failed && posted_yes(fc, name));
	if (fc->failed && (err = verr_get(fc->errs, ff->key)) != NULL)
		tdata_text(f, "error", err);
	options_add(tdata_list(f, "options"), fc, ff, name);
}

static void
field_add(struct tlist *l, const struct case_forms *fc,
    const struct act_field *ff, const char *label)
{
	field_add_named(l, fc, ff, label, NULL);
}

/* assess: one select per discretion factor, "factors.<code>". */
static void
factor_fields(struct tlist *l, const struct case_forms *base)
{
	struct act_field ff = { "factors", NULL, FF_SELECT, OPTS_FACTOR };
	struct case_forms fc = *base;
	char name[64];
	int row;

	for (row = 0; fc.factors != NULL && row < PQntuples(fc.factors);
	     row++) {
		fc.factor_row = row;
		ff.label = PQgetvalue(fc.factors, row, 1);
		(void)snprintf(name, sizeof(name), "factors.%s",
		    PQgetvalue(fc.factors, row, 0));
		field_add_named(l, &fc, &ff, NULL, name);
	}
}

/* Messages about no field of the form (evidence, investigators, the
 * actor): said above it, naming what is missing. */
static void
form_notes(struct tdata *a, const struct action_form *af,
    const struct verr *errs)
{
	struct tlist *l;
	size_t i, j;
	int own;

	l = tdata_list(a, "notes");
	for (i = 0; errs != NULL && i < errs->n; i++) {
		for (j = 0, own = 0; j < ACTION_FIELDS_MAX && !own; j++)
			own = af->fields[j].key != NULL &&
			    strcmp(af->fields[j].key, errs->items[i].field) ==
			        0;
		if (!own)
			tdata_text(tlist_add(l), "text",
			    errs->items[i].message);
	}
}

void
case_actions_add(struct tdata *d, const struct case_forms *base)
{
	const struct action_form *af;
	const struct act_field *ff;
	struct case_forms fc;
	struct tdata *a;
	struct tlist *l, *fl;
	size_t j;
	int i, open;

	l = tdata_list(d, "actions");
	for (i = 0; i < CA__MAX; i++) {
		if (!(base->v->allowed & (1u << i)) ||
		    (af = action_form_of((enum case_action)i)) == NULL)
			continue;
		fc = *base;
		fc.failed = base->posted == (enum case_action)i;
		open = fc.failed;
		a = tlist_add(l);
		tdata_text(a, "code", case_action_code((enum case_action)i));
		tdata_text(a, "label", case_action_label((enum case_action)i));
		url_setf(a, "url", "/cases/%s/actions/%s", base->v->rec.id,
		    case_action_code((enum case_action)i));
		tdata_bool(a, "open", open);
		tdata_bool(a, "setback", af->confirm != NULL);
		if (af->confirm != NULL)
			tdata_text(a, "confirm", af->confirm);
		fl = tdata_list(a, "fields");
		for (j = 0; j < ACTION_FIELDS_MAX && af->fields[j].key != NULL;
		     j++) {
			/* The party waives the rights the notice gave: a
			 * question only while they run. */
			if (strcmp(af->fields[j].key, "waived") == 0 &&
			    base->v->rec.state != CS_NOTIFIED)
				continue;
			if ((ff = field_find(af->fields[j].key)) != NULL)
				field_add(fl, &fc, ff, af->fields[j].label);
		}
		if (i == CA_ASSESS)
			factor_fields(fl, &fc);
		tdata_bool(a, "has_fields", af->fields[0].key != NULL);
		form_notes(a, af, fc.failed ? fc.errs : NULL);
	}
	tdata_bool(d, "has_actions", base->v->allowed != 0);
}

/* ---- the history ------------------------------------------------------ */

/* The submitted value jv of form_fields[row] as a person reads it; NULL
 * to leave it out. */
static const char *
detail_text(size_t row, const struct json_value *jv, struct buf *b)
{
	const struct act_field *ff = &form_fields[row];
	char yuan[48];
	size_t i;

	buf_reset(b);
	switch (ff->kind) {
	case FF_YUAN:
		if (jv->type != JSON_NUMBER || !jv->u.num.is_int)
			return (NULL);
		money_format_yuan(jv->u.num.i, yuan, sizeof(yuan));
		buf_printf(b, "%s 元", yuan);
		return (b->data);
	case FF_DAYS:
		if (jv->type != JSON_NUMBER || !jv->u.num.is_int)
			return (NULL);
		buf_printf(b, "%" PRId64 " 天", jv->u.num.i);
		return (b->data);
	case FF_CHECK:
		return (jv->type == JSON_BOOL && jv->u.boolean ? "是" : NULL);
	case FF_CHECKS:
		if (jv->type != JSON_ARRAY || ff->options == OPTS_OFFICERS)
			return (NULL);
		for (i = 0; i < jv->u.arr.n; i++) {
			if (jv->u.arr.items[i]->type == JSON_STRING)
				buf_printf(b, "%s%s", b->len ? "、" : "",
				    option_label(ff->options,
				        jv->u.arr.items[i]->u.str.s));
		}
		return (b->len ? b->data : NULL);
	case FF_SELECT:
		if (jv->type != JSON_STRING)
			return (NULL);
		return (option_label(ff->options, jv->u.str.s));
	case FF_TEXT:
	case FF_DATE:
	case FF_MD:
		break;
	}
	return (jv->type == JSON_STRING ? jv->u.str.s : NULL);
}

void
history_detail_add(struct tdata *t, const char *json, size_t len,
    const struct detail_table *dt)
{
	const struct json_value *root, *jv;
	struct detail_field df;
	struct json_error err;
	struct json_doc *doc;
	struct tlist *items, *notes;
	struct tdata *n;
	const char *text;
	struct buf b;
	size_t i;

	items = tdata_list(t, "items");
	notes = tdata_list(t, "notes");
	if ((doc = json_parse(json, len, &err)) == NULL)
		return;
	root = json_root(doc);
	buf_init(&b);
	for (i = 0; i < dt->n; i++) {
		dt->field(i, &df);
		if ((jv = json_get(root, df.key)) == NULL)
			continue;
		if (df.markdown) {
			if (jv->type != JSON_STRING)
				continue;
			n = tlist_add(notes);
			tdata_text(n, "label", df.label);
			if (!tdata_markdown(n, "md", jv->u.str.s,
			        jv->u.str.len))
				(void)tdata_markdown(n, "md", "", 0);
		} else if ((text = dt->text(i, jv, &b)) != NULL) {
			n = tlist_add(items);
			tdata_text(n, "label", df.label);
			tdata_text(n, "value", text);
		}
	}
	buf_free(&b);
	json_free(doc);
}

/* form_fields as history_detail_add walks them. */
static void
detail_field(size_t i, struct detail_field *out)
{
	out->key = form_fields[i].key;
	out->label = form_fields[i].label;
	out->markdown = form_fields[i].kind == FF_MD;
}

/* The submitted fields of one event, labelled as in the forms. */
void
case_detail_add(struct tdata *t, const char *json, size_t len)
{
	static const struct detail_table dt = { GS_NELEM(form_fields),
		detail_field, detail_text };

	history_detail_add(t, json, len, &dt);
}

/* The first message, naming the field it is about when the form has it. */
void
case_refusal_text(enum case_action a, const struct verr *errs, char *out,
    size_t len)
{
	const struct action_form *af = action_form_of(a);
	const struct act_field *ff;
	const char *field, *label = NULL;
	size_t j;

	if (errs->n == 0) {
		(void)snprintf(out, len, "%s未完成", case_action_label(a));
		return;
	}
	field = errs->items[0].field;
	for (j = 0; af != NULL && j < ACTION_FIELDS_MAX &&
	     af->fields[j].key != NULL && label == NULL;
	     j++) {
		if (strcmp(af->fields[j].key, field) == 0 &&
		    (ff = field_find(field)) != NULL)
			label = af->fields[j].label != NULL ?
			    af->fields[j].label :
			    ff->label;
	}
	if (strcmp(field, "version") == 0)
		(void)snprintf(out, len, "表单缺少版本号，请刷新页面后重试");
	else if (label != NULL)
		(void)snprintf(out, len, "%s未完成：%s——%s",
		    case_action_label(a), label, errs->items[0].message);
	else
		(void)snprintf(out, len, "%s未完成：%s", case_action_label(a),
		    errs->items[0].message);
}
