/*
 * ceiling.c — the reference route `make bench` compares greensword's pages
 * against: a constant page of about the sign-in page's size, answered by
 * Kore with nothing of ours in between (no routing, session, database or
 * template). Only tests/bench/bench.conf routes it; the production and
 * development configurations never do.
 */
#include <string.h>

#include <kore/kore.h>
#include <kore/http.h>

int gs_bench_ceiling(struct http_request *);

static const char ceiling_page[] =
    "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
    "<title>ceiling</title></head><body><main>"
    "<p>This constant page is the static Kore route that make bench "
    "measures as its ceiling. Its length is close to the sign-in page's, "
    "so that the two are compared on equal terms for the bytes sent over "
    "the socket; only the work done per request differs.</p>"
    "<p>绿剑执法办案系统 · 基准参照页面 · 该页面不经过路由、会话、数据库与模板，"
    "用于衡量 Kore 本身在同一台机器上的吞吐上限。</p>"
    "<p>0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "</p></main></body></html>\n";

int
gs_bench_ceiling(struct http_request *req)
{
	http_response_header(req, "content-type", "text/html; charset=utf-8");
	http_response(req, HTTP_STATUS_OK, ceiling_page,
	    sizeof(ceiling_page) - 1);
	return (KORE_RESULT_OK);
}
