/*
 * db.c — a request's database connection, borrowed from Kore's pool.
 *
 * Queries are synchronous: a handler is straight-line code and a
 * transaction reads like one. The worker count in conf/ keeps both cores
 * busy while some workers wait on PostgreSQL (docs/architecture.md has the
 * numbers). Every connection sees exactly the signed-in user's bureau, or
 * none for anonymous requests: the bureau is (re)set whenever a
 * connection changes hands, so no request can inherit another's.
 */
#include <string.h>

#include "core/log.h"
#include "web/web.h"

/* One struct db per PGconn this worker has seen: prepared statements and
 * the bureau setting live with the connection, not the request. A slot a
 * request holds is never given to another connection. */
#define WEB_DB_SLOTS 16

static struct db db_slots[WEB_DB_SLOTS];
static int db_slot_held[WEB_DB_SLOTS];
static size_t db_next_slot;

static struct db *
db_slot_take(const PGconn *conn)
{
	size_t i, n;
	struct db *d;

	for (i = 0; i < WEB_DB_SLOTS; i++) {
		if (db_slots[i].conn == conn) {
			db_slot_held[i] = 1;
			return (&db_slots[i]);
		}
	}
	/* Kore's pool holds far fewer connections than there are slots. */
	for (n = 0; n < WEB_DB_SLOTS; n++) {
		i = db_next_slot++ % WEB_DB_SLOTS;
		if (!db_slot_held[i])
			break;
	}
	if (n == WEB_DB_SLOTS)
		fatal("web db: every slot is held");
	d = &db_slots[i];
	memset(d, 0, sizeof(*d));
	db_slot_held[i] = 1;
	return (d);
}

static void
db_slot_give_back(const struct db *d)
{
	db_slot_held[d - db_slots] = 0;
}

/* Gives a borrowed connection back to Kore's pool. */
static void
sql_release(struct kore_pgsql *sql, int *have, struct db **d)
{
	if (!*have)
		return;
	if (*d != NULL) {
		db_rollback(*d);
		db_slot_give_back(*d);
	}
	kore_pgsql_cleanup(sql);
	*have = 0;
	*d = NULL;
}

struct db *
web_db_conn(struct web_ctx *ctx)
{
	if (ctx->db != NULL)
		return (ctx->db);
	kore_pgsql_init(&ctx->sql);
	if (!kore_pgsql_setup(&ctx->sql, "db", KORE_PGSQL_SYNC)) {
		gs_log(LOG_LEVEL_ERROR, "no database connection: %s",
		    ctx->sql.error ? ctx->sql.error : "unknown");
		kore_pgsql_cleanup(&ctx->sql);
		(void)web_error(ctx, HTTP_STATUS_SERVICE_UNAVAILABLE,
		    "unavailable", "数据库暂时不可用，请稍后重试");
		return (NULL);
	}
	ctx->have_sql = 1;
	ctx->db = db_slot_take(ctx->sql.conn->db);
	db_attach(ctx->db, ctx->sql.conn->db);
	return (ctx->db);
}

struct db *
web_db(struct web_ctx *ctx)
{
	struct db *d;

	if ((d = web_db_conn(ctx)) == NULL)
		return (NULL);
	/* Cached per connection: a round trip only when it changes. */
	if (db_set_bureau(d, ctx->user.signed_in ? ctx->user.bureau_id : "") !=
	    DB_OK) {
		web_db_release(ctx);
		(void)web_error(ctx, HTTP_STATUS_SERVICE_UNAVAILABLE,
		    "unavailable", "数据库暂时不可用，请稍后重试");
		return (NULL);
	}
	return (d);
}

struct db *
web_db_second(struct web_ctx *ctx)
{
	if (ctx->db2 != NULL)
		return (ctx->db2);
	kore_pgsql_init(&ctx->sql2);
	if (!kore_pgsql_setup(&ctx->sql2, "db", KORE_PGSQL_SYNC)) {
		kore_pgsql_cleanup(&ctx->sql2);
		return (NULL);
	}
	ctx->have_sql2 = 1;
	ctx->db2 = db_slot_take(ctx->sql2.conn->db);
	db_attach(ctx->db2, ctx->sql2.conn->db);
	if (db_set_bureau(ctx->db2,
	        ctx->user.signed_in ? ctx->user.bureau_id : "") != DB_OK) {
		sql_release(&ctx->sql2, &ctx->have_sql2, &ctx->db2);
		return (NULL);
	}
	return (ctx->db2);
}

void
web_db_release(struct web_ctx *ctx)
{
	sql_release(&ctx->sql2, &ctx->have_sql2, &ctx->db2);
	sql_release(&ctx->sql, &ctx->have_sql, &ctx->db);
}

struct db_actor
web_actor(struct web_ctx *ctx, const char *context)
{
	struct db_actor a;

	a.bureau_id = ctx->user.bureau_id;
	a.user_id = ctx->user.id[0] != '\0' ? ctx->user.id : NULL;
	a.username = ctx->user.username;
	a.context = context;
	a.request_id = ctx->request_id;
	return (a);
}
