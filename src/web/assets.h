/*
 * assets.h — static files (CSS, JS, images, fonts) served from memory.
 *
 * Loaded once in the parent at start-up from assets/ (vendored npm files
 * included), each with a content hash. Pages link them as
 * /assets/<path>?v=<hash>; such a URL never changes meaning, so it is
 * cached for a year (immutable); any other URL of an asset is revalidated
 * with its ETag. No CDN is ever involved.
 */
#ifndef GS_WEB_ASSETS_H
#define GS_WEB_ASSETS_H

#include <kore/kore.h>
#include <kore/http.h>

void assets_load(const char *root);
/* The versioned URL of an asset ("css/app.css"); fatal when missing. */
const char *assets_url(const char *path);
/* Answers a request for /assets/...; 404 when there is no such file. */
int assets_serve(struct http_request *);
/* The bytes of a loaded asset (for files written into exports). */
int assets_bytes(const char *path, const char **data, size_t *len);

#endif
