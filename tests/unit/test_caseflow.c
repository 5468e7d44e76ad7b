/*
 * test_caseflow.c — the case state machine: every state x action pair
 * against the contract's action table written out here independently,
 * roles, maker-checker, and each guard on both sides of its line.
 */
#include <string.h>

#include "unit.h"
#include "core/caseflow.h"
#include "core/perm.h"

GS_SUITE(caseflow);

#define O ROLE_BIT(ROLE_OFFICER)
#define SL ROLE_BIT(ROLE_SQUAD_LEADER)
#define LG ROLE_BIT(ROLE_LEGAL)
#define HD ROLE_BIT(ROLE_HEAD)
#define AN ROLE_BIT(ROLE_ANALYST)
#define AD ROLE_BIT(ROLE_ADMIN)

/* shared/api.md's action table, plus revoke after the decision. */
static const struct {
	const char *action;
	const char *from;
} contract[] = {
	{ "approve_filing", "proposed" },
	{ "reject_filing", "proposed" },
	{ "submit_report", "investigating" },
	{ "return", "under_review legal_review" },
	{ "notify", "under_review" },
	{ "request_hearing", "notified" },
	{ "record_hearing", "hearing" },
	{ "submit_legal_review", "notified" },
	{ "legal_approve", "legal_review" },
	{ "record_discussion", "collective_discussion" },
	{ "decide", "notified awaiting_decision" },
	{ "serve", "decided" },
	{ "record_payment", "executing" },
	{ "close", "executing" },
	{ "archive", "closed" },
	{ "revoke",
	    "proposed investigating under_review notified hearing "
	    "legal_review collective_discussion awaiting_decision "
	    "decided executing" },
	{ "extend",
	    "proposed investigating under_review notified hearing "
	    "legal_review collective_discussion awaiting_decision" },
	{ "suspend",
	    "investigating under_review notified hearing "
	    "legal_review collective_discussion awaiting_decision "
	    "decided executing" },
	{ "resume",
	    "investigating under_review notified hearing "
	    "legal_review collective_discussion awaiting_decision "
	    "decided executing" },
	/* Ours (docs/api.md): the discretion calculator on the case. */
	{ "assess",
	    "investigating under_review notified hearing "
	    "legal_review collective_discussion awaiting_decision" },
};

static int
word_in(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	while ((p = strstr(p, word)) != NULL) {
		if ((p == list || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return (1);
		p += n;
	}
	return (0);
}

static const char *
contract_from(const char *action)
{
	size_t i;

	for (i = 0; i < sizeof(contract) / sizeof(contract[0]); i++) {
		if (strcmp(contract[i].action, action) == 0)
			return (contract[i].from);
	}
	return (NULL);
}

/* A case where every guard is satisfied, acted on by an all-role user. */
static struct case_facts
facts(enum case_state s)
{
	struct case_facts f;

	memset(&f, 0, sizeof(f));
	f.state = s;
	f.today = date_from_ymd(2026, 11, 23);
	f.roles = O | SL | LG | HD;
	f.in_squad = 1;
	f.investigators_valid = 2;
	f.evidence_count = 1;
	f.proposed_fine_fen = 30000000; /* ¥300,000 */
	f.statement_due = f.today - 1;
	f.hearing_request_due = f.today - 1;
	f.legal_reviewed = 1;
	f.discussion_held = 1;
	f.outcome = CO_PENALTY;
	f.outstanding_fen = 0;
	f.rules.min_investigators = 2;
	f.rules.hearing_org_fen = 20000000;
	f.rules.hearing_individual_fen = 500000;
	f.rules.legal_review_fen = 20000000;
	f.rules.collective_fen = 50000000;
	f.rules.filing_extension_days = 15;
	f.rules.decision_extension_days = 30;
	f.rules.further_extension_days = 30;
	f.discretion_fen = f.proposed_fine_fen; /* assessed */
	if (s == CS_NOTIFIED) {
		/*
		 * ¥10,000 on an individual: may ask for a hearing, and
		 * needs no legal review before the decision.
		 */
		f.party_individual = 1;
		f.proposed_fine_fen = 1000000;
		f.discretion_fen = 1000000;
		f.legal_reviewed = 0;
		f.discussion_held = 0;
	}
	if (s == CS_EXECUTING)
		f.outstanding_fen = 100; /* so a payment can be recorded */
	if (s == CS_INVESTIGATING || s == CS_UNDER_REVIEW || s == CS_DECIDED)
		f.open_suspension = CSUS_NONE;
	return (f);
}

Test(caseflow, every_state_action_pair_matches_the_contract)
{
	struct case_facts f;
	const char *from;
	enum case_verdict v;
	int s, a, in_contract, n = 0;

	for (s = 0; s < CS__MAX; s++) {
		for (a = 0; a < CA__MAX; a++) {
			f = facts((enum case_state)s);
			if (a == CA_RESUME) {
				f.open_suspension = CSUS_MONITORING;
				f.open_suspension_from = f.today - 3;
			}
			from = contract_from(case_action_code(a));
			cr_assert_not_null(from,
			    "action %s not in the contract",
			    case_action_code(a));
			in_contract = word_in(from, case_state_code(s));
			v = caseflow_check(&f, (enum case_action)a, NULL, NULL);
			if (in_contract)
				cr_expect_eq(v, CASE_ALLOWED, "%s in %s: %d",
				    case_action_code(a), case_state_code(s), v);
			else
				cr_expect_eq(v, CASE_WRONG_STATE,
				    "%s in %s should be refused",
				    case_action_code(a), case_state_code(s));
			n++;
		}
	}
	cr_assert_eq(n, CS__MAX * CA__MAX);
}

Test(caseflow, final_states_allow_nothing)
{
	enum case_state finals[] = { CS_CLOSED, CS_NOT_FILED, CS_REVOKED };
	struct case_facts f;
	size_t i;

	for (i = 0; i < 3; i++) {
		f = facts(finals[i]);
		cr_expect(case_state_final(finals[i]));
		cr_expect_eq(caseflow_allowed(&f) & ~(1u << CA_ARCHIVE), 0u);
	}
	f = facts(CS_ARCHIVED);
	cr_expect_eq(caseflow_allowed(&f), 0u);
	cr_expect_not(case_state_final(CS_EXECUTING));
}

Test(caseflow, codes_round_trip)
{
	int i;

	for (i = 0; i < CS__MAX; i++)
		cr_expect_eq((int)case_state_from(case_state_code(i)), i);
	for (i = 0; i < CA__MAX; i++) {
		cr_expect_eq((int)case_action_from(case_action_code(i)), i);
		cr_expect_neq(case_action_label(i)[0], '\0');
	}
	for (i = 1; i < CO__MAX; i++)
		cr_expect_eq((int)case_outcome_from(case_outcome_code(i)), i);
	for (i = 1; i < CSUS__MAX; i++)
		cr_expect_eq((int)case_suspension_from(case_suspension_code(i)),
		    i);
	cr_expect_eq(case_action_from("approve"), CA__MAX);
	cr_expect_eq(case_action_from(""), CA__MAX);
	cr_expect_eq(case_outcome_from(""), CO__MAX);
	cr_expect_eq(case_state_from(NULL), CS__MAX);
}

static enum case_verdict
check_as(struct case_facts f, uint32_t roles, enum case_action a)
{
	f.roles = roles;
	return (caseflow_check(&f, a, NULL, NULL));
}

Test(caseflow, roles_per_action)
{
	struct case_facts f = facts(CS_PROPOSED);

	/* filing: squad leader of the squad or head */
	cr_expect_eq(check_as(f, O, CA_APPROVE_FILING), CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, SL, CA_APPROVE_FILING), CASE_ALLOWED);
	cr_expect_eq(check_as(f, HD, CA_APPROVE_FILING), CASE_ALLOWED);
	cr_expect_eq(check_as(f, LG, CA_APPROVE_FILING), CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, AN | AD, CA_APPROVE_FILING), CASE_FORBIDDEN);
	f.in_squad = 0;
	cr_expect_eq(check_as(f, SL, CA_APPROVE_FILING), CASE_FORBIDDEN);

	/* work on the case: its investigators */
	f = facts(CS_INVESTIGATING);
	f.in_squad = 0;
	cr_expect_eq(check_as(f, O, CA_SUBMIT_REPORT), CASE_FORBIDDEN);
	f.is_investigator = 1;
	cr_expect_eq(check_as(f, O, CA_SUBMIT_REPORT), CASE_ALLOWED);
	cr_expect_eq(check_as(f, LG, CA_SUBMIT_REPORT), CASE_FORBIDDEN);

	/* legal review: legal staff only */
	f = facts(CS_LEGAL_REVIEW);
	cr_expect_eq(check_as(f, LG, CA_LEGAL_APPROVE), CASE_ALLOWED);
	cr_expect_eq(check_as(f, HD | SL | O, CA_LEGAL_APPROVE),
	    CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, LG, CA_RETURN), CASE_ALLOWED);
	cr_expect_eq(check_as(f, SL, CA_RETURN), CASE_FORBIDDEN);

	/* decisions, closing, revoking, extending: the head */
	f = facts(CS_AWAITING_DECISION);
	cr_expect_eq(check_as(f, HD, CA_DECIDE), CASE_ALLOWED);
	cr_expect_eq(check_as(f, SL | LG | O, CA_DECIDE), CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, SL, CA_REVOKE), CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, SL, CA_EXTEND), CASE_FORBIDDEN);
	f = facts(CS_EXECUTING);
	cr_expect_eq(check_as(f, SL, CA_CLOSE), CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, HD, CA_CLOSE), CASE_ALLOWED);
	f = facts(CS_CLOSED);
	cr_expect_eq(check_as(f, LG, CA_ARCHIVE), CASE_ALLOWED);
	cr_expect_eq(check_as(f, AN, CA_ARCHIVE), CASE_FORBIDDEN);
}

Test(caseflow, maker_checker)
{
	struct case_facts f = facts(CS_PROPOSED);
	struct verr errs;

	f.is_proposer = 1;
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_APPROVE_FILING, NULL, &errs),
	    CASE_FORBIDDEN);
	cr_expect_not_null(verr_get(&errs, "actor"));
	cr_expect_eq(caseflow_check(&f, CA_REJECT_FILING, NULL, NULL),
	    CASE_FORBIDDEN);
	cr_expect_eq(caseflow_allowed(&f) & (1u << CA_APPROVE_FILING), 0u);

	f = facts(CS_LEGAL_REVIEW);
	f.is_investigator = 1;
	cr_expect_eq(check_as(f, LG, CA_LEGAL_APPROVE), CASE_FORBIDDEN);
	f = facts(CS_HEARING);
	f.is_investigator = 1;
	cr_expect_eq(check_as(f, HD, CA_RECORD_HEARING), CASE_FORBIDDEN);
	f = facts(CS_UNDER_REVIEW);
	f.is_reporter = 1;
	cr_expect_eq(check_as(f, SL, CA_NOTIFY), CASE_FORBIDDEN);
	cr_expect_eq(check_as(f, HD, CA_RETURN), CASE_FORBIDDEN);
}

Test(caseflow, report_needs_two_investigators_and_evidence)
{
	struct case_facts f = facts(CS_INVESTIGATING);
	struct case_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.text_md = "调查终结";
	f.investigators_valid = 1;
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_REPORT, &in, &errs),
	    CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "investigators"));
	f.investigators_valid = 2;
	f.evidence_count = 0;
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_REPORT, &in, &errs),
	    CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "evidence"));
	cr_expect_eq(caseflow_allowed(&f) & (1u << CA_SUBMIT_REPORT), 0u);
	f.evidence_count = 1;
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_REPORT, &in, NULL),
	    CASE_ALLOWED);
	in.text_md = "";
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_REPORT, &in, NULL),
	    CASE_GUARD);
}

Test(caseflow, hearing_eligibility_boundaries)
{
	struct case_facts f = facts(CS_NOTIFIED);

	f.party_individual = 0;
	f.proposed_fine_fen = 20000000 - 1;
	cr_expect_not(case_hearing_eligible(&f));
	f.proposed_fine_fen = 20000000;
	cr_expect(case_hearing_eligible(&f));
	f.party_individual = 1;
	f.proposed_fine_fen = 499999;
	cr_expect_not(case_hearing_eligible(&f));
	f.proposed_fine_fen = 500000;
	cr_expect(case_hearing_eligible(&f));
	f.proposed_fine_fen = 0;
	f.other_penalties = COP_BIT(COP_PRODUCTION_SUSPENSION);
	cr_expect(case_hearing_eligible(&f));
	f.other_penalties = COP_BIT(COP_WARNING);
	cr_expect_not(case_hearing_eligible(&f));
	cr_expect_eq(caseflow_check(&f, CA_REQUEST_HEARING, NULL, NULL),
	    CASE_GUARD);
}

Test(caseflow, hearing_request_within_its_period)
{
	struct case_facts f = facts(CS_NOTIFIED);
	struct case_input in;

	f.proposed_fine_fen = 20000000;
	f.hearing_request_due = f.today - 1;
	memset(&in, 0, sizeof(in));
	in.requested_on = f.today - 1; /* the last day */
	cr_expect_eq(caseflow_check(&f, CA_REQUEST_HEARING, &in, NULL),
	    CASE_ALLOWED);
	in.requested_on = f.today; /* one day late */
	cr_expect_eq(caseflow_check(&f, CA_REQUEST_HEARING, &in, NULL),
	    CASE_GUARD);
	in.requested_on = 0;
	cr_expect_eq(caseflow_check(&f, CA_REQUEST_HEARING, &in, NULL),
	    CASE_GUARD);
}

Test(caseflow, legal_review_and_discussion_requirements)
{
	struct case_facts f = facts(CS_NOTIFIED);
	struct verr errs;

	f.proposed_fine_fen = 20000000 - 1;
	cr_expect_not(case_legal_review_required(&f));
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, NULL, NULL), CASE_ALLOWED);
	f.proposed_fine_fen = 20000000;
	cr_expect(case_legal_review_required(&f));
	cr_expect_not(case_discussion_required(&f));
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, NULL, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "legal_review"));
	f.proposed_fine_fen = 0;
	f.hearing_held = 1;
	cr_expect(case_legal_review_required(&f));

	f = facts(CS_AWAITING_DECISION);
	f.proposed_fine_fen = 50000000;
	cr_expect(case_discussion_required(&f));
	f.discussion_held = 0;
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, NULL, NULL), CASE_GUARD);
	f.discussion_held = 1;
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, NULL, NULL), CASE_ALLOWED);
	f.legal_reviewed = 0;
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, NULL, NULL), CASE_GUARD);
}

Test(caseflow, legal_approve_goes_to_discussion_when_required)
{
	struct case_facts f = facts(CS_LEGAL_REVIEW);
	struct case_input in;

	memset(&in, 0, sizeof(in));
	in.text_md = "同意";
	f.proposed_fine_fen = 50000000 - 1;
	cr_expect_eq(caseflow_next(&f, CA_LEGAL_APPROVE, &in),
	    CS_AWAITING_DECISION);
	in.send_to_discussion = 1;
	cr_expect_eq(caseflow_next(&f, CA_LEGAL_APPROVE, &in),
	    CS_COLLECTIVE_DISCUSSION);
	in.send_to_discussion = 0;
	f.proposed_fine_fen = 50000000;
	cr_expect_eq(caseflow_next(&f, CA_LEGAL_APPROVE, &in),
	    CS_COLLECTIVE_DISCUSSION);
	f.proposed_fine_fen = 0;
	f.other_penalties = COP_BIT(COP_CLOSURE);
	cr_expect_eq(caseflow_next(&f, CA_LEGAL_APPROVE, &in),
	    CS_COLLECTIVE_DISCUSSION);
	in.text_md = NULL;
	cr_expect_eq(caseflow_check(&f, CA_LEGAL_APPROVE, &in, NULL),
	    CASE_GUARD);
}

Test(caseflow, next_states_of_the_table)
{
	struct case_facts f;

	f = facts(CS_PROPOSED);
	cr_expect_eq(caseflow_next(&f, CA_APPROVE_FILING, NULL),
	    CS_INVESTIGATING);
	cr_expect_eq(caseflow_next(&f, CA_REJECT_FILING, NULL), CS_NOT_FILED);
	cr_expect_eq(caseflow_next(&f, CA_EXTEND, NULL), CS_PROPOSED);
	f = facts(CS_INVESTIGATING);
	cr_expect_eq(caseflow_next(&f, CA_SUBMIT_REPORT, NULL),
	    CS_UNDER_REVIEW);
	f = facts(CS_UNDER_REVIEW);
	cr_expect_eq(caseflow_next(&f, CA_RETURN, NULL), CS_INVESTIGATING);
	cr_expect_eq(caseflow_next(&f, CA_NOTIFY, NULL), CS_NOTIFIED);
	f = facts(CS_NOTIFIED);
	cr_expect_eq(caseflow_next(&f, CA_REQUEST_HEARING, NULL), CS_HEARING);
	cr_expect_eq(caseflow_next(&f, CA_SUBMIT_LEGAL_REVIEW, NULL),
	    CS_LEGAL_REVIEW);
	cr_expect_eq(caseflow_next(&f, CA_DECIDE, NULL), CS_DECIDED);
	f = facts(CS_HEARING);
	cr_expect_eq(caseflow_next(&f, CA_RECORD_HEARING, NULL),
	    CS_LEGAL_REVIEW);
	f = facts(CS_LEGAL_REVIEW);
	cr_expect_eq(caseflow_next(&f, CA_RETURN, NULL), CS_INVESTIGATING);
	f = facts(CS_COLLECTIVE_DISCUSSION);
	cr_expect_eq(caseflow_next(&f, CA_RECORD_DISCUSSION, NULL),
	    CS_AWAITING_DECISION);
	f = facts(CS_DECIDED);
	cr_expect_eq(caseflow_next(&f, CA_SERVE, NULL), CS_EXECUTING);
	cr_expect_eq(caseflow_next(&f, CA_REVOKE, NULL), CS_REVOKED);
	f = facts(CS_EXECUTING);
	cr_expect_eq(caseflow_next(&f, CA_RECORD_PAYMENT, NULL), CS_EXECUTING);
	cr_expect_eq(caseflow_next(&f, CA_CLOSE, NULL), CS_CLOSED);
	f = facts(CS_CLOSED);
	cr_expect_eq(caseflow_next(&f, CA_ARCHIVE, NULL), CS_ARCHIVED);
	cr_expect_eq(caseflow_next(&f, CA_DECIDE, NULL), CS_CLOSED);
}

Test(caseflow, statement_period_or_waiver_before_moving_on)
{
	struct case_facts f = facts(CS_NOTIFIED);
	struct case_input in;

	memset(&in, 0, sizeof(in));
	f.statement_due = f.today; /* the last day of the period */
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_LEGAL_REVIEW, &in, NULL),
	    CASE_GUARD);
	in.waived = 1;
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_LEGAL_REVIEW, &in, NULL),
	    CASE_ALLOWED);
	in.waived = 0;
	f.statement_due = f.today - 1;
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_LEGAL_REVIEW, &in, NULL),
	    CASE_ALLOWED);
	/* an eligible party also has its hearing-request period */
	f.proposed_fine_fen = 20000000;
	f.hearing_request_due = f.today;
	cr_expect_eq(caseflow_check(&f, CA_SUBMIT_LEGAL_REVIEW, &in, NULL),
	    CASE_GUARD);
}

static struct case_input
decision(enum case_outcome o, int64_t fine)
{
	struct case_input in;

	memset(&in, 0, sizeof(in));
	in.outcome = o;
	in.has_fine = fine >= 0;
	in.fine_fen = fine;
	in.decided_on = date_from_ymd(2026, 11, 20);
	return (in);
}

Test(caseflow, decision_fields)
{
	struct case_facts f = facts(CS_AWAITING_DECISION);
	struct case_input in;
	struct verr errs;

	in = decision(CO_PENALTY, f.proposed_fine_fen);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_ALLOWED);
	in = decision(CO_PENALTY, f.proposed_fine_fen + 1);
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "fine_fen"));
	in = decision(CO_PENALTY, -1);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_GUARD);
	in = decision(CO_NO_PENALTY, -1);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_GUARD);
	in.no_penalty_reason = CNP_FIRST_OFFENCE;
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_ALLOWED);
	in.has_fine = 1;
	in.fine_fen = 100;
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_GUARD);
	in = decision(CO_NONE, 0);
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "outcome"));
	in = decision(CO_JUDICIAL_TRANSFER, -1);
	in.decided_on = f.today + 1;
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "decided_on"));
}

Test(caseflow, payment_and_closing)
{
	struct case_facts f = facts(CS_EXECUTING);
	struct case_input in;
	struct verr errs;

	memset(&in, 0, sizeof(in));
	in.has_amount = 1;
	in.amount_fen = 100;
	in.paid_on = f.today;
	cr_expect_eq(caseflow_check(&f, CA_RECORD_PAYMENT, &in, NULL),
	    CASE_ALLOWED);
	in.amount_fen = 101;
	cr_expect_eq(caseflow_check(&f, CA_RECORD_PAYMENT, &in, NULL),
	    CASE_GUARD);

	/* closing with money still owed */
	memset(&in, 0, sizeof(in));
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "basis"));
	in.basis = CCB_PAID;
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, NULL), CASE_GUARD);
	in.basis = CCB_NOTHING_TO_EXECUTE;
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, NULL), CASE_GUARD);
	in.basis = CCB_COURT_ACCEPTED;
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, NULL), CASE_GUARD);
	in.court_accepted_on = f.today - 2;
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, NULL), CASE_ALLOWED);

	/* paid in full */
	f.outstanding_fen = 0;
	memset(&in, 0, sizeof(in));
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, NULL), CASE_ALLOWED);
	cr_expect_eq(caseflow_check(&f, CA_RECORD_PAYMENT, NULL, NULL),
	    CASE_GUARD);

	/* no penalty: nothing to execute */
	f.outcome = CO_NO_PENALTY;
	cr_expect_eq(caseflow_check(&f, CA_CLOSE, &in, NULL), CASE_ALLOWED);
}

Test(caseflow, extensions)
{
	struct case_facts f = facts(CS_PROPOSED);
	struct case_input in;

	memset(&in, 0, sizeof(in));
	in.days = 15;
	in.reason = "案情复杂";
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_ALLOWED);
	in.days = 16;
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_GUARD);
	f.filing_extended = 1;
	in.days = 5;
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, NULL, NULL), CASE_GUARD);

	f = facts(CS_INVESTIGATING);
	in.days = 30;
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_ALLOWED);
	in.reason = "";
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_GUARD);
	in.reason = "案情复杂";
	f.decision_extensions = 1;
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_GUARD);
	in.discussion_on = f.today - 1;
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_ALLOWED);
	in.days = 31;
	cr_expect_eq(caseflow_check(&f, CA_EXTEND, &in, NULL), CASE_GUARD);
}

Test(caseflow, suspension_kinds_by_stage)
{
	struct case_facts f = facts(CS_INVESTIGATING);
	struct case_input in;

	memset(&in, 0, sizeof(in));
	in.on = f.today;
	in.kind = CSUS_MONITORING;
	cr_expect_eq(caseflow_check(&f, CA_SUSPEND, &in, NULL), CASE_ALLOWED);
	in.kind = CSUS_LITIGATION;
	cr_expect_eq(caseflow_check(&f, CA_SUSPEND, &in, NULL), CASE_GUARD);
	cr_expect_eq(caseflow_check(&f, CA_RESUME, NULL, NULL), CASE_GUARD);

	f = facts(CS_EXECUTING);
	in.kind = CSUS_LITIGATION;
	cr_expect_eq(caseflow_check(&f, CA_SUSPEND, &in, NULL), CASE_ALLOWED);
	in.kind = CSUS_APPRAISAL;
	cr_expect_eq(caseflow_check(&f, CA_SUSPEND, &in, NULL), CASE_GUARD);

	f.open_suspension = CSUS_LITIGATION;
	f.open_suspension_from = f.today - 5;
	cr_expect_eq(caseflow_check(&f, CA_SUSPEND, NULL, NULL), CASE_GUARD);
	in.on = f.today - 6;
	cr_expect_eq(caseflow_check(&f, CA_RESUME, &in, NULL), CASE_GUARD);
	in.on = f.today - 5;
	cr_expect_eq(caseflow_check(&f, CA_RESUME, &in, NULL), CASE_ALLOWED);
}

Test(caseflow, a_fine_comes_from_the_calculator_or_says_why)
{
	struct case_facts f = facts(CS_AWAITING_DECISION);
	struct case_input in;
	struct verr errs;

	in = decision(CO_PENALTY, f.proposed_fine_fen - 100);
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "discretion_reason"));
	in.discretion_reason = "当事人积极整改";
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_ALLOWED);
	f.discretion_fen = CASE_NO_FINE;
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "discretion"));
	/* No fine, nothing to derive. */
	in = decision(CO_PENALTY, 0);
	f.other_penalties = COP_BIT(COP_WARNING);
	cr_expect_eq(caseflow_check(&f, CA_DECIDE, &in, NULL), CASE_ALLOWED);
	/* assess: the service's answer is checked. */
	memset(&in, 0, sizeof(in));
	cr_expect_eq(caseflow_check(&f, CA_ASSESS, &in, NULL), CASE_GUARD);
	in.npicks = 1;
	in.assessed_fen = CASE_ASSESS_NEEDS_INVESTMENT;
	verr_init(&errs);
	cr_expect_eq(caseflow_check(&f, CA_ASSESS, &in, &errs), CASE_GUARD);
	cr_expect_not_null(verr_get(&errs, "investment_fen"));
	in.assessed_fen = 16000000;
	cr_expect_eq(caseflow_check(&f, CA_ASSESS, &in, NULL), CASE_ALLOWED);
}

Test(caseflow, allowed_actions_for_an_officer_investigating)
{
	struct case_facts f = facts(CS_INVESTIGATING);
	uint32_t want;

	f.roles = O;
	f.is_investigator = 1;
	want =
	    (1u << CA_SUBMIT_REPORT) | (1u << CA_SUSPEND) | (1u << CA_ASSESS);
	cr_expect_eq(caseflow_allowed(&f), want);
	f.evidence_count = 0;
	cr_expect_eq(caseflow_allowed(&f),
	    (1u << CA_SUSPEND) | (1u << CA_ASSESS));
	f.roles = AN;
	cr_expect_eq(caseflow_allowed(&f), 0u);
}
