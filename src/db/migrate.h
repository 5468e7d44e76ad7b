/*
 * migrate.h — applying migrations/NNNN_name.sql in order.
 */
#ifndef GS_DB_MIGRATE_H
#define GS_DB_MIGRATE_H

#include "db/db.h"

/*
 * Applies every migration of dir not yet recorded, each in its own
 * transaction, recording its SHA-256. Refuses (GS_ERROR, with a message on
 * stderr naming the file) when an applied migration's file has changed or
 * disappeared, or when numbers repeat. Prints what it applied.
 */
int migrate_run(struct db *, const char *dir);
/*
 * GS_OK when the database has exactly the migrations of dir applied, with
 * matching checksums; otherwise GS_ERROR with the reason on stderr.
 */
int migrate_check(struct db *, const char *dir);

#endif
