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
 * the bureau setting live with the connection, not the request. */
#define WEB_DB_SLOTS 16

static struct db db_slots[WEB_DB_SLOTS];
static size_t db_next_slot;

static struct db *
db_slot(const PGconn *conn)
{
	size_t i;
	struct db *d;

	for (i = 0; i < WEB_DB_SLOTS; i++) {
		if (db_slots[i].conn == conn)
			return (&db_slots[i]);
	}
	d = &db_slots[db_next_slot++ % WEB_DB_SLOTS];
	memset(d, 0, sizeof(*d));
	return (d);
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
	ctx->db = db_slot(ctx->sql.conn->db);
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

void
web_db_release(struct web_ctx *ctx)
{
	if (!ctx->have_sql)
		return;
	if (ctx->db != NULL)
		db_rollback(ctx->db);
	kore_pgsql_cleanup(&ctx->sql);
	ctx->have_sql = 0;
	ctx->db = NULL;
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
