/*
 * api/common.c — typed field access and envelopes for the JSON API.
 */
#include <string.h>

#include "api/api.h"

const char *
api_str(const struct json_value *obj, const char *key, struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (NULL);
	if (v->type != JSON_STRING ||
	    memchr(v->u.str.s, '\0', v->u.str.len) != NULL) {
		verr_add(errs, key, "应为字符串");
		return (NULL);
	}
	return (v->u.str.s);
}

int
api_int(const struct json_value *obj, const char *key, int64_t *out,
    int *present, struct verr *errs)
{
	const struct json_value *v;

	*present = 0;
	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (GS_OK);
	*present = 1;
	if (v->type != JSON_NUMBER || !v->u.num.is_int) {
		verr_add(errs, key, "应为整数");
		return (GS_ERROR);
	}
	*out = v->u.num.i;
	return (GS_OK);
}

const char *
api_number_text(const struct json_value *obj, const char *key,
    struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (NULL);
	if (v->type != JSON_NUMBER) {
		verr_add(errs, key, "应为数字");
		return (NULL);
	}
	return (v->u.num.text);
}

int
api_bool(const struct json_value *obj, const char *key, int def,
    struct verr *errs)
{
	const struct json_value *v;

	if ((v = json_get(obj, key)) == NULL || v->type == JSON_NULL)
		return (def);
	if (v->type != JSON_BOOL) {
		verr_add(errs, key, "应为 true 或 false");
		return (def);
	}
	return (v->u.boolean);
}

int
api_no_content(struct web_ctx *ctx)
{
	web_security_headers(ctx);
	http_response(ctx->req, HTTP_STATUS_NO_CONTENT, NULL, 0);
	return (KORE_RESULT_OK);
}

int
api_send(struct web_ctx *ctx, int status, struct buf *b)
{
	(void)web_json(ctx, status, b);
	buf_free(b);
	return (KORE_RESULT_OK);
}
