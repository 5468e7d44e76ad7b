/*
 * entities.c — services of the entity registry (see entities.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/log.h"
#include "core/util.h"
#include "db/entities.h"
#include "db/pgarray.h"

void
entity_row_read(const PGresult *res, int row, struct entity_row *e)
{
	const char **f[] = {
		&e->id,
		&e->uscc,
		&e->name,
		&e->address,
		&e->township,
		&e->industry,
		&e->category,
		&e->legal_rep,
		&e->lat,
		&e->lng,
		&e->status,
		&e->credit_grade,
		&e->version,
		&e->updated_at,
		&e->created_at,
	};
	size_t i;

	for (i = 0; i < GS_NELEM(f); i++)
		*f[i] = db_value(res, row, (int)i);
	e->updated_us = 0;
}

static const char *
empty_if_null(const char *s)
{
	return (s != NULL ? s : "");
}

/*
 * The registries this worker holds, one per bureau it has served lately.
 * A copy is good while bureau_rev.registry has not moved. The caller read
 * the counter before we read the rows (with the session, at the start of
 * the request), so a change that lands in between makes the copy look
 * older than it is (one reload too many), never newer.
 */
#define REGISTRY_SLOTS 4

struct registry {
	char bureau[40];
	int64_t rev;
	uint64_t used; /* for evicting the least recently used */
	PGresult *res;
	struct entity_index idx;
};

static struct registry registries[REGISTRY_SLOTS];
static uint64_t registry_clock;

static void
registry_drop(struct registry *g)
{
	if (g->res != NULL) {
		entity_index_free(&g->idx);
		PQclear(g->res);
	}
	memset(g, 0, sizeof(*g));
}

/* The slot for bureau: its own, an empty one, or the least recently used. */
static struct registry *
registry_slot(const char *bureau)
{
	struct registry *g, *lru;
	size_t i;

	lru = &registries[0];
	for (i = 0; i < REGISTRY_SLOTS; i++) {
		g = &registries[i];
		if (strcmp(g->bureau, bureau) == 0)
			return (g);
		if (g->used < lru->used)
			lru = g;
	}
	registry_drop(lru);
	return (lru);
}

static enum db_result
registry_load(struct db *d, struct registry *g, const char *bureau, int64_t rev)
{
	struct entity_row *rows;
	PGresult *res;
	enum db_result r;
	int i, n;

	if ((r = DB_QUERY(d, SQL_ENTITY_ALL, &res, bureau)) != DB_OK)
		return (r);
	n = PQntuples(res);
	rows = xcalloc((size_t)n + 1, sizeof(*rows));
	for (i = 0; i < n; i++) {
		entity_row_read(res, i, &rows[i]);
		rows[i].updated_us =
		    strtoll(PQgetvalue(res, i, ENTITY_NCOLS), NULL, 10);
	}
	registry_drop(g);
	(void)snprintf(g->bureau, sizeof(g->bureau), "%s", bureau);
	g->rev = rev;
	g->res = res;
	entity_index_init(&g->idx, rows, (size_t)n);
	return (DB_OK);
}

/* The bureau's copy as of rev, read again when rev moved or when forced. */
static enum db_result
registry_use(struct db *d, const char *bureau, int64_t rev, int force,
    struct entity_index **idx)
{
	struct registry *g;
	enum db_result r;

	*idx = NULL;
	g = registry_slot(bureau);
	if (force || g->res == NULL || g->rev != rev) {
		if ((r = registry_load(d, g, bureau, rev)) != DB_OK)
			return (r);
	}
	g->used = ++registry_clock;
	*idx = &g->idx;
	return (DB_OK);
}

enum db_result
db_entity_index(struct db *d, const char *bureau, int64_t rev,
    struct entity_index **idx)
{
	return (registry_use(d, bureau, rev, 0, idx));
}

enum db_result
db_entity_index_reload(struct db *d, const char *bureau, int64_t rev,
    struct entity_index **idx)
{
	return (registry_use(d, bureau, rev, 1, idx));
}

enum db_result
db_entity_get(struct db *d, const char *bureau, const char *id, PGresult **row)
{
	return (DB_QUERY_ONE(d, SQL_ENTITY_GET, row, bureau, id));
}

static const char *
null_if_empty(const char *s)
{
	return (s != NULL && *s != '\0' ? s : NULL);
}

/* The status asked for; a new or edited entity is active unless told. */
static const char *
status_of(const struct entity_input *in)
{
	return (null_if_empty(in->status) ? in->status : "active");
}

enum db_result
db_entity_create(struct db *d, const struct db_actor *a,
    struct entity_input *in, struct verr *errs, char id[40])
{
	PGresult *res;
	enum db_result r;

	if (!entity_validate(in, errs))
		return (DB_INVALID);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	r = DB_QUERY_ONE(d, SQL_ENTITY_CREATE, &res, a->bureau_id,
	    in->uscc_canon, in->name, empty_if_null(in->address), in->township,
	    in->industry, in->category, null_if_empty(in->legal_rep),
	    null_if_empty(in->lat), null_if_empty(in->lng), a->user_id,
	    status_of(in));
	if (r == DB_OK) {
		(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
		PQclear(res);
		r = db_commit(d);
	} else {
		db_rollback(d);
	}
	if (r == DB_CONFLICT)
		verr_add(errs, "uscc", "该统一社会信用代码已登记");
	return (r);
}

enum db_result
db_entity_update(struct db *d, const struct db_actor *a, const char *id,
    int64_t version, struct entity_input *in, struct verr *errs)
{
	PGresult *res;
	struct entity_row cur;
	char ver[24];
	enum db_result r;

	if (!entity_validate(in, errs))
		return (DB_INVALID);
	if ((r = db_begin_write(d, a)) != DB_OK)
		return (r);
	if ((r = DB_QUERY_ONE(d, SQL_ENTITY_LOCK, &res, a->bureau_id, id)) !=
	    DB_OK)
		goto fail;
	entity_row_read(res, 0, &cur);
	if (strcmp(cur.uscc, in->uscc_canon) != 0) {
		verr_add(errs, "uscc", "统一社会信用代码不可修改");
		PQclear(res);
		r = DB_INVALID;
		goto fail;
	}
	PQclear(res);

	(void)snprintf(ver, sizeof(ver), "%" PRId64, version);
	r = DB_QUERY_ONE(d, SQL_ENTITY_UPDATE, NULL, a->bureau_id, id, in->name,
	    empty_if_null(in->address), in->township, in->industry,
	    in->category, null_if_empty(in->legal_rep), null_if_empty(in->lat),
	    null_if_empty(in->lng), status_of(in), ver);
	if (r == DB_NOTFOUND)
		r = DB_CONFLICT; /* the row exists: the version was stale */
	if (r != DB_OK)
		goto fail;
	return (db_commit(d));
fail:
	db_rollback(d);
	return (r);
}

void
import_report_free(struct import_report *rep)
{
	free(rep->errors);
	memset(rep, 0, sizeof(*rep));
}

static void
import_error(struct import_report *rep, int line, const char *field,
    const char *message)
{
	struct entity_import_error *e;

	if (rep->nerrors == ENTITY_IMPORT_ERRORS_MAX) {
		rep->more = 1;
		return;
	}
	if (rep->nerrors == rep->cap) {
		rep->cap = rep->cap ? rep->cap * 2 : 16;
		rep->errors =
		    xrealloc(rep->errors, rep->cap * sizeof(*rep->errors));
	}
	e = &rep->errors[rep->nerrors++];
	e->line = line;
	(void)snprintf(e->field, sizeof(e->field), "%s", field);
	(void)snprintf(e->message, sizeof(e->message), "%s", message);
}

/* The import's columns and where each one is in the file. */
enum import_col {
	IMP_USCC,
	IMP_NAME,
	IMP_ADDRESS,
	IMP_TOWNSHIP,
	IMP_INDUSTRY,
	IMP_CATEGORY,
	IMP_LEGAL_REP,
	IMP__MAX
};

static const char *const import_cols[IMP__MAX] = {
	"uscc",
	"name",
	"address",
	"township",
	"industry",
	"category",
	"legal_rep",
};

struct import_state {
	int pos[IMP__MAX];               /* -1: absent */
	struct pgarray arrays[IMP__MAX]; /* one per column */
	char **usccs;                    /* canonical, per good row */
	int *lines;
	size_t n;
	size_t cap;
};

static int
import_header(struct csv_reader *rd, struct import_state *st,
    struct import_report *rep)
{
	size_t i;
	int c;

	for (c = 0; c < IMP__MAX; c++)
		st->pos[c] = -1;
	for (i = 0; i < rd->nfields; i++) {
		for (c = 0; c < IMP__MAX; c++) {
			if (strcmp(rd->fields[i].s, import_cols[c]) == 0)
				break;
		}
		if (c == IMP__MAX) {
			import_error(rep, rd->row_line, rd->fields[i].s,
			    "未知的列名（应为 uscc,name,address,township,"
			    "industry,category，可选 legal_rep）");
			return (GS_ERROR);
		}
		if (st->pos[c] != -1) {
			import_error(rep, rd->row_line, import_cols[c],
			    "列名重复");
			return (GS_ERROR);
		}
		st->pos[c] = (int)i;
	}
	for (c = 0; c < IMP_LEGAL_REP; c++) {
		if (st->pos[c] == -1) {
			import_error(rep, rd->row_line, import_cols[c],
			    "缺少必需的列");
			return (GS_ERROR);
		}
	}
	return (GS_OK);
}

static const char *
import_field(const struct csv_reader *rd, const struct import_state *st,
    enum import_col c)
{
	if (st->pos[c] < 0 || (size_t)st->pos[c] >= rd->nfields)
		return ("");
	return (rd->fields[st->pos[c]].s);
}

static void
import_row(struct csv_reader *rd, struct import_state *st,
    struct import_report *rep)
{
	struct entity_input in;
	struct verr errs;
	size_t i;
	int c;
	char msg[VERR_MESSAGE_LEN];

	memset(&in, 0, sizeof(in));
	in.uscc = import_field(rd, st, IMP_USCC);
	in.name = import_field(rd, st, IMP_NAME);
	in.address = import_field(rd, st, IMP_ADDRESS);
	in.township = import_field(rd, st, IMP_TOWNSHIP);
	in.industry = import_field(rd, st, IMP_INDUSTRY);
	in.category = import_field(rd, st, IMP_CATEGORY);
	in.legal_rep = import_field(rd, st, IMP_LEGAL_REP);
	verr_init(&errs);
	if (rd->nfields != (size_t)(st->pos[IMP_LEGAL_REP] >= 0 ? 7 : 6))
		verr_add(&errs, "line", "字段数与表头不一致");
	if (!entity_validate(&in, &errs) || errs.n > 0) {
		for (i = 0; i < errs.n; i++)
			import_error(rep, rd->row_line, errs.items[i].field,
			    errs.items[i].message);
		return;
	}
	for (i = 0; i < st->n; i++) {
		if (strcmp(st->usccs[i], in.uscc_canon) == 0) {
			(void)snprintf(msg, sizeof(msg),
			    "统一社会信用代码与第 %d 行重复", st->lines[i]);
			import_error(rep, rd->row_line, "uscc", msg);
			return;
		}
	}
	if (st->n == st->cap) {
		st->cap = st->cap ? st->cap * 2 : 256;
		st->usccs = xrealloc(st->usccs, st->cap * sizeof(char *));
		st->lines = xrealloc(st->lines, st->cap * sizeof(int));
	}
	st->usccs[st->n] = xstrdup(in.uscc_canon);
	st->lines[st->n] = rd->row_line;
	st->n++;
	pgarray_add(&st->arrays[IMP_USCC], in.uscc_canon);
	for (c = IMP_NAME; c < IMP__MAX; c++)
		pgarray_add(&st->arrays[c],
		    import_field(rd, st, (enum import_col)c));
}

static void
import_state_free(struct import_state *st)
{
	size_t i;
	int c;

	for (i = 0; i < st->n; i++)
		free(st->usccs[i]);
	free(st->usccs);
	free(st->lines);
	for (c = 0; c < IMP__MAX; c++)
		pgarray_free(&st->arrays[c]);
}

/* Reports the file's USCCs that the bureau already has. */
static enum db_result
import_check_taken(struct db *d, const char *bureau, struct import_state *st,
    struct import_report *rep)
{
	PGresult *res;
	const char *taken;
	size_t j;
	int i;

	if (DB_QUERY(d, SQL_ENTITY_USCC_TAKEN, &res, bureau,
	        pgarray_finish(&st->arrays[IMP_USCC])) != DB_OK)
		return (DB_ERROR);
	for (i = 0; i < PQntuples(res); i++) {
		taken = PQgetvalue(res, i, 0);
		for (j = 0; j < st->n; j++) {
			if (strcmp(st->usccs[j], taken) == 0)
				import_error(rep, st->lines[j], "uscc",
				    "该统一社会信用代码已登记");
		}
	}
	PQclear(res);
	return (DB_OK);
}

static void
import_sort_errors(struct import_report *rep)
{
	size_t i, j;
	struct entity_import_error tmp;

	/* Insertion sort: few errors, and stable by line. */
	for (i = 1; i < rep->nerrors; i++) {
		tmp = rep->errors[i];
		for (j = i; j > 0 && rep->errors[j - 1].line > tmp.line; j--)
			rep->errors[j] = rep->errors[j - 1];
		rep->errors[j] = tmp;
	}
}

enum db_result
db_entity_import_csv(struct db *d, const struct db_actor *a, const char *csv,
    size_t len, struct import_report *rep)
{
	struct csv_reader rd;
	struct import_state st;
	enum csv_result cr;
	enum db_result r;
	int c, header;

	memset(rep, 0, sizeof(*rep));
	memset(&st, 0, sizeof(st));
	for (c = 0; c < IMP__MAX; c++)
		pgarray_init(&st.arrays[c]);
	csv_open(&rd, csv, len);
	header = 0;
	r = DB_INVALID;
	while ((cr = csv_next(&rd)) == CSV_ROW) {
		if (!header) {
			if (!import_header(&rd, &st, rep))
				goto out;
			header = 1;
			continue;
		}
		import_row(&rd, &st, rep);
	}
	if (cr == CSV_ERROR)
		import_error(rep, rd.error_line, "line", rd.error);
	else if (!header)
		import_error(rep, 1, "line", "文件为空：第一行应为表头");
	else if (st.n == 0 && rep->nerrors == 0)
		import_error(rep, 2, "line", "文件只有表头，没有数据行");
	if (rep->nerrors > 0 || st.n == 0)
		goto out;

	if ((r = db_begin_write(d, a)) != DB_OK)
		goto out;
	if ((r = import_check_taken(d, a->bureau_id, &st, rep)) != DB_OK ||
	    rep->nerrors > 0) {
		db_rollback(d);
		if (r == DB_OK)
			r = DB_INVALID;
		goto out;
	}
	r = DB_QUERY(d, SQL_ENTITY_IMPORT, NULL, a->bureau_id,
	    pgarray_finish(&st.arrays[IMP_USCC]),
	    pgarray_finish(&st.arrays[IMP_NAME]),
	    pgarray_finish(&st.arrays[IMP_ADDRESS]),
	    pgarray_finish(&st.arrays[IMP_TOWNSHIP]),
	    pgarray_finish(&st.arrays[IMP_INDUSTRY]),
	    pgarray_finish(&st.arrays[IMP_CATEGORY]),
	    pgarray_finish(&st.arrays[IMP_LEGAL_REP]), a->user_id);
	if (r != DB_OK) {
		db_rollback(d);
		goto out;
	}
	if ((r = db_commit(d)) == DB_OK)
		rep->imported = (int64_t)st.n;
out:
	csv_close(&rd);
	import_state_free(&st);
	import_sort_errors(rep);
	if (r == DB_OK && rep->nerrors > 0)
		r = DB_INVALID;
	return (r);
}
