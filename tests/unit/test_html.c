#include <string.h>

#include "unit.h"
#include "core/html.h"

GS_SUITE(html);

static char *
escaped(const char *s)
{
	struct buf b;

	buf_init(&b);
	html_escape(&b, s, strlen(s));
	return (buf_release(&b, NULL));
}

static int
safe(const char *s)
{
	return (html_url_is_safe(s, strlen(s)));
}

/* The slot a placeholder would land in after the given markup. */
static enum html_slot
slot_after(const char *markup)
{
	struct html_ctx h;
	size_t i;

	html_ctx_init(&h);
	for (i = 0; markup[i] != '\0'; i++)
		cr_assert_null(html_ctx_step(&h, (unsigned char)markup[i]),
		    "step failed in %s", markup);
	return (html_ctx_slot(&h));
}

Test(html, escape_writes_the_five_specials_as_entities)
{
	char *s;

	s = escaped("<script>alert(\"x\" & 'y')</script>");
	cr_assert_str_eq(s,
	    "&lt;script&gt;alert(&quot;x&quot; &amp; "
	    "&#39;y&#39;)&lt;/script&gt;");
	free(s);
}

Test(html, escape_leaves_chinese_and_plain_text_alone)
{
	char *s;

	s = escaped("浙江省永康市生态环境局 case 42");
	cr_assert_str_eq(s, "浙江省永康市生态环境局 case 42");
	free(s);
	s = escaped("");
	cr_assert_str_eq(s, "");
	free(s);
}

Test(html, escape_appends_to_what_is_there)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, "a=");
	html_escape(&b, "1&2", 3);
	cr_assert_str_eq(b.data, "a=1&amp;2");
	buf_free(&b);
}

Test(html, url_scheme_allowlist)
{
	cr_assert(safe("https://www.zj.gov.cn/"));
	cr_assert(safe("HTTP://example.com"));
	cr_assert(safe("mailto:hbj@yk.gov.cn"));
	cr_assert_not(safe("javascript:alert(1)"));
	cr_assert_not(safe("JaVaScRiPt:alert(1)"));
	cr_assert_not(safe(" javascript:alert(1)"));
	cr_assert_not(safe("\t\n javascript:alert(1)"));
	cr_assert_not(safe("java\tscript:alert(1)"));
	cr_assert_not(safe("data:text/html,<script>alert(1)</script>"));
	cr_assert_not(safe("vbscript:msgbox"));
	cr_assert_not(safe(":alert(1)"));
}

Test(html, url_relative_values_are_safe)
{
	cr_assert(safe("/entities/42"));
	cr_assert(safe("?page=2"));
	cr_assert(safe("#top"));
	cr_assert(safe("./edit"));
	cr_assert(safe("../list"));
	cr_assert(safe("edit"));
	cr_assert(safe("a/b:c"));
	cr_assert(safe("/x?next=javascript:alert(1)"));
	cr_assert(safe(""));
}

Test(html, url_scheme_fixed_only_when_nothing_appended_can_add_one)
{
	cr_assert(html_url_scheme_fixed("/a", 2));
	cr_assert(html_url_scheme_fixed("https:", 6));
	cr_assert(html_url_scheme_fixed("a/b", 3));
	cr_assert(html_url_scheme_fixed(".x", 2));
	cr_assert_not(html_url_scheme_fixed("edit", 4));
	cr_assert_not(html_url_scheme_fixed("", 0));
	cr_assert_not(html_url_scheme_fixed("  ", 2));
}

Test(html, ctx_text_and_quoted_attribute_values)
{
	cr_assert_eq(slot_after("<p>"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<p title=\""), HTML_SLOT_ATTR);
	cr_assert_eq(slot_after("<p title='"), HTML_SLOT_ATTR);
	cr_assert_eq(slot_after("<p title=\"a\">x"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<a HREF=\""), HTML_SLOT_URL_ATTR);
	cr_assert_eq(slot_after("<form action = '"), HTML_SLOT_URL_ATTR);
	cr_assert_eq(slot_after("<img src=\""), HTML_SLOT_URL_ATTR);
	cr_assert_eq(slot_after("<button formaction=\""), HTML_SLOT_URL_ATTR);
	cr_assert_eq(slot_after("<a onclick=\""), HTML_SLOT_SCRIPT_ATTR);
	cr_assert_eq(slot_after("<a style=\""), HTML_SLOT_SCRIPT_ATTR);
	cr_assert_eq(slot_after("a < b "), HTML_SLOT_TEXT);
}

Test(html, ctx_tag_positions_outside_quotes)
{
	cr_assert_eq(slot_after("<"), HTML_SLOT_TAG);
	cr_assert_eq(slot_after("<input "), HTML_SLOT_TAG);
	cr_assert_eq(slot_after("<input value="), HTML_SLOT_TAG);
	cr_assert_eq(slot_after("<input value=x"), HTML_SLOT_TAG);
	cr_assert_eq(slot_after("<input value=\"x\""), HTML_SLOT_TAG);
	cr_assert_eq(slot_after("<input dis"), HTML_SLOT_TAG);
}

Test(html, ctx_comments_and_raw_text)
{
	cr_assert_eq(slot_after("<!-- "), HTML_SLOT_COMMENT);
	cr_assert_eq(slot_after("<!-- a -- b -> "), HTML_SLOT_COMMENT);
	cr_assert_eq(slot_after("<!-- a -->"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<!-->"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<!-- a --!>"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<!doctype html"), HTML_SLOT_COMMENT);
	cr_assert_eq(slot_after("<!doctype html>"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<script>var a = '<p>"), HTML_SLOT_SCRIPT);
	cr_assert_eq(slot_after("<SCRIPT type=x>"), HTML_SLOT_SCRIPT);
	cr_assert_eq(slot_after("<script></scrip"), HTML_SLOT_SCRIPT);
	cr_assert_eq(slot_after("<script>x</SCRIPT >"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<style>"), HTML_SLOT_STYLE);
	cr_assert_eq(slot_after("<style></style>"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<textarea>"), HTML_SLOT_RCDATA);
	cr_assert_eq(slot_after("<textarea><p title=\""), HTML_SLOT_RCDATA);
	cr_assert_eq(slot_after("<title>a</title>"), HTML_SLOT_TEXT);
	cr_assert_eq(slot_after("<noscript>"), HTML_SLOT_RAWTEXT);
}

Test(html, ctx_refuses_an_equals_sign_without_a_name)
{
	struct html_ctx h;

	html_ctx_init(&h);
	cr_assert_null(html_ctx_step(&h, '<'));
	cr_assert_null(html_ctx_step(&h, 'a'));
	cr_assert_null(html_ctx_step(&h, ' '));
	cr_assert_str_eq(html_ctx_step(&h, '='),
	    "'=' without an attribute name in a tag");
}

Test(html, ctx_value_start_is_cleared_by_content)
{
	struct html_ctx h;
	const char *s = "<a href=\" ";
	size_t i;

	html_ctx_init(&h);
	for (i = 0; s[i] != '\0'; i++)
		html_ctx_step(&h, s[i]);
	cr_assert(html_ctx_value_start(&h));
	html_ctx_step(&h, '/');
	cr_assert_not(html_ctx_value_start(&h));
	cr_assert(html_ctx_in_value(&h));
}
