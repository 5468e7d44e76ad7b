/*
 * zip.h — a streaming writer and a strict reader of "stored" ZIP archives
 * (APPNOTE.TXT 6.3.x, method 0: no compression), for the dossier export.
 *
 * The writer streams to a file descriptor in constant memory whatever the
 * size of an entry: sizes and CRC-32 follow each entry's data in a data
 * descriptor (flag bit 3), and names are marked UTF-8 (flag bit 11)
 * because they are Chinese. Only the central directory (one record per
 * entry) is kept in memory until zip_writer_finish().
 *
 * There is no zip64: an entry, or the whole archive, that would reach
 * 4 GiB is refused with a clean error instead. A dossier of one case is
 * far below that, and without zip64 every offset is a plain 32-bit field
 * that the reader can bounds-check simply.
 *
 * The reader parses archives it must not trust (a dossier handed over on
 * a USB stick): every offset and length is checked against the file
 * before it is used, and anything it does not need to accept is refused —
 * compressed or encrypted entries, zip64, several disks, extra fields and
 * comments (which can rename entries for some extractors), links, bytes
 * that belong to no entry, entries that overlap, a local header that
 * disagrees with the central directory, duplicate names, and names that
 * are not safe relative paths. It does not check CRC-32s (the caller
 * reads the bytes anyway, and checks them with zip_crc32 as it does).
 *
 * Neither side ever logs: failures are described in English in the
 * writer's or reader's error field, for the caller to log or report.
 */
#ifndef GS_CORE_ZIP_H
#define GS_CORE_ZIP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/util.h"

/*
 * The largest archive (and so entry) we write or read: 4 GiB - 2 bytes,
 * because a 32-bit field of all ones means "see the zip64 record".
 */
#define ZIP_SIZE_MAX ((uint64_t)UINT32_MAX - 1)
/* Entry names: bytes, not counting the NUL. */
#define ZIP_NAME_MAX 1024
/* The count field of the end record is 16 bits (no zip64). */
#define ZIP_ENTRIES_MAX 65535

/*
 * 1 when name (len bytes) is a safe relative path: 1 to ZIP_NAME_MAX bytes
 * of valid UTF-8 without control characters, '\\' or ':', not starting
 * with '/', and made of non-empty components none of which is "." or
 * "..". So nothing extracts outside the folder it is unpacked into, on
 * Unix or on Windows. The writer and the reader both apply it.
 */
int zip_name_valid(const char *name, size_t len);

/* CRC-32 (ISO-HDLC, the ZIP one): start with crc 0, feed every piece. */
uint32_t zip_crc32(uint32_t crc, const void *data, size_t len);

struct zip_cdir_entry;

struct zip_writer {
	int fd;
	uint64_t offset; /* bytes of the archive so far, buffered included */
	uint64_t limit;  /* ZIP_SIZE_MAX; tests lower it to reach the limit */
	uint16_t dos_time, dos_date;
	uint8_t *out; /* output buffer (64 KiB): fewer write(2) calls */
	size_t outlen;
	struct zip_cdir_entry *entries;
	size_t n, cap;
	int in_entry;        /* between entry_begin and entry_end */
	uint32_t crc;        /* of the open entry so far */
	uint64_t entry_size; /* of the open entry so far */
	int failed;          /* sticky: every later call fails */
	char error[160];
};

/*
 * Starts an archive on fd (which the writer never closes), with mtime as
 * the modification time of every entry (local time, as ZIP wants).
 */
void zip_writer_init(struct zip_writer *, int fd, time_t mtime);
/*
 * Starts the entry name (zip_name_valid, not used before in this archive).
 * GS_ERROR when the name is refused, the archive is full, or an entry is
 * already open.
 */
int zip_entry_begin(struct zip_writer *, const char *name);
/*
 * Appends len bytes to the open entry. GS_ERROR when write(2) fails or
 * the archive would reach 4 GiB (the entry is then unfinishable).
 */
int zip_entry_write(struct zip_writer *, const void *, size_t);
/* Ends the open entry with its data descriptor. */
int zip_entry_end(struct zip_writer *);
/*
 * Writes the central directory and the end record, and flushes. The
 * archive is complete only when this returns GS_OK.
 */
int zip_writer_finish(struct zip_writer *);
/*
 * Frees the writer's memory (whether or not the archive was finished; fd
 * is left open and may hold a partial archive the caller must discard).
 */
void zip_writer_free(struct zip_writer *);

/*
 * All failures of the writer are sticky: after the first, every call
 * returns GS_ERROR and w->error keeps the first reason.
 */

/* One entry of an archive being read. */
struct zip_entry {
	char *name; /* NUL-terminated, zip_name_valid */
	size_t namelen;
	uint16_t flags;  /* general purpose: only bits 3 and 11 */
	uint32_t crc;    /* as the central directory says */
	uint32_t size;   /* stored: compressed and uncompressed size */
	uint32_t header; /* offset of the local header */
	uint32_t data;   /* offset of the first byte of data */
};

struct zip_reader {
	const uint8_t *base; /* the whole archive */
	size_t len;
	int mapped;                /* base is our mmap of the file */
	struct zip_entry *entries; /* central directory order */
	size_t n;
	struct zip_entry **by_name; /* sorted, for zip_reader_find */
	char error[256];
};

/*
 * Maps the file open on fd read-only and parses it. GS_ERROR with
 * r->error set when the archive is malformed or cannot be mapped; the
 * reader must be closed in both cases. A file changed while mapped makes
 * later reads see the change: verify a copy nobody else writes.
 */
int zip_reader_open_fd(struct zip_reader *, int fd);
/* The same over bytes in memory, which must outlive the reader. */
int zip_reader_open_mem(struct zip_reader *, const void *, size_t);
/* The entry of that name, or NULL. */
const struct zip_entry *
zip_reader_find(const struct zip_reader *, const char *name);
/* The entry's stored bytes (e->size of them) inside the archive. */
const uint8_t *
zip_entry_bytes(const struct zip_reader *, const struct zip_entry *);
void zip_reader_close(struct zip_reader *);

#endif
