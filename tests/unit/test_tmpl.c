#include <sys/stat.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "core/markdown.h"
#include "core/tmpl.h"

GS_SUITE(tmpl);

static struct tmpl_set *
compile_ok(size_t n, const char *const *names, const char *const *srcs)
{
	struct tmpl_set *set;
	struct buf err;

	buf_init(&err);
	set = tmpl_set_compile(names, srcs, n, &err);
	cr_assert_not_null(set, "compile failed: %s", err.data);
	buf_free(&err);
	return (set);
}

static char *
compile_err(size_t n, const char *const *names, const char *const *srcs)
{
	struct tmpl_set *set;
	struct buf err;

	buf_init(&err);
	set = tmpl_set_compile(names, srcs, n, &err);
	cr_assert_null(set, "compiled although it should not have");
	cr_assert_gt(err.len, 0);
	return (buf_release(&err, NULL));
}

/* The error for one page named "pages/t". */
static char *
page_err(const char *src)
{
	static const char *const names[] = { "pages/t" };

	return (compile_err(1, names, &src));
}

static void
assert_page_err(const char *src, const char *want)
{
	char *got;

	got = page_err(src);
	cr_assert_str_eq(got, want, "for %s", src);
	free(got);
}

static char *
render_in(const struct tmpl_set *set, const char *name, const struct tdata *d)
{
	struct buf out, err;

	buf_init(&out);
	buf_init(&err);
	cr_assert_eq(tmpl_render(tmpl_get(set, name), d, &out, &err), GS_OK,
	    "render failed: %s", err.data);
	buf_free(&err);
	return (buf_release(&out, NULL));
}

static char *
render_page(const char *src, const struct tdata *d)
{
	static const char *const names[] = { "pages/t" };
	struct tmpl_set *set;
	char *s;

	set = compile_ok(1, names, &src);
	s = render_in(set, "pages/t", d);
	tmpl_set_free(set);
	return (s);
}

static void
assert_renders(const char *src, const struct tdata *d, const char *want)
{
	char *got;

	got = render_page(src, d);
	cr_assert_str_eq(got, want, "for %s", src);
	free(got);
}

static char *
render_err(const char *src, const struct tdata *d)
{
	static const char *const names[] = { "pages/t" };
	struct tmpl_set *set;
	struct buf out, err;

	set = compile_ok(1, names, &src);
	buf_init(&out);
	buf_init(&err);
	cr_assert_eq(tmpl_render(tmpl_get(set, "pages/t"), d, &out, &err),
	    GS_ERROR, "rendered although it should not have");
	buf_free(&out);
	tmpl_set_free(set);
	return (buf_release(&err, NULL));
}

/*
 * Output and escaping.
 */

Test(tmpl, text_is_escaped_and_chinese_kept)
{
	struct tdata *d = tdata_new();

	tdata_text(d, "title", "永康市 <script>alert(1)</script> & 'x'");
	assert_renders("{{!params title: text}}<h1>{{title}}</h1>", d,
	    "<h1>永康市 &lt;script&gt;alert(1)&lt;/script&gt; &amp; "
	    "&#39;x&#39;</h1>");
	tdata_free(d);
}

Test(tmpl, attribute_values_are_escaped_in_both_quote_styles)
{
	struct tdata *d = tdata_new();

	tdata_text(d, "v", "\"><script>alert(1)</script>'");
	assert_renders("{{!params v: text}}<input value=\"{{v}}\" "
	               "title='{{ v }}'>",
	    d,
	    "<input value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	    "&#39;\" title='&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
	    "&#39;'>");
	tdata_free(d);
}

Test(tmpl, int_and_bool_render_as_text)
{
	struct tdata *d = tdata_new();

	tdata_int(d, "a", 0);
	tdata_int(d, "b", -9223372036854775807LL - 1);
	tdata_int(d, "c", 4200);
	tdata_bool(d, "f", 7);
	assert_renders("{{!params a: int, b: int, c: int, f: bool}}"
	               "{{a}} {{b}} {{c}} {{f}}",
	    d, "0 -9223372036854775808 4200 true");
	tdata_free(d);
}

Test(tmpl, params_block_line_end_and_comments_leave_no_trace)
{
	struct tdata *d = tdata_new();

	tdata_text(d, "a", "x");
	assert_renders("{{!params\n  a: text\n}}\nA{{! a note }}B {{ a }}\n", d,
	    "AB x\n");
	tdata_free(d);
}

Test(tmpl, empty_params_block_and_null_data)
{
	assert_renders("{{!params}}<p>静态页面</p>", NULL, "<p>静态页面</p>");
}

Test(tmpl, setting_a_key_twice_replaces_it)
{
	struct tdata *d = tdata_new();

	tdata_text(d, "a", "first");
	tdata_int(d, "a", 1);
	tdata_text(d, "a", "second");
	tdata_textf(d, "b", "%s-%03d", "案", 7);
	assert_renders("{{!params a: text, b: text}}{{a}} {{b}}", d,
	    "second 案-007");
	tdata_free(d);
}

/*
 * URLs.
 */

Test(tmpl, unsafe_urls_render_as_hash)
{
	static const char *const bad[] = {
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		" javascript:alert(1)",
		"data:text/html;base64,PHNjcmlwdD4=",
	};
	struct tdata *d;
	size_t i;

	for (i = 0; i < GS_NELEM(bad); i++) {
		d = tdata_new();
		tdata_url(d, "u", bad[i]);
		assert_renders("{{!params u: url}}<a href=\"{{u}}\">x</a>", d,
		    "<a href=\"#\">x</a>");
		tdata_free(d);
	}
}

Test(tmpl, safe_urls_are_kept_and_escaped)
{
	struct tdata *d = tdata_new();

	tdata_url(d, "a", "/entities?q=永康&page=2");
	tdata_url(d, "b", "https://www.zj.gov.cn/");
	tdata_url(d, "c", "edit");
	tdata_url(d, "m", "mailto:hbj@yk.gov.cn");
	assert_renders(
	    "{{!params a: url, b: url, c: url, m: url}}"
	    "<a href=\"{{a}}\"></a><img src='{{b}}'><form action=\"{{c}}\">"
	    "</form><a href=\"{{m}}\">{{m}}</a>",
	    d,
	    "<a href=\"/entities?q=永康&amp;page=2\"></a>"
	    "<img src='https://www.zj.gov.cn/'><form action=\"edit\"></form>"
	    "<a href=\"mailto:hbj@yk.gov.cn\">mailto:hbj@yk.gov.cn</a>");
	tdata_free(d);
}

Test(tmpl, url_outside_url_attributes_is_plain_text)
{
	struct tdata *d = tdata_new();

	tdata_url(d, "u", "javascript:alert(1)");
	assert_renders("{{!params u: url}}<p title=\"{{u}}\">{{u}}</p>", d,
	    "<p title=\"javascript:alert(1)\">javascript:alert(1)</p>");
	tdata_free(d);
}

Test(tmpl, text_may_follow_a_literal_prefix_or_a_url)
{
	struct tdata *d = tdata_new();

	tdata_int(d, "page", 3);
	tdata_text(d, "q", "a&b");
	tdata_url(d, "base", "/entities");
	assert_renders("{{!params page: int, q: text, base: url}}"
	               "<a href=\"/entities?page={{page}}&q={{q}}\"></a>"
	               "<a href=\"{{base}}?q={{q}}\"></a>",
	    d,
	    "<a href=\"/entities?page=3&q=a&amp;b\"></a>"
	    "<a href=\"/entities?q=a&amp;b\"></a>");
	tdata_free(d);
}

Test(tmpl, a_bare_url_followed_by_text_cannot_become_a_scheme)
{
	struct tdata *d = tdata_new();

	tdata_url(d, "u", "javascript");
	tdata_text(d, "t", ":alert(1)");
	assert_renders("{{!params u: url, t: text}}<a href=\"{{u}}{{t}}\"></a>",
	    d, "<a href=\"./javascript:alert(1)\"></a>");
	tdata_free(d);
}

/*
 * Sections.
 */

Test(tmpl, nested_lists_see_outer_scopes)
{
	struct tdata *d = tdata_new(), *row, *tag;
	struct tlist *rows, *tags;

	tdata_text(d, "unit", "吨");
	rows = tdata_list(d, "rows");
	row = tlist_add(rows);
	tdata_text(row, "name", "永康五金厂");
	tags = tdata_list(row, "tags");
	tag = tlist_add(tags);
	tdata_text(tag, "label", "废水");
	tag = tlist_add(tags);
	tdata_text(tag, "label", "废气");
	row = tlist_add(rows);
	tdata_text(row, "name", "<b>");
	tdata_list(row, "tags");
	assert_renders(
	    "{{!params\n unit: text\n rows: list(name: text, "
	    "tags: list(label: text))\n}}"
	    "{{#rows}}<li>{{name}}:{{#tags}}[{{label}}/{{name}}/{{unit}}]"
	    "{{/tags}}{{^tags}}无{{/tags}}</li>{{/rows}}",
	    d,
	    "<li>永康五金厂:[废水/永康五金厂/吨][废气/永康五金厂/吨]</li><li>&lt;b&gt;:无</li>");
	tdata_free(d);
}

Test(tmpl, inner_keys_shadow_outer_ones)
{
	struct tdata *d = tdata_new();

	tdata_text(d, "name", "outer");
	tdata_text(tlist_add(tdata_list(d, "rows")), "name", "inner");
	assert_renders("{{!params name: text, rows: list(name: text)}}"
	               "{{#rows}}{{name}}{{/rows}} {{name}}",
	    d, "inner outer");
	tdata_free(d);
}

Test(tmpl, map_sections_and_dotted_keys)
{
	struct tdata *d = tdata_new(), *user;

	user = tdata_map(d, "user");
	tdata_text(user, "name", "王科长");
	tdata_int(tdata_map(user, "dept"), "id", 7);
	assert_renders(
	    "{{!params user: map(name: text, dept: map(id: int)), "
	    "boss: map(name: text)?}}"
	    "{{#user}}{{name}}#{{dept.id}}{{/user}} {{user.name}} "
	    "[{{#boss}}{{name}}{{/boss}}{{^boss}}无{{/boss}}{{boss.name}}]",
	    d, "王科长#7 王科长 [无]");
	tdata_free(d);
}

Test(tmpl, inverted_sections_on_empty_false_and_absent)
{
	struct tdata *d = tdata_new();

	tdata_list(d, "rows");
	tdata_bool(d, "ok", 0);
	tdata_int(d, "n", 0);
	tdata_text(d, "s", "");
	assert_renders(
	    "{{!params rows: list(a: text), ok: bool, n: int, "
	    "s: text, opt: text?, more: list(a: text)?}}"
	    "{{^rows}}1{{/rows}}{{^ok}}2{{/ok}}{{^n}}3{{/n}}{{^s}}4{{/s}}"
	    "{{^opt}}5{{/opt}}{{^more}}6{{/more}}"
	    "{{#rows}}x{{/rows}}{{#ok}}x{{/ok}}{{#n}}x{{/n}}{{#s}}x{{/s}}"
	    "{{#opt}}x{{/opt}}{{#more}}x{{/more}}[{{opt}}]",
	    d, "123456[]");
	tdata_free(d);
}

Test(tmpl, conditions_on_present_values)
{
	struct tdata *d = tdata_new();

	tdata_bool(d, "ok", 1);
	tdata_int(d, "n", -1);
	tdata_text(d, "s", "x");
	assert_renders(
	    "{{!params ok: bool, n: int, s: text}}"
	    "{{#ok}}1{{/ok}}{{#n}}2{{/n}}{{#s}}3{{/s}}{{^ok}}x{{/ok}}"
	    "{{^n}}x{{/n}}{{^s}}x{{/s}}",
	    d, "123");
	tdata_free(d);
}

Test(tmpl, boolean_attribute_idiom)
{
	struct tdata *d = tdata_new();

	tdata_bool(d, "on", 1);
	tdata_bool(d, "off", 0);
	assert_renders("{{!params on: bool, off: bool}}"
	               "<option value=\"1\"{{#on}} selected{{/on}}>a</option>"
	               "<input{{#off}} checked{{/off}} required>",
	    d, "<option value=\"1\" selected>a</option><input required>");
	tdata_free(d);
}

/*
 * Partials and the layout.
 */

Test(tmpl, partial_is_compiled_in_each_includers_scope)
{
	static const char *const names[] = { "pages/a", "pages/b",
		"partials/name" };
	static const char *const srcs[] = {
		"{{!params name: text}}A:{{> partials/name}}",
		("{{!params rows: list(name: text)}}B:{{#rows}}"
		 "{{>partials/name}};{{/rows}}"),
		"<b>{{name}}</b>",
	};
	struct tmpl_set *set;
	struct tdata *d;
	struct tlist *rows;
	char *s;

	set = compile_ok(3, names, srcs);
	d = tdata_new();
	tdata_text(d, "name", "甲");
	rows = tdata_list(d, "rows");
	tdata_text(tlist_add(rows), "name", "乙");
	tdata_text(tlist_add(rows), "name", "丙");
	s = render_in(set, "pages/a", d);
	cr_assert_str_eq(s, "A:<b>甲</b>");
	free(s);
	s = render_in(set, "pages/b", d);
	cr_assert_str_eq(s, "B:<b>乙</b>;<b>丙</b>;");
	free(s);
	tdata_free(d);
	tmpl_set_free(set);
}

Test(tmpl, unknown_key_in_partial_is_reported_against_the_includer)
{
	static const char *const names[] = { "pages/a", "partials/row" };
	static const char *const srcs[] = {
		("{{!params\n  title: text\n}}\n<h1>{{title}}</h1>\n"
		 "{{> partials/row}}\n"),
		"<tr>\n<td>{{name}}</td></tr>",
	};
	char *err;

	err = compile_err(2, names, srcs);
	cr_assert_str_eq(err, "pages/a:5: partials/row:2: unknown key 'name'");
	free(err);
}

Test(tmpl, layout_wraps_the_page_as_content)
{
	static const char *const names[] = { "layout", "pages/home" };
	static const char *const srcs[] = {
		("{{!params content: html, title: text}}"
		 "<title>{{title}}</title><main>{{{content}}}</main>"),
		"{{!params title: text}}<h1>{{title}}</h1>",
	};
	struct tmpl_set *set;
	struct tdata *d;
	struct buf out, err;

	set = compile_ok(2, names, srcs);
	d = tdata_new();
	tdata_text(d, "title", "首页 & <概况>");
	buf_init(&out);
	buf_init(&err);
	cr_assert_eq(tmpl_render_layout(tmpl_get(set, "layout"),
	                 tmpl_get(set, "pages/home"), d, &out, &err),
	    GS_OK, "%s", err.data);
	cr_assert_str_eq(out.data,
	    "<title>首页 &amp; &lt;概况&gt;</title>"
	    "<main><h1>首页 &amp; &lt;概况&gt;</h1></main>");
	buf_free(&out);
	buf_free(&err);
	tdata_free(d);
	tmpl_set_free(set);
}

Test(tmpl, layout_fails_when_the_page_does)
{
	static const char *const names[] = { "layout", "pages/home" };
	static const char *const srcs[] = {
		"{{!params content: html}}{{{content}}}",
		"{{!params title: text}}<h1>{{title}}</h1>",
	};
	struct tmpl_set *set;
	struct tdata *d;
	struct buf out, err;

	set = compile_ok(2, names, srcs);
	d = tdata_new();
	buf_init(&out);
	buf_init(&err);
	cr_assert_eq(tmpl_render_layout(tmpl_get(set, "layout"),
	                 tmpl_get(set, "pages/home"), d, &out, &err),
	    GS_ERROR);
	cr_assert_str_eq(err.data,
	    "template 'pages/home': missing required key 'title'");
	buf_free(&out);
	buf_free(&err);
	tdata_free(d);
	tmpl_set_free(set);
}

Test(tmpl, markdown_goes_in_raw_slots)
{
	struct tdata *d = tdata_new();

	cr_assert_eq(tdata_markdown(d, "body", "*注意*", strlen("*注意*")),
	    GS_OK);
	assert_renders("{{!params body: html}}<div>{{{ body }}}</div>", d,
	    "<div><p><em>注意</em></p>\n</div>");
	tdata_free(d);
}

Test(tmpl, set_lookup_by_name_and_index)
{
	static const char *const names[] = { "pages/a", "partials/p" };
	static const char *const srcs[] = { "{{!params}}a", "p" };
	struct tmpl_set *set;
	struct buf out, err;

	set = compile_ok(2, names, srcs);
	cr_assert_eq(tmpl_count(set), 2);
	cr_assert_str_eq(tmpl_name(set, 0), "pages/a");
	cr_assert_str_eq(tmpl_name(set, 1), "partials/p");
	cr_assert_null(tmpl_get(set, "pages/none"));
	buf_init(&out);
	buf_init(&err);
	cr_assert_eq(tmpl_render(tmpl_get(set, "partials/p"), NULL, &out, &err),
	    GS_ERROR);
	cr_assert_str_eq(err.data,
	    "template 'partials/p': a partial cannot be rendered on its own");
	buf_free(&out);
	buf_free(&err);
	tmpl_set_free(set);
}

/*
 * Compile errors: the first one, as "name:line: message".
 */

Test(tmpl, error_syntax)
{
	assert_page_err("{{!params a: text}}\n<p>{{a</p>\n",
	    "pages/t:2: unclosed tag '{{a</p>'");
	assert_page_err("{{!params a: text}}\n{{{a}}\n",
	    "pages/t:2: unclosed tag '{{{a}}'");
	assert_page_err("{{!params a: bool}}\n\n{{#a}}x\n",
	    "pages/t:3: unclosed section '{{#a}}'");
	assert_page_err("{{!params a: bool, b: bool}}\n{{#a}}\n{{/b}}",
	    "pages/t:3: '{{/b}}' does not close '{{#a}}' opened on line 2");
	assert_page_err("{{!params a: bool}}\nx{{/a}}",
	    "pages/t:2: stray close tag '{{/a}}'");
	assert_page_err("{{!params}}\n{{a-b}}", "pages/t:2: invalid key 'a-b'");
	assert_page_err("{{!params}}\n{{ }}", "pages/t:2: empty tag");
}

Test(tmpl, error_unknown_key_with_lines_inside_params)
{
	assert_page_err("{{!params\n  a: text\n  b: int\n}}\n<p>{{a}}</p>\n"
	                "<p>{{c}}</p>",
	    "pages/t:6: unknown key 'c'");
	assert_page_err("{{!params u: map(a: text)}}{{u.b}}",
	    "pages/t:1: unknown key 'u.b'");
	assert_page_err("{{!params rows: list(a: text)}}{{#rows}}{{/rows}}"
	                "{{a}}",
	    "pages/t:1: unknown key 'a'");
	assert_page_err("{{!params a: text}}{{a.b}}",
	    "pages/t:1: 'a' in 'a.b' is text, not a map");
}

Test(tmpl, error_raw_and_escaped_output_by_type)
{
	assert_page_err("{{!params a: text}}\n{{{a}}}",
	    "pages/t:2: 'a' is text, not html: write it as {{a}}");
	assert_page_err("{{!params h: html}}\n<p>{{h}}</p>",
	    "pages/t:2: 'h' is html: write it as {{{h}}}");
	assert_page_err("{{!params h: html}}\n<p title=\"{{{h}}}\"></p>",
	    "pages/t:2: html value 'h' can only be written as element content");
	assert_page_err("{{!params h: html}}<textarea>{{{h}}}</textarea>",
	    "pages/t:1: html value 'h' can only be written as element content");
}

Test(tmpl, error_list_or_map_as_a_value)
{
	assert_page_err("{{!params rows: list(a: text)}}\n{{rows}}",
	    "pages/t:2: 'rows' is a list: use it as a section");
	assert_page_err("{{!params m: map(a: text)}}\n\n{{m}}",
	    "pages/t:3: 'm' is a map: use it as a section");
}

Test(tmpl, error_placeholder_inside_a_tag)
{
	assert_page_err("{{!params a: text}}\n<input value={{a}}>",
	    "pages/t:2: 'a' is inside a tag: a value can only go in a quoted "
	    "attribute value");
	assert_page_err("{{!params a: text}}\n<input {{a}}>",
	    "pages/t:2: 'a' is inside a tag: a value can only go in a quoted "
	    "attribute value");
	assert_page_err("{{!params a: text}}\n<{{a}}>",
	    "pages/t:2: 'a' is inside a tag: a value can only go in a quoted "
	    "attribute value");
	assert_page_err("{{!params a: text}}\n<p data-{{a}}=\"1\">",
	    "pages/t:2: 'a' is inside a tag: a value can only go in a quoted "
	    "attribute value");
}

Test(tmpl, error_placeholder_in_script_style_or_comment)
{
	assert_page_err("{{!params a: text}}\n<script>\nvar a = \"{{a}}\";"
	                "</script>",
	    "pages/t:3: 'a' is inside <script>");
	assert_page_err("{{!params a: int}}\n<style>p { width: {{a}}px }"
	                "</style>",
	    "pages/t:2: 'a' is inside <style>");
	assert_page_err("{{!params a: text}}\n<!-- {{a}} -->",
	    "pages/t:2: 'a' is inside an HTML comment");
	assert_page_err("{{!params a: text}}<p onclick=\"go('{{a}}')\">",
	    "pages/t:1: 'a' is text: only int and bool values may go in a "
	    "script or style attribute");
}

Test(tmpl, event_and_style_attributes_take_numbers)
{
	struct tdata *d = tdata_new();

	tdata_int(d, "id", 42);
	tdata_int(d, "pct", 80);
	assert_renders("{{!params id: int, pct: int}}<button onclick=\"del("
	               "{{id}})\" style=\"width: {{pct}}%\">",
	    d, "<button onclick=\"del(42)\" style=\"width: 80%\">");
	tdata_free(d);
}

Test(tmpl, error_text_at_the_start_of_a_url_attribute)
{
	assert_page_err("{{!params t: text}}\n<a href=\"{{t}}\">",
	    "pages/t:2: 't' is text at the start of a url attribute: use a "
	    "url value");
	assert_page_err("{{!params t: text}}<img src=' {{t}}'>",
	    "pages/t:1: 't' is text at the start of a url attribute: use a "
	    "url value");
	assert_page_err("{{!params t: text}}<form action=\"{{t}}/x\">",
	    "pages/t:1: 't' is text at the start of a url attribute: use a "
	    "url value");
	assert_page_err("{{!params t: text}}<button formaction=\"{{t}}\">",
	    "pages/t:1: 't' is text at the start of a url attribute: use a "
	    "url value");
	/* The section might not run: t would then start the value. */
	assert_page_err("{{!params u: url, t: text}}<a href=\"{{#u}}{{u}}"
	                "{{/u}}{{t}}\">",
	    "pages/t:1: 't' is text at the start of a url "
	    "attribute: use a url value");
}

Test(tmpl, error_section_ending_in_another_html_context)
{
	assert_page_err("{{!params a: bool}}\n{{#a}}<p title=\"{{/a}}\">",
	    "pages/t:2: '{{#a}}' (line 2): section ends in a different HTML "
	    "context than it starts");
	assert_page_err("{{!params a: bool}}\n<p>{{#a}}<!--\n{{/a}}-->",
	    "pages/t:3: '{{#a}}' (line 2): section ends in a different HTML "
	    "context than it starts");
	assert_page_err("{{!params a: bool}}{{^a}}<script>{{/a}}</script>",
	    "pages/t:1: '{{^a}}' (line 1): section ends in a different HTML "
	    "context than it starts");
	/* A loop could glue "hr" to the next item's "ef": no exception. */
	assert_page_err("{{!params r: list(x: text)}}<a{{#r}} hr{{/r}}>",
	    "pages/t:1: '{{#r}}' (line 1): section ends in a different HTML "
	    "context than it starts");
}

Test(tmpl, error_attribute_name_split_by_a_section)
{
	assert_page_err("{{!params a: bool, t: text}}\n<a {{#a}}hr{{/a}}"
	                "ef=\"{{t}}\">",
	    "pages/t:2: an attribute name goes on after a "
	    "section; put a space after it");
	assert_page_err("{{!params a: bool, b: bool}}\n<a {{#a}}x{{/a}}"
	                "{{#b}}y{{/b}}>",
	    "pages/t:2: an attribute name may go on after "
	    "the section before this tag; put a space after it");
}

Test(tmpl, error_params_block)
{
	assert_page_err("{{!params\n  a: text\n  b: txt\n}}",
	    "pages/t:3: params: unknown type 'txt' for 'b'");
	assert_page_err("{{!params\n  a text\n}}",
	    "pages/t:2: params: expected ':' after 'a'");
	assert_page_err("{{!params\n  rows: list(a: text\n}}",
	    "pages/t:2: params: expected ')' to close the fields of 'rows'");
	assert_page_err("{{!params\n  a: text,\n  b: int\n  a: url?\n}}",
	    "pages/t:4: params: duplicate key 'a'");
	assert_page_err("{{!params rows: list(a: text, a: int)}}",
	    "pages/t:1: params: duplicate key 'a'");
	assert_page_err("<p>{{! hello }}</p>",
	    "pages/t:1: missing {{!params ...}} block (pages must declare "
	    "what they render; use {{!params}} for none)");
	assert_page_err("<!doctype html>\n{{!params}}",
	    "pages/t:2: the params block must come first");
}

Test(tmpl, error_partials)
{
	static const char *const n1[] = { "pages/a", "partials/p" };
	static const char *const s1[] = { "{{!params}}{{> partials/p}}",
		"\n{{!params a: text}}" };
	static const char *const s2[] = { "{{!params}}\n{{> partials/q}}",
		"x" };
	static const char *const n3[] = { "pages/a", "partials/p",
		"partials/q" };
	static const char *const s3[] = { "{{!params}}{{> partials/p}}",
		"{{> partials/q}}", "\n\n{{> partials/p}}" };
	static const char *const n4[] = { "pages/a", "pages/b" };
	static const char *const s4[] = { "{{!params}}{{> pages/b}}",
		"{{!params}}" };
	char *err;

	err = compile_err(2, n1, s1);
	cr_assert_str_eq(err,
	    "partials/p:2: a partial cannot declare params; "
	    "it uses those of the template that includes it");
	free(err);
	err = compile_err(2, n1, s2);
	cr_assert_str_eq(err, "pages/a:2: unknown partial 'partials/q'");
	free(err);
	err = compile_err(3, n3, s3);
	cr_assert_str_eq(err,
	    "partials/q:3: partial recursion: 'partials/p' includes itself");
	free(err);
	err = compile_err(2, n4, s4);
	cr_assert_str_eq(err,
	    "pages/a:1: 'pages/b' is not a partial (only "
	    "templates under partials/ can be included)");
	free(err);
}

Test(tmpl, error_partials_nested_too_deep)
{
	const char *names[11], *srcs[11];
	char nbuf[10][32], sbuf[10][64];
	size_t i;
	char *err;
	struct tmpl_set *set;

	/* pages/a -> partials/p0 -> ... -> partials/p<last>. */
	names[0] = "pages/a";
	srcs[0] = "{{!params}}{{> partials/p0}}";
	for (i = 0; i < 10; i++) {
		snprintf(nbuf[i], sizeof(nbuf[i]), "partials/p%zu", i);
		snprintf(sbuf[i], sizeof(sbuf[i]), "{{> partials/p%zu}}",
		    i + 1);
		names[i + 1] = nbuf[i];
		srcs[i + 1] = sbuf[i];
	}
	/* Eight levels are fine. */
	sbuf[7][0] = '\0';
	set = compile_ok(9, names, srcs);
	tmpl_set_free(set);
	/* Nine are not. */
	snprintf(sbuf[7], sizeof(sbuf[7]), "{{> partials/p8}}");
	sbuf[8][0] = '\0';
	err = compile_err(10, names, srcs);
	cr_assert_str_eq(err,
	    "partials/p7:1: partials nested more than 8 deep");
	free(err);
}

/*
 * Render errors.
 */

Test(tmpl, render_error_missing_required_key)
{
	struct tdata *d = tdata_new();
	char *err;

	tdata_text(d, "title", "x");
	err = render_err("{{!params title: text, rows: list(a: text)}}"
	                 "{{title}}",
	    d);
	cr_assert_str_eq(err,
	    "template 'pages/t': missing required key 'rows'");
	free(err);
	tdata_free(d);
}

Test(tmpl, render_error_missing_key_in_a_list_item)
{
	struct tdata *d = tdata_new();
	struct tlist *rows;
	char *err;

	rows = tdata_list(d, "rows");
	tdata_text(tlist_add(rows), "name", "a");
	tlist_add(rows);
	err = render_err("{{!params rows: list(name: text)}}"
	                 "{{#rows}}{{name}}{{/rows}}",
	    d);
	cr_assert_str_eq(err,
	    "template 'pages/t': missing required key 'rows.name'");
	free(err);
	tdata_free(d);
}

Test(tmpl, render_error_type_mismatch)
{
	struct tdata *d = tdata_new();
	char *err;

	tdata_text(d, "body", "<b>not trusted</b>");
	err = render_err("{{!params body: html}}{{{body}}}", d);
	cr_assert_str_eq(err,
	    "template 'pages/t': key 'body' is declared html but is text");
	free(err);
	tdata_free(d);

	d = tdata_new();
	tdata_text(d, "u", "/x");
	err = render_err("{{!params u: url?}}<a href=\"{{u}}\">", d);
	cr_assert_str_eq(err,
	    "template 'pages/t': key 'u' is declared url but is text");
	free(err);
	tdata_free(d);
}

/*
 * Loading from a directory.
 */

static void
write_file(const char *path, const char *s)
{
	FILE *fp;

	fp = fopen(path, "w");
	cr_assert_not_null(fp);
	fputs(s, fp);
	fclose(fp);
}

Test(tmpl, load_walks_the_directory_and_names_by_path)
{
	char dir[] = "/tmp/gs-tmpl-XXXXXX", path[256];
	struct tmpl_set *set;
	struct tdata *d;
	struct buf err;
	char *s;

	cr_assert_not_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/pages", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/partials", dir);
	cr_assert_eq(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/pages/home.html", dir);
	write_file(path, "{{!params who: text}}\n<p>{{> partials/hi}}</p>\n");
	snprintf(path, sizeof(path), "%s/partials/hi.html", dir);
	write_file(path, "你好, {{who}}");
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	write_file(path, "{{ignored");

	buf_init(&err);
	set = tmpl_set_load(dir, &err);
	cr_assert_not_null(set, "%s", err.data);
	cr_assert_eq(tmpl_count(set), 2);
	cr_assert_str_eq(tmpl_name(set, 0), "pages/home");
	cr_assert_str_eq(tmpl_name(set, 1), "partials/hi");
	d = tdata_new();
	tdata_text(d, "who", "执法队");
	s = render_in(set, "pages/home", d);
	cr_assert_str_eq(s, "<p>你好, 执法队</p>\n");
	free(s);
	tdata_free(d);
	tmpl_set_free(set);

	/* Errors name the file. */
	snprintf(path, sizeof(path), "%s/partials/hi.html", dir);
	write_file(path, "你好,\n{{whom}}");
	set = tmpl_set_load(dir, &err);
	cr_assert_null(set);
	snprintf(path, sizeof(path),
	    "%s/pages/home.html:2: %s/partials/hi.html:2: unknown key 'whom'",
	    dir, dir);
	cr_assert_str_eq(err.data, path);
	buf_free(&err);

	snprintf(path, sizeof(path), "%s/pages/home.html", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/partials/hi.html", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/notes.txt", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/pages", dir);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/partials", dir);
	rmdir(path);
	rmdir(dir);
}

Test(tmpl, load_reports_a_missing_directory)
{
	struct buf err;

	buf_init(&err);
	cr_assert_null(tmpl_set_load("/nonexistent/greensword", &err));
	cr_assert_str_eq(err.data,
	    "/nonexistent/greensword: No such file or directory");
	buf_free(&err);
}

/*
 * A 50-row table, rendered many times: checks the output, not the clock
 * (timing belongs to the bench), with keys set out of declared order so
 * the lookup's fallback scan is exercised too.
 */
Test(tmpl, table_of_fifty_rows_renders_repeatedly)
{
	static const char *const names[] = { "pages/list" };
	static const char *const srcs[] = { (
	    "{{!params rows: list(id: int, name: text, url: url, "
	    "active: bool)}}<table>{{#rows}}<tr><td>{{id}}</td><td><a "
	    "href=\"{{url}}\">{{name}}</a></td><td>{{#active}}在办"
	    "{{/active}}{{^active}}结案{{/active}}</td></tr>{{/rows}}</table>") };
	struct tmpl_set *set;
	const struct tmpl *t;
	struct tdata *d, *row;
	struct tlist *rows;
	struct buf out, err;
	char url[32];
	int i;

	set = compile_ok(1, names, srcs);
	t = tmpl_get(set, "pages/list");
	d = tdata_new();
	rows = tdata_list(d, "rows");
	for (i = 0; i < 50; i++) {
		row = tlist_add(rows);
		tdata_text(row, "name", "企业");
		snprintf(url, sizeof(url), "/entities/%d", i);
		tdata_url(row, "url", url);
		tdata_bool(row, "active", i % 2);
		tdata_int(row, "id", i);
	}
	buf_init(&out);
	buf_init(&err);
	for (i = 0; i < 1000; i++) {
		buf_reset(&out);
		cr_assert_eq(tmpl_render(t, d, &out, &err), GS_OK);
	}
	cr_assert(
	    strncmp(out.data,
	        "<table><tr><td>0</td><td><a href=\""
	        "/entities/0\">企业</a></td><td>结案</td></tr><tr><td>1</td>",
	        strlen("<table><tr><td>0</td><td><a href=\"/entities/0\">企业"
	               "</a></td><td>结案</td></tr><tr><td>1</td>")) == 0);
	cr_assert(
	    strstr(out.data,
	        "<tr><td>49</td><td><a href=\""
	        "/entities/49\">企业</a></td><td>在办</td></tr></table>") !=
	    NULL);
	buf_free(&out);
	buf_free(&err);
	tdata_free(d);
	tmpl_set_free(set);
}
