/*
 * sql.c — the statement table: the only place SQL text lives (sql.def).
 */
#include "db/sql.h"

static const struct {
	const char *name;
	const char *text;
} sql_table[SQL__MAX] = {
#define SQL(n, t) [SQL_##n] = { #n, t },
#include "db/sql.def"
#undef SQL
};

const char *
sql_text(enum sql_id id)
{
	return (id < SQL__MAX ? sql_table[id].text : "");
}

const char *
sql_name(enum sql_id id)
{
	return (id < SQL__MAX ? sql_table[id].name : "");
}
