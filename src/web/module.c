/*
 * module.c — greensword as a Kore module: start-up in the parent (settings,
 * listener, templates, assets, schema check) and in each worker (the
 * database pool, the seccomp additions).
 *
 * Everything that can be wrong with the installation is found here, before
 * a worker starts: a template that does not compile, a schema that is not
 * migrated, a missing setting. Each stops start-up with a message that
 * says what to do.
 */
#include <sys/stat.h>

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kore/seccomp.h>
#include <sodium.h>

#include "core/log.h"
#include "db/migrate.h"
#include "web/assets.h"
#include "web/web.h"

/*
 * Syscalls beyond Kore's defaults: stat-family calls made by fopen and
 * friends on glibc 2.36, mremap (glibc's realloc of large blocks, e.g. a
 * big import), what saving uploads needs, and what Kore tasks (threads)
 * need. clone3 must fail with ENOSYS so that glibc falls back to clone,
 * which Kore's task filter allows.
 */
// clang-format off
KORE_SECCOMP_FILTER("greensword",
    KORE_SYSCALL_ALLOW(newfstatat),
    KORE_SYSCALL_ALLOW(mremap),
    KORE_SYSCALL_ALLOW(fsync),
    KORE_SYSCALL_ALLOW(fdatasync),
    KORE_SYSCALL_ALLOW(rename),
    KORE_SYSCALL_ALLOW(renameat),
    KORE_SYSCALL_ALLOW(unlinkat),
    KORE_SYSCALL_ALLOW(mkdir),
    KORE_SYSCALL_ALLOW(getrandom),
    KORE_SYSCALL_ALLOW(rseq),
    KORE_SYSCALL_ALLOW(set_robust_list),
    KORE_SYSCALL_ALLOW(sched_getaffinity),
    KORE_SYSCALL_DENY(clone3, ENOSYS))
// clang-format on

void kore_parent_configure(int, char **);
void kore_worker_configure(void);

struct web_settings web_settings;
struct tmpl_set *web_templates;

static const char *
env_or(const char *name, const char *fallback)
{
	const char *v;

	v = getenv(name);
	return (v != NULL && *v != '\0' ? v : fallback);
}

static int
env_int(const char *name, int fallback, int min, int max)
{
	const char *v;
	int64_t n;

	v = getenv(name);
	if (v == NULL || *v == '\0')
		return (fallback);
	if (!parse_int64(v, &n) || n < min || n > max)
		fatal("%s must be an integer from %d to %d", name, min, max);
	return ((int)n);
}

/*
 * libpq inside a worker's seccomp sandbox must not probe GSSAPI; append
 * gssencmode=disable in whichever conninfo form we were given.
 */
static char *
conninfo_for_workers(const char *url)
{
	struct buf b;

	buf_init(&b);
	buf_puts(&b, url);
	if (strstr(url, "gssencmode") == NULL) {
		if (strncmp(url, "postgres://", 11) == 0 ||
		    strncmp(url, "postgresql://", 13) == 0)
			buf_puts(&b, strchr(url, '?') ? "&" : "?");
		else
			buf_putc(&b, ' ');
		buf_puts(&b, "gssencmode=disable");
	}
	return (buf_release(&b, NULL));
}

static void
settings_load(void)
{
	const char *url;

	url = getenv("GS_DB_URL");
	if (url == NULL || *url == '\0')
		fatal("GS_DB_URL is not set: start greensword with `make run` "
		      "or set GS_DB_URL to a libpq connection string");
	web_settings.db_url = conninfo_for_workers(url);
	web_settings.var_dir = env_or("GS_VAR_DIR", "var");
	web_settings.root = env_or("GS_ROOT", ".");
	web_settings.secure_cookies = env_int("GS_SECURE_COOKIES", 0, 0, 1);
	web_settings.trust_proxy = env_int("GS_TRUST_PROXY", 0, 0, 1);
	web_settings.session_idle_minutes =
	    env_int("GS_SESSION_IDLE_MINUTES", 30, 1, 24 * 60);
	web_settings.session_absolute_hours =
	    env_int("GS_SESSION_ABSOLUTE_HOURS", 12, 1, 24 * 30);
	web_settings.login_max_failures =
	    env_int("GS_LOGIN_MAX_FAILURES", 5, 1, 1000);
	web_settings.login_max_failures_addr =
	    env_int("GS_LOGIN_MAX_FAILURES_ADDR", 50, 1, 100000);
	web_settings.login_lock_minutes =
	    env_int("GS_LOGIN_LOCK_MINUTES", 15, 1, 24 * 60);
	web_settings.json_body_max = 1024 * 1024;
	web_settings.import_body_max =
	    (size_t)env_int("GS_IMPORT_MAX_MIB", 32, 1, 1024) * 1024 * 1024;
	/* Kore's http_body_max (conf) is the ceiling: 200 MiB. */
	web_settings.evidence_body_max =
	    (size_t)env_int("GS_EVIDENCE_MAX_MIB", 200, 1, 200) * 1024 * 1024;
	web_settings.case_import_body_max =
	    (size_t)env_int("GS_CASE_IMPORT_MAX_MIB", 200, 1, 200) * 1024 *
	    1024;
	web_settings.today = getenv("GS_TODAY");
	if (web_settings.today != NULL && *web_settings.today == '\0')
		web_settings.today = NULL;
}

static void
bind_listener(void)
{
	struct kore_server *srv;
	const char *port;

	if ((srv = kore_server_lookup("default")) == NULL)
		fatal("conf: no server named default");
	if (!LIST_EMPTY(&srv->listeners) && getenv("GS_HTTP_PORT") == NULL)
		return;
	port = env_or("GS_HTTP_PORT", "8888");
	if (!kore_server_bind(srv, "127.0.0.1", port, NULL))
		fatal("cannot listen on 127.0.0.1:%s (is another greensword "
		      "running? set GS_HTTP_PORT)",
		    port);
	kore_log(LOG_NOTICE, "greensword listening on http://127.0.0.1:%s/",
	    port);
}

static void
make_dir(const char *sub)
{
	struct buf path;

	buf_init(&path);
	buf_printf(&path, "%s/%s", web_settings.var_dir, sub);
	if (mkdir(path.data, 0700) == -1 && errno != EEXIST)
		fatal("cannot create %s: %s", path.data, strerror(errno));
	buf_free(&path);
}

static void
templates_load(void)
{
	struct buf dir, err;

	buf_init(&dir);
	buf_init(&err);
	buf_printf(&dir, "%s/templates", web_settings.root);
	web_templates = tmpl_set_load(dir.data, &err);
	if (web_templates == NULL)
		fatal("template error: %s", err.data ? err.data : "unknown");
	buf_free(&dir);
	buf_free(&err);
}

/* The schema must be exactly what migrations/ describes. */
static void
schema_check(void)
{
	struct db d;
	struct buf dir;
	PGconn *conn;
	int ok;

	if ((conn = db_connect(web_settings.db_url)) == NULL)
		fatal("cannot connect to PostgreSQL (GS_DB_URL)");
	memset(&d, 0, sizeof(d));
	db_attach(&d, conn);
	buf_init(&dir);
	buf_printf(&dir, "%s/migrations", web_settings.root);
	ok = migrate_check(&d, dir.data);
	PQfinish(conn);
	buf_free(&dir);
	if (!ok)
		fatal("the database schema does not match migrations/: run "
		      "`build/gsctl migrate` (make run does)");
}

void
kore_parent_configure(int argc, char **argv)
{
	struct buf tmp;

	(void)argc;
	(void)argv;

	if (sodium_init() < 0)
		fatal("libsodium failed to initialise");
	settings_load();
	if (web_settings.today != NULL)
		kore_log(LOG_WARNING,
		    "GS_TODAY=%s: every \"today\" of the "
		    "rules is this date (demo/test mode)",
		    web_settings.today);
	make_dir("");
	make_dir("tmp");
	make_dir("evidence");
	buf_init(&tmp);
	buf_printf(&tmp, "%s/tmp", web_settings.var_dir);
	http_body_disk_path = kore_strdup(tmp.data);
	buf_free(&tmp);
	templates_load();
	assets_load(web_settings.root);
	schema_check();
	bind_listener();
}

/*
 * Opens the worker's first connection now, not in its first request: a
 * connection costs a backend fork and SCRAM authentication, and a
 * synchronous worker that pays for it inside a request also keeps every
 * other client of that worker (and the accept lock) waiting.
 */
static void
db_preconnect(void)
{
	struct kore_pgsql sql;

	kore_pgsql_init(&sql);
	if (!kore_pgsql_setup(&sql, "db", KORE_PGSQL_SYNC))
		kore_log(LOG_WARNING, "cannot connect to PostgreSQL yet: %s",
		    sql.error ? sql.error : "unknown");
	kore_pgsql_cleanup(&sql);
}

void
kore_worker_configure(void)
{
	/*
	 * A page of the registry is a few hundred KiB of buffers that grow
	 * and are freed on every request. Above glibc's default threshold
	 * each of them is an mmap, a run of page faults and an munmap whose
	 * TLB shootdown interrupts the other core: under load that was a
	 * third of a worker's time (perf, docs/architecture.md). Keep them
	 * on the heap, and keep the freed heap.
	 */
	if (mallopt(M_MMAP_THRESHOLD, 16 * 1024 * 1024) != 1 ||
	    mallopt(M_TRIM_THRESHOLD, 32 * 1024 * 1024) != 1)
		kore_log(LOG_WARNING, "mallopt failed; keeping glibc defaults");
	if (!kore_pgsql_register("db", web_settings.db_url))
		fatal("cannot register the database");
	db_preconnect();
}
