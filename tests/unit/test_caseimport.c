/*
 * test_caseimport.c — the legacy case import's line reader: the api.md
 * example with its values, every rule refused on its own line with the
 * field it names (and nothing else: a refusal is one error, not its
 * echoes), several errors on one line, unknown keys at every level, the
 * body cut into lines with the numbers a user sees, and the error cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "core/caseimport.h"

GS_SUITE(caseimport);

#define TODAY "2026-03-01"

#define ENTITY                                                                           \
	"{\"uscc\": \"91330784MA2D000012\", \"name\": \"某五金制品有限公司\", " \
	"\"township\": \"东城街道\", \"industry\": \"金属制品\", "               \
	"\"category\": \"general\"}"

/* The example line of api.md, with a USCC whose check digit is right. */
static const char example[] =
    "{\"case_no\": \"永环罚〔2021〕7号\", "
    "\"entity\": " ENTITY ", "
    "\"party_kind\": \"organisation\", \"violation_type\": \"超标排放\", "
    "\"clue_source\": \"public_report\", \"discovered_on\": \"2021-03-02\", "
    "\"filed_on\": \"2021-03-05\", "
    "\"decision\": {\"outcome\": \"penalty\", \"decided_on\": \"2021-05-10\", "
    "\"fine_fen\": 12000000, \"served_on\": \"2021-05-12\"}, "
    "\"hearing_held\": false, \"legal_review\": true, "
    "\"collective_discussion\": false, "
    "\"measures\": [{\"kind\": \"seizure\", \"decided_on\": \"2021-03-06\"}, "
    "{\"kind\": \"daily_penalty\", \"decided_on\": \"2021-06-20\", "
    "\"amount_fen\": 3000000}], "
    "\"transfers\": [{\"kind\": \"criminal\", \"transferred_on\": "
    "\"2021-03-20\", \"persons_coercive\": 2}, "
    "{\"kind\": \"detention\", \"transferred_on\": \"2021-05-15\", "
    "\"persons_detained\": 1}], "
    "\"state\": \"closed\", \"closed_on\": \"2021-06-30\"}";

/* A decided case with nothing optional. */
static const char closed_min[] =
    "{\"case_no\": \"永环罚〔2021〕9号\", \"entity\": " ENTITY ", "
    "\"party_kind\": \"organisation\", \"violation_type\": \"超标排放\", "
    "\"clue_source\": \"patrol\", \"discovered_on\": \"2021-03-02\", "
    "\"filed_on\": \"2021-03-05\", "
    "\"decision\": {\"outcome\": \"penalty\", \"decided_on\": \"2021-05-10\", "
    "\"fine_fen\": 500000}, "
    "\"state\": \"closed\", \"closed_on\": \"2021-06-30\"}";

static const char no_penalty[] =
    "{\"case_no\": \"永环罚〔2021〕10号\", \"entity\": " ENTITY ", "
    "\"party_kind\": \"individual\", \"violation_type\": \"A01\", "
    "\"clue_source\": \"media\", \"discovered_on\": \"2021-03-02\", "
    "\"filed_on\": \"2021-03-05\", "
    "\"decision\": {\"outcome\": \"no_penalty\", \"decided_on\": "
    "\"2021-05-10\", \"no_penalty_reason\": \"first_offence\"}, "
    "\"state\": \"archived\", \"closed_on\": \"2021-05-20\"}";

static const char revoked[] =
    "{\"case_no\": \"永环罚〔2021〕11号\", \"entity\": " ENTITY ", "
    "\"party_kind\": \"organisation\", \"violation_type\": \"超标排放\", "
    "\"clue_source\": \"referral\", \"discovered_on\": \"2021-03-02\", "
    "\"filed_on\": \"2021-03-05\", \"decision\": null, "
    "\"state\": \"revoked\", \"closed_on\": \"2021-04-01\"}";

static const char not_filed[] =
    "{\"case_no\": \"永环罚〔2021〕12号\", \"entity\": " ENTITY ", "
    "\"party_kind\": \"organisation\", \"violation_type\": \"超标排放\", "
    "\"clue_source\": \"campaign\", \"discovered_on\": \"2021-03-02\", "
    "\"filed_on\": null, \"decision\": null, "
    "\"state\": \"not_filed\", \"closed_on\": \"2021-03-04\"}";

static gs_date
day(const char *s)
{
	gs_date d;

	cr_assert(date_parse(s, &d), "bad test date %s", s);
	return (d);
}

/* base with its first from replaced by to; free() it. */
static char *
edit(const char *base, const char *from, const char *to)
{
	const char *at;
	struct buf b;

	at = strstr(base, from);
	cr_assert_not_null(at, "\"%s\" is not in the base line", from);
	buf_init(&b);
	buf_append(&b, base, (size_t)(at - base));
	buf_puts(&b, to);
	buf_puts(&b, at + strlen(from));
	return (buf_release(&b, NULL));
}

static int
read_line(const char *s, struct import_line *l, struct import_errors *e)
{
	import_errors_init(e);
	return (import_line_read(s, strlen(s), 1, day(TODAY), l, e));
}

static const struct import_error *
error_of(const struct import_errors *e, const char *field)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (strcmp(e->items[i].field, field) == 0)
			return (&e->items[i]);
	}
	return (NULL);
}

static void
dump(const struct import_errors *e)
{
	size_t i;

	for (i = 0; i < e->n; i++)
		fprintf(stderr, "  %zu %s: %s\n", e->items[i].line,
		    e->items[i].field, e->items[i].message);
}

/* The line is refused with exactly one error, on field, whose message
 * holds msg (when not NULL). */
static void
refused(const char *line, const char *field, const char *msg)
{
	const struct import_error *err;
	struct import_errors e;
	struct import_line l;

	cr_assert_eq(read_line(line, &l, &e), GS_ERROR, "accepted: %s", line);
	cr_assert_null(l.doc);
	if (e.total != 1 || (err = error_of(&e, field)) == NULL) {
		dump(&e);
		cr_assert_fail("want one error on \"%s\", got %zu", field,
		    e.total);
	}
	cr_assert_eq(err->line, 1);
	if (msg != NULL)
		cr_assert(strstr(err->message, msg) != NULL,
		    "\"%s\" does not say \"%s\"", err->message, msg);
	import_line_free(&l);
	import_errors_free(&e);
}

/* As refused(), on base edited. */
static void
refused_edit(const char *base, const char *from, const char *to,
    const char *field, const char *msg)
{
	char *line;

	line = edit(base, from, to);
	refused(line, field, msg);
	free(line);
}

static void
accepted(const char *line, struct import_line *l)
{
	struct import_errors e;

	if (read_line(line, l, &e) != GS_OK) {
		dump(&e);
		cr_assert_fail("refused: %s", line);
	}
	cr_assert_eq(e.total, 0);
	cr_assert_not_null(l->doc);
	import_errors_free(&e);
}

static void
accepted_edit(const char *base, const char *from, const char *to,
    struct import_line *l)
{
	char *line;

	line = edit(base, from, to);
	accepted(line, l);
	free(line);
}

/* ---- what a good line gives -------------------------------------------- */

Test(caseimport, api_example_imports_with_its_values)
{
	struct import_line l;
	const struct import_case *c = &l.c;

	accepted(example, &l);
	cr_expect_str_eq(c->case_no, "永环罚〔2021〕7号");
	cr_expect_str_eq(c->entity.uscc, "91330784MA2D000012");
	cr_expect_str_eq(c->entity.uscc_canon, "91330784MA2D000012");
	cr_expect_str_eq(c->entity.name, "某五金制品有限公司");
	cr_expect_str_eq(c->entity.township, "东城街道");
	cr_expect_str_eq(c->entity.industry, "金属制品");
	cr_expect_str_eq(c->entity.category, "general");
	cr_expect_null(c->entity.address);
	cr_expect_null(c->entity.legal_rep);
	cr_expect_eq(c->party_individual, 0);
	cr_expect_str_eq(c->violation_type, "超标排放");
	cr_expect_str_eq(c->clue_source, "public_report");
	cr_expect_eq(c->discovered_on, day("2021-03-02"));
	cr_expect_eq(c->filed_on, day("2021-03-05"));
	cr_expect_eq(c->state, CS_CLOSED);
	cr_expect_eq(c->closed_on, day("2021-06-30"));
	cr_expect_eq(c->has_decision, 1);
	cr_expect_eq(c->outcome, CO_PENALTY);
	cr_expect_eq(c->decided_on, day("2021-05-10"));
	cr_expect_eq(c->served_on, day("2021-05-12"));
	cr_expect_eq(c->fine_fen, 12000000);
	cr_expect_eq(c->no_penalty_reason, CNP_NONE);
	cr_expect_eq(c->hearing_held, 0);
	cr_expect_eq(c->legal_review, 1);
	cr_expect_eq(c->collective_discussion, 0);
	cr_expect_eq(c->paid_fen, IMPORT_NO_AMOUNT);
	cr_assert_eq(c->nmeasures, 2);
	cr_expect_eq(c->measures[0].kind, MK_SEIZURE);
	cr_expect_eq(c->measures[0].decided_on, day("2021-03-06"));
	cr_expect_eq(c->measures[0].amount_fen, IMPORT_NO_AMOUNT);
	cr_expect_eq(c->measures[1].kind, MK_DAILY_PENALTY);
	cr_expect_eq(c->measures[1].decided_on, day("2021-06-20"));
	cr_expect_eq(c->measures[1].amount_fen, 3000000);
	cr_assert_eq(c->ntransfers, 2);
	cr_expect_eq(c->transfers[0].kind, MK_CRIMINAL_TRANSFER);
	cr_expect_eq(c->transfers[0].transferred_on, day("2021-03-20"));
	cr_expect_eq(c->transfers[0].persons_coercive, 2);
	cr_expect_eq(c->transfers[0].persons_detained, 0);
	cr_expect_eq(c->transfers[1].kind, MK_DETENTION_TRANSFER);
	cr_expect_eq(c->transfers[1].transferred_on, day("2021-05-15"));
	cr_expect_eq(c->transfers[1].persons_detained, 1);
	cr_expect_eq(c->transfers[1].persons_coercive, 0);
	import_line_free(&l);
	cr_expect_null(l.doc);
}

Test(caseimport, optional_members_take_their_defaults)
{
	struct import_line l;

	accepted(closed_min, &l);
	cr_expect_eq(l.c.hearing_held, 0);
	cr_expect_eq(l.c.legal_review, 0);
	cr_expect_eq(l.c.collective_discussion, 0);
	cr_expect_eq(l.c.served_on, 0);
	cr_expect_eq(l.c.paid_fen, IMPORT_NO_AMOUNT);
	cr_expect_eq(l.c.nmeasures, 0);
	cr_expect_eq(l.c.ntransfers, 0);
	cr_expect_eq(l.c.fine_fen, 500000);
	import_line_free(&l);
}

Test(caseimport, optional_members_may_be_null_and_entity_extras_given)
{
	struct import_line l;

	accepted_edit(closed_min, "\"state\"",
	    "\"paid_fen\": null, \"measures\": null, \"transfers\": [], "
	    "\"hearing_held\": null, \"state\"",
	    &l);
	cr_expect_eq(l.c.paid_fen, IMPORT_NO_AMOUNT);
	import_line_free(&l);
	accepted_edit(closed_min, "\"category\": \"general\"",
	    "\"category\": \"key\", \"address\": \"东城街道1号\", "
	    "\"legal_rep\": \"张三\"",
	    &l);
	cr_expect_str_eq(l.c.entity.address, "东城街道1号");
	cr_expect_str_eq(l.c.entity.legal_rep, "张三");
	import_line_free(&l);
}

Test(caseimport, lowercase_uscc_is_kept_canonical)
{
	struct import_line l;

	accepted_edit(closed_min, "91330784MA2D000012", "91330784ma2d00000y",
	    &l);
	cr_expect_str_eq(l.c.entity.uscc, "91330784ma2d00000y");
	cr_expect_str_eq(l.c.entity.uscc_canon, "91330784MA2D00000Y");
	import_line_free(&l);
}

Test(caseimport, paid_fen_with_a_penalty)
{
	struct import_line l;

	accepted_edit(closed_min, "\"state\"",
	    "\"paid_fen\": 500000, \"state\"", &l);
	cr_expect_eq(l.c.paid_fen, 500000);
	import_line_free(&l);
}

Test(caseimport, no_penalty_decision_imports)
{
	struct import_line l;

	accepted(no_penalty, &l);
	cr_expect_eq(l.c.state, CS_ARCHIVED);
	cr_expect_eq(l.c.party_individual, 1);
	cr_expect_eq(l.c.outcome, CO_NO_PENALTY);
	cr_expect_eq(l.c.no_penalty_reason, CNP_FIRST_OFFENCE);
	cr_expect_eq(l.c.fine_fen, CASE_NO_FINE);
	import_line_free(&l);
	/* A fine of 0 is the same as none. */
	accepted_edit(no_penalty, "\"no_penalty_reason\"",
	    "\"fine_fen\": 0, \"no_penalty_reason\"", &l);
	cr_expect_eq(l.c.fine_fen, CASE_NO_FINE);
	import_line_free(&l);
}

Test(caseimport, judicial_transfer_has_no_fine)
{
	struct import_line l;

	accepted_edit(closed_min,
	    "\"outcome\": \"penalty\", \"decided_on\": "
	    "\"2021-05-10\", \"fine_fen\": 500000",
	    "\"outcome\": \"judicial_transfer\", \"decided_on\": \"2021-05-10\"",
	    &l);
	cr_expect_eq(l.c.outcome, CO_JUDICIAL_TRANSFER);
	cr_expect_eq(l.c.fine_fen, CASE_NO_FINE);
	import_line_free(&l);
	accepted_edit(closed_min,
	    "\"penalty\", \"decided_on\": \"2021-05-10\", "
	    "\"fine_fen\": 500000",
	    "\"judicial_transfer\", \"decided_on\": \"2021-05-10\", "
	    "\"fine_fen\": 0",
	    &l);
	cr_expect_eq(l.c.fine_fen, CASE_NO_FINE);
	import_line_free(&l);
	refused_edit(closed_min, "\"penalty\"", "\"judicial_transfer\"",
	    "decision.fine_fen", "应为 0 或不填");
}

Test(caseimport, revoked_and_not_filed_import)
{
	struct import_line l;

	accepted(revoked, &l);
	cr_expect_eq(l.c.state, CS_REVOKED);
	cr_expect_eq(l.c.has_decision, 0);
	cr_expect_eq(l.c.outcome, CO_NONE);
	cr_expect_eq(l.c.fine_fen, CASE_NO_FINE);
	cr_expect_eq(l.c.closed_on, day("2021-04-01"));
	import_line_free(&l);
	accepted(not_filed, &l);
	cr_expect_eq(l.c.state, CS_NOT_FILED);
	cr_expect_eq(l.c.filed_on, 0);
	cr_expect_eq(l.c.closed_on, day("2021-03-04"));
	import_line_free(&l);
	/* filed_on and decision may also be left out. */
	accepted_edit(not_filed, "\"filed_on\": null, \"decision\": null, ", "",
	    &l);
	import_line_free(&l);
}

Test(caseimport, criminal_transfer_of_a_case_never_filed)
{
	struct import_line l;

	accepted_edit(not_filed, "\"state\"",
	    "\"transfers\": [{\"kind\": \"criminal\", \"transferred_on\": "
	    "\"2021-03-03\"}], \"state\"",
	    &l);
	cr_expect_eq(l.c.ntransfers, 1);
	cr_expect_eq(l.c.transfers[0].persons_coercive, 0);
	import_line_free(&l);
	refused_edit(not_filed, "\"state\"",
	    "\"transfers\": [{\"kind\": \"criminal\", \"transferred_on\": "
	    "\"2021-03-01\"}], \"state\"",
	    "transfers[0].transferred_on", "不能早于发现日期");
}

Test(caseimport, trailing_cr_is_ignored)
{
	struct import_errors e;
	struct import_line l;
	char *line;

	line = edit(closed_min, "\"2021-06-30\"}", "\"2021-06-30\"}\r");
	import_errors_init(&e);
	cr_assert_eq(import_line_read(line, strlen(line), 1, day(TODAY), &l,
	                 &e),
	    GS_OK);
	import_line_free(&l);
	import_errors_free(&e);
	free(line);
}

/* ---- refusals, one a line ---------------------------------------------- */

/* n times ch between quotes; free() it. */
static char *
quoted(char ch, size_t n)
{
	char *s;

	s = xmalloc(n + 3);
	s[0] = '"';
	memset(s + 1, ch, n);
	s[n + 1] = '"';
	s[n + 2] = '\0';
	return (s);
}

Test(caseimport, case_no_rules)
{
	struct import_line l;
	char *no;

	refused_edit(closed_min, "\"case_no\": \"永环罚〔2021〕9号\", ", "",
	    "case_no", "请填写案号");
	refused_edit(closed_min, "\"永环罚〔2021〕9号\"", "\"\"", "case_no",
	    "请填写案号");
	refused_edit(closed_min, "\"永环罚〔2021〕9号\"", "9", "case_no",
	    "应为字符串");
	refused_edit(closed_min, "〔2021〕9号", "〔2021〕\\t9号", "case_no",
	    "无效字符");
	refused_edit(closed_min, "〔2021〕9号", "〔2021〕\\u00009号", "case_no",
	    "无效字符");
	refused_edit(closed_min, "〔2021〕9号", "〔2021〕\\u00019号", "case_no",
	    "无效字符");
	/* 96 bytes pass, 97 do not. */
	no = quoted('A', 96);
	accepted_edit(closed_min, "\"永环罚〔2021〕9号\"", no, &l);
	cr_expect_eq(strlen(l.c.case_no), 96);
	import_line_free(&l);
	free(no);
	no = quoted('A', 97);
	refused_edit(closed_min, "\"永环罚〔2021〕9号\"", no, "case_no",
	    "不能超过 96 字节");
	free(no);
}

Test(caseimport, entity_rules_through_entity_validate)
{
	refused_edit(closed_min, "\"entity\": " ENTITY ", ", "", "entity",
	    "请填写当事人信息");
	refused_edit(closed_min, ENTITY, "null", "entity", "请填写当事人信息");
	refused_edit(closed_min, ENTITY, "\"某公司\"", "entity", "应为对象");
	refused_edit(closed_min, "91330784MA2D000012", "91330784MA2D000013",
	    "entity.uscc", NULL);
	/* A number is one error, not also "missing" from the validator. */
	refused_edit(closed_min, "\"91330784MA2D000012\"", "91330784",
	    "entity.uscc", "应为字符串");
	refused_edit(closed_min, "\"某五金制品有限公司\"", "\"某\"",
	    "entity.name", "名称至少2个字");
	refused_edit(closed_min, "\"township\": \"东城街道\", ", "",
	    "entity.township", "请填写镇街");
	refused_edit(closed_min, "\"industry\": \"金属制品\"",
	    "\"industry\": \"金属\\n制品\"", "entity.industry", "无效字符");
	refused_edit(closed_min, "\"general\"", "\"normal\"", "entity.category",
	    "监管类别");
	refused_edit(closed_min, "\"category\": \"general\"",
	    "\"category\": \"general\", \"legal_rep\": 7", "entity.legal_rep",
	    "应为字符串");
	/* A NUL would cut the name the service stores. */
	refused_edit(closed_min, "有限公司\"", "有限公司\\u0000x\"",
	    "entity.name", "无效字符");
}

Test(caseimport, party_kind_violation_type_and_clue_source)
{
	struct import_line l;
	char *vt;

	refused_edit(closed_min, "\"organisation\"", "\"company\"",
	    "party_kind", "organisation");
	refused_edit(closed_min, "\"party_kind\": \"organisation\", ", "",
	    "party_kind", "请填写当事人类型");
	refused_edit(closed_min, "\"violation_type\": \"超标排放\", ", "",
	    "violation_type", "请填写违法行为类型");
	refused_edit(closed_min, "\"超标排放\"", "[]", "violation_type",
	    "应为字符串");
	vt = quoted('v', 200);
	accepted_edit(closed_min, "\"超标排放\"", vt, &l);
	import_line_free(&l);
	free(vt);
	vt = quoted('v', 201);
	refused_edit(closed_min, "\"超标排放\"", vt, "violation_type",
	    "不能超过 200 字节");
	free(vt);
	refused_edit(closed_min, "\"patrol\"", "\"hotline\"", "clue_source",
	    "public_report");
	refused_edit(closed_min, "\"patrol\"", "\"patrol\\u0000\"",
	    "clue_source", "无效字符");
	refused_edit(closed_min, "\"clue_source\": \"patrol\", ", "",
	    "clue_source", "请填写线索来源");
}

Test(caseimport, dates_are_strict_and_never_after_today)
{
	refused_edit(closed_min, "\"discovered_on\": \"2021-03-02\", ", "",
	    "discovered_on", "请填写发现日期");
	refused_edit(closed_min, "\"2021-03-02\"", "\"2021-3-2\"",
	    "discovered_on", "YYYY-MM-DD");
	refused_edit(closed_min, "\"2021-03-02\"", "\"2021-02-30\"",
	    "discovered_on", "YYYY-MM-DD");
	refused_edit(closed_min, "\"2021-03-02\"", "20210302", "discovered_on",
	    "YYYY-MM-DD");
	refused_edit(closed_min, "\"2021-03-02\"", "\"2021-03-02\\u0000\"",
	    "discovered_on", "YYYY-MM-DD");
	refused_edit(closed_min, "\"2021-06-30\"", "\"2026-03-02\"",
	    "closed_on", "不能晚于今天");
	/* Today itself is fine. */
	{
		struct import_line l;

		accepted_edit(closed_min, "\"2021-06-30\"", "\"" TODAY "\"",
		    &l);
		import_line_free(&l);
	}
}

Test(caseimport, filed_on_follows_the_state)
{
	refused_edit(closed_min, "\"filed_on\": \"2021-03-05\", ", "",
	    "filed_on", "请填写立案日期");
	refused_edit(revoked, "\"filed_on\": \"2021-03-05\", ", "", "filed_on",
	    "请填写立案日期");
	refused_edit(closed_min, "\"2021-03-05\"", "\"2021-03-01\"", "filed_on",
	    "不能早于发现日期");
	refused_edit(not_filed, "\"filed_on\": null",
	    "\"filed_on\": \"2021-03-03\"", "filed_on", "filed_on 应为 null");
}

Test(caseimport, state_is_one_of_four)
{
	refused_edit(closed_min, "\"closed\"", "\"executing\"", "state",
	    "closed");
	refused_edit(closed_min, "\"closed\"", "\"investigating\"", "state",
	    "not_filed");
	refused_edit(closed_min, "\"state\": \"closed\", ", "", "state",
	    "请填写案件状态");
	refused_edit(closed_min, "\"closed\"", "1", "state", "应为字符串");
}

Test(caseimport, decision_follows_the_state)
{
	refused_edit(closed_min,
	    "\"decision\": {\"outcome\": \"penalty\", "
	    "\"decided_on\": \"2021-05-10\", "
	    "\"fine_fen\": 500000}, ",
	    "", "decision", "须有处理决定");
	refused_edit(revoked, "\"decision\": null",
	    "\"decision\": {\"outcome\": \"penalty\"}", "decision",
	    "decision 应为 null");
	refused_edit(not_filed, "\"decision\": null", "\"decision\": {}",
	    "decision", "decision 应为 null");
}

Test(caseimport, decision_not_an_object)
{
	refused_edit(closed_min,
	    "{\"outcome\": \"penalty\", \"decided_on\": \"2021-05-10\", "
	    "\"fine_fen\": 500000}",
	    "\"penalty\"", "decision", "应为对象");
}

Test(caseimport, decision_members)
{
	refused_edit(closed_min, "\"penalty\"", "\"fine\"", "decision.outcome",
	    "penalty");
	refused_edit(closed_min, "\"outcome\": \"penalty\", ", "",
	    "decision.outcome", "请填写决定类型");
	refused_edit(closed_min, "\"decided_on\": \"2021-05-10\", ", "",
	    "decision.decided_on", "请填写决定日期");
	refused_edit(closed_min, "\"2021-05-10\"", "\"2021-03-04\"",
	    "decision.decided_on", "不能早于立案日期");
	refused_edit(closed_min, ", \"fine_fen\": 500000", "",
	    "decision.fine_fen", "请填写罚款金额");
	refused_edit(closed_min, "500000", "5000.5", "decision.fine_fen",
	    "不能有小数");
	refused_edit(closed_min, "500000", "5e5", "decision.fine_fen",
	    "不能有小数");
	refused_edit(closed_min, "500000", "-1", "decision.fine_fen",
	    "不能为负数");
	refused_edit(closed_min, "500000", "\"500000\"", "decision.fine_fen",
	    "以分计的整数");
	refused_edit(closed_min, "500000", "99999999999999999999",
	    "decision.fine_fen", "超出范围");
	refused_edit(no_penalty, "\"no_penalty_reason\"",
	    "\"fine_fen\": 100, \"no_penalty_reason\"", "decision.fine_fen",
	    "只有行政处罚决定");
	refused_edit(no_penalty, ", \"no_penalty_reason\": \"first_offence\"",
	    "", "decision.no_penalty_reason", "请填写不予处罚理由");
	refused_edit(no_penalty, "\"first_offence\"", "\"sorry\"",
	    "decision.no_penalty_reason", "first_offence");
	refused_edit(closed_min, "500000}",
	    "500000, \"no_penalty_reason\": \"minor\"}",
	    "decision.no_penalty_reason", "只有不予行政处罚决定");
	refused_edit(closed_min, "500000}",
	    "500000, \"served_on\": \"2021-05-09\"}", "decision.served_on",
	    "不能早于决定日期");
	refused_edit(closed_min, "500000}",
	    "500000, \"served_on\": \"2021/05/12\"}", "decision.served_on",
	    "YYYY-MM-DD");
}

Test(caseimport, closed_on_comes_after_every_step)
{
	refused_edit(closed_min, ", \"closed_on\": \"2021-06-30\"", "",
	    "closed_on", "请填写结案日期");
	refused_edit(example, "\"2021-06-30\"", "\"2021-05-11\"", "closed_on",
	    "结案日期不能早于送达日期");
	refused_edit(closed_min, "\"2021-06-30\"", "\"2021-05-09\"",
	    "closed_on", "结案日期不能早于决定日期");
	refused_edit(revoked, "\"2021-04-01\"", "\"2021-03-04\"", "closed_on",
	    "撤销日期不能早于立案日期");
	refused_edit(not_filed, "\"2021-03-04\"", "\"2021-03-01\"", "closed_on",
	    "不予立案日期不能早于发现日期");
	refused_edit(revoked, ", \"closed_on\": \"2021-04-01\"", "",
	    "closed_on", "请填写撤销日期");
}

Test(caseimport, hearing_review_and_discussion_need_a_decision)
{
	struct import_line l;

	refused_edit(revoked, "\"state\"", "\"hearing_held\": true, \"state\"",
	    "hearing_held", "听证");
	refused_edit(not_filed, "\"state\"",
	    "\"legal_review\": true, \"state\"", "legal_review", "法制审核");
	refused_edit(revoked, "\"state\"",
	    "\"collective_discussion\": true, \"state\"",
	    "collective_discussion", "集体讨论");
	refused_edit(closed_min, "\"state\"", "\"hearing_held\": 1, \"state\"",
	    "hearing_held", "true 或 false");
	/* false says nothing and is fine anywhere. */
	accepted_edit(revoked, "\"state\"",
	    "\"hearing_held\": false, \"legal_review\": false, \"state\"", &l);
	import_line_free(&l);
	accepted_edit(no_penalty, "\"state\"",
	    "\"hearing_held\": true, \"collective_discussion\": true, \"state\"",
	    &l);
	cr_expect_eq(l.c.hearing_held, 1);
	cr_expect_eq(l.c.collective_discussion, 1);
	import_line_free(&l);
}

Test(caseimport, paid_fen_only_with_a_penalty)
{
	refused_edit(no_penalty, "\"state\"", "\"paid_fen\": 100, \"state\"",
	    "paid_fen", "只有行政处罚决定");
	refused_edit(revoked, "\"state\"", "\"paid_fen\": 0, \"state\"",
	    "paid_fen", "只有行政处罚决定");
	refused_edit(closed_min, "\"state\"", "\"paid_fen\": -5, \"state\"",
	    "paid_fen", "不能为负数");
	refused_edit(closed_min, "\"state\"", "\"paid_fen\": 12.5, \"state\"",
	    "paid_fen", "不能有小数");
}

Test(caseimport, measure_rules)
{
	refused_edit(example, "\"seizure\"", "\"detention_transfer\"",
	    "measures[0].kind", "transfers");
	refused_edit(example, "\"seizure\"", "\"closure\"", "measures[0].kind",
	    "daily_penalty");
	refused_edit(example, "{\"kind\": \"seizure\", ", "{",
	    "measures[0].kind", "请填写措施种类");
	refused_edit(example, "\"decided_on\": \"2021-03-06\"",
	    "\"decided_on\": \"2021-03-06\", \"x\": null", "measures[0].x",
	    "不支持的字段");
	refused_edit(example, ", \"decided_on\": \"2021-03-06\"", "",
	    "measures[0].decided_on", "请填写措施决定日期");
	refused_edit(example, "\"2021-03-06\"", "\"2021-03-04\"",
	    "measures[0].decided_on", "不能早于立案日期");
	refused_edit(example, "\"2021-03-06\"", "\"2027-01-01\"",
	    "measures[0].decided_on", "不能晚于今天");
	refused_edit(example, ", \"amount_fen\": 3000000", "",
	    "measures[1].amount_fen", "请填写按日连续处罚金额");
	refused_edit(example, "3000000", "30000.00", "measures[1].amount_fen",
	    "不能有小数");
	refused_edit(example, "\"decided_on\": \"2021-03-06\"",
	    "\"decided_on\": \"2021-03-06\", \"amount_fen\": 0",
	    "measures[0].amount_fen", "只有按日连续处罚");
	refused_edit(example,
	    "{\"kind\": \"seizure\", \"decided_on\": "
	    "\"2021-03-06\"}",
	    "\"seizure\"", "measures[0]", "应为对象");
}

Test(caseimport, measures_not_an_array)
{
	refused_edit(closed_min, "\"state\"", "\"measures\": {}, \"state\"",
	    "measures", "应为数组");
}

Test(caseimport, measures_only_when_filed)
{
	refused_edit(not_filed, "\"state\"",
	    "\"measures\": [{\"kind\": \"seizure\", \"decided_on\": "
	    "\"2021-03-03\"}], \"state\"",
	    "measures", "不予立案");
}

static char *
with_measures(size_t n)
{
	struct buf b;
	size_t i;
	char *line;

	buf_init(&b);
	buf_puts(&b, "\"measures\": [");
	for (i = 0; i < n; i++)
		buf_printf(&b,
		    "%s{\"kind\": \"seizure\", \"decided_on\": "
		    "\"2021-03-06\"}",
		    i > 0 ? ", " : "");
	buf_puts(&b, "], \"state\"");
	line = edit(closed_min, "\"state\"", b.data);
	buf_free(&b);
	return (line);
}

Test(caseimport, at_most_sixteen_measures)
{
	struct import_line l;
	char *line;

	line = with_measures(IMPORT_MEASURES_MAX);
	accepted(line, &l);
	cr_expect_eq(l.c.nmeasures, IMPORT_MEASURES_MAX);
	import_line_free(&l);
	free(line);
	line = with_measures(IMPORT_MEASURES_MAX + 1);
	refused(line, "measures", "最多 16 项");
	free(line);
}

Test(caseimport, transfer_rules)
{
	refused_edit(example, "\"criminal\"", "\"police\"", "transfers[0].kind",
	    "criminal");
	refused_edit(example, "\"criminal\"", "\"criminal_transfer\"",
	    "transfers[0].kind", "criminal");
	refused_edit(example, "\"2021-03-20\"", "\"2021-03-04\"",
	    "transfers[0].transferred_on", "不能早于立案日期");
	refused_edit(example, "\"transferred_on\": \"2021-03-20\", ", "",
	    "transfers[0].transferred_on", "请填写移送日期");
	refused_edit(example, "\"persons_coercive\": 2",
	    "\"persons_coercive\": 2, \"persons_detained\": 1",
	    "transfers[0].persons_detained", "只有移送适用行政拘留");
	refused_edit(example, "\"persons_detained\": 1",
	    "\"persons_detained\": 1, \"persons_coercive\": 1",
	    "transfers[1].persons_coercive", "只有移送涉嫌环境犯罪");
	refused_edit(example, "\"persons_detained\": 1",
	    "\"persons_detained\": -1", "transfers[1].persons_detained",
	    "不能为负数");
	refused_edit(example, "\"persons_detained\": 1",
	    "\"persons_detained\": 1.5", "transfers[1].persons_detained",
	    "应为整数");
	refused_edit(example, "\"persons_coercive\": 2",
	    "\"persons_coercive\": 2147483648", "transfers[0].persons_coercive",
	    "超出范围");
	refused_edit(example, "\"persons_coercive\": 2",
	    "\"persons_coercive\": 2, \"officers\": 2", "transfers[0].officers",
	    "不支持的字段");
	refused_edit(closed_min, "\"state\"", "\"transfers\": 1, \"state\"",
	    "transfers", "应为数组");
}

Test(caseimport, detention_needs_the_bureaus_penalty_first)
{
	static const char detention[] =
	    "\"transfers\": [{\"kind\": \"detention\", \"transferred_on\": "
	    "\"2021-05-15\"}], \"state\"";

	refused_edit(no_penalty, "\"state\"", detention, "transfers[0].kind",
	    "行政处罚决定之后");
	refused_edit(revoked, "\"state\"", detention, "transfers[0].kind",
	    "行政处罚决定之后");
	refused_edit(example, "\"2021-05-15\"", "\"2021-05-09\"",
	    "transfers[1].transferred_on", "不能早于处罚决定日期");
}

Test(caseimport, a_daily_penalty_follows_the_bureaus_penalty)
{
	static const char daily[] =
	    "\"measures\": [{\"kind\": \"daily_penalty\", \"decided_on\": "
	    "\"2021-06-20\", \"amount_fen\": 100000}], \"state\"";

	/* 环境保护法 art. 59: on a penalty decision, after it. */
	refused_edit(no_penalty, "\"state\"", daily, "measures[0].kind",
	    "行政处罚决定之后");
	refused_edit(revoked, "\"state\"", daily, "measures[0].kind",
	    "行政处罚决定之后");
	refused_edit(example, "\"2021-06-20\"", "\"2021-05-09\"",
	    "measures[1].decided_on", "不能早于处罚决定日期");
}

Test(caseimport, amounts_stay_below_ten_billion_yuan)
{
	struct import_line l;

	/* 10^12 fen (100亿元) is the most a case's amount may be. */
	accepted_edit(example, "\"fine_fen\": 12000000",
	    "\"fine_fen\": 1000000000000", &l);
	import_line_free(&l);
	refused_edit(example, "\"fine_fen\": 12000000",
	    "\"fine_fen\": 1000000000001", "decision.fine_fen", "超出范围");
	refused_edit(closed_min, "\"state\"",
	    "\"paid_fen\": 9223372036854775807, \"state\"", "paid_fen",
	    "超出范围");
	refused_edit(example, "3000000", "1000000000001",
	    "measures[1].amount_fen", "超出范围");
}

Test(caseimport, at_most_eight_transfers)
{
	struct buf b;
	char *line;
	size_t i;

	buf_init(&b);
	buf_puts(&b, "\"transfers\": [");
	for (i = 0; i <= IMPORT_TRANSFERS_MAX; i++)
		buf_printf(&b,
		    "%s{\"kind\": \"criminal\", \"transferred_on\": "
		    "\"2021-03-20\"}",
		    i > 0 ? ", " : "");
	buf_puts(&b, "], \"state\"");
	line = edit(closed_min, "\"state\"", b.data);
	refused(line, "transfers", "最多 8 项");
	buf_free(&b);
	free(line);
}

Test(caseimport, unknown_keys_are_refused_at_every_level)
{
	refused_edit(closed_min, "\"state\"", "\"remark\": \"x\", \"state\"",
	    "remark", "不支持的字段 remark");
	refused_edit(closed_min, "\"category\": \"general\"",
	    "\"category\": \"general\", \"lat\": \"30.1\"", "entity.lat",
	    "不支持的字段 entity.lat");
	refused_edit(closed_min, "500000}", "500000, \"fine_yuan\": 5000}",
	    "decision.fine_yuan", "不支持的字段 decision.fine_yuan");
	refused_edit(example, "\"amount_fen\": 3000000",
	    "\"amount_fen\": 3000000, \"days\": 3", "measures[1].days",
	    "不支持的字段 measures[1].days");
	/* Even null: a misspelt optional key is not silently dropped. */
	refused_edit(closed_min, "\"state\"", "\"paid\": null, \"state\"",
	    "paid", NULL);
}

Test(caseimport, a_line_that_is_not_one_object)
{
	refused("不是 JSON", "", "第 1 行不是 JSON 对象");
	refused("[1, 2]", "", "第 1 行不是 JSON 对象");
	refused("{\"case_no\": \"x\"} {}", "", "第 1 行不是 JSON 对象");
	refused("{\"a\": 1, \"a\": 2}", "", "第 1 行不是 JSON 对象");
	refused("\r", "", "第 1 行不是 JSON 对象");
	refused("\"\xff\"", "", "第 1 行不是 JSON 对象");
}

Test(caseimport, a_line_too_long_is_not_parsed)
{
	struct import_errors e;
	struct import_line l;
	char *big;

	big = xmalloc(IMPORT_LINE_MAX + 1);
	memset(big, ' ', IMPORT_LINE_MAX + 1);
	big[0] = '{';
	big[IMPORT_LINE_MAX] = '}';
	import_errors_init(&e);
	cr_assert_eq(import_line_read(big, IMPORT_LINE_MAX + 1, 7, day(TODAY),
	                 &l, &e),
	    GS_ERROR);
	cr_assert_eq(e.n, 1);
	cr_expect_eq(e.items[0].line, 7);
	cr_expect_str_eq(e.items[0].field, "");
	cr_expect(strstr(e.items[0].message, "第 7 行超过 65536 字节") != NULL);
	import_line_free(&l);
	import_errors_free(&e);
	free(big);
}

Test(caseimport, every_error_of_a_line_is_reported)
{
	struct import_errors e;
	struct import_line l;
	static const char *const want[] = { "case_no", "entity.uscc",
		"party_kind", "discovered_on", "decision.fine_fen",
		"legal_review", "measures[1].kind", "transfers[0].extra",
		"state", "closed_on", "color" };
	static const char line[] =
	    "{\"color\": \"red\", \"case_no\": \"\", \"entity\": {\"uscc\": "
	    "\"1\", \"name\": \"某五金制品有限公司\", \"township\": \"东城街道\", "
	    "\"industry\": \"金属制品\", \"category\": \"general\"}, "
	    "\"party_kind\": \"firm\", \"violation_type\": \"超标排放\", "
	    "\"clue_source\": \"patrol\", \"discovered_on\": \"2021-13-01\", "
	    "\"filed_on\": \"2021-03-05\", \"decision\": {\"outcome\": "
	    "\"penalty\", \"decided_on\": \"2021-05-10\", \"fine_fen\": 1.5}, "
	    "\"legal_review\": \"yes\", \"measures\": [{\"kind\": \"seizure\", "
	    "\"decided_on\": \"2021-03-06\"}, {\"kind\": \"x\", "
	    "\"decided_on\": \"2021-03-06\"}], \"transfers\": [{\"kind\": "
	    "\"criminal\", \"transferred_on\": \"2021-03-20\", \"extra\": 1}], "
	    "\"state\": \"open\", \"closed_on\": \"2021-02-30\"}";
	size_t i;

	cr_assert_eq(read_line(line, &l, &e), GS_ERROR);
	for (i = 0; i < GS_NELEM(want); i++)
		cr_expect_not_null(error_of(&e, want[i]), "no error on %s",
		    want[i]);
	if (e.total != GS_NELEM(want))
		dump(&e);
	cr_expect_eq(e.total, GS_NELEM(want));
	cr_expect_eq(e.n, e.total);
	import_line_free(&l);
	import_errors_free(&e);
}

/* ---- the body cut into lines ------------------------------------------- */

#define SEEN_MAX 16

struct seen {
	size_t n[SEEN_MAX];
	char text[SEEN_MAX][64];
	size_t count;
	size_t stop_at; /* the call that answers GS_ERROR; 0: none */
};

static int
collect(const char *s, size_t len, size_t n, void *arg)
{
	struct seen *sn = arg;

	cr_assert_lt(sn->count, SEEN_MAX);
	cr_assert_lt(len, sizeof(sn->text[0]));
	sn->n[sn->count] = n;
	memcpy(sn->text[sn->count], s, len);
	sn->text[sn->count][len] = '\0';
	sn->count++;
	return (sn->count == sn->stop_at ? GS_ERROR : GS_OK);
}

static struct seen
lines_of(const char *body, size_t stop_at, int want)
{
	struct seen sn;

	memset(&sn, 0, sizeof(sn));
	sn.stop_at = stop_at;
	cr_assert_eq(import_lines(body, strlen(body), collect, &sn), want);
	return (sn);
}

Test(caseimport, lines_count_blank_ones_and_drop_line_ends)
{
	struct seen sn;

	sn = lines_of("a\r\n\r\n  \t\nb\n\nc", 0, GS_OK);
	cr_assert_eq(sn.count, 3);
	cr_expect_eq(sn.n[0], 1);
	cr_expect_str_eq(sn.text[0], "a");
	cr_expect_eq(sn.n[1], 4);
	cr_expect_str_eq(sn.text[1], "b");
	cr_expect_eq(sn.n[2], 6);
	cr_expect_str_eq(sn.text[2], "c");
}

Test(caseimport, lines_edge_cases)
{
	struct seen sn;

	sn = lines_of("", 0, GS_OK);
	cr_expect_eq(sn.count, 0);
	sn = lines_of("\n\n\r\n", 0, GS_OK);
	cr_expect_eq(sn.count, 0);
	/* A final newline does not make a line; its absence loses none. */
	sn = lines_of("x\n", 0, GS_OK);
	cr_expect_eq(sn.count, 1);
	sn = lines_of("x\ny", 0, GS_OK);
	cr_assert_eq(sn.count, 2);
	cr_expect_str_eq(sn.text[1], "y");
	/* A byte order mark is not part of line 1. */
	sn = lines_of("\xef\xbb\xbf{}\n{}", 0, GS_OK);
	cr_assert_eq(sn.count, 2);
	cr_expect_str_eq(sn.text[0], "{}");
	cr_expect_eq(sn.n[0], 1);
	/* Spaces around a line are the line's (JSON ignores them). */
	sn = lines_of("  {} \r\n", 0, GS_OK);
	cr_expect_str_eq(sn.text[0], "  {} ");
}

Test(caseimport, lines_stop_when_asked)
{
	struct seen sn;

	sn = lines_of("a\nb\nc\n", 2, GS_ERROR);
	cr_expect_eq(sn.count, 2);
	cr_expect_eq(sn.n[1], 2);
}

/* What the service does: every line read, used and freed. */
struct run {
	struct import_errors errs;
	size_t good;
};

static int
import_one(const char *s, size_t len, size_t n, void *arg)
{
	struct run *run = arg;
	struct import_line l;

	if (import_line_read(s, len, n, day(TODAY), &l, &run->errs) == GS_OK)
		run->good++;
	import_line_free(&l);
	return (GS_OK);
}

Test(caseimport, a_body_with_crlf_blank_lines_and_no_final_newline)
{
	struct buf body;
	struct run run;

	buf_init(&body);
	buf_printf(&body, "%s\r\n\r\n%s\r\n   \r\n", example, revoked);
	buf_puts(&body, "{\"case_no\": 1}\r\n");
	buf_puts(&body, not_filed); /* line 6, no newline */
	memset(&run, 0, sizeof(run));
	import_errors_init(&run.errs);
	cr_assert_eq(import_lines(body.data, body.len, import_one, &run),
	    GS_OK);
	cr_expect_eq(run.good, 3);
	cr_assert_gt(run.errs.n, 0);
	cr_expect_eq(run.errs.items[0].line, 5);
	cr_expect_str_eq(run.errs.items[0].field, "case_no");
	cr_expect_eq(run.errs.items[run.errs.n - 1].line, 5);
	import_errors_free(&run.errs);
	buf_free(&body);
}

/* ---- the error list ------------------------------------------------------ */

Test(caseimport, errors_are_capped_and_total_keeps_counting)
{
	struct import_errors e;
	size_t i;

	import_errors_init(&e);
	for (i = 1; i <= IMPORT_ERRORS_MAX + 5; i++)
		import_errors_add(&e, i, "case_no", "第 %zu 个", i);
	cr_expect_eq(e.n, IMPORT_ERRORS_MAX);
	cr_expect_eq(e.total, IMPORT_ERRORS_MAX + 5);
	cr_expect_eq(e.items[IMPORT_ERRORS_MAX - 1].line, IMPORT_ERRORS_MAX);
	cr_expect_str_eq(e.items[0].message, "第 1 个");
	import_errors_free(&e);
	cr_expect_eq(e.n, 0);
	cr_expect_null(e.items);
}

Test(caseimport, errors_over_many_lines_are_capped)
{
	struct buf body;
	struct run run;
	size_t i;

	buf_init(&body);
	for (i = 0; i < IMPORT_ERRORS_MAX + 20; i++)
		buf_puts(&body, "nope\n");
	memset(&run, 0, sizeof(run));
	import_errors_init(&run.errs);
	cr_assert_eq(import_lines(body.data, body.len, import_one, &run),
	    GS_OK);
	cr_expect_eq(run.errs.n, IMPORT_ERRORS_MAX);
	cr_expect_eq(run.errs.total, IMPORT_ERRORS_MAX + 20);
	cr_expect_eq(run.errs.items[IMPORT_ERRORS_MAX - 1].line,
	    IMPORT_ERRORS_MAX);
	import_errors_free(&run.errs);
	buf_free(&body);
}

Test(caseimport, a_long_field_is_cut_at_a_character)
{
	struct import_errors e;
	struct import_line l;
	char *line;
	size_t len;

	/* An unknown key of 30 three-byte characters: 90 bytes, cut to 47. */
	line = edit(closed_min, "\"state\"",
	    "\"字字字字字字字字字字字字字字字字字字字字字字字字字字字字字字\": 1, "
	    "\"state\"");
	cr_assert_eq(read_line(line, &l, &e), GS_ERROR);
	cr_assert_eq(e.n, 1);
	len = strlen(e.items[0].field);
	cr_expect_leq(len, IMPORT_FIELD_LEN - 1);
	cr_expect_eq(len % 3, 0, "cut inside a character: %zu bytes", len);
	cr_expect(utf8_valid_text(e.items[0].field, len));
	cr_expect(
	    utf8_valid_text(e.items[0].message, strlen(e.items[0].message)));
	import_line_free(&l);
	import_errors_free(&e);
	free(line);
}
