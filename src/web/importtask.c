/*
 * importtask.c — the legacy case import in a Kore task (see web.h).
 *
 * The task thread opens two connections of its own: one for the import's
 * transaction, one for its progress (written outside that transaction so
 * that others see it). It touches only its struct import_work and the
 * request's spool, which Kore keeps until the task is done whatever the
 * client does; the worker reads the outcome after kore_task_finished().
 */
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "core/log.h"
#include "db/imports.h"
#include "web/web.h"

struct import_work {
	struct kore_task task; /* first: the entry casts */
	/* The actor, copied: the request's strings are not the thread's. */
	char bureau[40];
	char user[40];
	char username[40];
	char request_id[24];
	char job_id[40];
	char sha256[crypto_hash_sha256_BYTES * 2 + 1];
	const char *data;
	size_t len;
	gs_date today;
	struct case_import_outcome out;
	enum db_result result;
};

/*
 * The file is read once, front to back, from its mapping: what has been
 * read leaves the worker's memory (the pages are the spool file's and are
 * never needed again), so a large import keeps the worker flat.
 */
static void
import_consumed(const char *data, size_t len, void *arg)
{
	long page = sysconf(_SC_PAGESIZE);
	uintptr_t from, to;

	(void)arg;
	if (page <= 0)
		return;
	/* The mapping starts on a page; data may sit inside one. */
	from = (uintptr_t)data & ~((uintptr_t)page - 1);
	to = ((uintptr_t)data + len) & ~((uintptr_t)page - 1);
	if (to > from)
		(void)madvise((void *)from, to - from, MADV_DONTNEED);
}

/*
 * The file's SHA-256 and its lines (blank ones included: the progress'
 * total) in one pass, a megabyte at a time, each dropped once read.
 */
static int64_t
file_survey(const char *data, size_t len, char *sha_hex)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	const char *p, *end;
	size_t off, n;
	int64_t lines = 0;

	(void)crypto_hash_sha256_init(&st);
	for (off = 0; off < len; off += n) {
		n = len - off < 1048576 ? len - off : 1048576;
		(void)crypto_hash_sha256_update(&st,
		    (const unsigned char *)data + off, n);
		for (p = data + off, end = p + n;
		     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
			lines++;
		import_consumed(data, off + n, NULL);
	}
	(void)crypto_hash_sha256_final(&st, h);
	hex_encode(h, sizeof(h), sha_hex);
	if (len > 0 && data[len - 1] != '\n')
		lines++;
	return (lines);
}

/* A connection of the thread's own, with the bureau set. */
static PGconn *
task_connect(struct db *d, const char *bureau)
{
	PGconn *conn;

	memset(d, 0, sizeof(*d));
	if ((conn = db_connect(web_settings.db_url)) == NULL)
		return (NULL);
	db_attach(d, conn);
	if (db_set_bureau(d, bureau) != DB_OK) {
		PQfinish(conn);
		return (NULL);
	}
	return (conn);
}

static int
import_task_entry(struct kore_task *t)
{
	struct import_work *w = (struct import_work *)t;
	struct case_import_req q;
	struct db_actor a;
	struct db main, progress;
	PGconn *mc, *pc;
	int64_t lines;

	memset(&a, 0, sizeof(a));
	a.bureau_id = w->bureau;
	a.user_id = w->user;
	a.username = w->username;
	a.context = "cases.import";
	a.request_id = w->request_id;
	memset(&q, 0, sizeof(q));
	q.actor = &a;
	q.job_id = w->job_id;
	q.data = w->data;
	q.len = w->len;
	q.sha256 = w->sha256;
	q.today = w->today;
	q.consumed = import_consumed;
	w->result = DB_ERROR;
	w->out.state = CIS_FAILED;
	if ((mc = task_connect(&main, w->bureau)) == NULL)
		return (KORE_RESULT_OK);
	/* Progress is a courtesy: without its connection the import runs. */
	pc = task_connect(&progress, w->bureau);
	lines = file_survey(w->data, w->len, w->sha256);
	if ((w->result = db_case_import_start(pc != NULL ? &progress : &main,
	         &a, (int64_t)w->len, lines, w->job_id)) == DB_OK)
		w->result = db_case_import_run(&main,
		    pc != NULL ? &progress : NULL, &q, &w->out);
	PQfinish(mc);
	if (pc != NULL)
		PQfinish(pc);
	return (KORE_RESULT_OK);
}

int
web_import_start(struct web_ctx *ctx, const char *data, size_t len)
{
	struct import_work *w;
	char today[16];

	w = xcalloc(1, sizeof(*w));
	(void)snprintf(w->bureau, sizeof(w->bureau), "%s", ctx->user.bureau_id);
	(void)snprintf(w->user, sizeof(w->user), "%s", ctx->user.id);
	(void)snprintf(w->username, sizeof(w->username), "%s",
	    ctx->user.username);
	(void)snprintf(w->request_id, sizeof(w->request_id), "%s",
	    ctx->request_id);
	web_today(today);
	(void)date_parse(today, &w->today);
	w->data = data;
	w->len = len;
	ctx->import = w;
	/* The worker's connection is not needed while the task runs. */
	web_db_release(ctx);
	kore_task_create(&w->task, import_task_entry);
	kore_task_bind_request(&w->task, ctx->req);
	kore_task_run(&w->task);
	return (KORE_RESULT_RETRY);
}

int
web_import_running(struct web_ctx *ctx)
{
	return (ctx->import != NULL && !kore_task_finished(&ctx->import->task));
}

const struct case_import_outcome *
web_import_outcome(struct web_ctx *ctx, enum db_result *r)
{
	if (ctx->import == NULL || web_import_running(ctx))
		return (NULL);
	*r = ctx->import->result;
	return (&ctx->import->out);
}

void
web_import_free(struct web_ctx *ctx)
{
	/* Called by the request's cleanup, which waits until the task is
	 * done (dispatch.c): nothing here is read by the thread any more. */
	if (ctx->import == NULL)
		return;
	kore_task_destroy(&ctx->import->task);
	case_import_outcome_free(&ctx->import->out);
	free(ctx->import);
	ctx->import = NULL;
}
