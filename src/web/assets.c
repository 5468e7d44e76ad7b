/*
 * assets.c — static files from memory (see assets.h).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/util.h"
#include "web/assets.h"
#include "web/web.h"

#define ASSETS_MAX 512

struct asset {
	char *path;    /* "css/app.css" */
	char *url;     /* "/assets/css/app.css?v=..." */
	char etag[72]; /* "\"<16 hex>\"" */
	const char *type;
	char *data;
	size_t len;
};

static struct asset assets[ASSETS_MAX];
static size_t nassets;

static const struct {
	const char *ext;
	const char *type;
} media_types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".csv", "text/csv; charset=utf-8" },
};

static const char *
media_type(const char *path)
{
	const char *dot;
	size_t i;

	if ((dot = strrchr(path, '.')) == NULL)
		return (NULL);
	for (i = 0; i < GS_NELEM(media_types); i++) {
		if (strcmp(dot, media_types[i].ext) == 0)
			return (media_types[i].type);
	}
	return (NULL);
}

static void
asset_add(const char *full, const char *rel)
{
	struct asset *a;
	struct buf b;
	FILE *fp;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[crypto_hash_sha256_BYTES * 2 + 1], chunk[65536];
	size_t n;

	if (media_type(rel) == NULL)
		return;
	if (nassets == ASSETS_MAX)
		fatal("assets: more than %d files", ASSETS_MAX);
	if ((fp = fopen(full, "rb")) == NULL)
		fatal("assets: cannot read %s", full);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	fclose(fp);

	a = &assets[nassets++];
	a->path = xstrdup(rel);
	a->type = media_type(rel);
	a->data = buf_release(&b, &a->len);
	crypto_hash_sha256(h, (unsigned char *)a->data, a->len);
	hex_encode(h, 8, hex);
	(void)snprintf(a->etag, sizeof(a->etag), "\"%s\"", hex);
	buf_init(&b);
	buf_printf(&b, "/assets/%s?v=%s", rel, hex);
	a->url = buf_release(&b, NULL);
}

static void
assets_walk(const char *dir, const char *rel)
{
	DIR *dp;
	struct dirent *de;
	struct stat st;
	struct buf full, sub;

	if ((dp = opendir(dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		buf_init(&full);
		buf_init(&sub);
		buf_printf(&full, "%s/%s", dir, de->d_name);
		buf_printf(&sub, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (stat(full.data, &st) == 0) {
			if (S_ISDIR(st.st_mode))
				assets_walk(full.data, sub.data);
			else if (S_ISREG(st.st_mode))
				asset_add(full.data, sub.data);
		}
		buf_free(&full);
		buf_free(&sub);
	}
	closedir(dp);
}

void
assets_load(const char *root)
{
	struct buf dir;

	buf_init(&dir);
	buf_printf(&dir, "%s/assets", root);
	assets_walk(dir.data, "");
	buf_free(&dir);
	kore_log(LOG_NOTICE, "assets: %zu files loaded", nassets);
}

static struct asset *
asset_find(const char *path)
{
	size_t i;

	for (i = 0; i < nassets; i++) {
		if (strcmp(assets[i].path, path) == 0)
			return (&assets[i]);
	}
	return (NULL);
}

const char *
assets_url(const char *path)
{
	struct asset *a;

	if ((a = asset_find(path)) == NULL)
		fatal("assets: %s is missing (did `make` vendor it?)", path);
	return (a->url);
}

int
assets_bytes(const char *path, const char **data, size_t *len)
{
	struct asset *a;

	if ((a = asset_find(path)) == NULL)
		return (GS_ERROR);
	*data = a->data;
	*len = a->len;
	return (GS_OK);
}

int
assets_serve(struct http_request *req)
{
	struct asset *a;
	const char *inm;

	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_HEAD) {
		http_response(req, HTTP_STATUS_METHOD_NOT_ALLOWED, NULL, 0);
		return (KORE_RESULT_OK);
	}
	if ((a = asset_find(req->path + strlen("/assets/"))) == NULL) {
		http_response_header(req, "content-type",
		    "text/plain; charset=utf-8");
		http_response(req, HTTP_STATUS_NOT_FOUND, "not found\n", 10);
		return (KORE_RESULT_OK);
	}
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response_header(req, "etag", a->etag);
	if (req->query_string != NULL &&
	    strncmp(req->query_string, "v=", 2) == 0)
		http_response_header(req, "cache-control",
		    "public, max-age=31536000, immutable");
	else
		http_response_header(req, "cache-control", "no-cache");
	if (http_request_header(req, "if-none-match", &inm) &&
	    strcmp(inm, a->etag) == 0) {
		http_response(req, HTTP_STATUS_NOT_MODIFIED, NULL, 0);
		return (KORE_RESULT_OK);
	}
	http_response_header(req, "content-type", a->type);
	http_response(req, HTTP_STATUS_OK, a->data, a->len);
	return (KORE_RESULT_OK);
}
