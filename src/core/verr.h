/*
 * verr.h — validation errors that name their field.
 *
 * Both faces report the same errors: the JSON API as
 * {"error": {"code": "validation", "fields": {"uscc": "..."}}}, the HTML
 * forms next to the field. Messages are Chinese sentences for the user.
 */
#ifndef GS_CORE_VERR_H
#define GS_CORE_VERR_H

#include <stddef.h>

#define VERR_MAX 16
#define VERR_FIELD_LEN 40
#define VERR_MESSAGE_LEN 256

struct verr {
	size_t n;
	struct {
		char field[VERR_FIELD_LEN];
		char message[VERR_MESSAGE_LEN];
	} items[VERR_MAX];
};

void verr_init(struct verr *);
/* Records the first error of a field; later ones for it are ignored. */
void verr_add(struct verr *, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The message for field, or NULL. */
const char *verr_get(const struct verr *, const char *field);

#endif
