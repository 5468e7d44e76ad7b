/*
 * gsctl.h — gsctl's commands shared between its files.
 */
#ifndef GS_CLI_GSCTL_H
#define GS_CLI_GSCTL_H

#include "db/db.h"

/* Creates a bureau with the default rulebook and holiday calendar. */
int seed_bureau(struct db *, const char *code, const char *name,
    const char *doc_prefix, char id[40]);
/* First start: bureau, admin (GS_ADMIN_PASSWORD or random, printed once),
 * and with GS_DEMO=1 the demo bureau's squads, users and entities. */
int seed_run(struct db *);

/* Creates a user in the bureau with that code (roles: "officer,head"). */
int seed_user(struct db *, const char *bureau_code, const char *username,
    const char *display_name, const char *roles, const char *password,
    const char *cert_no, const char *cert_valid_until);

/*
 * gsctl verify-dossier FILE [--public-key HEX]: offline, no database.
 * Exit 0 verified, 1 rejected or unreadable, 2 usage.
 */
int cmd_verify_dossier(int argc, char **argv);

#endif
