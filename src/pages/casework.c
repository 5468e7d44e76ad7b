/*
 * pages/casework.c — the work of the day: the officer's part of the start
 * page (their open cases, the deadlines of those cases due soon or
 * overdue, the day's inspections) and the queues of cases waiting for
 * legal review or for a leader's approval or decision.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "db/casework.h"
#include "db/inspections.h"
#include "pages/pages.h"
#include "web/handlers.h"

#define HOME_CASES 20

/* Overdue and due-soon deadlines, each with how late or how near. */
static void
home_deadlines(struct tdata *d, const struct work_deadlines *w,
    const struct due_clock *c)
{
	const struct work_deadline *it;
	char due[GS_DATE_STRLEN];
	struct tlist *over, *soon;
	struct tdata *t;
	int64_t late = 0;
	size_t i;
	int n;

	over = tdata_list(d, "overdue");
	soon = tdata_list(d, "due_soon");
	for (i = 0; i < w->n; i++) {
		it = &w->items[i];
		t = tlist_add(it->status == DS_OVERDUE ? over : soon);
		case_row_add(t, it->case_id, it->case_no,
		    case_state_code(it->state));
		tdata_text(t, "entity", it->entity_name);
		tdata_text(t, "kind", deadline_kind_label(it->kind));
		date_format(it->effective_due_on, due);
		tdata_text(t, "due", due);
		if (it->status == DS_OVERDUE) {
			late++;
			tdata_textf(t, "days", "逾期 %d 天",
			    (int)(c->today - it->effective_due_on));
		} else if ((n = calendar_working_days_between(&c->cal, c->today,
		                it->effective_due_on)) == 0) {
			tdata_text(t, "days", "今天到期");
		} else {
			tdata_textf(t, "days", "还剩 %d 个工作日", n);
		}
	}
	tdata_int(d, "overdue_count", late);
	tdata_int(d, "due_soon_count", (int64_t)w->n - late);
}

/* Columns of SQL_CASE_MINE_OPEN. */
static void
home_cases(struct tdata *d, PGresult *res, const struct due_clock *c)
{
	static const struct case_cols cols = { 0, 1, 2, 3, -1, 4, 5 };
	struct tlist *l;
	int64_t total = 0;
	int i;

	l = tdata_list(d, "my_cases");
	for (i = 0; i < PQntuples(res); i++)
		case_row_read(tlist_add(l), res, i, &cols, c);
	if (PQntuples(res) > 0)
		(void)parse_int64(PQgetvalue(res, 0, 7), &total);
	tdata_int(d, "my_total", total);
	tdata_bool(d, "my_more", total > PQntuples(res));
}

/* Columns of SQL_INSPECTIONS_OF_OFFICER. A case can be proposed from
 * each, with its party, clue and inspection filled in. */
static void
home_inspections(struct web_ctx *ctx, struct tdata *d, PGresult *res)
{
	struct tlist *l;
	struct tdata *t;
	struct buf url;
	int i;

	buf_init(&url);
	l = tdata_list(d, "inspections");
	for (i = 0; i < PQntuples(res); i++) {
		t = tlist_add(l);
		tdata_text(t, "entity", PQgetvalue(res, i, 2));
		url_setf(t, "entity_url", "/entities/%s",
		    PQgetvalue(res, i, 1));
		tdata_text(t, "address", PQgetvalue(res, i, 3));
		tdata_text(t, "outcome",
		    inspection_outcome_label(PQgetvalue(res, i, 4)));
		tdata_text(t, "officers",
		    PQgetisnull(res, i, 6) ? "" : PQgetvalue(res, i, 6));
		if (!perm_allows(ctx->user.roles, PERM_CASE_PROPOSE))
			continue;
		buf_reset(&url);
		buf_puts(&url, "/cases/new");
		url_param(&url, "entity_id", PQgetvalue(res, i, 1));
		url_param(&url, "inspection_id", PQgetvalue(res, i, 0));
		url_param(&url, "clue_id", db_value(res, i, 5));
		tdata_url(t, "propose_url", url.data);
	}
	buf_free(&url);
}

int
home_casework(struct web_ctx *ctx, struct tdata *d)
{
	struct work_deadlines w;
	struct due_clock clock;
	PGresult *mine = NULL, *insp = NULL;
	struct db *db;
	char today[16];
	enum db_result r;
	const char *bureau = ctx->user.bureau_id, *me = ctx->user.id;

	if ((db = web_db(ctx)) == NULL)
		return (GS_ERROR);
	web_today(today);
	memset(&w, 0, sizeof(w));
	if ((r = db_due_clock(db, bureau, today, &clock)) != DB_OK) {
		(void)web_db_error(ctx, r, NULL);
		return (GS_ERROR);
	}
	if ((r = db_work_deadlines(db, bureau, me, &clock, &w)) != DB_OK ||
	    (r = db_case_mine(db, bureau, me, HOME_CASES, &mine)) != DB_OK ||
	    (r = db_inspections_of(db, bureau, me, today, &insp)) != DB_OK) {
		work_deadlines_free(&w);
		PQclear(mine);
		due_clock_free(&clock);
		(void)web_db_error(ctx, r, NULL);
		return (GS_ERROR);
	}
	tdata_bool(d, "show_casework", 1);
	tdata_text(d, "today", today);
	tdata_bool(d, "can_propose",
	    perm_allows(ctx->user.roles, PERM_CASE_PROPOSE));
	home_deadlines(d, &w, &clock);
	home_cases(d, mine, &clock);
	home_inspections(ctx, d, insp);
	work_deadlines_free(&w);
	PQclear(mine);
	PQclear(insp);
	due_clock_free(&clock);
	return (GS_OK);
}

/* ---- the queues ------------------------------------------------------- */

struct queue_group {
	const char *title;
	enum case_state states[2];
	size_t nstates;
};

/* Columns of SQL_CASE_QUEUE. */
static void
queue_rows(struct tdata *g, PGresult *res, const struct due_clock *c)
{
	static const struct case_cols cols = { 0, 1, 2, 3, 4, 5, 10 };
	struct tlist *l;
	struct tdata *t;
	char fine[48];
	int64_t n = 0, fen;
	int i;

	l = tdata_list(g, "rows");
	for (i = 0; i < PQntuples(res); i++) {
		t = tlist_add(l);
		case_row_read(t, res, i, &cols, c);
		tdata_text(t, "squad",
		    PQgetisnull(res, i, 6) ? "" : PQgetvalue(res, i, 6));
		tdata_text(t, "proposer", PQgetvalue(res, i, 7));
		tdata_text(t, "since", PQgetvalue(res, i, 8));
		if (!PQgetisnull(res, i, 9))
			tdata_text(t, "due_kind",
			    deadline_kind_label(
			        deadline_kind_from(PQgetvalue(res, i, 9))));
		if (!PQgetisnull(res, i, 11) &&
		    parse_int64(PQgetvalue(res, i, 11), &fen)) {
			money_format_yuan(fen, fine, sizeof(fine));
			tdata_text(t, "fine", fine);
		}
	}
	if (PQntuples(res) > 0)
		(void)parse_int64(PQgetvalue(res, 0, 12), &n);
	tdata_int(g, "total", n);
	tdata_bool(g, "empty", n == 0);
	tdata_bool(g, "more", n > PQntuples(res));
}

static int
queue_page(struct web_ctx *ctx, const char *heading, const char *intro,
    const struct queue_group *groups, size_t ngroups, const char *squad)
{
	struct due_clock clock;
	struct tlist *l;
	struct tdata *d, *g;
	struct db *db;
	PGresult *res;
	char today[16];
	enum db_result r;
	size_t i;

	if ((db = web_db(ctx)) == NULL)
		return (KORE_RESULT_OK);
	web_today(today);
	if ((r = db_due_clock(db, ctx->user.bureau_id, today, &clock)) != DB_OK)
		return (web_db_error(ctx, r, NULL));
	d = web_page(ctx);
	tdata_text(d, "title", heading);
	tdata_text(d, "heading", heading);
	tdata_text(d, "intro", intro);
	l = tdata_list(d, "groups");
	for (i = 0; i < ngroups; i++) {
		if ((r = db_case_queue(db, ctx->user.bureau_id,
		         groups[i].states, groups[i].nstates, squad,
		         CASEWORK_ROWS_MAX, &res)) != DB_OK) {
			due_clock_free(&clock);
			return (web_db_error(ctx, r, NULL));
		}
		g = tlist_add(l);
		tdata_text(g, "title", groups[i].title);
		queue_rows(g, res, &clock);
		PQclear(res);
	}
	due_clock_free(&clock);
	return (web_render(ctx, HTTP_STATUS_OK, "pages/queue"));
}

int
serve_queues_legal_review(struct web_ctx *ctx)
{
	static const struct queue_group g = { "待法制审核", { CS_LEGAL_REVIEW },
		1 };

	return (queue_page(ctx, "法制审核",
	    "送交法制审核的案件，按送审时间先后排列。", &g, 1, NULL));
}

/*
 * Filing approvals for squad leaders (their squad's cases) and the head
 * (all); decisions for the head.
 */
int
serve_queues_approvals(struct web_ctx *ctx)
{
	static const struct queue_group filing = { "待立案审批",
		{ CS_PROPOSED }, 1 };
	static const struct queue_group decision = { "待作出决定",
		{ CS_AWAITING_DECISION }, 1 };
	struct queue_group groups[2];
	int head;

	head = (ctx->user.roles & ROLE_BIT(ROLE_HEAD)) != 0;
	groups[0] = filing;
	groups[1] = decision;
	return (queue_page(ctx, "待审批",
	    head ? "待立案审批与待作出决定的案件，按等待时间先后排列。" :
	           "本中队待立案审批的案件，按提出时间先后排列。",
	    groups, head ? 2 : 1,
	    head || ctx->user.squad_id[0] == '\0' ? NULL : ctx->user.squad_id));
}
