/*
 * perm.c — the role x permission table (domain.md section 1).
 *
 * Reading the table: each permission lists the roles that have it. Admin
 * runs the organisation (users, squads, calendar, rulebook) and does not
 * touch business data; analysts read; legal staff read every case but do
 * not register entities. Changing a row here changes what the role-route
 * matrix test expects, on purpose.
 */
#include <string.h>

#include "perm.h"
#include "util.h"

#define O ROLE_BIT(ROLE_OFFICER)
#define SL ROLE_BIT(ROLE_SQUAD_LEADER)
#define LG ROLE_BIT(ROLE_LEGAL)
#define HD ROLE_BIT(ROLE_HEAD)
#define AN ROLE_BIT(ROLE_ANALYST)
#define AD ROLE_BIT(ROLE_ADMIN)
#define ALL (O | SL | LG | HD | AN | AD)

static const struct {
	const char *name;
	uint32_t roles;
} perm_table[PERM__MAX] = {
	[PERM_PUBLIC] = { "public", ALL },
	[PERM_SIGNED_IN] = { "signed_in", ALL },
	[PERM_ENTITY_READ] = { "entity.read", O | SL | LG | HD | AN },
	[PERM_ENTITY_WRITE] = { "entity.write", O | SL },
	[PERM_ENTITY_IMPORT] = { "entity.import", SL | HD },
	[PERM_USER_READ] = { "user.read", SL | HD | AD },
	[PERM_USER_ADMIN] = { "user.admin", AD },
	[PERM_SQUAD_READ] = { "squad.read", ALL },
	[PERM_SQUAD_ADMIN] = { "squad.admin", AD },
	[PERM_CALENDAR_READ] = { "calendar.read", ALL },
	[PERM_CALENDAR_ADMIN] = { "calendar.admin", AD },
	[PERM_RULEBOOK_READ] = { "rulebook.read", ALL },
	[PERM_RULEBOOK_ADMIN] = { "rulebook.admin", AD },
	[PERM_AUDIT_READ] = { "audit.read", HD | AD },
	[PERM_CASE_READ] = { "case.read", O | SL | LG | HD },
	[PERM_CASE_PROPOSE] = { "case.propose", O | SL },
	/* Which action, on which case, is core/caseflow.c's decision. */
	[PERM_CASE_ACT] = { "case.act", O | SL | LG | HD },
	[PERM_EVIDENCE_WRITE] = { "evidence.write", O | SL | HD },
	/* Work queues: who works them (the cases stay readable by all who
	 * read cases, through the list). */
	[PERM_QUEUE_LEGAL_REVIEW] = { "queue.legal_review", LG },
	[PERM_QUEUE_APPROVALS] = { "queue.approvals", SL | HD },
	/* Management reads the figures; admin runs the system they come
	 * from. */
	[PERM_STATS_READ] = { "stats.read", AN | HD | AD },
	/* Bringing a bureau's history along is the head's decision. */
	[PERM_CASE_IMPORT] = { "case.import", HD },
};

static const struct code_label role_table[ROLE__MAX] = {
	[ROLE_OFFICER] = { "officer", "执法人员" },
	[ROLE_SQUAD_LEADER] = { "squad_leader", "中队长" },
	[ROLE_LEGAL] = { "legal", "法制审核人员" },
	[ROLE_HEAD] = { "head", "局领导" },
	[ROLE_ANALYST] = { "analyst", "统计/管理人员" },
	[ROLE_ADMIN] = { "admin", "系统管理员" },
};

const char *
role_code(enum role r)
{
	return (r < ROLE__MAX ? role_table[r].code : "");
}

const char *
role_label(enum role r)
{
	return (r < ROLE__MAX ? role_table[r].label : "");
}

enum role
role_from_code(const char *code)
{
	return ((enum role)code_label_find(role_table, ROLE__MAX, code));
}

uint32_t
roles_from_pg_array(const char *s)
{
	return (code_mask_from_pg(role_table, ROLE__MAX, s));
}

void
roles_to_pg_array(uint32_t mask, struct buf *out)
{
	code_mask_to_pg(role_table, ROLE__MAX, mask, out);
}

const char *
perm_name(enum perm p)
{
	return (p < PERM__MAX ? perm_table[p].name : "");
}

int
perm_allows(uint32_t mask, enum perm p)
{
	if (p >= PERM__MAX)
		return (0);
	return ((perm_table[p].roles & mask) != 0);
}
