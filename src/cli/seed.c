/*
 * seed.c — what an empty database gets on its first start.
 *
 * Idempotent: a second run finds the bureau and the users and does
 * nothing, so `make run` can call it every time.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "cli/gsctl.h"
#include "core/entity.h"
#include "core/password.h"
#include "core/perm.h"
#include "core/uscc.h"
#include "core/user.h"
#include "db/entities.h"
#include "db/org.h"

#define DEMO_BUREAU_CODE "demo"
#define DEMO_ENTITIES 60

static const char *
env_or(const char *name, const char *fallback)
{
	const char *v;

	v = getenv(name);
	return (v != NULL && *v != '\0' ? v : fallback);
}

static struct db_actor
system_actor(const char *bureau, const char *context)
{
	struct db_actor a;

	a.bureau_id = bureau;
	a.user_id = NULL;
	a.username = "system";
	a.context = context;
	a.request_id = "";
	return (a);
}

int
seed_bureau(struct db *d, const char *code, const char *name,
    const char *doc_prefix, char id[40])
{
	PGresult *res;
	struct db_actor a;
	enum db_result r;

	r = DB_QUERY_ONE(d, SQL_BUREAU_CREATE, &res, code, name, doc_prefix);
	if (r != DB_OK) {
		fprintf(stderr, "gsctl: cannot create bureau %s%s\n", code,
		    r == DB_CONFLICT    ? ": the code is taken" :
		        r == DB_INVALID ? ": code must be 2-32 of a-z 0-9 -" :
		                          "");
		return (GS_ERROR);
	}
	(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);

	a = system_actor(id, "bureau.seed");
	if (db_begin_write(d, &a) != DB_OK)
		return (GS_ERROR);
	if (DB_QUERY(d, SQL_BUREAU_SEED, NULL, id) != DB_OK ||
	    db_commit(d) != DB_OK) {
		db_rollback(d);
		return (GS_ERROR);
	}
	printf("gsctl: bureau %s (%s) created with the default rulebook and "
	       "holiday calendar\n",
	    code, name);
	return (GS_OK);
}

static int
first_bureau(struct db *d, char id[40], int *demo)
{
	PGresult *res;
	int n;

	if (db_query(d, SQL_BUREAU_LIST, &res, 0, NULL) != DB_OK)
		return (-1);
	n = PQntuples(res);
	if (n > 0) {
		(void)snprintf(id, 40, "%s", PQgetvalue(res, 0, 0));
		*demo = strcmp(PQgetvalue(res, 0, 1), DEMO_BUREAU_CODE) == 0;
	}
	PQclear(res);
	return (n);
}

static int
user_count(struct db *d, long long *n)
{
	PGresult *res;

	if (db_query(d, SQL_USER_COUNT_ALL, &res, 0, NULL) != DB_OK)
		return (GS_ERROR);
	*n = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return (GS_OK);
}

static int
create_user(struct db *d, const char *bureau, const struct user_input *in)
{
	struct db_actor a;
	struct verr errs;
	char hash[PASSWORD_HASH_LEN], id[40];

	if (!password_hash(in->password, hash))
		return (GS_ERROR);
	a = system_actor(bureau, "users.seed");
	verr_init(&errs);
	if (db_user_create(d, &a, in, hash, &errs, id) != DB_OK) {
		fprintf(stderr, "gsctl: cannot create user %s: %s\n",
		    in->username, errs.n ? errs.items[0].message : "database");
		return (GS_ERROR);
	}
	return (GS_OK);
}

static void
random_password(char *out, size_t len)
{
	static const char alphabet[] =
	    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t i;

	for (i = 0; i + 1 < len; i++)
		out[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
	out[len - 1] = '\0';
}

static int
seed_admin(struct db *d, const char *bureau)
{
	struct user_input in;
	char generated[17];
	const char *pw;

	pw = getenv("GS_ADMIN_PASSWORD");
	if (pw == NULL || *pw == '\0') {
		random_password(generated, sizeof(generated));
		pw = generated;
	}
	memset(&in, 0, sizeof(in));
	in.username = "admin";
	in.display_name = "系统管理员";
	in.password = pw;
	in.roles = ROLE_BIT(ROLE_ADMIN);
	if (!create_user(d, bureau, &in))
		return (GS_ERROR);
	if (pw == generated)
		printf("gsctl: created user admin with password %s — shown "
		       "only now; change it after signing in\n",
		    pw);
	else
		printf("gsctl: created user admin with GS_ADMIN_PASSWORD\n");
	return (GS_OK);
}

static int
seed_squads(struct db *d, const char *bureau, char ids[4][40])
{
	static const char *const names[4] = {
		"一中队",
		"二中队",
		"三中队",
		"四中队",
	};
	struct db_actor a;
	struct verr errs;
	int i;

	a = system_actor(bureau, "squads.seed");
	for (i = 0; i < 4; i++) {
		verr_init(&errs);
		if (db_squad_create(d, &a, names[i], &errs, ids[i]) != DB_OK)
			return (GS_ERROR);
	}
	return (GS_OK);
}

static int
seed_demo_users(struct db *d, const char *bureau, char squads[4][40],
    const char *pw)
{
	static const struct {
		const char *username;
		const char *name;
		enum role role;
		int squad; /* -1: none */
		const char *cert;
	} users[] = {
		{ "officer1", "张伟", ROLE_OFFICER, 0, "33078401001" },
		{ "officer2", "李娜", ROLE_OFFICER, 0, "33078401002" },
		{ "officer3", "王强", ROLE_OFFICER, 1, "33078401003" },
		{ "officer4", "周敏", ROLE_OFFICER, 1, "33078401004" },
		{ "leader1", "陈明", ROLE_SQUAD_LEADER, 0, "33078401010" },
		{ "legal1", "刘洋", ROLE_LEGAL, -1, NULL },
		{ "head1", "赵国平", ROLE_HEAD, -1, NULL },
		{ "analyst1", "孙丽", ROLE_ANALYST, -1, NULL },
	};
	struct user_input in;
	size_t i;

	for (i = 0; i < GS_NELEM(users); i++) {
		memset(&in, 0, sizeof(in));
		in.username = users[i].username;
		in.display_name = users[i].name;
		in.password = pw;
		in.roles = ROLE_BIT(users[i].role);
		in.squad_id =
		    users[i].squad >= 0 ? squads[users[i].squad] : NULL;
		in.cert_no = users[i].cert;
		in.cert_valid_until = users[i].cert ? "2028-12-31" : NULL;
		if (!create_user(d, bureau, &in))
			return (GS_ERROR);
	}
	return (GS_OK);
}

/* A well-formed USCC for demo entity i: 91330784MA2 + 6 code characters. */
static void
demo_uscc(int i, char out[USCC_LEN + 1])
{
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	int k;

	memcpy(out, "91330784MA2", 11);
	for (k = 16; k >= 11; k--) {
		out[k] = alphabet[i % 31];
		i /= 31;
	}
	out[17] = uscc_check_char(out);
	out[18] = '\0';
}

static int
seed_demo_entities(struct db *d, const char *bureau)
{
	static const char *const towns[] = {
		"东城街道",
		"西城街道",
		"江南街道",
		"石柱镇",
		"古山镇",
		"芝英镇",
	};
	static const char *const brands[] = {
		"华鑫",
		"恒达",
		"金源",
		"宏盛",
		"东方",
		"新峰",
		"瑞丰",
		"天成",
		"佳美",
		"永盛",
	};
	static const struct {
		const char *industry;
		const char *suffix;
	} kinds[] = {
		{ "金属制品", "五金制品有限公司" },
		{ "电镀", "表面处理有限公司" },
		{ "化学原料和化学制品制造", "化工有限公司" },
		{ "纺织印染", "印染有限公司" },
		{ "食品制造", "食品有限公司" },
		{ "污水处理", "水务有限公司" },
	};
	static const char *const categories[] = { "general", "general", "key",
		"general", "special" };
	struct entity_input in;
	struct db_actor a;
	struct verr errs;
	char uscc[USCC_LEN + 1], name[160], addr[160], id[40];
	int i;

	a = system_actor(bureau, "entities.seed");
	for (i = 0; i < DEMO_ENTITIES; i++) {
		memset(&in, 0, sizeof(in));
		demo_uscc(i + 1, uscc);
		/* Brand x kind: 60 distinct names. */
		(void)snprintf(name, sizeof(name), "永安市%s%s", brands[i % 10],
		    kinds[(i / 10) % 6].suffix);
		(void)snprintf(addr, sizeof(addr), "永安市%s工业区%d号",
		    towns[i % 6], 10 + i);
		in.uscc = uscc;
		in.name = name;
		in.address = addr;
		in.township = towns[i % 6];
		in.industry = kinds[(i / 10) % 6].industry;
		in.category = categories[i % 5];
		verr_init(&errs);
		if (db_entity_create(d, &a, &in, &errs, id) != DB_OK) {
			fprintf(stderr, "gsctl: demo entity %s: %s\n", name,
			    errs.n ? errs.items[0].message : "database");
			return (GS_ERROR);
		}
	}
	return (GS_OK);
}

static int
seed_demo(struct db *d, const char *bureau)
{
	char squads[4][40];
	const char *pw;

	pw = env_or("GS_DEMO_PASSWORD", "greensword-demo");
	if (!seed_squads(d, bureau, squads) ||
	    !seed_demo_users(d, bureau, squads, pw) ||
	    !seed_demo_entities(d, bureau))
		return (GS_ERROR);
	printf("gsctl: demo bureau seeded: 4 squads, 8 users, %d entities\n",
	    DEMO_ENTITIES);
	return (GS_OK);
}

static void
print_demo_signins(void)
{
	printf("\n  演示账号 demo sign-ins (password: %s)\n"
	       "    officer1 … officer4  执法人员 officer\n"
	       "    leader1              中队长 squad_leader\n"
	       "    legal1               法制审核 legal\n"
	       "    head1                局领导 head\n"
	       "    analyst1             统计 analyst\n"
	       "    admin                系统管理员 admin (its own password: "
	       "GS_ADMIN_PASSWORD, or the one printed on the first start)\n\n",
	    env_or("GS_DEMO_PASSWORD", "greensword-demo"));
}

int
seed_user(struct db *d, const char *bureau_code, const char *username,
    const char *display_name, const char *roles, const char *password,
    const char *cert_no, const char *cert_valid_until)
{
	struct user_input in;
	PGresult *res;
	char bureau[40], list[128], *p, *tok;
	enum role r;

	if (DB_QUERY_ONE(d, SQL_BUREAU_BY_CODE, &res, bureau_code) != DB_OK) {
		fprintf(stderr, "gsctl: no bureau with code %s\n", bureau_code);
		return (GS_ERROR);
	}
	(void)snprintf(bureau, sizeof(bureau), "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	memset(&in, 0, sizeof(in));
	in.username = username;
	in.display_name = display_name;
	in.password = password;
	in.cert_no = cert_no;
	in.cert_valid_until = cert_valid_until;
	(void)snprintf(list, sizeof(list), "%s", roles);
	for (p = list; (tok = strsep(&p, ",")) != NULL;) {
		if ((r = role_from_code(tok)) == ROLE__MAX) {
			fprintf(stderr, "gsctl: unknown role %s\n", tok);
			return (GS_ERROR);
		}
		in.roles |= ROLE_BIT(r);
	}
	if (!create_user(d, bureau, &in))
		return (GS_ERROR);
	printf("gsctl: created user %s in bureau %s\n", username, bureau_code);
	return (GS_OK);
}

int
seed_run(struct db *d)
{
	char bureau[40];
	long long users;
	int n, demo, want_demo, fresh;

	want_demo = strcmp(env_or("GS_DEMO", "0"), "1") == 0;
	demo = 0;
	if ((n = first_bureau(d, bureau, &demo)) < 0)
		return (GS_ERROR);
	if (n == 0) {
		if (want_demo) {
			if (!seed_bureau(d, DEMO_BUREAU_CODE,
			        "永安市生态环境局城东分局", "永环", bureau))
				return (GS_ERROR);
			demo = 1;
		} else if (!seed_bureau(d, env_or("GS_BUREAU_CODE", "main"),
		               env_or("GS_BUREAU_NAME", "生态环境分局"),
		               env_or("GS_BUREAU_PREFIX", "环"), bureau))
			return (GS_ERROR);
	}
	if (!user_count(d, &users))
		return (GS_ERROR);
	fresh = users == 0;
	if (fresh && !seed_admin(d, bureau))
		return (GS_ERROR);
	if (want_demo && demo && fresh && !seed_demo(d, bureau))
		return (GS_ERROR);
	if (want_demo && demo)
		print_demo_signins();
	return (GS_OK);
}
