/*
 * input.c — reading what the client sent: body, forms, query, JSON.
 *
 * We parse forms ourselves (core/form.c, core/multipart.c) rather than
 * through Kore's params blocks, which silently drop undeclared fields and
 * textareas' line breaks; every field then gets a message that names it.
 */
#include <sys/mman.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "web/web.h"

const char *
web_header(struct web_ctx *ctx, const char *name)
{
	const char *v;

	if (!http_request_header(ctx->req, name, &v))
		return (NULL);
	return (v);
}

/* Where body_pump puts each chunk; GS_ERROR when it cannot take it. */
typedef int (*body_sink)(void *arg, const void *chunk, size_t len);

/* 413, saying the limit so that the user knows what would pass. */
static void
too_large(struct web_ctx *ctx, size_t max)
{
	char msg[96];

	if (max >= 1024 * 1024)
		(void)snprintf(msg, sizeof(msg),
		    "提交的内容过大：上限为 %zu MiB", max / (1024 * 1024));
	else
		(void)snprintf(msg, sizeof(msg),
		    "提交的内容过大：上限为 %zu KiB", max / 1024);
	(void)web_error(ctx, HTTP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
	    msg);
}

/*
 * Reads the request body, at most max bytes, chunk by chunk into sink.
 * Answers 413 (too large), 400 (unreadable) or 500 (the sink failed)
 * itself on GS_ERROR.
 */
static int
body_pump(struct web_ctx *ctx, size_t max, body_sink sink, void *arg,
    size_t *total)
{
	char chunk[65536];
	ssize_t n;

	*total = 0;
	/* No body at all (a DELETE, say): Kore has nothing to rewind. */
	if (ctx->req->http_body_length == 0)
		return (GS_OK);
	if (ctx->req->http_body_length > max)
		goto too_large;
	if (!http_body_rewind(ctx->req))
		goto unreadable;
	while ((n = http_body_read(ctx->req, chunk, sizeof(chunk))) > 0) {
		if (*total + (size_t)n > max)
			goto too_large;
		if (!sink(arg, chunk, (size_t)n)) {
			(void)web_error(ctx, HTTP_STATUS_INTERNAL_ERROR,
			    "internal", "服务器暂时无法接收提交的内容");
			return (GS_ERROR);
		}
		*total += (size_t)n;
	}
	if (n == 0)
		return (GS_OK);
unreadable:
	(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST, "bad_request",
	    "无法读取请求内容");
	return (GS_ERROR);
too_large:
	too_large(ctx, max);
	return (GS_ERROR);
}

static int
sink_buf(void *arg, const void *chunk, size_t len)
{
	buf_append(arg, chunk, len);
	return (GS_OK);
}

static int
sink_fd(void *arg, const void *chunk, size_t len)
{
	const uint8_t *p = chunk;
	ssize_t w;

	for (; len > 0; p += w, len -= (size_t)w) {
		if ((w = write(*(int *)arg, p, len)) <= 0)
			return (GS_ERROR);
	}
	return (GS_OK);
}

int
web_body(struct web_ctx *ctx, size_t max)
{
	size_t len;

	if (ctx->body_read)
		return (GS_OK);
	if (!body_pump(ctx, max, sink_buf, &ctx->body, &len))
		return (GS_ERROR);
	if (ctx->body.data == NULL)
		buf_reserve(&ctx->body, 0);
	ctx->body_read = 1;
	return (GS_OK);
}

int
web_spool_file(const char *tag)
{
	char path[1024];
	int fd;

	(void)snprintf(path, sizeof(path), "%s/tmp/%s.XXXXXX",
	    web_settings.var_dir, tag);
	if ((fd = mkstemp(path)) < 0) {
		gs_log(LOG_LEVEL_ERROR, "spool %s: %s", path, strerror(errno));
		return (-1);
	}
	(void)unlink(path); /* gone with the descriptor, whatever happens */
	return (fd);
}

/*
 * A multipart body (uploads: up to 200 MiB) goes to an unlinked file under
 * GS_VAR_DIR/tmp, mapped read-only, so that its parts point into the page
 * cache instead of the worker's heap.
 */
static int
body_spool(struct web_ctx *ctx, size_t max)
{
	size_t len;
	void *map;
	int fd;

	if ((fd = web_spool_file("upload")) < 0) {
		(void)web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "服务器暂时无法接收提交的内容");
		return (GS_ERROR);
	}
	if (!body_pump(ctx, max, sink_fd, &fd, &len)) {
		(void)close(fd);
		return (GS_ERROR);
	}
	if (len == 0) {
		(void)close(fd);
		return (
		    GS_OK); /* no spool: the caller finds nothing to parse */
	}
	map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	(void)close(fd);
	if (map == MAP_FAILED) {
		gs_log(LOG_LEVEL_ERROR, "upload spool: mmap %zu bytes: %s", len,
		    strerror(errno));
		(void)web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "服务器暂时无法接收提交的内容");
		return (GS_ERROR);
	}
	ctx->spool = map;
	ctx->spool_len = len;
	return (GS_OK);
}

int
web_spool_body(struct web_ctx *ctx, size_t max)
{
	if (ctx->spool != NULL)
		return (GS_OK);
	return (body_spool(ctx, max));
}

static int
content_type_is(struct web_ctx *ctx, const char *type)
{
	const char *ct;
	size_t len;

	if ((ct = web_header(ctx, "content-type")) == NULL)
		return (0);
	len = strlen(type);
	return (strncasecmp(ct, type, len) == 0 &&
	    (ct[len] == '\0' || ct[len] == ';' || ct[len] == ' '));
}

/* Copies the text parts of a multipart form into ctx->form, so that one
 * lookup serves both encodings. */
static int
multipart_fields(struct web_ctx *ctx)
{
	const struct multipart_part *p;
	size_t i;

	for (i = 0; i < ctx->mp.n; i++) {
		p = &ctx->mp.parts[i];
		if (p->filename != NULL)
			continue;
		if (!form_add(&ctx->form, p->name, p->data, p->len))
			return (GS_ERROR);
	}
	return (GS_OK);
}

int
web_form(struct web_ctx *ctx, size_t max)
{
	char boundary[MULTIPART_BOUNDARY_MAX + 1];
	int ok;

	if (ctx->form_parsed)
		return (GS_OK);
	ok = GS_OK;
	if (content_type_is(ctx, "multipart/form-data")) {
		if (!body_spool(ctx, max))
			return (GS_ERROR);
		ok = ctx->spool != NULL &&
		    multipart_boundary(web_header(ctx, "content-type"),
		        boundary) &&
		    multipart_parse(ctx->spool, ctx->spool_len, boundary,
		        &ctx->mp) &&
		    multipart_fields(ctx);
	} else if (!web_body(ctx, max)) {
		return (GS_ERROR);
	} else if (ctx->body.len > 0) {
		ok = form_parse(ctx->body.data, ctx->body.len, &ctx->form);
	}
	if (!ok) {
		(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST, "bad_request",
		    "表单内容格式错误");
		return (GS_ERROR);
	}
	ctx->form_parsed = 1;
	return (GS_OK);
}

const char *
web_param(struct web_ctx *ctx, const char *name)
{
	return (form_get(&ctx->form, name));
}

const char *
web_param_nth(struct web_ctx *ctx, const char *name, size_t i)
{
	return (form_get_nth(&ctx->form, name, i));
}

const struct multipart_part *
web_file(struct web_ctx *ctx, const char *name)
{
	const struct multipart_part *p;

	p = multipart_get(&ctx->mp, name);
	return (p != NULL && p->filename != NULL ? p : NULL);
}

const struct form *
web_query(struct web_ctx *ctx)
{
	const char *qs;

	if (!ctx->query_parsed) {
		ctx->query_parsed = 1;
		qs = ctx->req->query_string;
		/* A malformed query string is treated as empty. */
		if (qs != NULL && !form_parse(qs, strlen(qs), &ctx->query))
			memset(&ctx->query, 0, sizeof(ctx->query));
	}
	return (&ctx->query);
}

int64_t
web_query_int(struct web_ctx *ctx, const char *name, int64_t def, int64_t max)
{
	const char *v;
	int64_t n;

	v = form_get(web_query(ctx), name);
	if (v == NULL || !parse_int64(v, &n) || n < 1)
		return (def);
	return (n > max ? max : n);
}

const struct json_value *
web_json_body(struct web_ctx *ctx, const char *const *allowed)
{
	const struct json_value *root;
	struct json_error err;
	struct verr errs;
	const char *unknown;

	if (!content_type_is(ctx, "application/json")) {
		(void)web_error(ctx, HTTP_STATUS_UNSUPPORTED_MEDIA_TYPE,
		    "unsupported_media_type",
		    "请求内容须为 JSON（Content-Type: application/json）");
		return (NULL);
	}
	if (!web_body(ctx, web_settings.json_body_max))
		return (NULL);
	if (ctx->json == NULL) {
		ctx->json = json_parse(ctx->body.data, ctx->body.len, &err);
		if (ctx->json == NULL) {
			(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST,
			    "malformed_json", "JSON 格式错误");
			return (NULL);
		}
	}
	root = json_root(ctx->json);
	if (root->type != JSON_OBJECT) {
		(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST, "malformed_json",
		    "请求内容应为 JSON 对象");
		return (NULL);
	}
	if (!json_only_keys(root, allowed, &unknown)) {
		verr_init(&errs);
		verr_add(&errs, unknown != NULL ? unknown : "?",
		    "不支持的字段");
		(void)web_invalid(ctx, &errs);
		return (NULL);
	}
	return (root);
}
