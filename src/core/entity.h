/*
 * entity.h — a regulated entity's fields: validation and labels.
 *
 * Pure validation shared by the HTML form, the JSON API and the CSV
 * import, so that the same input gets the same answer on every face.
 */
#ifndef GS_CORE_ENTITY_H
#define GS_CORE_ENTITY_H

#include "core/uscc.h"
#include "core/verr.h"

struct entity_input {
	const char *uscc;
	const char *name;
	const char *address;
	const char *township;
	const char *industry;
	const char *category;
	const char *legal_rep; /* optional */
	const char *lat;       /* optional, with lng */
	const char *lng;
	const char *status; /* optional: active (default) or closed */
	char uscc_canon[USCC_LEN + 1];
};

/*
 * Checks every field, adding one message per wrong field to errs; fills
 * uscc_canon. GS_OK when there is nothing to report. NULL strings count as
 * absent; empty optional strings too.
 */
int entity_validate(struct entity_input *, struct verr *errs);

/* 中文 labels; "" for an unknown code. */
const char *entity_category_label(const char *);
const char *entity_status_label(const char *);
const char *entity_grade_label(const char *);
/* 1 when code is one of the categories / grades. */
int entity_category_valid(const char *);
int entity_grade_valid(const char *);

#endif
