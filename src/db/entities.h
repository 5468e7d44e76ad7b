/*
 * entities.h — the entity registry's services: list, read, create, update
 * and the all-or-nothing CSV import. Each write is one transaction with its
 * audit records; validation is core/entity.c, the same for every face.
 */
#ifndef GS_DB_ENTITIES_H
#define GS_DB_ENTITIES_H

#include <stdint.h>

#include "core/entity.h"
#include "core/entity_index.h"
#include "core/verr.h"
#include "db/db.h"

/* Number of ENTITY_COLS. */
#define ENTITY_NCOLS 15

void entity_row_read(const PGresult *, int row, struct entity_row *);

/*
 * The bureau's registry for the list as of rev (its bureau_rev.registry,
 * read before this call: the session lookup returns it): this worker's
 * copy, or a fresh one when rev has moved. No query when nothing changed.
 * Valid until the next call.
 */
enum db_result db_entity_index(struct db *, const char *bureau, int64_t rev,
    struct entity_index **);
/* The same, read again even if rev has not moved: for an entity made after
 * rev was read. The earlier copy's rows are gone. */
enum db_result db_entity_index_reload(struct db *, const char *bureau,
    int64_t rev, struct entity_index **);
/* DB_NOTFOUND when there is no such entity in the bureau. */
enum db_result
db_entity_get(struct db *, const char *bureau, const char *id, PGresult **row);
/*
 * Validates and registers. DB_INVALID with errs filled on bad input;
 * DB_CONFLICT (and errs.uscc) when the USCC is already registered.
 */
enum db_result db_entity_create(struct db *, const struct db_actor *,
    struct entity_input *, struct verr *errs, char id[40]);
/*
 * Validates and updates entity id if its version is still version.
 * DB_NOTFOUND: no such entity; DB_CONFLICT: the version is stale.
 * The USCC cannot change (errs.uscc when in differs).
 */
enum db_result db_entity_update(struct db *, const struct db_actor *,
    const char *id, int64_t version, struct entity_input *, struct verr *errs);

struct entity_import_error {
	int line;
	char field[VERR_FIELD_LEN];
	char message[VERR_MESSAGE_LEN];
};

struct import_report {
	int64_t imported;
	size_t nerrors;
	size_t cap;
	struct entity_import_error *errors;
	int more; /* errors beyond ENTITY_IMPORT_ERRORS_MAX */
};

#define ENTITY_IMPORT_ERRORS_MAX 200

void import_report_free(struct import_report *);
/*
 * Imports a CSV file (header uscc,name,address,township,industry,category
 * in any order, legal_rep optional): validates every line first and imports
 * nothing unless all are good. DB_INVALID with rep->errors naming lines
 * and fields; DB_OK with rep->imported.
 */
enum db_result db_entity_import_csv(struct db *, const struct db_actor *,
    const char *csv, size_t len, struct import_report *rep);

#endif
