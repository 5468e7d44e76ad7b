/*
 * test_perm.c — the role x permission table of domain.md section 1,
 * written out here cell by cell so that a changed row in perm.c shows up
 * as a failing test rather than a silent change of who may do what.
 */
#include <string.h>

#include "unit.h"
#include "core/perm.h"

GS_SUITE(perm);

/*
 * Columns: officer, squad_leader, legal, head, analyst, admin.
 * Rows: every permission, in enum order.
 */
static const struct {
	enum perm p;
	const char *name;
	int allows[ROLE__MAX];
} expected[] = {
	{ PERM_PUBLIC, "public", { 1, 1, 1, 1, 1, 1 } },
	{ PERM_SIGNED_IN, "signed_in", { 1, 1, 1, 1, 1, 1 } },
	{ PERM_ENTITY_READ, "entity.read", { 1, 1, 1, 1, 1, 0 } },
	{ PERM_ENTITY_WRITE, "entity.write", { 1, 1, 0, 0, 0, 0 } },
	{ PERM_ENTITY_IMPORT, "entity.import", { 0, 1, 0, 1, 0, 0 } },
	{ PERM_USER_READ, "user.read", { 0, 1, 0, 1, 0, 1 } },
	{ PERM_USER_ADMIN, "user.admin", { 0, 0, 0, 0, 0, 1 } },
	{ PERM_SQUAD_READ, "squad.read", { 1, 1, 1, 1, 1, 1 } },
	{ PERM_SQUAD_ADMIN, "squad.admin", { 0, 0, 0, 0, 0, 1 } },
	{ PERM_CALENDAR_READ, "calendar.read", { 1, 1, 1, 1, 1, 1 } },
	{ PERM_CALENDAR_ADMIN, "calendar.admin", { 0, 0, 0, 0, 0, 1 } },
	{ PERM_RULEBOOK_READ, "rulebook.read", { 1, 1, 1, 1, 1, 1 } },
	{ PERM_RULEBOOK_ADMIN, "rulebook.admin", { 0, 0, 0, 0, 0, 1 } },
	{ PERM_AUDIT_READ, "audit.read", { 0, 0, 0, 1, 0, 1 } },
	{ PERM_CASE_READ, "case.read", { 1, 1, 1, 1, 0, 0 } },
	{ PERM_CASE_PROPOSE, "case.propose", { 1, 1, 0, 0, 0, 0 } },
	{ PERM_CASE_ACT, "case.act", { 1, 1, 1, 1, 0, 0 } },
	{ PERM_EVIDENCE_WRITE, "evidence.write", { 1, 1, 0, 1, 0, 0 } },
	{ PERM_QUEUE_LEGAL_REVIEW, "queue.legal_review", { 0, 0, 1, 0, 0, 0 } },
	{ PERM_QUEUE_APPROVALS, "queue.approvals", { 0, 1, 0, 1, 0, 0 } },
	{ PERM_STATS_READ, "stats.read", { 0, 0, 0, 1, 1, 1 } },
	{ PERM_CASE_IMPORT, "case.import", { 0, 0, 0, 1, 0, 0 } },
};

Test(perm, whole_table_cell_by_cell)
{
	size_t i;
	int r;

	cr_assert_eq(sizeof(expected) / sizeof(expected[0]), PERM__MAX);
	for (i = 0; i < sizeof(expected) / sizeof(expected[0]); i++) {
		cr_assert_eq(expected[i].p, (enum perm)i);
		cr_assert_str_eq(perm_name(expected[i].p), expected[i].name);
		for (r = 0; r < ROLE__MAX; r++) {
			cr_assert_eq(perm_allows(ROLE_BIT(r), expected[i].p),
			    expected[i].allows[r], "%s for %s", role_code(r),
			    expected[i].name);
		}
	}
}

Test(perm, officer_writes_entities_but_does_not_import_or_administer)
{
	uint32_t o = ROLE_BIT(ROLE_OFFICER);

	cr_assert(perm_allows(o, PERM_ENTITY_READ));
	cr_assert(perm_allows(o, PERM_ENTITY_WRITE));
	cr_assert_not(perm_allows(o, PERM_ENTITY_IMPORT));
	cr_assert_not(perm_allows(o, PERM_USER_ADMIN));
	cr_assert_not(perm_allows(o, PERM_USER_READ));
	cr_assert_not(perm_allows(o, PERM_AUDIT_READ));
}

Test(perm, squad_leader_imports)
{
	cr_assert(perm_allows(ROLE_BIT(ROLE_SQUAD_LEADER), PERM_ENTITY_IMPORT));
	cr_assert(perm_allows(ROLE_BIT(ROLE_SQUAD_LEADER), PERM_ENTITY_WRITE));
	cr_assert_not(
	    perm_allows(ROLE_BIT(ROLE_SQUAD_LEADER), PERM_SQUAD_ADMIN));
}

Test(perm, legal_reads_entities_but_cannot_write)
{
	cr_assert(perm_allows(ROLE_BIT(ROLE_LEGAL), PERM_ENTITY_READ));
	cr_assert_not(perm_allows(ROLE_BIT(ROLE_LEGAL), PERM_ENTITY_WRITE));
	cr_assert_not(perm_allows(ROLE_BIT(ROLE_LEGAL), PERM_ENTITY_IMPORT));
}

Test(perm, analyst_only_reads)
{
	uint32_t an = ROLE_BIT(ROLE_ANALYST);

	cr_assert(perm_allows(an, PERM_ENTITY_READ));
	cr_assert_not(perm_allows(an, PERM_ENTITY_WRITE));
	cr_assert_not(perm_allows(an, PERM_ENTITY_IMPORT));
	cr_assert_not(perm_allows(an, PERM_USER_READ));
	cr_assert_not(perm_allows(an, PERM_USER_ADMIN));
	cr_assert_not(perm_allows(an, PERM_SQUAD_ADMIN));
	cr_assert_not(perm_allows(an, PERM_CALENDAR_ADMIN));
	cr_assert_not(perm_allows(an, PERM_RULEBOOK_ADMIN));
	cr_assert_not(perm_allows(an, PERM_AUDIT_READ));
}

Test(perm, admin_runs_the_organisation_but_cannot_read_entities)
{
	uint32_t ad = ROLE_BIT(ROLE_ADMIN);

	cr_assert(perm_allows(ad, PERM_USER_ADMIN));
	cr_assert(perm_allows(ad, PERM_SQUAD_ADMIN));
	cr_assert(perm_allows(ad, PERM_CALENDAR_ADMIN));
	cr_assert(perm_allows(ad, PERM_RULEBOOK_ADMIN));
	cr_assert_not(perm_allows(ad, PERM_ENTITY_READ));
	cr_assert_not(perm_allows(ad, PERM_ENTITY_WRITE));
	cr_assert_not(perm_allows(ad, PERM_ENTITY_IMPORT));
}

Test(perm, head_imports_and_reads_audit)
{
	uint32_t hd = ROLE_BIT(ROLE_HEAD);

	cr_assert(perm_allows(hd, PERM_ENTITY_IMPORT));
	cr_assert(perm_allows(hd, PERM_AUDIT_READ));
	cr_assert(perm_allows(hd, PERM_ENTITY_READ));
	cr_assert_not(perm_allows(hd, PERM_ENTITY_WRITE));
	cr_assert_not(perm_allows(hd, PERM_USER_ADMIN));
}

Test(perm, several_roles_add_up)
{
	uint32_t mask = ROLE_BIT(ROLE_ADMIN) | ROLE_BIT(ROLE_ANALYST);

	/* admin alone cannot read entities; analyst brings it. */
	cr_assert(perm_allows(mask, PERM_ENTITY_READ));
	cr_assert(perm_allows(mask, PERM_USER_ADMIN));
	cr_assert_not(perm_allows(mask, PERM_ENTITY_WRITE));
}

Test(perm, no_roles_and_unknown_permission_allow_nothing)
{
	int p;

	for (p = 0; p < PERM__MAX; p++)
		cr_assert_not(perm_allows(0, (enum perm)p), "%d", p);
	cr_assert_not(perm_allows(0x3f, PERM__MAX));
	cr_assert_not(perm_allows(0xffffffffu, (enum perm)99));
	/* Bits beyond the last role do not stand for anyone. */
	cr_assert_not(perm_allows(ROLE_BIT(ROLE__MAX), PERM_PUBLIC));
	cr_assert_str_eq(perm_name(PERM__MAX), "");
}

Test(perm, role_codes_and_labels)
{
	cr_assert_str_eq(role_code(ROLE_OFFICER), "officer");
	cr_assert_str_eq(role_code(ROLE_SQUAD_LEADER), "squad_leader");
	cr_assert_str_eq(role_code(ROLE_LEGAL), "legal");
	cr_assert_str_eq(role_code(ROLE_HEAD), "head");
	cr_assert_str_eq(role_code(ROLE_ANALYST), "analyst");
	cr_assert_str_eq(role_code(ROLE_ADMIN), "admin");
	cr_assert_str_eq(role_label(ROLE_OFFICER), "执法人员");
	cr_assert_str_eq(role_label(ROLE_SQUAD_LEADER), "中队长");
	cr_assert_str_eq(role_label(ROLE_LEGAL), "法制审核人员");
	cr_assert_str_eq(role_label(ROLE_HEAD), "局领导");
	cr_assert_str_eq(role_label(ROLE_ANALYST), "统计/管理人员");
	cr_assert_str_eq(role_label(ROLE_ADMIN), "系统管理员");
	cr_assert_str_eq(role_code(ROLE__MAX), "");
	cr_assert_str_eq(role_label(ROLE__MAX), "");
}

Test(perm, role_from_code_round_trip)
{
	int r;

	for (r = 0; r < ROLE__MAX; r++)
		cr_assert_eq(role_from_code(role_code((enum role)r)),
		    (enum role)r);
}

Test(perm, unknown_role_codes)
{
	cr_assert_eq(role_from_code(""), ROLE__MAX);
	cr_assert_eq(role_from_code("Officer"), ROLE__MAX);
	cr_assert_eq(role_from_code("officer "), ROLE__MAX);
	cr_assert_eq(role_from_code("squad-leader"), ROLE__MAX);
	cr_assert_eq(role_from_code("root"), ROLE__MAX);
	cr_assert_eq(role_from_code("执法人员"), ROLE__MAX);
}

Test(perm, roles_from_pg_array_reads_postgres_output)
{
	cr_assert_eq(roles_from_pg_array("{officer,head}"),
	    ROLE_BIT(ROLE_OFFICER) | ROLE_BIT(ROLE_HEAD));
	cr_assert_eq(roles_from_pg_array("{admin}"), ROLE_BIT(ROLE_ADMIN));
	cr_assert_eq(roles_from_pg_array(
	                 "{officer,squad_leader,legal,head,analyst,admin}"),
	    0x3fu);
	cr_assert_eq(roles_from_pg_array("{}"), 0u);
	cr_assert_eq(roles_from_pg_array(""), 0u);
	/* Repeated names are the same bit. */
	cr_assert_eq(roles_from_pg_array("{legal,legal}"),
	    ROLE_BIT(ROLE_LEGAL));
	/* Without braces the names are still read. */
	cr_assert_eq(roles_from_pg_array("analyst"), ROLE_BIT(ROLE_ANALYST));
}

Test(perm, roles_from_pg_array_ignores_unknown_names)
{
	cr_assert_eq(roles_from_pg_array("{root,officer}"),
	    ROLE_BIT(ROLE_OFFICER));
	cr_assert_eq(roles_from_pg_array("{officer,,head}"),
	    ROLE_BIT(ROLE_OFFICER) | ROLE_BIT(ROLE_HEAD));
	cr_assert_eq(roles_from_pg_array("{Officer,HEAD}"), 0u);
	/* A space is part of the name: " head" is not a role. */
	cr_assert_eq(roles_from_pg_array("{officer, head}"),
	    ROLE_BIT(ROLE_OFFICER));
	/* A name too long for the 32-byte buffer is skipped, not cut. */
	cr_assert_eq(roles_from_pg_array("{officerofficerofficerofficerofficer,"
	                                 "admin}"),
	    ROLE_BIT(ROLE_ADMIN));
	/* Nothing after the closing brace is read. */
	cr_assert_eq(roles_from_pg_array("{legal}admin"), ROLE_BIT(ROLE_LEGAL));
}

/*
 * PostgreSQL quotes an array element only when it must (empty, NULL,
 * spaces, commas, braces, quotes, backslashes). The role codes need none
 * of that and app_user.roles is CHECKed to hold only them, so the database
 * never sends "{\"officer\"}". Were it to, the quotes stay part of the name,
 * the name is unknown and the user gets no role at all: it fails closed.
 */
Test(perm, roles_from_pg_array_does_not_unquote)
{
	cr_assert_eq(roles_from_pg_array("{\"officer\"}"), 0u);
	cr_assert_eq(roles_from_pg_array("{\"officer\",head}"),
	    ROLE_BIT(ROLE_HEAD));
	cr_assert_eq(roles_from_pg_array("{NULL}"), 0u);
}
