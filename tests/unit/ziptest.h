/*
 * ziptest.h — helpers of the zip and dossier suites: archives in real
 * temporary files (unzip and mmap want a path and an fd), byte surgery,
 * and the unzip(1) cross-check when that program is installed.
 */
#ifndef GS_TESTS_ZIPTEST_H
#define GS_TESTS_ZIPTEST_H

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <criterion/logging.h>

#include "core/util.h"

struct tmpzip {
	char path[64];
	int fd;
};

static void
tmpzip_open(struct tmpzip *t)
{
	const char *dir = getenv("TMPDIR");

	(void)snprintf(t->path, sizeof(t->path), "%s/gs-zip-XXXXXX",
	    dir != NULL && strlen(dir) < 40 ? dir : "/tmp");
	t->fd = mkstemp(t->path);
	cr_assert_geq(t->fd, 0, "mkstemp %s", t->path);
}

static void
tmpzip_close(struct tmpzip *t)
{
	(void)close(t->fd);
	(void)unlink(t->path);
}

static size_t
tmpzip_size(const struct tmpzip *t)
{
	struct stat st;

	cr_assert_eq(fstat(t->fd, &st), 0);
	return ((size_t)st.st_size);
}

/* The whole file, to free(). */
static uint8_t *
tmpzip_slurp(const struct tmpzip *t, size_t *len)
{
	uint8_t *p;

	*len = tmpzip_size(t);
	p = xmalloc(*len);
	cr_assert_eq(pread(t->fd, p, *len, 0), (ssize_t)*len);
	return (p);
}

/* Deterministic bytes that compress badly, as photographs do. */
static void
pattern_fill(uint8_t *p, size_t len, uint32_t seed)
{
	size_t i;

	for (i = 0; i < len; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (uint8_t)(seed >> 16);
	}
}

/*
 * unzip -t over the archive: another implementation must agree that it
 * is sound. Skipped, and said so, where unzip is not installed — it is
 * no dependency of the project.
 */
static void
unzip_check(const char *path)
{
	char cmd[256];
	int rc;

	if (system("command -v unzip >/dev/null 2>&1") != 0) {
		cr_log_warn("unzip(1) not installed: the unzip -t cross-check "
		            "of %s is skipped",
		    path);
		return;
	}
	(void)snprintf(cmd, sizeof(cmd), "unzip -tq '%s'", path);
	rc = system(cmd);
	cr_assert_eq(rc, 0, "unzip -t %s failed (status %d)", path, rc);
}

#endif
