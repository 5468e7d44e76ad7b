/*
 * util.c — allocation wrappers, the growable buffer, hex and UTF-8 helpers,
 * a complete write(2).
 * Must never call Kore or libpq: it is linked into unit tests and gsctl.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static void
out_of_memory(size_t len)
{
	fprintf(stderr, "greensword: out of memory allocating %zu bytes\n",
	    len);
	abort();
}

void *
xmalloc(size_t len)
{
	void *p;

	if (len == 0)
		len = 1;
	if ((p = malloc(len)) == NULL)
		out_of_memory(len);
	return (p);
}

void *
xcalloc(size_t n, size_t size)
{
	void *p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		out_of_memory(SIZE_MAX);
	if ((p = calloc(n, size)) == NULL)
		out_of_memory(n * size);
	return (p);
}

void *
xrealloc(void *ptr, size_t len)
{
	void *p;

	if (len == 0)
		len = 1;
	if ((p = realloc(ptr, len)) == NULL)
		out_of_memory(len);
	return (p);
}

char *
xstrdup(const char *s)
{
	return (xstrndup(s, strlen(s)));
}

char *
xstrndup(const char *s, size_t len)
{
	char *p;

	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return (p);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void
buf_free(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_reserve(struct buf *b, size_t extra)
{
	size_t need, cap;

	if (SIZE_MAX - b->len - 1 < extra)
		out_of_memory(SIZE_MAX);
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;

	cap = b->cap ? b->cap : 256;
	while (cap < need) {
		if (cap > SIZE_MAX / 2) {
			cap = need;
			break;
		}
		cap *= 2;
	}
	b->data = xrealloc(b->data, cap);
	b->cap = cap;
}

void
buf_append(struct buf *b, const void *d, size_t len)
{
	buf_reserve(b, len);
	if (len > 0)
		memcpy(b->data + b->len, d, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;

	buf_reserve(b, (size_t)n);
	(void)vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
buf_release(struct buf *b, size_t *len)
{
	char *p;

	if (b->data == NULL)
		buf_reserve(b, 0);
	p = b->data;
	p[b->len] = '\0';
	if (len != NULL)
		*len = b->len;
	buf_init(b);
	return (p);
}

void
hex_encode(const uint8_t *in, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[in[i] >> 4];
		out[2 * i + 1] = digits[in[i] & 0x0f];
	}
	out[2 * len] = '\0';
}

static int
hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

int
hex_decode(const char *in, uint8_t *out, size_t outlen)
{
	size_t i;
	int hi, lo;

	if (strlen(in) != outlen * 2)
		return (GS_ERROR);
	for (i = 0; i < outlen; i++) {
		hi = hex_digit(in[2 * i]);
		lo = hex_digit(in[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return (GS_ERROR);
		out[i] = (uint8_t)((hi << 4) | lo);
	}
	return (GS_OK);
}

/* Length of the UTF-8 sequence at s (at most n bytes), 0 when malformed. */
static size_t
utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
	size_t len, i;
	uint32_t c, min;

	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return (1);
	} else if ((c & 0xe0) == 0xc0) {
		len = 2;
		c &= 0x1f;
		min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		len = 3;
		c &= 0x0f;
		min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		len = 4;
		c &= 0x07;
		min = 0x10000;
	} else
		return (0);

	if (len > n)
		return (0);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (0);
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are invalid. */
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return (0);
	*cp = c;
	return (len);
}

int
utf8_valid_text(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i, len;
	uint32_t cp;

	for (i = 0; i < n; i += len) {
		if ((len = utf8_seq(p + i, n - i, &cp)) == 0)
			return (0);
		if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
			return (0);
		if (cp == 0x7f)
			return (0);
	}
	return (1);
}

size_t
utf8_length(const char *s, size_t n)
{
	size_t i, count;

	count = 0;
	for (i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	}
	return (count);
}

int
fd_write_all(int fd, const void *data, size_t len)
{
	const uint8_t *p = data;
	ssize_t n;

	while (len > 0) {
		if ((n = write(fd, p, len)) < 0) {
			if (errno == EINTR)
				continue;
			return (GS_ERROR);
		}
		p += n;
		len -= (size_t)n;
	}
	return (GS_OK);
}

int
parse_int64(const char *s, int64_t *out)
{
	char *end;
	long long v;

	if (s == NULL || *s == '\0')
		return (GS_ERROR);
	if (!(*s == '-' || (*s >= '0' && *s <= '9')))
		return (GS_ERROR);
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return (GS_ERROR);
	*out = (int64_t)v;
	return (GS_OK);
}

char
ascii_lower(char c)
{
	if (c >= 'A' && c <= 'Z')
		return ((char)(c - 'A' + 'a'));
	return (c);
}

char
ascii_upper(char c)
{
	if (c >= 'a' && c <= 'z')
		return ((char)(c - 'a' + 'A'));
	return (c);
}

size_t
code_label_find(const struct code_label *t, size_t n, const char *code)
{
	size_t i;

	if (code == NULL || *code == '\0')
		return (n);
	for (i = 0; i < n; i++) {
		if (strcmp(t[i].code, code) == 0)
			return (i);
	}
	return (n);
}

const char *
code_label_of(const struct code_label *t, size_t n, const char *code)
{
	size_t i = code_label_find(t, n, code);

	return (i < n ? t[i].label : "");
}

int
code_in(const char *s, const char *const *codes)
{
	size_t i;

	for (i = 0; s != NULL && codes[i] != NULL; i++) {
		if (strcmp(s, codes[i]) == 0)
			return (1);
	}
	return (0);
}

uint32_t
code_mask_from_pg(const struct code_label *t, size_t n, const char *s)
{
	char word[64];
	uint32_t mask = 0;
	size_t len, i;

	if (s == NULL)
		return (0);
	if (*s == '{')
		s++;
	while (*s != '\0' && *s != '}') {
		len = strcspn(s, ",}");
		if (len < sizeof(word)) {
			memcpy(word, s, len);
			word[len] = '\0';
			if ((i = code_label_find(t, n, word)) < n && i < 32)
				mask |= 1u << i;
		}
		s += len;
		if (*s == ',')
			s++;
	}
	return (mask);
}

void
code_mask_to_pg(const struct code_label *t, size_t n, uint32_t mask,
    struct buf *out)
{
	size_t i;
	int first = 1;

	buf_putc(out, '{');
	for (i = 0; i < n && i < 32; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (!first)
			buf_putc(out, ',');
		buf_puts(out, t[i].code);
		first = 0;
	}
	buf_putc(out, '}');
}
