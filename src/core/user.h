/*
 * user.h — a user's fields: validation shared by the admin form, the API
 * and gsctl.
 */
#ifndef GS_CORE_USER_H
#define GS_CORE_USER_H

#include <stdint.h>

#include "core/verr.h"

struct user_input {
	const char *username; /* create only */
	const char *display_name;
	const char *password; /* create only */
	uint32_t roles;       /* ROLE_BIT mask */
	int roles_bad;        /* an unknown role was given */
	const char *squad_id; /* optional uuid */
	const char *cert_no;  /* optional, with cert_valid_until */
	const char *cert_valid_until;
};

/* Checks the fields; creating also checks username and password. */
int user_validate(const struct user_input *, int creating, struct verr *);
/* The roles of mask as a PostgreSQL text[] literal ("{officer,head}"). */
void user_roles_pg_array(uint32_t mask, char *out, size_t len);

#endif
