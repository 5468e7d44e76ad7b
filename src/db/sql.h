/*
 * sql.h — the names of the runtime SQL statements (texts in sql.def).
 */
#ifndef GS_DB_SQL_H
#define GS_DB_SQL_H

enum sql_id {
#define SQL(name, text) SQL_##name,
#include "db/sql.def"
#undef SQL
	SQL__MAX
};

/* The statement's text and its name (the prepared statement's name). */
const char *sql_text(enum sql_id);
const char *sql_name(enum sql_id);

#endif
