/*
 * api/cases.c — penalty cases over JSON (shared api.md "Cases").
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "db/cases.h"
#include "db/discretion.h"
#include "pages/pages.h"
#include "web/handlers.h"

struct case_actor
api_case_actor(struct web_ctx *ctx, const char *context)
{
	struct case_actor ca;

	ca.a = web_actor(ctx, context);
	ca.display_name = ctx->user.display_name;
	ca.roles = ctx->user.roles;
	return (ca);
}

static void
actions_write(struct json_writer *w, const char *key, uint32_t mask)
{
	int a;

	jw_array_begin(w, key);
	for (a = 0; a < CA__MAX; a++) {
		if (mask & (1u << a))
			jw_string(w, NULL, case_action_code(a));
	}
	jw_array_end(w);
}

static void
other_penalties_write(struct json_writer *w, uint32_t mask)
{
	int p;

	jw_array_begin(w, "other_penalties");
	for (p = 0; p < COP__MAX; p++) {
		if (mask & COP_BIT(p))
			jw_string(w, NULL, case_other_penalty_code(p));
	}
	jw_array_end(w);
}

static void
case_write(struct json_writer *w, const struct case_view *v,
    PGresult *investigators, PGresult *events, PGresult *documents)
{
	static const struct api_col inv_cols[] = { { "id", API_TEXT },
		{ "display_name", API_TEXT }, { "cert_no", API_TEXT },
		{ "cert_valid_until", API_TEXT } };
	static const struct api_col ev_cols[] = { { "action", API_TEXT },
		{ "from", API_TEXT }, { "to", API_TEXT }, { "actor", API_TEXT },
		{ "at", API_TEXT }, { "detail", API_RAW } };
	static const struct api_col doc_cols[] = { { "id", API_TEXT },
		{ "kind", API_TEXT }, { "doc_no", API_TEXT },
		{ "issued_on", API_TEXT } };
	const struct case_rec *r = &v->rec;
	size_t i;

	jw_object_begin(w, NULL);
	jw_string(w, "id", r->id);
	jw_string_or_null(w, "case_no", r->case_no);
	jw_string(w, "state", case_state_code(r->state));
	jw_string(w, "state_label", case_state_label(r->state));
	jw_int(w, "version", r->version);
	jw_string(w, "entity_id", r->entity_id);
	jw_string(w, "entity_name", r->entity_name);
	jw_string(w, "entity_uscc", r->entity_uscc);
	jw_string_or_null(w, "clue_id", r->clue_id);
	jw_string_or_null(w, "inspection_id", r->inspection_id);
	jw_string(w, "violation_type", r->violation_type);
	jw_string(w, "violation_name", r->violation_name);
	jw_string_or_null(w, "violation_text", r->violation_text);
	jw_bool(w, "imported", r->imported);
	jw_string(w, "party_kind",
	    r->party_individual ? "individual" : "organisation");
	jw_string(w, "summary_md", r->summary_md);
	jw_string_or_null(w, "squad_id", r->squad_id);
	jw_string(w, "proposed_by", r->proposed_by);
	jw_string(w, "proposer_name", r->proposer_name);
	jw_date(w, "discovered_on", r->discovered_on);
	jw_date(w, "received_on", r->received_on);
	jw_date(w, "filed_on", r->filed_on);
	jw_string_or_null(w, "report_md", r->report_md);
	jw_date(w, "notice_served_on", r->notice_served_on);
	jw_fen(w, "discretion_fen", r->discretion_fen);
	jw_string_or_null(w, "discretion_detail", r->discretion_detail);
	jw_string_or_null(w, "discretion_reason", r->discretion_reason);
	jw_fen(w, "proposed_fine_fen", r->proposed_fine_fen);
	other_penalties_write(w, r->other_penalties);
	jw_bool(w, "hearing_eligible", case_hearing_eligible(&v->facts));
	jw_bool(w, "legal_review_required",
	    case_legal_review_required(&v->facts));
	jw_bool(w, "discussion_required", case_discussion_required(&v->facts));
	jw_date(w, "hearing_requested_on", r->hearing_requested_on);
	jw_date(w, "hearing_held_on", r->hearing_held_on);
	jw_date(w, "legal_reviewed_on", r->legal_reviewed_on);
	jw_date(w, "discussion_held_on", r->discussion_held_on);
	jw_code(w, "outcome", case_outcome_code(r->outcome));
	jw_fen(w, "fine_fen", r->fine_fen);
	jw_code(w, "no_penalty_reason",
	    case_no_penalty_reason_code(r->no_penalty_reason));
	jw_date(w, "decided_on", r->decided_on);
	jw_string_or_null(w, "decision_no", r->decision_no);
	jw_date(w, "served_on", r->served_on);
	jw_string_or_null(w, "service_method", r->service_method);
	jw_date(w, "closed_on", r->closed_on);
	jw_code(w, "close_basis", case_close_basis_code(r->close_basis));
	jw_date(w, "ended_on", r->ended_on);
	jw_string(w, "created_at", r->created_at);
	jw_string(w, "updated_at", r->updated_at);
	jw_date(w, "as_of", v->as_of);

	jw_object_begin(w, "amounts");
	jw_int(w, "fine_fen", v->money.fine_fen);
	jw_int(w, "surcharge_fen", v->money.surcharge_fen);
	jw_int(w, "paid_fen", v->money.paid_fen);
	jw_int(w, "outstanding_fen", v->money.outstanding_fen);
	jw_date(w, "payment_due_on", v->money.payment_due);
	jw_object_end(w);

	api_deadlines(w, "deadlines", v->deadlines, v->ndeadlines);
	jw_array_begin(w, "suspensions");
	for (i = 0; i < v->nsuspensions; i++) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind",
		    case_suspension_code(v->suspensions[i].kind));
		jw_date(w, "from_on", v->suspensions[i].span.from);
		jw_date(w, "to_on", v->suspensions[i].span.to);
		jw_object_end(w);
	}
	jw_array_end(w);
	jw_int(w, "evidence_count", v->facts.evidence_count);
	(void)api_rows(w, "investigators", investigators, inv_cols,
	    (int)GS_NELEM(inv_cols));
	(void)api_rows(w, "documents", documents, doc_cols,
	    (int)GS_NELEM(doc_cols));
	(void)api_rows(w, "history", events, ev_cols, (int)GS_NELEM(ev_cols));
	actions_write(w, "allowed_actions", v->allowed);
	jw_object_end(w);
}

/* Answers with the case as of as_of for the signed-in user. */
static int
case_answer(struct web_ctx *ctx, const char *id, const char *as_of, int status)
{
	static const enum sql_id lists[] = { SQL_CASE_INVESTIGATORS,
		SQL_CASE_EVENTS, SQL_CASE_DOCUMENTS };
	PGresult *res[GS_NELEM(lists)];
	struct case_actor ca;
	struct case_view v;
	struct json_writer w;
	struct buf b;
	struct db *db;
	enum db_result r;
	size_t i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	ca = api_case_actor(ctx, "cases.show");
	if ((r = db_case_view_with(db, &ca, id, as_of, &v, lists,
	         (int)GS_NELEM(lists), res)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	case_write(&w, &v, res[0], res[1], res[2]);
	for (i = 0; i < GS_NELEM(lists); i++)
		PQclear(res[i]);
	case_view_free(&v);
	return (api_send(ctx, status, &b));
}

int
serve_api_cases_show(struct web_ctx *ctx)
{
	char today[16];
	const char *as_of;
	gs_date d;

	web_today(today);
	as_of = form_get(web_query(ctx), "as_of");
	if (as_of != NULL && !date_parse(as_of, &d))
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    "as_of 的格式应为 YYYY-MM-DD"));
	return (case_answer(ctx, ctx->caps.v[0], as_of ? as_of : today,
	    HTTP_STATUS_OK));
}

int
serve_api_cases_create(struct web_ctx *ctx)
{
	const struct json_value *body;
	struct case_new_body in;
	struct case_actor ca;
	struct json_writer w;
	struct fields f;
	struct verr errs;
	struct buf b;
	struct db *db;
	char id[40], today[16];
	enum db_result r;

	if ((body = web_json_body(ctx, case_new_keys)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	api_fields(&f, body);
	case_new_read(&f, &in, &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx, "cases.create");
	if ((r = db_case_create(db, &ca, &in.n, today, &errs, id)) != DB_OK)
		return (web_db_error(ctx, r, &errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_string(&w, "state", case_state_code(CS_PROPOSED));
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CREATED, &b));
}

int
serve_api_cases_list(struct web_ctx *ctx)
{
	/* Up to the entity's id; its name and USCC follow from the
	 * registry, then the rest. */
	static const struct api_col head[] = { { "id", API_TEXT },
		{ "case_no", API_TEXT }, { "state", API_TEXT },
		{ "entity_id", API_TEXT } };
	static const struct api_col tail[] = { { "violation_type", API_TEXT },
		{ "violation_name", API_TEXT }, { "squad_id", API_TEXT },
		{ "squad_name", API_TEXT }, { "discovered_on", API_TEXT },
		{ "filed_on", API_TEXT }, { "fine_fen", API_INT },
		{ "version", API_INT }, { "updated_at", API_TEXT },
		{ "next_due_on", API_TEXT } };
	struct case_filter f;
	struct case_list l;
	struct json_writer w;
	struct verr errs;
	struct buf b;
	struct db *db;
	char today[16];
	enum db_result r;
	int i;

	verr_init(&errs);
	case_filter_read(ctx, &f, &errs);
	if (errs.n > 0)
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    errs.items[0].message));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	if ((r = db_case_list(db, ctx->user.bureau_id, &f, today, &l)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < PQntuples(l.rows); i++) {
		jw_object_begin(&w, NULL);
		api_row_members(&w, l.rows, i, head, (int)GS_NELEM(head));
		jw_string(&w, "entity_name", l.entities[i]->name);
		jw_string(&w, "entity_uscc", l.entities[i]->uscc);
		api_row_members_from(&w, l.rows, i, CASE_LIST_COL_VIOLATION,
		    tail, (int)GS_NELEM(tail));
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", l.total);
	jw_object_end(&w);
	case_list_free(&l);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

/* A refused action: 409 with what this user may do now, 403, 409 stale,
 * else (a guard, 422) the service's answer. */
static int
refusal_answer(struct web_ctx *ctx, enum db_result r,
    const struct case_act_result *res, const struct verr *errs,
    enum case_action a)
{
	struct case_refusal why;
	struct json_writer w;
	struct buf b;

	if (!case_refusal(r, res, errs, &why))
		return (web_db_error(ctx, r, errs));
	if (res->verdict != CASE_WRONG_STATE)
		return (web_error(ctx, why.status, why.code, why.message));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_object_begin(&w, "error");
	jw_string(&w, "code", why.code);
	jw_string(&w, "message", why.message);
	jw_string(&w, "action", case_action_code(a));
	actions_write(&w, "allowed", res->allowed);
	jw_object_end(&w);
	jw_object_end(&w);
	return (api_send(ctx, why.status, &b));
}

int
serve_api_cases_act(struct web_ctx *ctx)
{
	const struct json_value *body;
	struct case_act_result res;
	struct case_act_body in;
	struct case_actor ca;
	struct fields f;
	struct verr errs;
	struct db *db;
	char today[16], context[64];
	enum case_action a;
	enum db_result r;

	if ((a = case_action_from(ctx->caps.v[1])) == CA__MAX)
		return (web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		    "没有这个案件操作"));
	if ((body = web_json_body(ctx, case_act_keys)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	api_fields(&f, body);
	case_act_read(&f, &in, &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	(void)snprintf(context, sizeof(context), "cases.%s",
	    case_action_code(a));
	ca = api_case_actor(ctx, context);
	r = db_case_act(db, &ca, ctx->caps.v[0], a, in.version, &in.in,
	    in.investigator_ids, in.ninvestigators, ctx->body.data, today, &res,
	    &errs);
	if (r != DB_OK)
		return (refusal_answer(ctx, r, &res, &errs, a));
	return (case_answer(ctx, ctx->caps.v[0], today, HTTP_STATUS_OK));
}

int
serve_api_violation_types(struct web_ctx *ctx)
{
	static const struct api_col cols[] = { { "code", API_TEXT },
		{ "name", API_TEXT }, { "amount_basis", API_TEXT },
		{ "min_fen", API_INT }, { "max_fen", API_INT },
		{ "min_bp", API_INT }, { "max_bp", API_INT },
		{ "base_percent", API_INT }, { "legal_basis", API_TEXT },
		{ "law", API_TEXT }, { "article", API_TEXT } };
	static const struct api_col factor_cols[] = { { "code", API_TEXT },
		{ "label", API_TEXT }, { "tiers", API_RAW },
		{ "tier_labels", API_RAW } };
	struct json_writer w;
	struct buf b;
	struct db *db;
	PGresult *res, *factors;
	char today[16];
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	if ((r = DB_QUERY(db, SQL_VIOLATION_TYPES, &res, today)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	if ((r = db_query(db, SQL_DISCRETION_FACTORS_JSON, &factors, 0,
	         NULL)) != DB_OK) {
		PQclear(res);
		return (web_db_error(ctx, r, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	(void)api_rows(&w, "items", res, cols, (int)GS_NELEM(cols));
	(void)api_rows(&w, "factors", factors, factor_cols,
	    (int)GS_NELEM(factor_cols));
	jw_object_end(&w);
	PQclear(res);
	PQclear(factors);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}

/*
 * GET /api/v1/discretion?violation_type=&<factor>=<tier>...&investment_fen=
 * — the calculator without a case: the amount and its derivation for the
 * notice and decision forms.
 */
int
serve_api_discretion(struct web_ctx *ctx)
{
	struct case_pick picks[CASE_PICKS_MAX];
	const struct form_field *ff;
	const struct form *q;
	const char *type, *inv;
	struct json_writer w;
	struct buf why, b;
	struct db *db;
	int64_t amount, investment = 0;
	enum db_result r;
	size_t i, n = 0;

	q = web_query(ctx);
	if ((type = form_get(q, "violation_type")) == NULL)
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    "请提供 violation_type"));
	inv = form_get(q, "investment_fen");
	if (inv != NULL && !parse_int64(inv, &investment))
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    "investment_fen 应为整数（分）"));
	for (i = 0; i < q->n; i++) {
		ff = &q->fields[i];
		if (strcmp(ff->name, "violation_type") == 0 ||
		    strcmp(ff->name, "investment_fen") == 0)
			continue;
		if (n == CASE_PICKS_MAX ||
		    !parse_int64(ff->value, &picks[n].tier))
			return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE,
			    "validation", "裁量因素的档次应为整数"));
		picks[n++].code = ff->name;
	}
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	buf_init(&why);
	r = db_discretion_assess(db, type, picks, n, inv != NULL, investment,
	    &amount, &why);
	if (r == DB_OK && amount < 0) {
		buf_free(&why);
		return (web_error(ctx, HTTP_STATUS_UNPROCESSABLE, "validation",
		    amount == CASE_ASSESS_NEEDS_INVESTMENT ?
		        "本违法行为按项目总投资额计罚，请提供 investment_fen" :
		        "裁量因素或档次不存在"));
	}
	if (r != DB_OK) {
		buf_free(&why);
		return (web_db_error(ctx, r, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "violation_type", type);
	jw_int(&w, "amount_fen", amount);
	jw_string(&w, "derivation", why.data != NULL ? why.data : "");
	jw_object_end(&w);
	buf_free(&why);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
