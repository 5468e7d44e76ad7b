/*
 * api/measures.c — supporting measures and transfers to the police over
 * JSON (shared api.md "Measures and transfers", docs/api.md).
 *
 * Measures (daily_penalty, seizure, production_limit,
 * production_suspension) live under /measures, transfers (detention,
 * criminal) under /transfers; both are one service (db/measures.c), and
 * an id of the other family answers 404 on each.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "db/measures.h"
#include "pages/pages.h"
#include "web/handlers.h"

static void
actions_write(struct json_writer *w, const char *key, uint32_t mask)
{
	int a;

	jw_array_begin(w, key);
	for (a = 0; a < MA__MAX; a++) {
		if (mask & (1u << a))
			jw_string(w, NULL, measure_action_code(a));
	}
	jw_array_end(w);
}

static void
jw_count(struct json_writer *w, const char *key, int n)
{
	if (n == MEASURE_NO_COUNT)
		jw_null(w, key);
	else
		jw_int(w, key, n);
}

static void
jw_positive(struct json_writer *w, const char *key, int n)
{
	if (n <= 0)
		jw_null(w, key);
	else
		jw_int(w, key, n);
}

static void
rounds_write(struct json_writer *w, const struct measure_rec *m)
{
	const struct measure_round_rec *r;
	size_t i;

	jw_array_begin(w, "rounds");
	for (i = 0; i < m->nrounds; i++) {
		r = &m->rounds[i];
		jw_object_begin(w, NULL);
		jw_int(w, "seq", (int64_t)i + 1);
		jw_date(w, "counted_from", r->counted_from);
		jw_date(w, "reinspected_on", r->reinspected_on);
		jw_positive(w, "days", r->days);
		if (r->amount_fen == MEASURE_NO_COUNT)
			jw_null(w, "amount_fen");
		else
			jw_int(w, "amount_fen", r->amount_fen);
		jw_date(w, "decided_on", r->decided_on);
		jw_object_end(w);
	}
	jw_array_end(w);
}

static void
testing_write(struct json_writer *w, const struct measure_rec *m)
{
	size_t i;

	jw_array_begin(w, "testing");
	for (i = 0; i < m->nexclusions; i++) {
		jw_object_begin(w, NULL);
		jw_date(w, "from_on", m->exclusions[i].from);
		jw_date(w, "to_on", m->exclusions[i].to);
		jw_object_end(w);
	}
	jw_array_end(w);
}

/* The members of one measure (inside an open object). */
static void
measure_members(struct json_writer *w, const struct measure_view *v)
{
	const struct measure_rec *m = &v->m;

	jw_string(w, "id", v->id);
	jw_string(w, "case_id", v->case_id);
	jw_string(w, "kind",
	    measure_kind_is_transfer(m->kind) ? measure_transfer_code(m->kind) :
	                                        measure_kind_code(m->kind));
	jw_string(w, "measure_kind", measure_kind_code(m->kind));
	jw_string(w, "kind_label", measure_kind_label(m->kind));
	jw_string(w, "state", measure_state_code(m->state));
	jw_string(w, "state_label", measure_state_label(m->state));
	jw_int(w, "version", v->version);
	jw_date(w, "decided_on", m->decided_on);
	jw_string_or_null(w, "doc_no", v->doc_no);
	jw_string(w, "facts_md", v->facts_md != NULL ? v->facts_md : "");
	jw_bool(w, "emergency", m->emergency);
	jw_instant(w, "started_at", m->started_at);
	jw_date(w, "monitoring_on", m->monitoring_on);
	jw_string(w, "place", v->place != NULL ? v->place : "");
	jw_positive(w, "period_days", m->period_days);
	jw_positive(w, "period_months", m->period_months);
	jw_int(w, "extension_days", m->extension_days);
	jw_int(w, "extension_months", m->extension_months);
	jw_date(w, "extended_on", m->extended_on);
	jw_instant(w, "approved_at", m->approved_at);
	jw_date(w, "effective_from", m->effective_from);
	jw_date(w, "served_on", m->served_on);
	jw_date(w, "release_applied_on", m->release_applied_on);
	jw_date(w, "release_refused_on", m->release_refused_on);
	jw_date(w, "release_decided_on", m->release_decided_on);
	jw_date(w, "released_on", m->released_on);
	jw_date(w, "plan_submitted_on", m->plan_submitted_on);
	jw_date(w, "completion_reported_on", m->completion_reported_on);
	jw_date(w, "follow_up_on", m->follow_up_on);
	jw_date(w, "reported_on", m->reported_on);
	jw_instant(w, "transferred_at", m->transferred_at);
	jw_string(w, "police_agency",
	    v->police_agency != NULL ? v->police_agency : "");
	jw_date(w, "procuratorate_copied_on", m->procuratorate_copied_on);
	jw_string(w, "complexity", measure_complexity_code(m->complexity));
	jw_date(w, "more_requested_on", m->more_requested_on);
	jw_date(w, "resubmitted_on", m->resubmitted_on);
	jw_date(w, "police_decided_on", m->police_decided_on);
	jw_int(w, "persons", m->npersons);
	jw_count(w, "persons_detained", m->persons_detained);
	jw_count(w, "persons_coercive", m->persons_coercive);
	jw_date(w, "outcome_on", m->outcome_on);
	jw_date(w, "ended_on", m->ended_on);
	jw_string(w, "end_reason", v->end_reason != NULL ? v->end_reason : "");
	jw_int(w, "amount_fen", daily_penalty_total(m));
	rounds_write(w, m);
	testing_write(w, m);
	api_deadlines(w, "deadlines", v->deadlines, v->ndeadlines);
	actions_write(w, "allowed_actions", v->allowed);
	jw_string(w, "created_at", v->created_at);
	jw_string(w, "updated_at", v->updated_at);
}

/* Answers with measure id as of today; 404 when of the other family. */
static int
measure_answer(struct web_ctx *ctx, const char *id, int transfer, int status)
{
	static const struct api_col officer_cols[] = { { "id", API_TEXT },
		{ "display_name", API_TEXT }, { "cert_no", API_TEXT } };
	static const struct api_col item_cols[] = { { "seq", API_INT },
		{ "name", API_TEXT }, { "quantity", API_TEXT },
		{ "note", API_TEXT } };
	static const struct api_col person_cols[] = { { "seq", API_INT },
		{ "name", API_TEXT }, { "role", API_TEXT } };
	static const struct api_col ev_cols[] = { { "action", API_TEXT },
		{ "from", API_TEXT }, { "to", API_TEXT }, { "actor", API_TEXT },
		{ "at", API_TEXT }, { "detail", API_RAW } };
	static const struct api_col doc_cols[] = { { "id", API_TEXT },
		{ "kind", API_TEXT }, { "doc_no", API_TEXT },
		{ "issued_on", API_TEXT } };
	struct measure_page p;
	struct case_actor ca;
	struct json_writer w;
	struct buf b;
	struct db *db;
	char today[16];
	enum db_result r;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx, transfer ? "transfers.show" : "measures.show");
	if ((r = db_measure_page(db, &ca, id, today, web_now(), &p)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	if (measure_kind_is_transfer(p.l.items[0].m.kind) != transfer) {
		measure_page_free(&p);
		return (web_db_error(ctx, DB_NOTFOUND, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	measure_members(&w, &p.l.items[0]);
	jw_string_or_null(&w, "case_no", p.cv.rec.case_no);
	(void)api_rows(&w, "officers", p.officers, officer_cols,
	    (int)GS_NELEM(officer_cols));
	(void)api_rows(&w, "items", p.items, item_cols,
	    (int)GS_NELEM(item_cols));
	(void)api_rows(&w, "persons_list", p.persons, person_cols,
	    (int)GS_NELEM(person_cols));
	(void)api_rows(&w, "documents", p.documents, doc_cols,
	    (int)GS_NELEM(doc_cols));
	(void)api_rows(&w, "history", p.events, ev_cols,
	    (int)GS_NELEM(ev_cols));
	jw_object_end(&w);
	measure_page_free(&p);
	return (api_send(ctx, status, &b));
}

int
serve_api_measures_show(struct web_ctx *ctx)
{
	return (measure_answer(ctx, ctx->caps.v[0], 0, HTTP_STATUS_OK));
}

int
serve_api_transfers_show(struct web_ctx *ctx)
{
	return (measure_answer(ctx, ctx->caps.v[0], 1, HTTP_STATUS_OK));
}

/* A refused proposal or action: 409 with what may be done now, 403, 409
 * stale, 422 with the guard's fields. */
static int
measure_refusal(struct web_ctx *ctx, enum db_result r,
    const struct measure_act_result *res, const struct verr *errs,
    const char *action)
{
	struct json_writer w;
	struct buf b;

	if (r == DB_CONFLICT && res->stale)
		return (web_error(ctx, HTTP_STATUS_CONFLICT, "stale_version",
		    "措施已被他人修改，请刷新后重试"));
	if (r == DB_INVALID && res->verdict == CASE_FORBIDDEN)
		return (web_error(ctx, HTTP_STATUS_FORBIDDEN, "forbidden",
		    verr_get(errs, "actor") != NULL ? verr_get(errs, "actor") :
		                                      "您不能执行此操作"));
	if (r != DB_CONFLICT || res->verdict != CASE_WRONG_STATE)
		return (web_db_error(ctx, r, errs));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_object_begin(&w, "error");
	jw_string(&w, "code", "transition_not_allowed");
	jw_string(&w, "message", "措施当前的状态不允许此操作");
	jw_string(&w, "action", action);
	actions_write(&w, "allowed", res->allowed);
	jw_object_end(&w);
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CONFLICT, &b));
}

static int
measure_create(struct web_ctx *ctx, int transfer)
{
	const struct json_value *body;
	struct measure_act_result res;
	struct measure_body mb;
	struct case_actor ca;
	struct json_writer w;
	struct fields f;
	struct verr errs;
	struct buf b;
	struct db *db;
	char id[40], today[16];
	enum db_result r;

	if ((body = web_json_body(ctx,
	         transfer ? transfer_new_keys : measure_new_keys)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	api_fields(&f, body);
	measure_new_read(&f, transfer, &mb, &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx,
	    transfer ? "transfers.create" : "measures.create");
	r = db_measure_create(db, &ca, ctx->caps.v[0], &mb, ctx->body.data,
	    today, web_now(), &res, &errs, id);
	if (r != DB_OK)
		return (measure_refusal(ctx, r, &res, &errs, "create"));
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "id", id);
	jw_string(&w, "state",
	    measure_state_code(measure_initial_state(&mb.in)));
	jw_object_end(&w);
	return (api_send(ctx, HTTP_STATUS_CREATED, &b));
}

int
serve_api_measures_create(struct web_ctx *ctx)
{
	return (measure_create(ctx, 0));
}

int
serve_api_transfers_create(struct web_ctx *ctx)
{
	return (measure_create(ctx, 1));
}

static int
measure_act(struct web_ctx *ctx, int transfer)
{
	const struct json_value *body;
	struct measure_act_result res;
	struct measure_body mb;
	struct case_actor ca;
	struct fields f;
	struct verr errs;
	struct db *db;
	char today[16], context[64];
	enum measure_action a;
	enum db_result r;

	if ((a = measure_action_from(ctx->caps.v[1])) == MA__MAX)
		return (web_error(ctx, HTTP_STATUS_NOT_FOUND, "not_found",
		    "没有这个措施操作"));
	if ((body = web_json_body(ctx, measure_act_keys)) == NULL)
		return (KORE_RESULT_OK);
	verr_init(&errs);
	api_fields(&f, body);
	measure_act_read(&f, &mb, &errs);
	if (errs.n > 0)
		return (web_invalid(ctx, &errs));
	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	(void)snprintf(context, sizeof(context), "%s.%s",
	    transfer ? "transfers" : "measures", measure_action_code(a));
	ca = api_case_actor(ctx, context);
	r = db_measure_act(db, &ca, ctx->caps.v[0], transfer, a, &mb,
	    ctx->body.data, today, web_now(), &res, &errs);
	if (r != DB_OK)
		return (measure_refusal(ctx, r, &res, &errs,
		    measure_action_code(a)));
	return (measure_answer(ctx, ctx->caps.v[0], transfer, HTTP_STATUS_OK));
}

int
serve_api_measures_act(struct web_ctx *ctx)
{
	return (measure_act(ctx, 0));
}

int
serve_api_transfers_act(struct web_ctx *ctx)
{
	return (measure_act(ctx, 1));
}

/* GET /api/v1/cases/{id}/measures: the case's measures and transfers. */
int
serve_api_case_measures(struct web_ctx *ctx)
{
	struct measure_list l;
	struct case_actor ca;
	struct case_view cv;
	struct json_writer w;
	struct buf b;
	struct db *db;
	char today[16];
	enum db_result r;
	size_t i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	ca = api_case_actor(ctx, "measures.list");
	if ((r = db_case_view(db, &ca, ctx->caps.v[0], today, &cv)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	if ((r = db_case_measures(db, &ca, &cv, web_now(), &l)) != DB_OK) {
		case_view_free(&cv);
		return (web_db_error(ctx, r, NULL));
	}
	buf_init(&b);
	jw_init(&w, &b);
	jw_object_begin(&w, NULL);
	jw_array_begin(&w, "items");
	for (i = 0; i < l.n; i++) {
		jw_object_begin(&w, NULL);
		measure_members(&w, &l.items[i]);
		jw_object_end(&w);
	}
	jw_array_end(&w);
	jw_int(&w, "total", (int64_t)l.n);
	jw_object_end(&w);
	measure_list_free(&l);
	case_view_free(&cv);
	return (api_send(ctx, HTTP_STATUS_OK, &b));
}
