/*
 * fuzz_tmpl.c — compiles up to four templates cut from the input at NUL
 * bytes ("pages/a", "partials/b", "partials/c", "layout"), and when they
 * compile renders every page, and the layout around pages/a, with data
 * holding every type under short keys (t u i b h l m) that the seeds
 * declare.
 *
 * Checks: a failure always says why; and text values, which carry markup
 * and both quotes, never come out unescaped, whatever the template does.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/markdown.h"
#include "core/tmpl.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NTMPL 4

static const char *const names[NTMPL] = {
	"pages/a",
	"partials/b",
	"partials/c",
	"layout",
};

/* Unescaped, any of these three would let the value out of its slot. */
static const char evil[] = "<x-fuzz>\"x-q'x-s&";

static void
fill(struct tdata *d, int depth)
{
	struct tlist *l;

	tdata_text(d, "t", evil);
	tdata_url(d, "u", depth ? "javascript:alert(1)" : "/a?b=1&c=2");
	tdata_int(d, "i", depth - 1);
	tdata_bool(d, "b", depth % 2);
	if (tdata_markdown(d, "h", "*x* <x-fuzz>", 12) != GS_OK)
		abort();
	if (depth == 0)
		return;
	l = tdata_list(d, "l");
	fill(tlist_add(l), depth - 1);
	fill(tlist_add(l), depth - 1);
	fill(tdata_map(d, "m"), depth - 1);
}

static int
has_marker(const uint8_t *data, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (data[i] == 'x' && data[i + 1] == '-')
			return (1);
	}
	return (0);
}

static void
check_output(const struct buf *out, const struct buf *err, int rc)
{
	if (rc != GS_OK) {
		if (err->len == 0)
			abort();
		return;
	}
	if (out->data == NULL)
		return;
	if (strstr(out->data, "<x-fuzz") != NULL ||
	    strstr(out->data, "\"x-q") != NULL ||
	    strstr(out->data, "'x-s") != NULL)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	const char *srcs[NTMPL];
	const struct tmpl *t, *layout;
	struct tmpl_set *set;
	struct tdata *d;
	struct buf out, err;
	char *copy;
	size_t n, i, off;

	/* The oracle needs the marker to come from the data only. */
	if (has_marker(data, len))
		return (0);
	copy = xmalloc(len + 1);
	memcpy(copy, data, len);
	copy[len] = '\0';
	for (n = 0, off = 0; n < NTMPL && off <= len; n++) {
		srcs[n] = copy + off;
		off += strlen(copy + off) + 1;
	}

	buf_init(&out);
	buf_init(&err);
	set = tmpl_set_compile(names, srcs, n, &err);
	if (set == NULL) {
		if (err.len == 0)
			abort();
		goto done;
	}
	d = tdata_new();
	fill(d, 2);
	for (i = 0; i < tmpl_count(set); i++) {
		t = tmpl_get(set, tmpl_name(set, i));
		buf_reset(&out);
		buf_reset(&err);
		check_output(&out, &err, tmpl_render(t, d, &out, &err));
	}
	layout = tmpl_get(set, "layout");
	t = tmpl_get(set, "pages/a");
	if (layout != NULL && t != NULL) {
		buf_reset(&out);
		buf_reset(&err);
		check_output(&out, &err,
		    tmpl_render_layout(layout, t, d, &out, &err));
	}
	tdata_free(d);
	tmpl_set_free(set);
done:
	buf_free(&out);
	buf_free(&err);
	free(copy);
	return (0);
}
