/*
 * fuzz_caseimport.c — a body cut into lines and every line read as a
 * legacy case, read, checked and freed the way the import service streams
 * them: nothing may crash or leak; a line accepted holds what the format
 * promises (its codes, its amounts, its dates in order and not after
 * today), a line refused has added errors that name it, line numbers only
 * grow, and the error list keeps its cap.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/caseimport.h"
#include "core/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct run {
	struct import_errors errs;
	gs_date today;
	size_t last; /* the line number seen last */
};

static void
check_decision(const struct import_case *c)
{
	if (!c->has_decision) {
		if (c->outcome != CO_NONE || c->fine_fen != CASE_NO_FINE ||
		    c->decided_on != 0 || c->served_on != 0 ||
		    c->hearing_held || c->legal_review ||
		    c->collective_discussion)
			abort();
		return;
	}
	if (c->outcome != CO_PENALTY && c->outcome != CO_NO_PENALTY &&
	    c->outcome != CO_JUDICIAL_TRANSFER)
		abort();
	if (c->decided_on < c->filed_on || c->closed_on < c->decided_on)
		abort();
	if (c->served_on != 0 &&
	    (c->served_on < c->decided_on || c->closed_on < c->served_on))
		abort();
	if ((c->outcome == CO_PENALTY) != (c->fine_fen >= 0))
		abort();
	if (c->fine_fen < 0 && c->fine_fen != CASE_NO_FINE)
		abort();
	if ((c->outcome == CO_NO_PENALTY) !=
	    (c->no_penalty_reason > CNP_NONE &&
	        c->no_penalty_reason < CNP__MAX))
		abort();
}

static void
check_steps(const struct import_case *c, gs_date today)
{
	size_t i;
	const struct import_measure *m;
	const struct import_transfer *t;

	if (c->nmeasures > IMPORT_MEASURES_MAX ||
	    c->ntransfers > IMPORT_TRANSFERS_MAX)
		abort();
	for (i = 0; i < c->nmeasures; i++) {
		m = &c->measures[i];
		if (m->kind >= MK__MAX || measure_kind_is_transfer(m->kind))
			abort();
		if ((m->kind == MK_DAILY_PENALTY) != (m->amount_fen >= 0) ||
		    (m->amount_fen < 0 && m->amount_fen != IMPORT_NO_AMOUNT))
			abort();
		if (m->decided_on < c->filed_on || m->decided_on > today)
			abort();
	}
	for (i = 0; i < c->ntransfers; i++) {
		t = &c->transfers[i];
		if (!measure_kind_is_transfer(t->kind))
			abort();
		if (t->transferred_on < c->discovered_on ||
		    t->transferred_on < c->filed_on ||
		    t->transferred_on > today)
			abort();
		if (t->persons_detained < 0 || t->persons_coercive < 0)
			abort();
		if (t->kind == MK_DETENTION_TRANSFER &&
		    (c->outcome != CO_PENALTY || t->persons_coercive != 0 ||
		        t->transferred_on < c->decided_on))
			abort();
		if (t->kind == MK_CRIMINAL_TRANSFER && t->persons_detained != 0)
			abort();
	}
}

/* What import_line_read promises of a line it accepts. */
static void
check_case(const struct import_case *c, gs_date today)
{
	size_t len;

	if (c->case_no == NULL || c->violation_type == NULL ||
	    c->clue_source == NULL)
		abort();
	len = strlen(c->case_no);
	if (len == 0 || len > 96 || !utf8_valid_text(c->case_no, len))
		abort();
	if (strlen(c->entity.uscc_canon) != USCC_LEN)
		abort();
	if (c->discovered_on == 0 || c->closed_on > today ||
	    c->closed_on < c->discovered_on)
		abort();
	switch (c->state) {
	case CS_NOT_FILED:
		if (c->filed_on != 0 || c->nmeasures != 0)
			abort();
		break;
	case CS_CLOSED:
	case CS_ARCHIVED:
	case CS_REVOKED:
		if (c->filed_on < c->discovered_on ||
		    c->closed_on < c->filed_on)
			abort();
		break;
	default:
		abort();
	}
	if (c->has_decision !=
	    (c->state == CS_CLOSED || c->state == CS_ARCHIVED))
		abort();
	check_decision(c);
	if (c->paid_fen != IMPORT_NO_AMOUNT &&
	    (c->paid_fen < 0 || c->outcome != CO_PENALTY))
		abort();
	check_steps(c, today);
}

static int
one_line(const char *s, size_t len, size_t n, void *arg)
{
	struct run *run = arg;
	struct import_line l;
	size_t before, kept, i;

	if (n <= run->last || memchr(s, '\n', len) != NULL)
		abort();
	run->last = n;
	before = run->errs.total;
	kept = run->errs.n;
	if (import_line_read(s, len, n, run->today, &l, &run->errs) == GS_OK) {
		if (run->errs.total != before || l.doc == NULL)
			abort();
		check_case(&l.c, run->today);
	} else {
		if (run->errs.total == before || l.doc != NULL)
			abort();
		for (i = kept; i < run->errs.n; i++) {
			if (run->errs.items[i].line != n ||
			    run->errs.items[i].message[0] == '\0')
				abort();
		}
	}
	import_line_free(&l);
	return (GS_OK);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct run run;

	memset(&run, 0, sizeof(run));
	import_errors_init(&run.errs);
	run.today = date_from_ymd(2026, 3, 1);
	if (import_lines((const char *)data, len, one_line, &run) != GS_OK)
		abort();
	if (run.errs.n > IMPORT_ERRORS_MAX ||
	    run.errs.n !=
	        (run.errs.total < IMPORT_ERRORS_MAX ? run.errs.total :
	                                              IMPORT_ERRORS_MAX))
		abort();
	import_errors_free(&run.errs);
	return (0);
}
