/*
 * pages.h — pieces shared by the HTML handlers and, where the two faces do
 * the same work, by the JSON handlers.
 */
#ifndef GS_PAGES_PAGES_H
#define GS_PAGES_PAGES_H

#include "core/evstore.h"
#include "db/cases.h"
#include "db/measures.h"
#include "web/web.h"

/* Adds "pager" (page, pages, prev?, next?, numbers) to d; url(b, arg, n)
 * writes the URL of page n. */
void pager_add(struct tdata *d, int64_t page, int64_t pages,
    void (*url)(struct buf *, const void *, int64_t), const void *arg);

/* Sets key to a url value made like printf. */
void url_setf(struct tdata *, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An option of a select (value, label, selected) added to l; option_pick
 * selects it when value is current. */
void
option_add(struct tlist *l, const char *value, const char *label, int selected);
void option_pick(struct tlist *l, const char *value, const char *label,
    const char *current);
/* Appends "?name=value" ("&" after the first), value percent-encoded;
 * nothing when value is NULL or empty. */
void url_param(struct buf *, const char *name, const char *value);

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
/* Column col of every row of res joined by 、 as the text key of d. */
void
tdata_joined(struct tdata *d, const char *key, const PGresult *res, int col);
/* "2026年11月23日", as documents write dates; "" for 0. */
void date_cn(gs_date, char out[32]);
/*
 * Renders document id of the bureau as a whole A4 HTML page linking the
 * stylesheet css_url, as of today. DB_NOTFOUND for another bureau's.
 */
enum db_result document_render(struct db *, const struct case_actor *,
    const char *id, const char *css_url, struct buf *out);
/* ---- cases (pages/cases.c, case_page.c, case_actions.c, casework.c) ---- */

/* A fact of a case or a measure (label, value) added to l; nothing when
 * value is NULL or empty. */
void fact_add(struct tlist *l, const char *label, const char *value);
/* The same for a date as YYYY-MM-DD; nothing for 0. */
void fact_date(struct tlist *l, const char *label, gs_date d);
/* "12,345.67 元" into out (len bytes). */
void yuan_text(int64_t fen, char *out, size_t len);
/* "documents" (url, title, doc_no, issued_on) from the rows of
 * SQL_CASE_DOCUMENTS or SQL_MEASURE_DOCUMENTS (id, kind, number, issued
 * on), each linking its print page. */
void documents_add(struct tdata *d, PGresult *docs);

/* Was value among the values posted under name (a select, a checkbox
 * list)? */
int form_submitted(struct web_ctx *, const char *name, const char *value);
/* An option of a select or a checkbox list: chosen as posted when the
 * form came back refused (failed), else by default. */
void form_choice_add(struct tlist *, struct web_ctx *, int failed,
    const char *name, const char *value, const char *label, int def);

/* What the case's investigators are among the officers a form offers. */
enum officer_pick {
	OP_OMIT_INVESTIGATORS,  /* already named: not offered again */
	OP_CHECK_INVESTIGATORS, /* offered, ticked by default */
};
/* The bureau's officers (rows of OFFICERS_ACTIVE: id, name, squad, squad
 * id, certified) as choices under name. */
void officer_choices(struct tlist *, struct web_ctx *, int failed,
    const char *name, const PGresult *officers, const PGresult *investigators,
    enum officer_pick pick);

/* What the case page's action forms are filled from. */
struct case_forms {
	struct web_ctx *ctx;
	const struct case_view *v;
	enum case_action posted; /* the form posted; CA__MAX: none */
	int failed;              /* this form is it: show what was typed */
	const struct verr *errs; /* of the posted form */
	const char *today;
	PGresult *officers;      /* who may be added as investigators */
	PGresult *investigators; /* SQL_CASE_INVESTIGATORS */
	PGresult *factors;       /* SQL_DISCRETION_FACTORS, when assess is */
	int factor_row;          /* the factor a select is being made for */
};

/* "actions": a form for each action v->allowed holds; "has_actions". */
void case_actions_add(struct tdata *d, const struct case_forms *);
/* The submitted fields of a history event (JSON text) as "items" (label,
 * value) and "notes" (label, rendered Markdown), labelled as the forms. */
void case_detail_add(struct tdata *t, const char *json, size_t len);

/* One row of a form's field table, as a history event reads it back. */
struct detail_field {
	const char *key;   /* in the event's detail */
	const char *label; /* as the form labels it */
	int markdown;      /* a note, rendered in safe mode */
};

/*
 * A form's field table for history_detail_add: n rows; field(i, out)
 * describes row i; text(i, jv, b) is the submitted value jv of a row
 * that is not Markdown as a person reads it (in b or a constant), NULL
 * to leave it out.
 */
struct detail_table {
	size_t n;
	void (*field)(size_t i, struct detail_field *out);
	const char *(*text)(size_t, const struct json_value *, struct buf *);
};

/*
 * As case_detail_add, for the fields of dt in its order (the case's
 * forms, pages/case_actions.c; a measure's, pages/measures.c). A detail
 * that is not JSON leaves "items" and "notes" empty.
 */
void history_detail_add(struct tdata *t, const char *json, size_t len,
    const struct detail_table *dt);
/* The message of a refused action, naming its field when the form has it. */
void case_refusal_text(enum case_action, const struct verr *errs, char *out,
    size_t len);

/*
 * The case page again after a refused proposal of a measure or a
 * transfer: status, the service's message at the top, and the proposal
 * form posted (measure_forms.posted) open with what was typed and errs
 * next to its fields.
 */
int case_page_refused(struct web_ctx *, int status, const char *alert,
    const char *posted, const struct verr *errs);

/* ---- supporting measures and transfers (pages/measures.c) ---- */

/* What the case page's section of measures and transfers is made from. */
struct measure_forms {
	struct web_ctx *ctx;
	const struct case_view *v;
	const struct measure_list *l; /* db_case_measures */
	int may_propose;              /* measures_may_propose() */
	const char *posted;      /* the proposal form posted ("seizure", ...) */
	const struct verr *errs; /* of the posted form */
	const char *today;
	PGresult *officers;      /* OFFICERS_ACTIVE, when may_propose */
	PGresult *investigators; /* SQL_CASE_INVESTIGATORS: checked first */
};

/*
 * May this user propose measures and transfers in case v? Core's rule
 * (case_reaching_roles: the officers investigating it, the squad leader
 * of its squad, the head), on a case not yet final; the service decides
 * again on every post.
 */
int measures_may_propose(uint32_t roles, const struct case_view *v);
/*
 * "measures" (each with its kind, state, number, dates, clocks and page)
 * and, when mf->may_propose, "proposals" (a form for each kind) into d.
 * Returns the measures' clocks that are overdue as the bureau's own work
 * (the police's periods are shown, not counted).
 */
int64_t case_measures_add(struct tdata *d, const struct measure_forms *mf);

/* The start page's case work for the signed-in user, into d; GS_ERROR
 * when the database failed (answered already). */
int home_casework(struct web_ctx *, struct tdata *d);

struct due_clock;

/* A case in a table: url, case_no (absent before filing), state (its
 * label) and state_code (for the colour). */
void case_row_add(struct tdata *, const char *id, const char *case_no,
    const char *state);
/* A deadline's date in a table: due, due_status and due_class (overdue,
 * due_soon, open); nothing when date is NULL. */
void due_add(struct tdata *, const struct due_clock *, const char *date);

/* Where a query keeps a case's common columns (-1: not there). */
struct case_cols {
	int id, case_no, state, entity, uscc, violation, due;
};

/* Row i of res as a case in a table: case_row_add's keys, entity, uscc,
 * violation and due_add's keys. */
void case_row_read(struct tdata *, const PGresult *res, int i,
    const struct case_cols *, const struct due_clock *);

/* How both faces answer a refused action. */
struct case_refusal {
	int status;
	const char *code; /* transition_not_allowed, forbidden, stale_version */
	const char *message; /* Chinese, for the user */
};

/*
 * 1 and *out when db_case_act's answer r is a refusal of the machine
 * (wrong state, not this user, stale version); 0 otherwise (a guard or
 * the database: answer with web_db_error or the form's errors).
 */
int case_refusal(enum db_result r, const struct case_act_result *,
    const struct verr *errs, struct case_refusal *out);
/*
 * The case list's query as both faces read it: state, squad_id,
 * overdue=1, q, mine=1, page, per_page (50, at most 200). A bad state or
 * squad is named in errs and left out of f.
 */
void
case_filter_read(struct web_ctx *, struct case_filter *f, struct verr *errs);

/* The evidence store's folder (GS_VAR_DIR/evidence). */
void evidence_dir(char *out, size_t len);

/* An evidence item just stored. */
struct evidence_receipt {
	char id[40];
	char sha256[EVSTORE_HEX_LEN];
	int64_t size;
};

/*
 * An upload to case_id from the parsed form (file, kind, description,
 * collected_on, lat, lng): validated, stored under its SHA-256 and
 * recorded. DB_INVALID / DB_CONFLICT / DB_NOTFOUND with errs as
 * db_evidence_create; DB_ERROR with errs "file" when the bytes could not
 * be stored.
 */
enum db_result evidence_receive(struct web_ctx *, struct db *,
    const char *case_id, struct evidence_receipt *, struct verr *errs);

#endif
