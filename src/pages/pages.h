/*
 * pages.h — pieces shared by the HTML handlers and, where the two faces do
 * the same work, by the JSON handlers.
 */
#ifndef GS_PAGES_PAGES_H
#define GS_PAGES_PAGES_H

#include "db/cases.h"
#include "web/web.h"

/* Adds "pager" (page, pages, prev?, next?, numbers) to d; url(b, arg, n)
 * writes the URL of page n. */
void pager_add(struct tdata *d, int64_t page, int64_t pages,
    void (*url)(struct buf *, const void *, int64_t), const void *arg);

/*
 * Password change of the signed-in user (both faces): KORE_RESULT_RETRY
 * while argon2id runs; then errs (field problems) or *result.
 */
int account_password_change(struct web_ctx *, const char *current,
    const char *password, const char *confirm, struct verr *errs,
    enum db_result *result);
/* A new API token for the signed-in user; the secret lands in token. */
enum db_result account_token_create(struct web_ctx *, const char *name,
    struct verr *errs, char token[80], char id[40]);

/* Renders the print page name (templates/print/) in the print layout. */
int print_render(const char *name, struct tdata *, struct buf *out);
/* "2026年11月23日", as documents write dates; "" for 0. */
void date_cn(gs_date, char out[32]);
/*
 * Renders document id of the bureau as a whole A4 HTML page linking the
 * stylesheet css_url, as of today. DB_NOTFOUND for another bureau's.
 */
enum db_result document_render(struct db *, const struct case_actor *,
    const char *id, const char *css_url, struct buf *out);

#endif
