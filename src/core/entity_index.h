/*
 * entity_index.h — the registry of one bureau, searched, filtered, sorted
 * and paged in memory.
 *
 * A county registry is a few thousand entities that officers search all
 * day and change a few times a day. Held by each worker (db/registry.c
 * keeps it fresh), a list request costs one pass over an array instead of
 * a search in PostgreSQL; see docs/architecture.md for the measurements
 * that led here. The rules of the list are all in this file: what a query
 * matches, what each filter means, how each sort orders and breaks ties.
 */
#ifndef GS_CORE_ENTITY_INDEX_H
#define GS_CORE_ENTITY_INDEX_H

#include <stddef.h>
#include <stdint.h>

/* An entity as text (ENTITY_COLS in sql.def); NULL for an absent value. */
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
	const char *updated_at; /* "YYYY-MM-DD HH:MI", for display */
	const char *created_at;
	int64_t updated_us; /* updated_at in microseconds, for sorting */
};

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

/* The most rows a page may ask for. */
#define ENTITY_PAGE_MAX 200

struct entity_query {
	const char *q; /* name substring or USCC prefix */
	const char *category;
	const char *township;
	const char *industry;
	const char *grade; /* a grade, or "none" */
	enum entity_sort sort;
	int desc;
	int64_t page;     /* from 1 */
	int64_t per_page; /* 1..ENTITY_PAGE_MAX */
};

/* The sort key's name in URLs ("name") and back; ENTITY_SORT__MAX if unknown. */
const char *entity_sort_name(enum entity_sort);
enum entity_sort entity_sort_from(const char *);

struct entity_index {
	struct entity_row *rows; /* owned; the strings are not */
	size_t n;
	/* The names, ASCII letters lower-cased, each ended by a newline;
	 * row i's starts at name_at[i] (name_at[n] is the end). */
	char *names;
	size_t *name_at;
	/* Row numbers in each order, built on first use. */
	uint32_t *order[ENTITY_SORT__MAX][2];
	/* Row numbers by id, for entity_index_find. */
	uint32_t *by_id;
	/* The distinct townships and industries, sorted, for the filters. */
	const char **townships;
	size_t ntownships;
	const char **industries;
	size_t nindustries;
};

/* Takes rows (n of them, from xmalloc); the strings must outlive idx. */
void
entity_index_init(struct entity_index *, struct entity_row *rows, size_t n);
void entity_index_free(struct entity_index *);

/*
 * The page q asks for: up to q->per_page rows into out (room for that
 * many), their number in *nout. Returns how many rows match in all.
 */
size_t entity_index_query(struct entity_index *, const struct entity_query *q,
    const struct entity_row **out, size_t *nout);

/*
 * Every row whose name or USCC q matches as entity_index_query matches
 * them, in registry order, no filters: *out (xcalloc'd, NULL when none)
 * for the caller to free. An empty q matches nothing here.
 */
size_t entity_index_matches(const struct entity_index *, const char *q,
    const struct entity_row ***out);

/* The row with this id, or NULL. */
const struct entity_row *
entity_index_find(const struct entity_index *, const char *id);

#endif
