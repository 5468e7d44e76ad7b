#include <string.h>

#include "unit.h"
#include "core/markdown.h"
#include "core/tmpl.h"

GS_SUITE(markdown);

/* Markdown through a page that writes it raw, as the application does. */
static char *
md_render(const char *md)
{
	static const char *const names[] = { "pages/note" };
	static const char *const srcs[] = {
		"{{!params body: html}}<div>{{{body}}}</div>"
	};
	struct tmpl_set *set;
	struct tdata *d;
	struct buf out, err;

	buf_init(&out);
	buf_init(&err);
	set = tmpl_set_compile(names, srcs, 1, &err);
	cr_assert_not_null(set, "%s", err.data);
	d = tdata_new();
	cr_assert_eq(tdata_markdown(d, "body", md, strlen(md)), GS_OK);
	cr_assert_eq(tmpl_render(tmpl_get(set, "pages/note"), d, &out, &err),
	    GS_OK, "%s", err.data);
	tdata_free(d);
	tmpl_set_free(set);
	buf_free(&err);
	return (buf_release(&out, NULL));
}

Test(markdown, heading_emphasis_and_list)
{
	char *s;

	s = md_render("# 案件 *摘要*\n\n- 现场检查\n- **责令整改**\n");
	cr_assert_str_eq(s,
	    "<div><h1>案件 <em>摘要</em></h1>\n"
	    "<ul>\n<li>现场检查</li>\n<li><strong>责令整改</strong></li>\n"
	    "</ul>\n</div>");
	free(s);
}

Test(markdown, raw_html_is_suppressed)
{
	char *s;

	s = md_render("<script>alert(1)</script>\n\nhi <b onclick=x>y</b>");
	cr_assert_str_eq(s,
	    "<div><!-- raw HTML omitted -->\n"
	    "<p>hi <!-- raw HTML omitted -->y<!-- raw HTML omitted --></p>\n"
	    "</div>");
	free(s);
}

Test(markdown, javascript_links_lose_their_target)
{
	char *s;

	s = md_render("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) "
	              "[c](https://www.mee.gov.cn/?a=1&b=2)");
	cr_assert_str_eq(s,
	    "<div><p><a href=\"\">a</a> <a href=\"\">b</a> "
	    "<a href=\"https://www.mee.gov.cn/?a=1&amp;b=2\">c</a></p>\n"
	    "</div>");
	free(s);
}

Test(markdown, text_is_escaped)
{
	char *s;

	s = md_render("a < b & \"c\"");
	cr_assert_str_eq(s, "<div><p>a &lt; b &amp; &quot;c&quot;</p>\n</div>");
	free(s);
}

Test(markdown, invalid_utf8_is_refused_and_leaves_the_key_unset)
{
	static const char *const names[] = { "pages/note" };
	static const char *const srcs[] = {
		"{{!params body: html?}}[{{{body}}}]"
	};
	struct tmpl_set *set;
	struct tdata *d;
	struct buf out, err;

	buf_init(&out);
	buf_init(&err);
	set = tmpl_set_compile(names, srcs, 1, &err);
	cr_assert_not_null(set, "%s", err.data);
	d = tdata_new();
	cr_assert_eq(tdata_markdown(d, "body", "ok \xff\xfe", 5), GS_ERROR);
	cr_assert_eq(tdata_markdown(d, "body", "\xe6\xa1", 2), GS_ERROR);
	cr_assert_eq(tmpl_render(tmpl_get(set, "pages/note"), d, &out, &err),
	    GS_OK, "%s", err.data);
	cr_assert_str_eq(out.data, "[]");
	tdata_free(d);
	tmpl_set_free(set);
	buf_free(&out);
	buf_free(&err);
}

Test(markdown, empty_input_renders_nothing)
{
	char *s;

	s = md_render("");
	cr_assert_str_eq(s, "<div></div>");
	free(s);
}
