/*
 * dossier.h — the case dossier (案卷) export: a stored ZIP archive of the
 * rendered documents and the evidence files, with a manifest.json that
 * lists every file's size and SHA-256 and a manifest.sig that carries the
 * bureau's Ed25519 signature of the manifest's exact bytes. The format is
 * described for outsiders in docs/dossier-format.md.
 *
 * The writer streams: each file is hashed and written as it comes, in
 * constant memory, and the manifest is written last. The verifier needs
 * nothing but the archive (and, to mean anything, the bureau's published
 * public key): no database, no network.
 *
 * sodium_init() has been called by the process before any of these run.
 */
#ifndef GS_CORE_DOSSIER_H
#define GS_CORE_DOSSIER_H

#include <stddef.h>
#include <stdint.h>

#include <sodium.h>

#include "core/util.h"
#include "core/zip.h"

#define DOSSIER_FORMAT "gs-dossier-v1"
#define DOSSIER_MANIFEST "manifest.json"
#define DOSSIER_SIGNATURE "manifest.sig"

/* What the manifest says of the case; every field required, UTF-8. */
struct dossier_meta {
	const char *case_id;      /* the case's UUID */
	const char *case_no;      /* 永环罚〔2026〕12号 */
	const char *bureau;       /* the bureau's name */
	const char *generated_at; /* ISO 8601, e.g. 2026-03-01T10:00:00+08:00 */
};

struct dossier_file;

struct dossier_writer {
	struct zip_writer zip;
	char *meta[4]; /* copies of case_id, case_no, bureau, generated_at */
	struct dossier_file *files;
	size_t n, cap;
	int in_file;
	crypto_hash_sha256_state sha;
	char error[200];
};

/*
 * Starts a dossier on fd (never closed by the writer). GS_ERROR when a
 * meta field is missing or not UTF-8 text; dossier_writer_free is needed
 * either way.
 */
int dossier_begin(struct dossier_writer *, int fd, const struct dossier_meta *);
/*
 * Starts a file at path inside the archive (zip_name_valid, unique, not
 * manifest.json or manifest.sig), e.g. "证据/E-001 现场照片.jpg".
 */
int dossier_file_begin(struct dossier_writer *, const char *path);
int dossier_file_write(struct dossier_writer *, const void *, size_t);
int dossier_file_end(struct dossier_writer *);
/*
 * Writes manifest.json, its signature manifest.sig and the central
 * directory. sk and pk are one Ed25519 key pair (libsodium's 64-byte
 * secret key); a pair that does not match is refused, since its dossier
 * could never verify. The dossier is complete only on GS_OK.
 */
int dossier_finish(struct dossier_writer *, const uint8_t sk[64],
    const uint8_t pk[32]);
/*
 * Frees the writer. After a failure, the fd holds a partial archive that
 * the caller must discard.
 */
void dossier_writer_free(struct dossier_writer *);

/*
 * Every failure of the writer is sticky, logged by nobody: the first
 * reason (English) is in w->error, and every later call fails.
 */

enum dossier_verdict {
	DOSSIER_OK,
	DOSSIER_MALFORMED_ZIP,    /* not a ZIP we accept, or a bad CRC-32 */
	DOSSIER_MANIFEST_MISSING, /* no manifest.json or no manifest.sig */
	DOSSIER_MANIFEST_BAD,     /* not the gs-dossier-v1 manifest */
	DOSSIER_SIGNATURE_INVALID,
	DOSSIER_KEY_MISMATCH,  /* signed by another key than the pinned one */
	DOSSIER_FILE_MISSING,  /* listed, not in the archive */
	DOSSIER_FILE_UNLISTED, /* in the archive, not listed */
	DOSSIER_FILE_MISMATCH, /* size or SHA-256 differs from the listing */
	DOSSIER_VERDICT__MAX,
};

/*
 * Verifies the dossier in the regular file open on fd (not closed).
 * pinned_pk is the bureau's published key; NULL trusts the key inside
 * the dossier, which proves only that the archive is intact, not who
 * made it.
 *
 * report is reset and receives one line of UTF-8 without a newline: on
 * DOSSIER_OK "<case_no> — <n> files, <bytes> bytes, key ed25519:<16 hex>"
 * (with ", key not pinned" when pinned_pk is NULL); otherwise the reason,
 * naming the file concerned. The first problem found decides.
 */
enum dossier_verdict
dossier_verify(int fd, const uint8_t *pinned_pk, struct buf *report);
/* The same over an archive in memory (tests, fuzzing). */
enum dossier_verdict dossier_verify_mem(const void *, size_t,
    const uint8_t *pinned_pk, struct buf *report);

#endif
