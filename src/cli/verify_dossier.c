/*
 * verify_dossier.c — gsctl verify-dossier: checks an exported case
 * dossier offline, as anyone handed the ZIP can.
 *
 * Never touches the database: a court, a reviewer or the party verifies
 * with the archive and the bureau's published public key alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/gsctl.h"
#include "core/dossier.h"
#include "core/util.h"

/* Printed keys read "ed25519:<hex>"; either form may be pasted back. */
#define KEY_PREFIX "ed25519:"

static int
usage_error(const char *why)
{
	fprintf(stderr,
	    "gsctl: verify-dossier: %s\n"
	    "usage: gsctl verify-dossier FILE [--public-key HEX]\n",
	    why);
	return (2);
}

static int
parse_key(const char *s, uint8_t pk[crypto_sign_PUBLICKEYBYTES])
{
	if (strncmp(s, KEY_PREFIX, strlen(KEY_PREFIX)) == 0)
		s += strlen(KEY_PREFIX);
	return (hex_decode(s, pk, crypto_sign_PUBLICKEYBYTES));
}

int
cmd_verify_dossier(int argc, char **argv)
{
	uint8_t pk[crypto_sign_PUBLICKEYBYTES];
	const char *path;
	enum dossier_verdict r;
	struct buf report;
	int fd, i, pinned;

	path = NULL;
	pinned = 0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--public-key") == 0) {
			if (++i == argc || pinned)
				return (usage_error("--public-key wants one "
				                    "key"));
			if (!parse_key(argv[i], pk))
				return (usage_error("--public-key wants 64 hex "
				                    "digits"));
			pinned = 1;
		} else if (argv[i][0] == '-')
			return (usage_error("unknown option"));
		else if (path == NULL)
			path = argv[i];
		else
			return (usage_error("one FILE only"));
	}
	if (path == NULL)
		return (usage_error("no FILE"));

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		fprintf(stderr, "gsctl: verify-dossier: %s: %s\n", path,
		    strerror(errno));
		return (1);
	}
	buf_init(&report);
	r = dossier_verify(fd, pinned ? pk : NULL, &report);
	(void)close(fd);
	printf("%s: %s\n", r == DOSSIER_OK ? "verified" : "REJECTED",
	    report.data);
	buf_free(&report);
	return (r == DOSSIER_OK ? 0 : 1);
}
