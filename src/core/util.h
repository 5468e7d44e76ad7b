/*
 * util.h — allocation wrappers and the growable byte buffer that every
 * core module shares.
 *
 * The core never links Kore: it allocates with the C library through the
 * x* wrappers below, which never return NULL (they abort, as kore_malloc
 * does, because a worker that cannot allocate cannot answer anyway).
 * Memory from these functions is freed with free(), never kore_free().
 */
#ifndef GS_CORE_UTIL_H
#define GS_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#define GS_OK 1 /* same values as KORE_RESULT_OK/ERROR */
#define GS_ERROR 0

#define GS_NELEM(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xrealloc(void *, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);

/*
 * A growable buffer. data is always NUL-terminated after any append, so a
 * buffer of text can be handed to printf-style consumers directly; len does
 * not count the terminator.
 */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

void buf_init(struct buf *);
void buf_free(struct buf *);
void buf_reset(struct buf *);
void buf_reserve(struct buf *, size_t);
void buf_append(struct buf *, const void *, size_t);
void buf_puts(struct buf *, const char *);
void buf_putc(struct buf *, char);
void buf_printf(struct buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *, const char *, va_list)
    __attribute__((format(printf, 2, 0)));
/* Hands the storage to the caller (free() it); the buffer is left empty. */
char *buf_release(struct buf *, size_t *);

/*
 * ASCII case mapping, independent of the locale (tolower() is not): for
 * header names, URL schemes, USCCs and search folding. Other bytes,
 * UTF-8 above all, pass unchanged.
 */
char ascii_lower(char);
char ascii_upper(char);

/* Bytes to lowercase hex; out must hold 2 * len + 1 bytes. */
void hex_encode(const uint8_t *, size_t, char *);
/* Lowercase or uppercase hex to bytes; GS_ERROR on odd length or bad digit. */
int hex_decode(const char *, uint8_t *, size_t);

/* 1 when the bytes are well-formed UTF-8 without NUL or C0 controls other
 * than TAB, LF and CR. */
int utf8_valid_text(const char *, size_t);
/* Number of code points in well-formed UTF-8. */
size_t utf8_length(const char *, size_t);

/*
 * Writes all len bytes to fd, retrying short writes and EINTR.
 * GS_ERROR with errno set when write(2) fails; how much was written is
 * then unknown.
 */
int fd_write_all(int, const void *, size_t);

/* Strict decimal parse of an int64 (optional leading '-', no spaces). */
int parse_int64(const char *, int64_t *);

/* A code and its Chinese label: the shape of every closed list. */
struct code_label {
	const char *code;
	const char *label;
};

/* Index of code in t[0..n), or n; NULL and "" never match. */
size_t code_label_find(const struct code_label *t, size_t n, const char *code);
/* The label of code in t, "" when it is not there. */
const char *
code_label_of(const struct code_label *t, size_t n, const char *code);
/* 1 when s is one of the NULL-terminated codes. */
int code_in(const char *s, const char *const *codes);
/*
 * The codes of a PostgreSQL text[] literal of plain words ("{a,b}") as a
 * mask of their indexes in t; unknown words are ignored.
 */
uint32_t
code_mask_from_pg(const struct code_label *t, size_t n, const char *literal);
/* The literal "{a,b}" of the codes whose index bits are set in mask. */
void code_mask_to_pg(const struct code_label *t, size_t n, uint32_t mask,
    struct buf *out);

#endif
