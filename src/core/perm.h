/*
 * perm.h — roles and permissions: the one table of who may do what.
 *
 * Every route names one permission; the dispatcher asks perm_allows() for
 * the signed-in user's roles before any handler runs. Record-level rules
 * (another bureau's record, maker-checker) are the handlers' business and
 * answer 404/403 there.
 */
#ifndef GS_CORE_PERM_H
#define GS_CORE_PERM_H

#include <stdint.h>

struct buf;

enum role {
	ROLE_OFFICER,
	ROLE_SQUAD_LEADER,
	ROLE_LEGAL,
	ROLE_HEAD,
	ROLE_ANALYST,
	ROLE_ADMIN,
	ROLE__MAX
};

enum perm {
	PERM_PUBLIC,    /* no sign-in needed */
	PERM_SIGNED_IN, /* any signed-in user (own account, tokens) */
	PERM_ENTITY_READ,
	PERM_ENTITY_WRITE,
	PERM_ENTITY_IMPORT,
	PERM_USER_READ,
	PERM_USER_ADMIN,
	PERM_SQUAD_READ,
	PERM_SQUAD_ADMIN,
	PERM_CALENDAR_READ,
	PERM_CALENDAR_ADMIN,
	PERM_RULEBOOK_READ,
	PERM_RULEBOOK_ADMIN,
	PERM_AUDIT_READ,
	PERM_CASE_READ,
	PERM_CASE_PROPOSE,
	PERM_CASE_ACT,
	PERM_EVIDENCE_WRITE,
	PERM_QUEUE_LEGAL_REVIEW, /* the legal review work queue */
	PERM_QUEUE_APPROVALS,    /* filing approvals and decisions waiting */
	PERM_STATS_READ,         /* the penalty statistics and their exports */
	PERM_CASE_IMPORT,        /* the legacy case import */
	PERM__MAX
};

#define ROLE_BIT(r) (1u << (r))

/* Role code as stored ("officer") and its Chinese name ("执法人员"). */
const char *role_code(enum role);
const char *role_label(enum role);
/* The role with this code, or ROLE__MAX. */
enum role role_from_code(const char *);
/* Bitmask of roles from a PostgreSQL text[] literal ("{officer,head}"). */
uint32_t roles_from_pg_array(const char *);
/* The roles of mask as a text[] literal ("{officer,head}"), appended to out. */
void roles_to_pg_array(uint32_t mask, struct buf *out);

const char *perm_name(enum perm);
/* 1 when a user holding the roles in mask may exercise p. */
int perm_allows(uint32_t mask, enum perm p);

#endif
