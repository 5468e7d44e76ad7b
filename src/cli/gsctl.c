/*
 * gsctl — greensword's operations tool.
 *
 *	gsctl migrate		apply migrations/ (owner connection)
 *	gsctl seed		first-start set-up: bureau, admin, demo data
 *	gsctl verify-audit	check every bureau's audit chain (or --bureau)
 *	gsctl create-bureau CODE NAME DOC_PREFIX
 *	gsctl create-user BUREAU USERNAME NAME ROLES [CERT_NO VALID_UNTIL]
 *				(password from GS_NEW_PASSWORD)
 *	gsctl routes		print the route table (method path permission)
 *	gsctl verify-dossier FILE [--public-key HEX]
 *				check an exported dossier (offline)
 *
 * It connects with GS_DB_OWNER_URL, else GS_DB_URL (libpq conninfo);
 * routes and verify-dossier need no database. It links the core and the
 * db layer, never Kore.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli/gsctl.h"
#include "core/log.h"
#include "core/perm.h"
#include "core/util.h"
#include "db/audit.h"
#include "db/db.h"
#include "db/migrate.h"

static void
usage(void)
{
	fprintf(stderr,
	    "usage: gsctl migrate [--dir DIR]\n"
	    "       gsctl seed\n"
	    "       gsctl verify-audit [--bureau CODE]\n"
	    "       gsctl create-bureau CODE NAME DOC_PREFIX\n"
	    "       gsctl create-user BUREAU USERNAME NAME ROLES "
	    "[CERT_NO VALID_UNTIL]\n"
	    "       gsctl routes\n"
	    "       gsctl verify-dossier FILE [--public-key HEX]\n");
	exit(2);
}

static int
open_db(struct db *d)
{
	const char *url;
	PGconn *conn;

	memset(d, 0, sizeof(*d));
	url = getenv("GS_DB_OWNER_URL");
	if (url == NULL || *url == '\0')
		url = getenv("GS_DB_URL");
	if (url == NULL || *url == '\0') {
		fprintf(stderr, "gsctl: set GS_DB_OWNER_URL or GS_DB_URL\n");
		return (GS_ERROR);
	}
	if ((conn = db_connect(url)) == NULL)
		return (GS_ERROR);
	db_attach(d, conn);
	return (GS_OK);
}

static int
cmd_migrate(struct db *d, int argc, char **argv)
{
	const char *dir = "migrations";

	if (argc == 2 && strcmp(argv[0], "--dir") == 0)
		dir = argv[1];
	else if (argc != 0)
		usage();
	return (migrate_run(d, dir) ? 0 : 1);
}

static int
verify_one(struct db *d, const char *id, const char *code)
{
	struct audit_report rep;

	if (db_audit_verify(d, id, &rep) != DB_OK) {
		fprintf(stderr, "gsctl: verify-audit %s: database error\n",
		    code);
		return (0);
	}
	if (rep.intact) {
		printf("%s: intact (%lld records)\n", code,
		    (long long)rep.records);
		return (1);
	}
	printf("%s: BROKEN at record %lld: %s (%lld records intact before "
	       "it)\n",
	    code, (long long)rep.broken_seq, rep.problem,
	    (long long)rep.records);
	return (0);
}

static int
cmd_verify_audit(struct db *d, int argc, char **argv)
{
	PGresult *res;
	const char *only;
	int i, ok, seen;

	only = NULL;
	if (argc == 2 && strcmp(argv[0], "--bureau") == 0)
		only = argv[1];
	else if (argc != 0)
		usage();
	if (db_query(d, SQL_BUREAU_LIST, &res, 0, NULL) != DB_OK)
		return (1);
	ok = 1;
	seen = 0;
	for (i = 0; i < PQntuples(res); i++) {
		if (only != NULL && strcmp(only, PQgetvalue(res, i, 1)) != 0)
			continue;
		seen++;
		if (!verify_one(d, PQgetvalue(res, i, 0),
		        PQgetvalue(res, i, 1)))
			ok = 0;
	}
	PQclear(res);
	if (only != NULL && seen == 0) {
		fprintf(stderr, "gsctl: no bureau with code %s\n", only);
		return (1);
	}
	/*
	 * Nothing checked is not "intact": as gs_app (GS_DB_URL without the
	 * owner's connection) row-level security hides every bureau.
	 */
	if (seen == 0) {
		fprintf(stderr,
		    "gsctl: no bureau to verify (connected as the "
		    "application role? set GS_DB_OWNER_URL)\n");
		return (1);
	}
	return (ok ? 0 : 1);
}

static int
cmd_create_bureau(struct db *d, int argc, char **argv)
{
	char id[40];

	if (argc != 3)
		usage();
	if (!seed_bureau(d, argv[0], argv[1], argv[2], id))
		return (1);
	printf("%s\n", id);
	return (0);
}

static int
cmd_create_user(struct db *d, int argc, char **argv)
{
	const char *pw;

	if (argc != 4 && argc != 6)
		usage();
	pw = getenv("GS_NEW_PASSWORD");
	if (pw == NULL || *pw == '\0') {
		fprintf(stderr,
		    "gsctl: set GS_NEW_PASSWORD to the new user's "
		    "password\n");
		return (1);
	}
	return (seed_user(d, argv[0], argv[1], argv[2], argv[3], pw,
	            argc == 6 ? argv[4] : NULL, argc == 6 ? argv[5] : NULL) ?
	        0 :
	        1);
}

static int
cmd_routes(void)
{
#define ROUTE(method, pattern, perm, handler) \
	printf("%s %s %s\n", #method, pattern, perm_name(perm));
#include "web/routes.def"
#undef ROUTE
	return (0);
}

int
main(int argc, char **argv)
{
	struct db d;
	int rc;

	if (argc < 2)
		usage();
	gs_log_plain(1);
	if (sodium_init() < 0) {
		fprintf(stderr, "gsctl: libsodium failed to initialise\n");
		return (1);
	}
	if (strcmp(argv[1], "routes") == 0)
		return (cmd_routes());
	if (strcmp(argv[1], "verify-dossier") == 0)
		return (cmd_verify_dossier(argc - 2, argv + 2));
	if (!open_db(&d))
		return (1);

	if (strcmp(argv[1], "migrate") == 0)
		rc = cmd_migrate(&d, argc - 2, argv + 2);
	else if (strcmp(argv[1], "seed") == 0)
		rc = seed_run(&d) ? 0 : 1;
	else if (strcmp(argv[1], "verify-audit") == 0)
		rc = cmd_verify_audit(&d, argc - 2, argv + 2);
	else if (strcmp(argv[1], "create-bureau") == 0)
		rc = cmd_create_bureau(&d, argc - 2, argv + 2);
	else if (strcmp(argv[1], "create-user") == 0)
		rc = cmd_create_user(&d, argc - 2, argv + 2);
	else
		usage();
	PQfinish(d.conn);
	return (rc);
}
