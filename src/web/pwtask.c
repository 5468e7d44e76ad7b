/*
 * pwtask.c — argon2id in a Kore task (see struct pw_work in web.h).
 *
 * The task thread touches only the pw_work it was given; the worker reads
 * the results after kore_task_finished(), when the thread is done with it.
 */
#include <string.h>

#include <sodium.h>

#include "web/web.h"

static int
pw_task_entry(struct kore_task *t)
{
	struct pw_work *w = (struct pw_work *)t;

	if (w->op == PW_VERIFY || w->op == PW_VERIFY_AND_HASH) {
		if (w->hash[0] != '\0')
			w->verified = password_verify(w->hash, w->pw);
		else
			password_verify_dummy(w->pw);
	}
	if (w->op == PW_HASH || (w->op == PW_VERIFY_AND_HASH && w->verified))
		w->hashed = password_hash(w->op == PW_HASH ? w->pw : w->pw2,
		    w->new_hash);
	return (KORE_RESULT_OK);
}

int
web_pw_start(struct web_ctx *ctx, enum pw_op op, const char *hash,
    const char *pw, const char *pw2)
{
	struct pw_work *w = &ctx->pw;

	w->op = op;
	(void)snprintf(w->hash, sizeof(w->hash), "%s", hash ? hash : "");
	(void)snprintf(w->pw, sizeof(w->pw), "%s", pw ? pw : "");
	(void)snprintf(w->pw2, sizeof(w->pw2), "%s", pw2 ? pw2 : "");
	w->verified = 0;
	w->hashed = 0;
	w->started = 1;
	/* The connection is not needed while the task runs. */
	web_db_release(ctx);
	kore_task_create(&w->task, pw_task_entry);
	kore_task_bind_request(&w->task, ctx->req);
	kore_task_run(&w->task);
	return (KORE_RESULT_RETRY);
}

int
web_pw_running(struct web_ctx *ctx)
{
	return (ctx->pw.started && !kore_task_finished(&ctx->pw.task));
}

void
web_pw_wipe(struct web_ctx *ctx)
{
	if (web_pw_running(ctx))
		return;
	sodium_memzero(ctx->pw.pw, sizeof(ctx->pw.pw));
	sodium_memzero(ctx->pw.pw2, sizeof(ctx->pw.pw2));
	sodium_memzero(ctx->pw.hash, sizeof(ctx->pw.hash));
}
