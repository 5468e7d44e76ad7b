/*
 * evstore.h — the evidence store: files named by the SHA-256 of their
 * bytes (dir/ab/abcdef...), written once through a temporary file and a
 * rename, outside any served folder. Reading re-hashes: the bytes must
 * still be what was stored.
 */
#ifndef GS_CORE_EVSTORE_H
#define GS_CORE_EVSTORE_H

#include <stddef.h>

#define EVSTORE_HEX_LEN 65 /* 64 hex digits and NUL */

/*
 * Stores data under its hash (kept if already there); sha_hex gets the
 * hash. GS_ERROR (errno set) when the store cannot be written.
 */
int evstore_put(const char *dir, const void *data, size_t len,
    char sha_hex[EVSTORE_HEX_LEN]);

/* A stored file mapped read-only. */
struct evstore_file {
	void *data;
	size_t len;
};

/*
 * Maps the file of sha_hex and checks its bytes against the name.
 * 1 good, 0 missing or unreadable, -1 the bytes no longer match (an
 * alarm: the file stays mapped so the caller can record it, then
 * evstore_close).
 */
/* The file of sha_hex under dir; 0 when it does not fit in out. */
int evstore_path(const char *dir, const char *sha_hex, char *out, size_t len);
int evstore_open(const char *dir, const char *sha_hex, struct evstore_file *);
void evstore_close(struct evstore_file *);

#endif
