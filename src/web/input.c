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

int
web_body(struct web_ctx *ctx, size_t max)
{
	char chunk[65536];
	ssize_t n;

	if (ctx->body_read)
		return (GS_OK);
	/* No body at all (a DELETE, say): Kore has nothing to rewind. */
	if (ctx->req->http_body_length == 0) {
		buf_reserve(&ctx->body, 0);
		ctx->body_read = 1;
		return (GS_OK);
	}
	if (ctx->req->http_body_length > max) {
		(void)web_error(ctx, HTTP_STATUS_REQUEST_ENTITY_TOO_LARGE,
		    "too_large", "提交的内容过大");
		return (GS_ERROR);
	}
	if (!http_body_rewind(ctx->req)) {
		(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST, "bad_request",
		    "无法读取请求内容");
		return (GS_ERROR);
	}
	for (;;) {
		n = http_body_read(ctx->req, chunk, sizeof(chunk));
		if (n < 0) {
			(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST,
			    "bad_request", "无法读取请求内容");
			return (GS_ERROR);
		}
		if (n == 0)
			break;
		if (ctx->body.len + (size_t)n > max) {
			(void)web_error(ctx,
			    HTTP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
			    "提交的内容过大");
			return (GS_ERROR);
		}
		buf_append(&ctx->body, chunk, (size_t)n);
	}
	if (ctx->body.data == NULL)
		buf_reserve(&ctx->body, 0);
	ctx->body_read = 1;
	return (GS_OK);
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
	if (!web_body(ctx, max))
		return (GS_ERROR);
	ok = GS_OK;
	if (content_type_is(ctx, "multipart/form-data")) {
		ok = multipart_boundary(web_header(ctx, "content-type"),
		         boundary) &&
		    multipart_parse(ctx->body.data, ctx->body.len, boundary,
		        &ctx->mp) &&
		    multipart_fields(ctx);
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

/* Copies the request body into fd, at most max bytes (else 413 sent). */
static int
body_to_fd(struct web_ctx *ctx, size_t max, int fd, size_t *total)
{
	uint8_t chunk[65536];
	ssize_t n, w;
	size_t off;

	*total = 0;
	if (ctx->req->http_body_length > max) {
		(void)web_error(ctx, HTTP_STATUS_REQUEST_ENTITY_TOO_LARGE,
		    "too_large", "上传的文件超过大小限制");
		return (GS_ERROR);
	}
	if (!http_body_rewind(ctx->req))
		return (GS_ERROR);
	while ((n = http_body_read(ctx->req, chunk, sizeof(chunk))) > 0) {
		if (*total + (size_t)n > max) {
			(void)web_error(ctx,
			    HTTP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too_large",
			    "上传的文件超过大小限制");
			return (GS_ERROR);
		}
		for (off = 0; off < (size_t)n; off += (size_t)w) {
			if ((w = write(fd, chunk + off, (size_t)n - off)) <= 0)
				return (GS_ERROR);
		}
		*total += (size_t)n;
	}
	return (n == 0 ? GS_OK : GS_ERROR);
}

int
web_form_spooled(struct web_ctx *ctx, size_t max)
{
	char boundary[MULTIPART_BOUNDARY_MAX + 1], path[1024];
	size_t len;
	void *map;
	int fd, ok;

	if (ctx->form_parsed)
		return (GS_OK);
	if (!content_type_is(ctx, "multipart/form-data"))
		return (web_form(ctx, max));
	(void)snprintf(path, sizeof(path), "%s/tmp/upload.XXXXXX",
	    web_settings.var_dir);
	if ((fd = mkstemp(path)) < 0) {
		gs_log(LOG_LEVEL_ERROR, "upload spool %s: %s", path,
		    strerror(errno));
		(void)web_error(ctx, HTTP_STATUS_INTERNAL_ERROR, "internal",
		    "服务器暂时无法接收文件");
		return (GS_ERROR);
	}
	(void)unlink(path); /* gone with the descriptor, whatever happens */
	ok = body_to_fd(ctx, max, fd, &len);
	map = NULL;
	if (ok && len > 0) {
		map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED)
			map = NULL;
	}
	(void)close(fd);
	if (!ok) {
		if (ctx->req->http_body_length <= max)
			(void)web_error(ctx, HTTP_STATUS_BAD_REQUEST,
			    "bad_request", "无法读取上传内容");
		return (GS_ERROR);
	}
	ctx->spool = map;
	ctx->spool_len = map != NULL ? len : 0;
	if (map == NULL ||
	    !multipart_boundary(web_header(ctx, "content-type"), boundary) ||
	    !multipart_parse(map, len, boundary, &ctx->mp) ||
	    !multipart_fields(ctx)) {
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
