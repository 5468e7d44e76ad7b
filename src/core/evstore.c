/*
 * evstore.c — the content-addressed evidence store.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "evstore.h"
#include "util.h"

static void
sha_hex_of(const void *data, size_t len, char out[EVSTORE_HEX_LEN])
{
	uint8_t h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	hex_encode(h, sizeof(h), out);
}

int
evstore_path(const char *dir, const char *sha, char *out, size_t len)
{
	int n;

	n = snprintf(out, len, "%s/%.2s/%s", dir, sha, sha);
	return (n > 0 && (size_t)n < len);
}

int
evstore_put(const char *dir, const void *data, size_t len,
    char sha_hex[EVSTORE_HEX_LEN])
{
	char path[1024], sub[1024], tmp[1100];
	struct stat st;
	int fd, ok;

	sha_hex_of(data, len, sha_hex);
	if (!evstore_path(dir, sha_hex, path, sizeof(path)))
		return (GS_ERROR);
	if (stat(path, &st) == 0) {
		/*
		 * Stored once. A damaged copy is left as it is, for whoever
		 * investigates: the upload fails instead of hiding it.
		 */
		struct evstore_file f;
		int good = evstore_open(dir, sha_hex, &f) == 1;

		evstore_close(&f);
		if (!good)
			errno = EIO;
		return (good ? GS_OK : GS_ERROR);
	}
	(void)snprintf(sub, sizeof(sub), "%s/%.2s", dir, sha_hex);
	if ((mkdir(dir, 0700) < 0 && errno != EEXIST) ||
	    (mkdir(sub, 0700) < 0 && errno != EEXIST))
		return (GS_ERROR);
	(void)snprintf(tmp, sizeof(tmp), "%s.%d.tmp", path, (int)getpid());
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0400)) <
	    0)
		return (GS_ERROR);
	ok = fd_write_all(fd, data, len) && fsync(fd) == 0;
	if (close(fd) != 0)
		ok = 0;
	if (!ok || rename(tmp, path) != 0) {
		(void)unlink(tmp);
		return (GS_ERROR);
	}
	return (GS_OK);
}

int
evstore_open(const char *dir, const char *sha_hex, struct evstore_file *f)
{
	char path[1024], got[EVSTORE_HEX_LEN];
	struct stat st;
	int fd;

	f->data = NULL;
	f->len = 0;
	if (!evstore_path(dir, sha_hex, path, sizeof(path)))
		return (0);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return (0);
	if (fstat(fd, &st) != 0) {
		(void)close(fd);
		return (0);
	}
	f->len = (size_t)st.st_size;
	if (f->len > 0) {
		f->data = mmap(NULL, f->len, PROT_READ, MAP_PRIVATE, fd, 0);
		if (f->data == MAP_FAILED) {
			f->data = NULL;
			(void)close(fd);
			return (0);
		}
	}
	(void)close(fd);
	sha_hex_of(f->data != NULL ? f->data : "", f->len, got);
	return (strcmp(got, sha_hex) == 0 ? 1 : -1);
}

void
evstore_close(struct evstore_file *f)
{
	if (f->data != NULL)
		(void)munmap(f->data, f->len);
	f->data = NULL;
	f->len = 0;
}
