/*
 * migrate.c — numbered SQL migrations, each applied once in its own
 * transaction and recorded with a checksum, so that a changed migration
 * that already ran stops start-up instead of silently diverging.
 * The migration files are the one place SQL text comes from outside
 * sql.def; they are executed whole with PQexec inside our transaction.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "core/log.h"
#include "core/util.h"
#include "db/migrate.h"

#define MIGRATIONS_MAX 1000

struct migration {
	int version;
	char *name;
	char *path;
	char checksum[65];
};

static int
migration_cmp(const void *a, const void *b)
{
	const struct migration *x = a, *y = b;

	return ((x->version > y->version) - (x->version < y->version));
}

static char *
read_file(const char *path, size_t *len)
{
	struct buf b;
	FILE *fp;
	char chunk[8192];
	size_t n;

	if ((fp = fopen(path, "rb")) == NULL)
		return (NULL);
	buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(fp)) {
		fclose(fp);
		buf_free(&b);
		return (NULL);
	}
	fclose(fp);
	return (buf_release(&b, len));
}

static void
checksum_hex(const char *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, (const unsigned char *)data, len);
	hex_encode(h, sizeof(h), out);
}

/* Reads dir into m, sorted by version; -1 on error. */
static int
scan_dir(const char *dir, struct migration *m)
{
	DIR *dp;
	struct dirent *de;
	struct buf path;
	char *text, *end;
	size_t len;
	long v;
	int n;

	if ((dp = opendir(dir)) == NULL) {
		fprintf(stderr, "migrate: cannot open %s: %s\n", dir,
		    strerror(errno));
		return (-1);
	}
	n = 0;
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 9 || strcmp(de->d_name + len - 4, ".sql") != 0)
			continue;
		v = strtol(de->d_name, &end, 10);
		if (end != de->d_name + 4 || *end != '_' || v <= 0 ||
		    n == MIGRATIONS_MAX) {
			fprintf(stderr,
			    "migrate: %s/%s: name must be NNNN_name.sql\n", dir,
			    de->d_name);
			closedir(dp);
			return (-1);
		}
		buf_init(&path);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if ((text = read_file(path.data, &len)) == NULL) {
			fprintf(stderr, "migrate: cannot read %s\n", path.data);
			buf_free(&path);
			closedir(dp);
			return (-1);
		}
		m[n].version = (int)v;
		m[n].name = xstrdup(de->d_name);
		m[n].path = buf_release(&path, NULL);
		checksum_hex(text, len, m[n].checksum);
		free(text);
		n++;
	}
	closedir(dp);
	qsort(m, (size_t)n, sizeof(*m), migration_cmp);
	return (n);
}

static int
apply_one(struct db *d, const struct migration *m)
{
	PGresult *res;
	char *sql, version[16];
	int ok;

	if ((sql = read_file(m->path, NULL)) == NULL)
		return (GS_ERROR);
	if (db_query(d, SQL_BEGIN, NULL, 0, NULL) != DB_OK) {
		free(sql);
		return (GS_ERROR);
	}
	res = PQexec(d->conn, sql);
	free(sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK ||
	    PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "migrate: %s failed: %s", m->name,
		    PQresultErrorMessage(res));
	PQclear(res);
	(void)snprintf(version, sizeof(version), "%d", m->version);
	if (ok &&
	    DB_QUERY(d, SQL_MIGRATION_RECORD, NULL, version, m->name,
	        m->checksum) != DB_OK)
		ok = 0;
	if (ok && db_query(d, SQL_COMMIT, NULL, 0, NULL) != DB_OK)
		ok = 0;
	if (!ok) {
		db_rollback(d);
		return (GS_ERROR);
	}
	printf("migrate: applied %s\n", m->name);
	return (GS_OK);
}

/* GS_OK when every recorded migration still has its file and checksum. */
static int
check_applied(const PGresult *res, const struct migration *m, int n)
{
	int i, j, v;
	const char *name, *sum;

	for (i = 0; i < PQntuples(res); i++) {
		v = atoi(PQgetvalue(res, i, 0));
		name = PQgetvalue(res, i, 1);
		sum = PQgetvalue(res, i, 2);
		for (j = 0; j < n && m[j].version != v; j++)
			;
		if (j == n) {
			fprintf(stderr,
			    "migrate: %s was applied but its file "
			    "is gone; restore it\n",
			    name);
			return (GS_ERROR);
		}
		if (strcmp(m[j].checksum, sum) != 0) {
			fprintf(stderr,
			    "migrate: %s was changed after it was "
			    "applied (applied %.12s…, file now %.12s…): restore "
			    "it and put the change in a new migration\n",
			    m[j].name, sum, m[j].checksum);
			return (GS_ERROR);
		}
	}
	return (GS_OK);
}

static int
is_applied(const PGresult *res, int version)
{
	int i;

	for (i = 0; i < PQntuples(res); i++) {
		if (atoi(PQgetvalue(res, i, 0)) == version)
			return (1);
	}
	return (0);
}

static void
migrations_free(struct migration *m)
{
	int i;

	for (i = 0; i < MIGRATIONS_MAX && m[i].name != NULL; i++) {
		free(m[i].name);
		free(m[i].path);
	}
	free(m);
}

int
migrate_check(struct db *d, const char *dir)
{
	struct migration *m;
	PGresult *res;
	int i, n, ok;

	m = xcalloc(MIGRATIONS_MAX, sizeof(*m));
	ok = GS_ERROR;
	if ((n = scan_dir(dir, m)) < 0) {
		migrations_free(m);
		return (GS_ERROR);
	}
	if (db_query(d, SQL_MIGRATION_LIST, &res, 0, NULL) != DB_OK) {
		fprintf(stderr,
		    "migrate: the database has no schema_migrations "
		    "table\n");
		migrations_free(m);
		return (GS_ERROR);
	}
	if (check_applied(res, m, n)) {
		ok = GS_OK;
		for (i = 0; i < n; i++) {
			if (!is_applied(res, m[i].version)) {
				fprintf(stderr, "migrate: %s is not applied\n",
				    m[i].name);
				ok = GS_ERROR;
			}
		}
	}
	PQclear(res);
	migrations_free(m);
	return (ok);
}

int
migrate_run(struct db *d, const char *dir)
{
	struct migration *m;
	PGresult *res;
	int i, n, ok, applied;

	m = xcalloc(MIGRATIONS_MAX, sizeof(*m));
	res = NULL;
	ok = GS_ERROR;
	if ((n = scan_dir(dir, m)) < 0)
		goto out;
	for (i = 1; i < n; i++) {
		if (m[i].version == m[i - 1].version) {
			fprintf(stderr,
			    "migrate: %s and %s have the same "
			    "number\n",
			    m[i - 1].name, m[i].name);
			goto out;
		}
	}
	if (db_query(d, SQL_MIGRATION_LOCK, NULL, 0, NULL) != DB_OK ||
	    db_query(d, SQL_MIGRATION_TABLE, NULL, 0, NULL) != DB_OK ||
	    db_query(d, SQL_MIGRATION_LIST, &res, 0, NULL) != DB_OK)
		goto unlock;
	if (!check_applied(res, m, n))
		goto unlock;
	applied = 0;
	for (i = 0; i < n; i++) {
		if (is_applied(res, m[i].version))
			continue;
		if (!apply_one(d, &m[i]))
			goto unlock;
		applied++;
	}
	printf("migrate: %d migration(s) applied, schema at %04d\n", applied,
	    n > 0 ? m[n - 1].version : 0);
	ok = GS_OK;
unlock:
	(void)db_query(d, SQL_MIGRATION_UNLOCK, NULL, 0, NULL);
out:
	if (res != NULL)
		PQclear(res);
	migrations_free(m);
	return (ok);
}
