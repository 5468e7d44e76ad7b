/*
 * seed.c — what an empty database gets on its first start.
 *
 * Idempotent: a second run finds the bureau and the users and does
 * nothing, so `make run` can call it every time.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cli/gsctl.h"
#include "core/calendar.h"
#include "core/caseflow.h"
#include "core/entity.h"
#include "core/json.h"
#include "core/password.h"
#include "core/perm.h"
#include "core/uscc.h"
#include "core/user.h"
#include "db/entities.h"
#include "db/imports.h"
#include "db/org.h"

#define DEMO_BUREAU_CODE "demo"
#define DEMO_PREFIX "永环"
#define DEMO_ENTITIES 60
/* The demo bureau's history, brought in as a bureau switching systems
 * would (the legacy import): cases closed over the last year and a bit,
 * so that the statistics and the case list have a past to show. */
#define DEMO_HISTORY_CASES 240

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
create_user(struct db *d, const char *bureau, const struct user_input *in,
    char id[40])
{
	struct db_actor a;
	struct verr errs;
	char hash[PASSWORD_HASH_LEN];

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
	char generated[17], id[40];
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
	if (!create_user(d, bureau, &in, id))
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

/* The demo's people; the head's id into head. */
static int
seed_demo_users(struct db *d, const char *bureau, char squads[4][40],
    const char *pw, char head[40])
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
	char id[40];
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
		if (!create_user(d, bureau, &in, id))
			return (GS_ERROR);
		if (users[i].role == ROLE_HEAD)
			memcpy(head, id, 40);
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

/* Demo entity i (from 0): brand x kind, 60 distinct names. */
struct demo_entity {
	struct entity_input in;
	char uscc[USCC_LEN + 1];
	char name[160];
	char addr[160];
};

static void
demo_entity(int i, struct demo_entity *e)
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

	memset(e, 0, sizeof(*e));
	demo_uscc(i + 1, e->uscc);
	(void)snprintf(e->name, sizeof(e->name), "永安市%s%s", brands[i % 10],
	    kinds[(i / 10) % 6].suffix);
	(void)snprintf(e->addr, sizeof(e->addr), "永安市%s工业区%d号",
	    towns[i % 6], 10 + i);
	e->in.uscc = e->uscc;
	e->in.name = e->name;
	e->in.address = e->addr;
	e->in.township = towns[i % 6];
	e->in.industry = kinds[(i / 10) % 6].industry;
	e->in.category = categories[i % 5];
}

static int
seed_demo_entities(struct db *d, const char *bureau)
{
	struct demo_entity e;
	struct db_actor a;
	struct verr errs;
	char id[40];
	int i;

	a = system_actor(bureau, "entities.seed");
	for (i = 0; i < DEMO_ENTITIES; i++) {
		demo_entity(i, &e);
		verr_init(&errs);
		if (db_entity_create(d, &a, &e.in, &errs, id) != DB_OK) {
			fprintf(stderr, "gsctl: demo entity %s: %s\n", e.name,
			    errs.n ? errs.items[0].message : "database");
			return (GS_ERROR);
		}
	}
	return (GS_OK);
}

/* ---- the demo's history ------------------------------------------------- */

/* The same history on every machine: a fixed linear congruential draw. */
static int
demo_draw(uint32_t *state, int n)
{
	*state = *state * 1103515245u + 12345u;
	return ((int)((*state >> 16) % (uint32_t)n));
}

/* One case of the history: the way the older system kept it. */
struct demo_case {
	gs_date discovered, filed, decided, closed;
	enum case_outcome outcome;
	int64_t fine;
	enum case_state state; /* closed (or archived), not filed, revoked */
};

static void
demo_decision(struct json_writer *w, const struct demo_case *c, uint32_t *rs)
{
	jw_object_begin(w, "decision");
	jw_string(w, "outcome", case_outcome_code(c->outcome));
	jw_date(w, "decided_on", c->decided);
	if (c->outcome == CO_PENALTY)
		jw_int(w, "fine_fen", c->fine);
	if (c->outcome == CO_NO_PENALTY)
		jw_string(w, "no_penalty_reason",
		    case_no_penalty_reason_code((enum case_no_penalty_reason)(
		        CNP_MINOR + demo_draw(rs, CNP__MAX - CNP_MINOR))));
	jw_date(w, "served_on", c->decided + 3);
	jw_object_end(w);
	jw_bool(w, "hearing_held",
	    c->outcome == CO_PENALTY && c->fine >= 20000000 &&
	        demo_draw(rs, 2) == 0);
	jw_bool(w, "legal_review", 1);
	jw_bool(w, "collective_discussion", c->fine >= 30000000);
	if (c->outcome == CO_PENALTY && demo_draw(rs, 10) < 8)
		jw_int(w, "paid_fen", c->fine);
}

/* Measures and transfers of a decided case; the last day they reach. */
static gs_date
demo_measures(struct json_writer *w, const struct demo_case *c, uint32_t *rs)
{
	gs_date last = c->decided + 3;
	int r = demo_draw(rs, 100);

	jw_array_begin(w, "measures");
	if (r < 15) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind", "seizure");
		jw_date(w, "decided_on", c->filed + 1);
		jw_object_end(w);
	} else if (r < 21) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind",
		    r < 18 ? "production_limit" : "production_suspension");
		jw_date(w, "decided_on", c->filed + 3);
		jw_object_end(w);
	}
	if (c->outcome == CO_PENALTY && demo_draw(rs, 25) == 0) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind", "daily_penalty");
		jw_date(w, "decided_on", c->decided + 10);
		jw_int(w, "amount_fen", c->fine * (5 + demo_draw(rs, 6)));
		jw_object_end(w);
		last = c->decided + 10;
	}
	jw_array_end(w);
	jw_array_begin(w, "transfers");
	if (c->outcome == CO_JUDICIAL_TRANSFER) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind", "criminal");
		jw_date(w, "transferred_on", c->filed + 5);
		jw_int(w, "persons_coercive", 1 + demo_draw(rs, 3));
		jw_object_end(w);
	}
	if (c->outcome == CO_PENALTY && demo_draw(rs, 30) == 0) {
		jw_object_begin(w, NULL);
		jw_string(w, "kind", "detention");
		jw_date(w, "transferred_on", c->decided + 5);
		jw_int(w, "persons_detained", 1 + demo_draw(rs, 2));
		jw_object_end(w);
		if (last < c->decided + 5)
			last = c->decided + 5;
	}
	jw_array_end(w);
	return (last);
}

/* Line i of the history, appended to b; its case numbered n of its
 * filing year, 永环立〔year〕n号 as the system itself numbers. */
static void
demo_line(struct buf *b, int i, gs_date today, uint32_t *rs, int *serial)
{
	static const char *const sources[] = { "public_report",
		"online_monitoring", "double_random", "patrol", "assigned",
		"referral", "media", "campaign" };
	static const char *const violations[] = { "超标排放", "无证排污",
		"私设暗管", "非法处置危险废物", "篡改监测数据", "未批先建" };
	struct demo_entity e;
	struct json_writer w;
	struct demo_case c;
	char no[96];
	int y, m, dd, r;

	memset(&c, 0, sizeof(c));
	/* Spread over a year up to the last two months: every case's whole
	 * life (at most ~50 days) lies before today. */
	c.discovered =
	    today - 55 - i * 330 / DEMO_HISTORY_CASES - demo_draw(rs, 10);
	r = demo_draw(rs, 100);
	c.state = r < 5 ? CS_NOT_FILED : r < 10 ? CS_REVOKED : CS_CLOSED;
	c.filed = c.discovered + 2 + demo_draw(rs, 3);
	c.decided = c.filed + 7 + demo_draw(rs, 19);
	r = demo_draw(rs, 100);
	c.outcome = r < 72 ? CO_PENALTY :
	    r < 92         ? CO_NO_PENALTY :
	                     CO_JUDICIAL_TRANSFER;
	c.fine = (int64_t)(20 + demo_draw(rs, 480)) * 100000;
	demo_entity(demo_draw(rs, DEMO_ENTITIES), &e);
	date_to_ymd(c.state == CS_NOT_FILED ? c.discovered : c.filed, &y, &m,
	    &dd);
	(void)snprintf(no, sizeof(no), "%s立〔%d〕%d号", DEMO_PREFIX, y,
	    ++serial[y % 8]);

	jw_init(&w, b);
	jw_object_begin(&w, NULL);
	jw_string(&w, "case_no", no);
	jw_object_begin(&w, "entity");
	jw_string(&w, "uscc", e.in.uscc);
	jw_string(&w, "name", e.in.name);
	jw_string(&w, "township", e.in.township);
	jw_string(&w, "industry", e.in.industry);
	jw_string(&w, "category", e.in.category);
	jw_object_end(&w);
	jw_string(&w, "party_kind", "organisation");
	jw_string(&w, "violation_type", violations[demo_draw(rs, 6)]);
	jw_string(&w, "clue_source", sources[demo_draw(rs, 8)]);
	jw_date(&w, "discovered_on", c.discovered);
	if (c.state == CS_NOT_FILED) {
		jw_null(&w, "filed_on");
		jw_null(&w, "decision");
		c.closed = c.discovered + 3;
		jw_string(&w, "state", case_state_code(CS_NOT_FILED));
	} else if (c.state == CS_REVOKED) {
		jw_date(&w, "filed_on", c.filed);
		jw_null(&w, "decision");
		c.closed = c.filed + 10;
		jw_string(&w, "state", case_state_code(CS_REVOKED));
	} else {
		jw_date(&w, "filed_on", c.filed);
		demo_decision(&w, &c, rs);
		c.closed = demo_measures(&w, &c, rs) + 3 + demo_draw(rs, 8);
		/* Older files are archived, the recent ones only closed. */
		jw_string(&w, "state",
		    case_state_code(
		        c.closed < today - 90 ? CS_ARCHIVED : CS_CLOSED));
	}
	jw_date(&w, "closed_on", c.closed);
	jw_object_end(&w);
	buf_putc(b, '\n');
}

/* Today as the seed sees it: GS_TODAY, or the day in Shanghai. */
static gs_date
seed_today(void)
{
	const char *env = getenv("GS_TODAY");
	gs_date d;

	if (env != NULL && date_parse(env, &d))
		return (d);
	return (date_of_instant_shanghai(time(NULL)));
}

static int
seed_demo_history(struct db *d, const char *bureau, const char *head)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	struct case_import_outcome out;
	struct case_import_req q;
	struct db_actor a;
	struct buf b;
	char sha[crypto_hash_sha256_BYTES * 2 + 1], job[40];
	uint32_t rs = 20261204;
	int serial[8] = { 0 }; /* numbers by year (y % 8): two years at most */
	gs_date today = seed_today();
	enum db_result r;
	int i;

	buf_init(&b);
	for (i = 0; i < DEMO_HISTORY_CASES; i++)
		demo_line(&b, i, today, &rs, serial);
	crypto_hash_sha256(h, (const unsigned char *)b.data, b.len);
	hex_encode(h, sizeof(h), sha);
	a = system_actor(bureau, "cases.seed");
	a.user_id = head;
	a.username = "head1";
	memset(&q, 0, sizeof(q));
	q.actor = &a;
	q.job_id = job;
	q.data = b.data;
	q.len = b.len;
	q.sha256 = sha;
	q.today = today;
	memset(&out, 0, sizeof(out));
	if ((r = db_case_import_start(d, &a, (int64_t)b.len, DEMO_HISTORY_CASES,
	         job)) == DB_OK)
		r = db_case_import_run(d, NULL, &q, &out);
	buf_free(&b);
	/* A refusal is this generator's bug: name the first line it made
	 * wrong. */
	if (r != DB_OK || out.state != CIS_DONE) {
		if (out.errors.n > 0)
			fprintf(stderr, "gsctl: demo history line %zu: %s %s\n",
			    out.errors.items[0].line, out.errors.items[0].field,
			    out.errors.items[0].message);
		else
			fprintf(stderr, "gsctl: the demo history failed\n");
		case_import_outcome_free(&out);
		return (GS_ERROR);
	}
	printf("gsctl: demo history: %" PRId64 " closed cases imported\n",
	    out.imported);
	case_import_outcome_free(&out);
	return (GS_OK);
}

static int
seed_demo(struct db *d, const char *bureau)
{
	char squads[4][40], head[40];
	const char *pw;

	pw = env_or("GS_DEMO_PASSWORD", "greensword-demo");
	if (!seed_squads(d, bureau, squads) ||
	    !seed_demo_users(d, bureau, squads, pw, head) ||
	    !seed_demo_entities(d, bureau) ||
	    !seed_demo_history(d, bureau, head))
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
	char bureau[40], list[128], id[40], *p, *tok;
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
	if (!create_user(d, bureau, &in, id))
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
			        "永安市生态环境局城东分局", DEMO_PREFIX,
			        bureau))
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
