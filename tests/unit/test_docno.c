/*
 * test_docno.c — document numbers and the dossier's order of kinds.
 */
#include <string.h>

#include "unit.h"
#include "core/docno.h"
#include "core/util.h"

GS_SUITE(docno);

Test(docno, format)
{
	char out[DOCNO_LEN];

	cr_assert_eq(docno_format("永环", doc_kind_mark(DOC_PENALTY_DECISION),
	                 2026, 12, out, sizeof(out)),
	    GS_OK);
	cr_expect_str_eq(out, "永环罚〔2026〕12号");
	cr_assert_eq(docno_format("永环", "不罚", 2027, 1, out, sizeof(out)),
	    GS_OK);
	cr_expect_str_eq(out, "永环不罚〔2027〕1号");
	cr_expect_eq(docno_format("永环", "罚", 2026, 0, out, sizeof(out)),
	    GS_ERROR);
	cr_expect_eq(docno_format("永环", "罚", 2026, 1, out, 10), GS_ERROR);
	cr_expect_eq(docno_format("永环", "罚", 20260, 1, out, sizeof(out)),
	    GS_ERROR);
}

Test(docno, kinds)
{
	int k;

	for (k = 0; k < DOC__MAX; k++) {
		cr_expect_eq((int)doc_kind_from(doc_kind_code(k)), k);
		cr_expect_neq(doc_kind_title(k)[0], '\0');
	}
	cr_expect_eq(doc_kind_from("nope"), DOC__MAX);
	/* 正卷 starts with the decision; the 副卷 holds the review records */
	cr_expect_lt(doc_kind_order(DOC_PENALTY_DECISION),
	    doc_kind_order(DOC_FILING_APPROVAL));
	cr_expect_eq(doc_kind_volume(DOC_LEGAL_REVIEW), DOC_VOLUME_SIDE);
	cr_expect_eq(doc_kind_volume(DOC_PENALTY_NOTICE), DOC_VOLUME_MAIN);
	cr_expect_str_eq(doc_kind_mark(DOC_HEARING_RECORD), "");
}

/* Numbers are counted per kind: two kinds with one mark would both issue
 * 永环X〔2026〕1号. */
Test(docno, every_numbered_kind_has_a_mark_of_its_own)
{
	int a, b;

	for (a = 0; a < DOC__MAX; a++) {
		if (*doc_kind_mark(a) == '\0')
			continue;
		for (b = a + 1; b < DOC__MAX; b++)
			cr_expect_str_neq(doc_kind_mark(a), doc_kind_mark(b),
			    "%s and %s share a mark", doc_kind_code(a),
			    doc_kind_code(b));
	}
}
