/*
 * entities.h — the entity registry's services: list, read, create, update
 * and the all-or-nothing CSV import. Each write is one transaction with its
 * audit records; validation is core/entity.c, the same for every face.
 */
#ifndef GS_DB_ENTITIES_H
#define GS_DB_ENTITIES_H

#include <stdint.h>

#include "core/entity.h"
#include "core/verr.h"
#include "db/db.h"

/* Columns of an entity row (ENTITY_COLS in sql.def), as text. */
struct entity_row {
	const char *id;
	const char *uscc;
	const char *name;
	const char *address;
	const char *township;
	const char *industry;
	const char *category;
	const char *legal_rep;
	const char *lat;
	const char *lng;
	const char *status;
	const char *credit_grade;
	const char *version;
	const char *updated_at;
	const char *created_at;
};

void entity_row_read(const PGresult *, int row, struct entity_row *);

enum entity_sort {
	ENTITY_SORT_NAME,
	ENTITY_SORT_USCC,
	ENTITY_SORT_TOWNSHIP,
	ENTITY_SORT_INDUSTRY,
	ENTITY_SORT_CATEGORY,
	ENTITY_SORT_GRADE,
	ENTITY_SORT_UPDATED,
	ENTITY_SORT__MAX
};

struct entity_query {
	const char *q; /* name substring or USCC prefix */
	const char *category;
	const char *township;
	const char *industry;
	const char *grade; /* a grade, or "none" */
	enum entity_sort sort;
	int desc;
	int64_t page;     /* from 1 */
	int64_t per_page; /* 1..200 */
};

/* The sort key's name in URLs ("name") and back; ENTITY_SORT__MAX if unknown. */
const char *entity_sort_name(enum entity_sort);
enum entity_sort entity_sort_from(const char *);

enum db_result db_entity_list(struct db *, const char *bureau,
    const struct entity_query *, PGresult **rows, int64_t *total);
/* DB_NOTFOUND when there is no such entity in the bureau. */
enum db_result
db_entity_get(struct db *, const char *bureau, const char *id, PGresult **row);
/* The townships ('t', value) and industries ('i', value) in use. */
enum db_result
db_entity_facets(struct db *, const char *bureau, PGresult **rows);

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

struct import_error {
	int line;
	char field[VERR_FIELD_LEN];
	char message[VERR_MESSAGE_LEN];
};

struct import_report {
	int64_t imported;
	size_t nerrors;
	size_t cap;
	struct import_error *errors;
	int more; /* errors beyond IMPORT_ERRORS_MAX */
};

#define IMPORT_ERRORS_MAX 200

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
