/*
 * handlers.h — the prototypes of every route handler, from routes.def.
 */
#ifndef GS_WEB_HANDLERS_H
#define GS_WEB_HANDLERS_H

#include "web/web.h"

#define ROUTE(method, pattern, perm, handler) int handler(struct web_ctx *);
#include "web/routes.def"
#undef ROUTE

#endif
