/*
 * test_entity_index.c — the registry list in memory: what a query matches,
 * the filters, every sort with its tie-breaks, paging and the facets.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "core/entity_index.h"
#include "core/util.h"

#define N 6

/*
 * Six entities; names, townships and grades chosen so that each sort has
 * ties to break and each filter something to drop.
 */
static const struct entity_row fixture[N] = {
	{ .id = "id-a",
	    .uscc = "91330700MA2E0000A1",
	    .name = "青山化工有限公司",
	    .township = "城东街道",
	    .industry = "化工",
	    .category = "key",
	    .status = "active",
	    .credit_grade = "red",
	    .updated_us = 30 },
	{ .id = "id-b",
	    .uscc = "91330700MA2E0000B2",
	    .name = "绿水印染厂",
	    .township = "方岩镇",
	    .industry = "纺织印染",
	    .category = "general",
	    .status = "active",
	    .credit_grade = NULL,
	    .updated_us = 10 },
	{ .id = "id-c",
	    .uscc = "92330700XY00000003",
	    .name = "ABC Plating 电镀",
	    .township = "城东街道",
	    .industry = "电镀",
	    .category = "key",
	    .status = "closed",
	    .credit_grade = "green",
	    .updated_us = 20 },
	{ .id = "id-d",
	    .uscc = "91330700MA2E0000D4",
	    .name = "青山化工有限公司",
	    .township = "方岩镇",
	    .industry = "化工",
	    .category = "special",
	    .status = "active",
	    .credit_grade = "red",
	    .updated_us = 20 },
	{ .id = "id-e",
	    .uscc = "91330700AB00000005",
	    .name = "东方红山泉水厂",
	    .township = "芝英镇",
	    .industry = "食品",
	    .category = "general",
	    .status = "active",
	    .credit_grade = "black",
	    .updated_us = 50 },
	{ .id = "id-f",
	    .uscc = "91330700MA2E0000F6",
	    .name = "山青化工",
	    .township = "芝英镇",
	    .industry = "化工",
	    .category = "general",
	    .status = "active",
	    .credit_grade = NULL,
	    .updated_us = 40 },
};

static struct entity_index idx;
static const struct entity_row *out[ENTITY_PAGE_MAX];
static size_t nout;

static void
setup(void)
{
	struct entity_row *rows;

	rows = xcalloc(N, sizeof(*rows));
	memcpy(rows, fixture, sizeof(fixture));
	entity_index_init(&idx, rows, N);
}

/* Frees the index, then checks that nothing leaked (see unit.h). */
static void
teardown(void)
{
	entity_index_free(&idx);
	gs_leak_check();
}

TestSuite(entity_index, .init = setup, .fini = teardown);

static struct entity_query
query(const char *q)
{
	struct entity_query eq;

	memset(&eq, 0, sizeof(eq));
	eq.q = q;
	eq.page = 1;
	eq.per_page = 50;
	return (eq);
}

/* The ids of the page as one string: "a,b,c". */
static const char *
ids(void)
{
	static char s[256];
	size_t i;

	s[0] = '\0';
	for (i = 0; i < nout; i++) {
		if (i > 0)
			strcat(s, ",");
		strcat(s, out[i]->id + 3);
	}
	return (s);
}

static size_t
run(struct entity_query q)
{
	return (entity_index_query(&idx, &q, out, &nout));
}

Test(entity_index, no_query_lists_all_by_name_then_id)
{
	cr_assert_eq(run(query(NULL)), N);
	/* Byte order of UTF-8 is code point order: "A" < "东" < "山" < ... */
	cr_assert_str_eq(ids(), "c,e,f,b,a,d");
	cr_assert_eq(run(query("")), N);
}

Test(entity_index, chinese_substring_anywhere_in_the_name)
{
	cr_assert_eq(run(query("青山")), 2);
	cr_assert_str_eq(ids(), "a,d");
	cr_assert_eq(run(query("山")), 4);
	cr_assert_str_eq(ids(), "e,f,a,d");
	cr_assert_eq(run(query("化工有限")), 2);
	cr_assert_eq(run(query("化工厂")), 0);
	cr_assert_eq(nout, 0);
}

Test(entity_index, ascii_letters_in_any_case)
{
	cr_assert_eq(run(query("plating")), 1);
	cr_assert_str_eq(ids(), "c");
	cr_assert_eq(run(query("aBc p")), 1);
}

Test(entity_index, letters_and_digits_also_match_a_uscc_prefix)
{
	cr_assert_eq(run(query("91330700MA2E")), 4);
	cr_assert_str_eq(ids(), "f,b,a,d");
	/* Lower-case letters in a USCC prefix too. */
	cr_assert_eq(run(query("91330700ab")), 1);
	cr_assert_str_eq(ids(), "e");
	/* Name or USCC: "abc" matches c's name, no USCC starts with it. */
	cr_assert_eq(run(query("abc")), 1);
	/* Only a prefix: the middle of a USCC is not a match. */
	cr_assert_eq(run(query("MA2E")), 0);
}

Test(entity_index, a_match_never_spans_two_names)
{
	/* d's name ends in "公司" and e's begins with "东": no "司东". */
	cr_assert_eq(run(query("司东")), 0);
	cr_assert_eq(run(query("司\n东")), 0);
	cr_assert_eq(run(query("\n")), 0);
	cr_assert_eq(run(query("司")), 2);
}

Test(entity_index, filters_combine_with_the_query)
{
	struct entity_query q;

	q = query("化工");
	q.township = "城东街道";
	cr_assert_eq(run(q), 1);
	cr_assert_str_eq(ids(), "a");
	q = query(NULL);
	q.category = "general";
	cr_assert_eq(run(q), 3);
	q.industry = "化工";
	cr_assert_eq(run(q), 1);
	cr_assert_str_eq(ids(), "f");
}

Test(entity_index, grade_filter_and_unrated)
{
	struct entity_query q;

	q = query(NULL);
	q.grade = "red";
	cr_assert_eq(run(q), 2);
	q.grade = "none";
	cr_assert_eq(run(q), 2);
	cr_assert_str_eq(ids(), "f,b");
	q.grade = "";
	cr_assert_eq(run(q), N);
}

Test(entity_index, descending_reverses_the_whole_order)
{
	struct entity_query q;

	q = query(NULL);
	q.desc = 1;
	run(q);
	cr_assert_str_eq(ids(), "d,a,b,f,e,c");
}

Test(entity_index, sort_by_township_breaks_ties_by_name_then_id)
{
	struct entity_query q;

	q = query(NULL);
	q.sort = ENTITY_SORT_TOWNSHIP;
	run(q);
	/* 城东街道 (c, a), 方岩镇 (b, d), 芝英镇 (e, f) */
	cr_assert_str_eq(ids(), "c,a,b,d,e,f");
}

Test(entity_index, grades_sort_by_severity_unrated_last_both_ways)
{
	struct entity_query q;

	q = query(NULL);
	q.sort = ENTITY_SORT_GRADE;
	run(q);
	/* Best to worst: green (c), red (a, d), black (e); then unrated. */
	cr_assert_str_eq(ids(), "c,a,d,e,f,b");
	q.desc = 1;
	run(q);
	cr_assert_str_eq(ids(), "e,d,a,c,b,f");
}

Test(entity_index, sort_by_update_time_and_uscc)
{
	struct entity_query q;

	q = query(NULL);
	q.sort = ENTITY_SORT_UPDATED;
	q.desc = 1;
	run(q);
	cr_assert_str_eq(ids(), "e,f,a,d,c,b");
	q.sort = ENTITY_SORT_USCC;
	q.desc = 0;
	run(q);
	cr_assert_str_eq(ids(), "e,a,b,d,f,c");
}

Test(entity_index, pages_count_every_match)
{
	struct entity_query q;

	q = query(NULL);
	q.per_page = 4;
	cr_assert_eq(run(q), N);
	cr_assert_str_eq(ids(), "c,e,f,b");
	q.page = 2;
	cr_assert_eq(run(q), N);
	cr_assert_str_eq(ids(), "a,d");
	q.page = 3;
	cr_assert_eq(run(q), N);
	cr_assert_eq(nout, 0);
}

Test(entity_index, facets_are_distinct_and_sorted)
{
	cr_assert_eq(idx.ntownships, 3);
	cr_assert_str_eq(idx.townships[0], "城东街道");
	cr_assert_str_eq(idx.townships[1], "方岩镇");
	cr_assert_str_eq(idx.townships[2], "芝英镇");
	cr_assert_eq(idx.nindustries, 4);
	cr_assert_str_eq(idx.industries[0], "化工");
}

Test(entity_index, empty_registry)
{
	struct entity_index e;
	struct entity_query q;

	entity_index_init(&e, xcalloc(1, sizeof(struct entity_row)), 0);
	q = query("青山");
	cr_assert_eq(entity_index_query(&e, &q, out, &nout), 0);
	cr_assert_eq(nout, 0);
	cr_assert_eq(e.ntownships, 0);
	entity_index_free(&e);
}

Test(entity_index, sort_names_round_trip)
{
	int s;

	for (s = 0; s < ENTITY_SORT__MAX; s++)
		cr_assert_eq((int)entity_sort_from(entity_sort_name(s)), s);
	cr_assert_eq((int)entity_sort_from("bogus"), (int)ENTITY_SORT__MAX);
}

/* The case search takes every matching entity, in registry order and
 * without filters or pages, by the same rules as the list. */
Test(entity_index, matches_are_every_row_the_query_matches)
{
	const struct entity_row **hits;
	size_t n;

	n = entity_index_matches(&idx, "青山", &hits);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(hits[0]->id, "id-a");
	cr_assert_str_eq(hits[1]->id, "id-d");
	free(hits);

	n = entity_index_matches(&idx, "91330700MA2E", &hits);
	cr_assert_eq(n, 4);
	free(hits);

	n = entity_index_matches(&idx, "PLATING", &hits);
	cr_assert_eq(n, 1);
	cr_assert_str_eq(hits[0]->id, "id-c");
	free(hits);

	/* Nothing matched, and an empty query matches nothing here. */
	cr_assert_eq(entity_index_matches(&idx, "化工厂", &hits), 0);
	cr_assert_null(hits);
	cr_assert_eq(entity_index_matches(&idx, "", &hits), 0);
	cr_assert_null(hits);
}

Test(entity_index, find_by_id_every_row_and_nothing_else)
{
	size_t i;

	for (i = 0; i < N; i++)
		cr_assert_eq(entity_index_find(&idx, fixture[i].id),
		    &idx.rows[i], "%s", fixture[i].id);
	cr_assert_null(entity_index_find(&idx, "id-0"));
	cr_assert_null(entity_index_find(&idx, "id-g"));
	cr_assert_null(entity_index_find(&idx, "id-cc"));
	cr_assert_null(entity_index_find(&idx, "id-"));
	cr_assert_null(entity_index_find(&idx, ""));
}

Test(entity_index, find_by_id_whatever_the_rows_order)
{
	struct entity_index rev;
	struct entity_row *rows;
	size_t i;

	rows = xcalloc(N, sizeof(*rows));
	for (i = 0; i < N; i++)
		rows[i] = fixture[N - 1 - i];
	entity_index_init(&rev, rows, N);
	for (i = 0; i < N; i++) {
		cr_assert_not_null(entity_index_find(&rev, fixture[i].id));
		cr_assert_str_eq(entity_index_find(&rev, fixture[i].id)->name,
		    fixture[i].name);
	}
	cr_assert_null(entity_index_find(&rev, "id-g"));
	entity_index_free(&rev);
}
